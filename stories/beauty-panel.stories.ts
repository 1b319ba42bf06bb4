import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { LocalBeautyManager, ProcessingStage, stageHost } from '../src/core/effects/index.js';
import { defineBeautyPanel, type LiveBeautyPanel } from '../src/internal/beauty-panel.js';

defineBeautyPanel();

const meta: Meta = {
  title: 'Parts/beauty panel',
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'The Beauty panel of `<live-room>` (an internal part, `live-beauty-panel`), used on its own: give it `.manager` (a `BeautyManager`) and `.stream` to preview. ' +
          'Here the manager is the kit’s own (WebGL, or the CPU renderer where WebGL is software) on a `ProcessingStage` over the camera, as an engine would set it up. ' +
          'Every slider at 0 removes the stage: the preview is the camera’s own track again.',
      },
    },
  },
};
export default meta;
type Story = StoryObj;

/** Opens the camera, puts a processing stage on it, and gives the panel a manager bound to the stage. */
function withCamera(lang: string) {
  const panel = document.createElement('live-beauty-panel') as LiveBeautyPanel;
  panel.lang = lang;
  panel.mirror = true;
  const stage = new ProcessingStage((error) => console.warn(error));
  panel.manager = new LocalBeautyManager(stageHost(stage));
  void navigator.mediaDevices
    ?.getUserMedia({ video: { width: 640, height: 480 }, audio: false })
    .then(async (camera) => {
      panel.stream = await stage.setInput(camera);
    })
    .catch((error: unknown) => console.warn('No camera for the beauty preview:', error));
  return html`<div style="max-width: 360px">${panel}</div>`;
}

/** On its own, with a live preview of the camera (allow the camera when asked). */
export const Standalone: Story = { render: () => withCamera('en') };

/** 中文界面。 */
export const Chinese: Story = { render: () => withCamera('zh-CN') };

/** As in `<live-room>`: a "Beauty" button that opens the panel as a popover (Escape closes it). */
export const Toggle: Story = {
  render: () => {
    const stage = new ProcessingStage();
    const manager = new LocalBeautyManager(stageHost(stage));
    return html`<div style="padding: 560px 12px 12px; display: flex; justify-content: flex-end; max-width: 420px; background: #0e0f13; color: #f3f4f6">
      <live-beauty-panel toggle .manager=${manager}></live-beauty-panel>
    </div>`;
  },
};

/** Without a manager (an engine with no beauty support): says so. */
export const Unavailable: Story = { render: () => html`<live-beauty-panel></live-beauty-panel>` };
