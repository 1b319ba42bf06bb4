/**
 * The seats of a voice chat room: seat 0 is the host's, seats 1…N are taken by request (the
 * co-anchor queue) or by the host's invitation. The host (or an admin) keeps the seat map in the
 * room attribute `seats`, so everyone — a newcomer too — sees who sits where, which seats are
 * locked and which are muted. Speaking on a seat is the server's anchor permission (granted by
 * the co-anchor flow), so a seat map edited by anyone else changes nothing that matters.
 */
import { ErrorCode, LiveError, toLiveError } from '../errors.js';
import type { RoomKernel } from './live-room-types.js';

export interface VoiceSeat {
  index: number;
  userId?: string;
  locked: boolean;
  muted: boolean;
}

export const DEFAULT_VOICE_SEATS = 8;
const MAX_SEATS = 20;

export function emptySeats(count: number): VoiceSeat[] {
  return Array.from({ length: count + 1 }, (_, index) => ({ index, locked: false, muted: false }));
}

/** Reads the `seats` attribute; anything malformed gives `undefined` (the seats stay as they were). */
export function parseSeats(raw: string | undefined): VoiceSeat[] | undefined {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as unknown;
    if (!Array.isArray(value) || value.length < 2 || value.length > MAX_SEATS + 1) return undefined;
    return value.map((s: unknown, index) => {
      const seat = (s && typeof s === 'object' ? s : {}) as { u?: unknown; l?: unknown; m?: unknown };
      return { index, userId: typeof seat.u === 'string' && /^[\w-]{1,32}$/.test(seat.u) ? seat.u : undefined, locked: seat.l === 1, muted: seat.m === 1 };
    });
  } catch {
    return undefined;
  }
}

function serialise(seats: readonly VoiceSeat[]): string {
  return JSON.stringify(seats.map((s) => ({ ...(s.userId ? { u: s.userId } : {}), ...(s.locked ? { l: 1 } : {}), ...(s.muted ? { m: 1 } : {}) })));
}

export class SeatFlow {
  #kernel: RoomKernel;
  /** Host side: who was accepted for which seat, until they come on stage. */
  #pending = new Map<string, number>();
  #writing: Promise<unknown> = Promise.resolve();

  constructor(kernel: RoomKernel) {
    this.#kernel = kernel;
  }

  #seats(): readonly VoiceSeat[] {
    return this.#kernel.getState().seats;
  }

  #needHost(): void {
    const s = this.#kernel.getState();
    if (s.phase !== 'in-room') throw new LiveError(ErrorCode.NOT_IN_ROOM);
    if (s.scene !== 'voice') throw new LiveError(ErrorCode.INVALID_STATE, 'Seats belong to a voice chat room.');
    if (!this.#kernel.canModerate()) throw new LiveError(ErrorCode.NOT_ALLOWED, 'Only the host or an admin can arrange the seats.');
  }

  #index(index: number): number {
    if (!Number.isInteger(index) || index < 1 || index >= this.#seats().length) {
      throw new LiveError(ErrorCode.INVALID_ARGUMENT, `There is no seat ${index}; seats are 1–${this.#seats().length - 1}.`);
    }
    return index;
  }

  /** The host writes a new seat map (serialised: one write at a time, in order). */
  #write(change: (seats: VoiceSeat[]) => void): Promise<void> {
    const seats = this.#seats().map((s) => ({ ...s }));
    change(seats);
    const owner = this.#kernel.getState().ownerId;
    if (owner) seats[0].userId = owner;
    this.#kernel.patch({ seats });
    const groupId = this.#kernel.groupId();
    const write = this.#writing.then(() => (groupId ? this.#kernel.call(this.#kernel.engines.chat.setGroupAttributes(groupId, { seats: serialise(seats) }), 'updating the seats') : undefined));
    this.#writing = write.catch(() => undefined);
    return write.then(() => undefined);
  }

  /** The host opens the room's seats (on creating a voice room). */
  initialise(count: number): Promise<void> {
    if (!Number.isInteger(count) || count < 1 || count > MAX_SEATS) throw new LiveError(ErrorCode.INVALID_ARGUMENT, `A voice room has 1–${MAX_SEATS} seats.`);
    this.#kernel.patch({ seats: emptySeats(count) });
    return this.#write(() => undefined);
  }

  /** Which seat a request may have: the one asked for if free and unlocked, else the first free one. */
  seatFor(userId: string, wanted?: number): number {
    const seats = this.#seats();
    const taken = (s: VoiceSeat) => !!s.userId || [...this.#pending.values()].includes(s.index);
    if (wanted !== undefined) {
      const seat = seats[this.#index(wanted)];
      if (seat.locked) throw new LiveError(ErrorCode.NOT_ALLOWED, `Seat ${wanted} is locked.`);
      if (taken(seat) && seat.userId !== userId) throw new LiveError(ErrorCode.SEATS_FULL, `Seat ${wanted} is taken.`);
      return wanted;
    }
    const free = seats.find((s) => s.index > 0 && !s.locked && !taken(s));
    if (!free) throw new LiveError(ErrorCode.SEATS_FULL, 'Every seat is taken or locked.');
    return free.index;
  }

  /** Host: reserve a seat for an accepted request or an invitation. */
  reserve(userId: string, index: number): void {
    this.#pending.set(userId, index);
  }

  release(userId: string): void {
    this.#pending.delete(userId);
  }

  /** Host: someone came on stage: seat them (the reserved seat, else the first free one). */
  onStageEnter(userId: string): void {
    if (!this.#kernel.canModerate() || this.#kernel.getState().scene !== 'voice') return;
    if (this.#seats().some((s) => s.userId === userId)) return;
    let index = this.#pending.get(userId);
    this.#pending.delete(userId);
    if (index === undefined) {
      try {
        index = this.seatFor(userId);
      } catch {
        return;
      }
    }
    const seat = index;
    void this.#write((seats) => {
      seats[seat].userId = userId;
    }).catch((error: unknown) => this.#kernel.report(toLiveError(error)));
  }

  /** Host: someone left the stage: their seat is free again (its lock and mute stay). */
  onStageExit(userId: string): void {
    if (!this.#kernel.canModerate() || !this.#seats().some((s) => s.index > 0 && s.userId === userId)) return;
    void this.#write((seats) => {
      for (const s of seats) if (s.index > 0 && s.userId === userId) s.userId = undefined;
    }).catch((error: unknown) => this.#kernel.report(toLiveError(error)));
  }

  lock(index: number, locked: boolean): Promise<void> {
    this.#needHost();
    const i = this.#index(index);
    return this.#write((seats) => {
      seats[i].locked = locked;
    });
  }

  mute(index: number, muted: boolean): Promise<void> {
    this.#needHost();
    const i = this.#index(index);
    return this.#write((seats) => {
      seats[i].muted = muted;
    });
  }

  /** Host: moves whoever sits on `from` to the free seat `to`. */
  move(from: number, to: number): Promise<void> {
    this.#needHost();
    const a = this.#index(from);
    const b = this.#index(to);
    const seats = this.#seats();
    if (!seats[a].userId) throw new LiveError(ErrorCode.INVALID_ARGUMENT, `Seat ${from} is empty.`);
    if (seats[b].userId || seats[b].locked) throw new LiveError(ErrorCode.INVALID_ARGUMENT, `Seat ${to} is not free.`);
    return this.#write((next) => {
      next[b].userId = next[a].userId;
      next[b].muted = next[a].muted;
      next[a].userId = undefined;
      next[a].muted = false;
    });
  }

  /** Host: the user on this seat, if any (for clearing a seat through the co-anchor flow). */
  occupant(index: number): string | undefined {
    return this.#seats()[this.#index(index)].userId;
  }

  reset(): void {
    this.#pending.clear();
  }
}
