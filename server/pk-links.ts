/**
 * Cross-room PK links between the owners of two live rooms. Each owner states one intent (the
 * room and owner they want to link with; a new intent replaces the old). When two intents point
 * at each other the link is active: each anchor becomes a guest publisher in the other's room.
 */
import type { MediaMember, MediaRoom } from './media-room.js';

/** One end of a link: an anchor and their own room. */
export interface PkSide {
  room: MediaRoom;
  member: MediaMember;
}

interface PkIntent {
  roomKey: string;
  userId: string;
}

export class PkLinks {
  private readonly intents = new Map<string, PkIntent>();
  /** userId → the other end of their active link (both directions are stored). */
  private readonly partners = new Map<string, PkSide>();

  constructor(private readonly log: (line: string) => void = () => {}) {}

  /** Records the intent of `own` to link with `target`; returns whether the link is now active. */
  link(own: PkSide, target: PkSide): boolean {
    const callerId = own.member.userId;
    const targetId = target.member.userId;
    if (this.partners.get(callerId)?.member.userId === targetId) return true;
    this.end(callerId);
    this.intents.set(callerId, { roomKey: target.room.key, userId: targetId });
    const back = this.intents.get(targetId);
    if (back?.roomKey !== own.room.key || back.userId !== callerId) return false;
    this.end(targetId);
    this.activate(own, target);
    return true;
  }

  /** Ends `userId`'s link, active or pending. */
  unlink(userId: string): void {
    this.intents.delete(userId);
    this.end(userId);
  }

  /** A room closed: intents pointing at it can never become active. */
  roomClosed(room: MediaRoom): void {
    for (const [userId, intent] of this.intents) if (intent.roomKey === room.key) this.intents.delete(userId);
  }

  private activate(a: PkSide, b: PkSide): void {
    this.partners.set(a.member.userId, b);
    this.partners.set(b.member.userId, a);
    addGuest(b.room, a.member);
    addGuest(a.room, b.member);
    a.member.session.push('media-pk', { state: 'linked', room: b.room.room, userId: b.member.userId });
    b.member.session.push('media-pk', { state: 'linked', room: a.room.room, userId: a.member.userId });
    this.log(`PK linked: ${a.member.userId} (${a.room.key}) ↔ ${b.member.userId} (${b.room.key})`);
  }

  /** Ends the active link of `userId`, if any, and clears both intents. */
  private end(userId: string): void {
    const other = this.partners.get(userId);
    const self = other && this.partners.get(other.member.userId);
    if (!other || !self) return;
    this.partners.delete(userId);
    this.partners.delete(other.member.userId);
    this.intents.delete(userId);
    this.intents.delete(other.member.userId);
    removeGuest(other.room, self.member);
    removeGuest(self.room, other.member);
    self.member.session.push('media-pk', { state: 'unlinked', room: other.room.room, userId: other.member.userId });
    other.member.session.push('media-pk', { state: 'unlinked', room: self.room.room, userId: self.member.userId });
    this.log(`PK unlinked: ${self.member.userId} (${self.room.key}) ↔ ${other.member.userId} (${other.room.key})`);
  }
}

function addGuest(room: MediaRoom, guest: MediaMember): void {
  room.guests.set(guest.userId, guest);
  guest.guestIn = room;
  room.pushToAll('media-user-enter', { user: room.mediaUser(guest) });
}

function removeGuest(room: MediaRoom, guest: MediaMember): void {
  if (room.guests.get(guest.userId) !== guest) return;
  room.guests.delete(guest.userId);
  guest.guestIn = null;
  room.pushToAll('media-user-exit', { userId: guest.userId });
}
