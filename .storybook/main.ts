import type { StorybookConfig } from '@storybook/web-components-vite';

// Written by hand (no `storybook init`). The builder also loads ../vite.config.ts but drops its
// `build` section, so the library build settings do not leak in here.
const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  // addon-a11y: the Accessibility panel runs axe on every story (test/theming/a11y.test.ts runs
  // the same stories through axe in `npm test`).
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  core: {
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
  },
};

export default config;
