/**
 * Options of the Tencent engines. SDK-free on purpose: `Session` and the kit's public types
 * refer to these, and must not need the SDKs (optional peer dependencies) to type-check.
 */
import type { RoomId } from '../../validation.js';
import type { Credentials, Role } from '../types.js';

export interface TencentEngineOptions {
  /** SDKAppID of the Tencent Cloud application (else the one in the credentials). */
  sdkAppId?: number;
  /** Timeout of every SDK call that talks to the cloud (ms). Default 10 000. */
  timeoutMs?: number;
  /**
   * Timeout of opening the camera or microphone (ms): longer, since the browser may be asking
   * the user for permission. Default 30 000.
   */
  deviceTimeoutMs?: number;
  /**
   * TRTC "advanced permission control": returns the `privateMapKey` for entering `room` (or
   * switching to anchor) as `userId`. It must come from your server, which signs it with the
   * application's secret key (see README › Tencent Cloud). Not needed when the application
   * does not enable advanced permission control.
   */
  privateMapKey?: (request: { room: RoomId; userId: string; role: Role }) => Promise<string>;
  /**
   * Co-anchoring: records on your server that `userId` may (or may no longer) go on stage in
   * `room`, e.g. so that `privateMapKey` hands out an anchor key, or so that your server removes
   * a revoked co-anchor with TRTC's server API `RemoveUser`. The kit's co-anchor messages still
   * travel over chat. Without it, `grantAnchor` fails with ENGINE_UNAVAILABLE in words unless
   * `openStage` is set.
   */
  grantAnchor?: (request: { room: RoomId; userId: string; allow: boolean }) => Promise<void>;
  /**
   * Rooms without advanced permission control: any member may switch to anchor, so a grant is
   * only the kit's co-anchor messages (clients are trusted). Default false.
   */
  openStage?: boolean;
  /** After `KICKED_OUT: userSigExpired`: new credentials to log in again with (one attempt). */
  refreshCredentials?: (userId: string) => Promise<Credentials>;
  /** How often at most the online member count is read (ms, ≥ 5000). Default 5000. */
  onlineCountIntervalMs?: number;
  /** Chat SDK log level (0 all … 4 none). Default 1 (release). */
  chatLogLevel?: number;
}
