/** On-screen comments (danmaku), framework-free: lanes, overflow policy, filters, settings. */
export * from './filter.js';
export * from './lanes.js';
export * from './scheduler.js';
export * from './settings.js';
