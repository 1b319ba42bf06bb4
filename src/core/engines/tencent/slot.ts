/**
 * Where `Session` finds the Tencent engines. Nothing here refers to the SDKs: a build that never
 * calls `enableTencentEngine()` (from `./index.ts`, or the side-effect module `./register.ts`)
 * has no trace of `trtc-sdk-v5` or `@tencentcloud/chat` in its output, not even lazy chunks,
 * and needs neither package installed (they are optional peer dependencies).
 */
import type { Engines } from '../types.js';
import type { TencentEngineOptions } from './options.js';

export type TencentEngineFactory = (options: TencentEngineOptions) => Engines;

let factory: TencentEngineFactory | undefined;

/** Installs the factory (called by `enableTencentEngine`); `undefined` uninstalls it (tests). */
export function provideTencentEngines(create: TencentEngineFactory | undefined): void {
  factory = create;
}

/** The installed factory, if the app enabled the Tencent engine. */
export function tencentEngineFactory(): TencentEngineFactory | undefined {
  return factory;
}
