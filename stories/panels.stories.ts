import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/index.js';

const meta: Meta = { title: 'Elements/panels', tags: ['autodocs'] };
export default meta;
type Story = StoryObj;

const gifts = [
  { id: 'rose', name: 'Rose', price: 1 },
  { id: 'rocket', name: 'Rocket', price: 500 },
];

/** `<gift-panel>` with a catalog given as data. */
export const GiftPanel: Story = { render: () => html`<gift-panel .gifts=${gifts}></gift-panel>` };

/** `<coanchor-queue>` outside a room: nobody on stage. */
export const CoanchorQueue: Story = { render: () => html`<coanchor-queue></coanchor-queue>` };

/** `<call-panel>` idle. */
export const CallPanel: Story = { render: () => html`<call-panel></call-panel>` };

/** `<barrage-layer>` outside a room: the input is disabled until the viewer is in a room. */
export const BarrageLayer: Story = { render: () => html`<div style="position:relative;height:200px;background:#222"><barrage-layer></barrage-layer></div>` };
