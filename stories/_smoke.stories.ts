// Toolchain smoke story: proves `storybook build` works. Delete once real stories exist.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

const meta: Meta = {
  title: 'Toolchain/Smoke',
  render: () => html`<div data-testid="smoke">Storybook is wired up.</div>`,
};
export default meta;

export const Default: StoryObj = {};
