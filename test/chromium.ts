import { existsSync } from 'node:fs';

/** Debian's Chromium for the Playwright-driven tests and benches: the binary itself when it is there, else the wrapper script. */
export const CHROMIUM_PATH = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p)) ?? '/usr/bin/chromium';
