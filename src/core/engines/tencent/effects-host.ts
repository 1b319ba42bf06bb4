/**
 * What the Tencent effects managers (`beauty.ts`, `audio-effects.ts`) and the media engine tell
 * each other. The managers drive TRTC plugins on the engine's client; the engine tells them when
 * the camera or microphone opens and closes, when a room is entered or left, and when its client
 * goes away, so that a plugin runs exactly while it has something to work on.
 */
import { EventSource } from '../../emitter.js';
import { ErrorCode, LiveError, toLiveError } from '../../errors.js';
import type { Credentials } from '../types.js';
import type { Serial } from '../../serial.js';
import type { OnDemandPlugin, TrtcClient } from './sdk.js';

/** The engine as the managers see it (`TencentMediaEngine` provides it). */
export interface TencentEffectsHost {
  /** The SDK client, loading the SDK first if needed; rejects once the engine is destroyed. */
  client(): Promise<TrtcClient>;
  /** Whether TRTC's local video (the camera) is started now. */
  readonly cameraOn: boolean;
  /** Whether TRTC's local audio (the microphone) is started now. */
  readonly microphoneOn: boolean;
  /** The credentials of the room entered last (VoiceChanger authenticates with them), if any. */
  readonly credentials: Credentials | undefined;
  /** Fetches a plugin once and registers it with `client` (`trtc.use`). */
  usePlugin(client: TrtcClient, name: OnDemandPlugin): Promise<void>;
  /** An SDK call under the engine's timeout; failures become LiveErrors in words naming `what`. */
  call<T>(promise: Promise<T>, what: string): Promise<T>;
  /** A manager was disposed: the engine stops telling it anything. */
  release(hooks: TencentEffectsHooks): void;
}

/** What the engine tells a manager. Every hook settles (failures become `error` events). */
export interface TencentEffectsHooks {
  /** The camera was started (also when a stuck client was replaced and the camera reopened). */
  cameraStarted?(): Promise<void>;
  /** The camera is about to be stopped. */
  cameraStopping?(): Promise<void>;
  /** The microphone was started. */
  microphoneStarted?(): Promise<void>;
  /** The microphone is about to be stopped. */
  microphoneStopping?(): Promise<void>;
  /** A room was entered (credentials are known). */
  joined?(): Promise<void>;
  /** The room was left (before `exitRoom`). */
  leaving?(): Promise<void>;
  /** The client is gone (retired after a hung entry, or the engine destroyed): its plugins with it. */
  clientLost(): void;
  /** The capture volume to open the microphone with (`startLocalAudio`'s `captureVolume`). */
  readonly captureVolume?: number;
}

/** The events every manager has. */
type ManagerEvents = { active: { active: boolean }; error: { error: LiveError } };

/** What both managers share: the host, `active` announced on change, hooks settled in turn, and the end of their life. */
export abstract class TencentEffectsManager<E extends ManagerEvents> extends EventSource<E> implements TencentEffectsHooks {
  protected readonly host: TencentEffectsHost;
  #announced = false;
  #disposed = false;

  constructor(host: TencentEffectsHost, readonly name: string) {
    super();
    this.host = host;
  }

  /** Whether a plugin processes the camera or the published audio now. */
  abstract get active(): boolean;

  abstract clientLost(): void;

  protected get disposed(): boolean {
    return this.#disposed;
  }

  /** Throws INVALID_STATE after `dispose()`. */
  protected usable(): void {
    if (this.#disposed) throw new LiveError(ErrorCode.INVALID_STATE, `This ${this.name} was disposed.`);
  }

  /** Emits `active` if it changed since it was last said. */
  protected announce(): void {
    const active = this.active;
    if (active === this.#announced || this.#disposed) return;
    this.#announced = active;
    (this as EventSource<ManagerEvents>).emit('active', { active });
  }

  /** An engine hook's work, in turn on `serial`: a failure becomes an `error` event; then `active` is announced. */
  protected settle(serial: Serial, step: () => Promise<void>): Promise<void> {
    return serial.run(async () => {
      try {
        await step();
      } catch (error) {
        (this as EventSource<ManagerEvents>).emit('error', { error: toLiveError(error) });
      }
      this.announce();
    });
  }

  /** Marks the manager disposed and lets the engine forget it; false if it already was. */
  protected retire(): boolean {
    if (this.#disposed) return false;
    this.#disposed = true;
    this.host.release(this);
    return true;
  }
}

/** A feature the Tencent engine's plugins do not have: ENGINE_UNAVAILABLE, in words. */
export function unsupported(words: string): LiveError {
  return new LiveError(ErrorCode.ENGINE_UNAVAILABLE, `The Tencent engine does not support ${words}.`);
}
