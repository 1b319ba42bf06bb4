/**
 * Bounds of the local server (in bytes unless said otherwise). A field over its bound is refused
 * with a typed error (TEXT_TOO_LONG, INVALID_ARGUMENT…) and the connection carries on. Above
 * these: a whole frame over MAX_FRAME_BYTES (64 KiB, core/protocol/local-wire.ts) closes the
 * connection with 1009 before it is read; rates, abuse and send buffers per connection are in
 * connection-limits.ts; the grace period of a dropped connection in away-users.ts.
 */
import { Limits } from '../src/core/validation.js';

export const ServerLimits = {
  nicknameBytes: Limits.nicknameBytes,
  avatarBytes: Limits.avatarUrlBytes,
  groupNameBytes: Limits.roomNameBytes,
  coverBytes: 512,
  textBytes: Limits.textMessageBytes,
  customDataBytes: Limits.customMessageBytes,
  attributeKeys: 16,
  attributeKeyBytes: 32,
  attributeValueBytes: 4 * 1024,
  groupIdBytes: 48,
  groupInfoIds: 100,
  membersPageMax: 100,
  sdpBytes: 32 * 1024,
  pcIdBytes: 64,
  candidateBytes: 2 * 1024,
  /** Longest mute or ban: 30 days, in seconds. */
  moderationSeconds: 30 * 24 * 3600,
} as const;

/** Group attributes the kit gives a meaning to, with their own rules. */
export const KnownAttributes = {
  statuses: ['idle', 'live', 'paused', 'ended'] as const,
  noticeBytes: Limits.noticeBytes,
  introBytes: Limits.introBytes,
} as const;
