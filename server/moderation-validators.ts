/** Argument validators of the co-anchoring, PK and group moderation ops. */
import { field, requiredBoolean, requiredGroupId, requiredInteger, requiredRoom, requiredUserId } from './arg-readers.js';
import type { Validators } from './frame-validation.js';
import { ServerLimits } from './server-limits.js';

type ModerationOp =
  | 'media-grant'
  | 'pk-link'
  | 'pk-unlink'
  | 'group-mute-member'
  | 'group-mute-all'
  | 'group-remove-member'
  | 'group-set-admin';

export const moderationValidators: Pick<Validators, ModerationOp> = {
  'media-grant': (raw) => ({ userId: requiredUserId(raw, 'userId'), allow: requiredBoolean(raw, 'allow') }),
  'pk-link': (raw) => ({ room: requiredRoom(raw), userId: requiredUserId(raw, 'userId') }),
  'pk-unlink': () => ({}),
  'group-mute-member': (raw) => ({
    groupId: requiredGroupId(field(raw, 'groupId')),
    userId: requiredUserId(raw, 'userId'),
    seconds: requiredInteger(raw, 'seconds', 0, ServerLimits.moderationSeconds),
  }),
  'group-mute-all': (raw) => ({ groupId: requiredGroupId(field(raw, 'groupId')), mute: requiredBoolean(raw, 'mute') }),
  'group-remove-member': (raw) => ({
    groupId: requiredGroupId(field(raw, 'groupId')),
    userId: requiredUserId(raw, 'userId'),
    banSeconds: requiredInteger(raw, 'banSeconds', 0, ServerLimits.moderationSeconds),
  }),
  'group-set-admin': (raw) => ({
    groupId: requiredGroupId(field(raw, 'groupId')),
    userId: requiredUserId(raw, 'userId'),
    admin: requiredBoolean(raw, 'admin'),
  }),
};
