import type { StorybookConfig } from '@storybook/web-components-vite';

// Written by hand (no `storybook init`). The builder also loads ../vite.config.ts but drops its
// `build` section, so the library build settings do not leak in here.
const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  core: {
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
  },
};

export default config;
