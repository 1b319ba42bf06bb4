import { createRequire } from 'node:module';
import type { StorybookConfig } from '@storybook/web-components-vite';

// Written by hand (no `storybook init`). The builder also loads ../vite.config.ts but drops its
// `build` section, so the library build settings do not leak in here.

// Autodocs (tags: ['autodocs'] in preview.ts) needs @storybook/addon-docs since Storybook 9: without
// it stories build and render but no "Docs" pages are generated. Enabled as soon as it is installed
// (`npm i -D @storybook/addon-docs@^10.6`).
const hasAddonDocs = (() => {
  try {
    createRequire(import.meta.url).resolve('@storybook/addon-docs/package.json');
    return true;
  } catch {
    console.warn('[storybook] @storybook/addon-docs is not installed: no autodocs pages.');
    return false;
  }
})();

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  addons: hasAddonDocs ? ['@storybook/addon-docs'] : [],
  core: {
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
  },
};

export default config;
