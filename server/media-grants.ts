/**
 * Co-anchor grants in a live room: who besides the owner may become an anchor and publish.
 * Revoking the grant of a current anchor demotes them to audience at once.
 */
import type { MediaRoom } from './media-room.js';

export function setAnchorGrant(room: MediaRoom, userId: string, allow: boolean): void {
  if (userId === room.ownerId) return; // The owner needs no grant and cannot lose the role.
  const target = room.members.get(userId);
  if (allow) {
    room.grants.add(userId);
    if (target?.role === 'audience') target.session.push('media-role-changed', { role: 'anchor', reason: 'granted' });
    return;
  }
  const hadGrant = room.grants.delete(userId);
  if (!target) return;
  if (target.role === 'anchor') {
    Object.assign(target, { role: 'audience', publishing: false, audio: false, video: false });
    target.session.push('media-role-changed', { role: 'audience', reason: 'revoked' });
    room.pushToOthers(userId, 'media-user-exit', { userId });
  } else if (hadGrant) {
    // Granted but not on the mic yet: tell them the invitation is gone.
    target.session.push('media-role-changed', { role: 'audience', reason: 'revoked' });
  }
}
