/**
 * The local cloud: logged-in users, media rooms and chat groups, and the dispatch of every
 * request op. Handlers are synchronous, so requests never interleave. A connection that drops
 * without `logout` keeps its user's rooms for a grace period (away-users.ts); a login within
 * it resumes them silently.
 */
import { ErrorCode, LiveError } from '../src/core/errors.js';
import type { Op, RequestArgs, RequestResult } from '../src/core/protocol/local-wire.js';
import { groupIdForRoom } from '../src/core/validation.js';
import type { ContentFilter } from './content-filter.js';
import { AwayUsers, DEFAULT_GRACE_MS } from './away-users.js';
import { newConnectionCounters, resolveConnectionLimits, type ConnectionCounters, type ConnectionLimits } from './connection-limits.js';
import { parseFrame, validateArgs } from './frame-validation.js';
import { GroupModeration } from './group-moderation.js';
import type { GroupTrafficStats } from './group-traffic.js';
import { Groups } from './groups.js';
import type { PresenceOptions } from './presence-batch.js';
import { MediaRooms } from './media-rooms.js';
import { CloseCode, Session } from './session.js';
import { authenticateUserSig } from './usersig.js';

export interface CloudOptions {
  sdkAppId: number;
  secret: string;
  log: (line: string) => void;
  contentFilter?: ContentFilter | undefined;
  /** Frequency control: deliveries per group per one-second sliding window. Default 40. */
  groupMessagesPerSecond?: number | undefined;
  /** How long a dropped connection keeps its user's rooms (ms; 0: none). Default 90 000. */
  graceMs?: number | undefined;
  /** When a group's joins and quits are batched (presence-batch.ts). */
  presence?: PresenceOptions | undefined;
  /** Per-connection limits (connection-limits.ts); unset fields take the defaults. */
  connectionLimits?: Partial<ConnectionLimits> | undefined;
}

/** The `login` result. `resumed`: the user's rooms were kept from a dropped connection. */
export type LoginResult = RequestResult<'login'>;

export interface CloudStats {
  connections: number;
  /** Users logged in on an open connection. */
  users: number;
  /** Users whose connection dropped and whose rooms are kept for the grace period. */
  usersAway: number;
  /** Refused, malformed and dropped frames, and connections closed for abuse or slowness. */
  connectionCounters: ConnectionCounters;
  mediaRooms: number;
  groups: number;
  /** Per group: messages delivered, queued and dropped by priority, and the like total. */
  groupTraffic: Record<string, GroupTrafficStats>;
}

export type FrameOutcome = 'handled' | 'malformed';

type Handlers = { [O in Op]: (session: Session, args: RequestArgs<O>) => RequestResult<O> };

/** Longest delay setTimeout accepts. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** INVALID_ARGUMENT unless `value` is a delay setTimeout can take. */
function checkMs(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_TIMER_MS) {
    throw new LiveError(ErrorCode.INVALID_ARGUMENT, `${name} must be a number of milliseconds from 0 to ${MAX_TIMER_MS}; got ${String(value)}.`);
  }
}

/** INVALID_ARGUMENT unless `value` is unset or a whole number, 1 or more. */
function checkCount(name: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 1)) {
    throw new LiveError(ErrorCode.INVALID_ARGUMENT, `${name} must be a whole number, 1 or more; got ${String(value)}.`);
  }
}

export class LocalCloud {
  readonly sessions = new Set<Session>();
  readonly users = new Map<string, Session>();
  readonly mediaRooms: MediaRooms;
  readonly groups: Groups;
  readonly connectionLimits: ConnectionLimits;
  readonly counters: ConnectionCounters = newConnectionCounters();
  private readonly moderation: GroupModeration;
  private readonly away: AwayUsers;
  private shuttingDown = false;

  constructor(private readonly opts: CloudOptions) {
    const graceMs = opts.graceMs ?? DEFAULT_GRACE_MS;
    checkMs('graceMs', graceMs);
    checkCount('groupMessagesPerSecond', opts.groupMessagesPerSecond);
    checkCount('presence.batchFrom', opts.presence?.batchFrom);
    if (opts.presence?.windowMs !== undefined) checkMs('presence.windowMs', opts.presence.windowMs);
    this.connectionLimits = resolveConnectionLimits(opts.connectionLimits);
    this.away = new AwayUsers(graceMs, (session) => this.expireAway(session), opts.log);
    this.groups = new Groups({ log: opts.log, contentFilter: opts.contentFilter, messagesPerSecond: opts.groupMessagesPerSecond, presence: opts.presence });
    this.moderation = new GroupModeration(this.groups, opts.log);
    this.mediaRooms = new MediaRooms(opts.log, (room, userId) => this.groups.isModerator(groupIdForRoom(room), userId));
  }

  stats(): CloudStats {
    return {
      connections: this.sessions.size,
      users: this.users.size,
      usersAway: this.away.size,
      connectionCounters: { ...this.counters, pushesDropped: { ...this.counters.pushesDropped } },
      mediaRooms: this.mediaRooms.size,
      groups: this.groups.size,
      groupTraffic: this.groups.trafficStats(),
    };
  }

  /** The server is closing: stop the groups' and grace timers (queued messages are not delivered). */
  close(): void {
    this.shuttingDown = true;
    this.groups.close();
    this.away.clear();
  }

  opened(session: Session): void {
    this.sessions.add(session);
  }

  /**
   * The socket closed. After `logout` or a kick there is nothing left to do; a logged-in user
   * whose connection dropped keeps their rooms for the grace period (or, without one, leaves
   * everything at once with the usual pushes to the others).
   */
  closed(session: Session): void {
    this.sessions.delete(session);
    const userId = session.userId;
    if (userId && this.away.enabled && !this.shuttingDown && this.users.get(userId) === session) {
      this.users.delete(userId);
      clearTimeout(session.expiryTimer);
      session.expiryTimer = undefined;
      this.away.hold(session);
      this.opts.log(`${userId} disconnected (connection ${session.id}); rooms kept for the grace period`);
      return;
    }
    this.signOut(session);
  }

  /** The grace period of a dropped connection ran out: the usual leave. */
  private expireAway(session: Session): void {
    try {
      this.signOut(session);
    } catch (err) {
      this.opts.log(`error removing ${session.userId ?? `connection ${session.id}`} after the grace period: ${err instanceof Error ? err.stack : String(err)}`);
    }
  }

  binaryFrame(session: Session): FrameOutcome {
    session.replyError(-1, { code: ErrorCode.MALFORMED_MESSAGE, message: 'Binary frames are not supported; send JSON text frames.' });
    return 'malformed';
  }

  /** Answers a frame over the connection's rate with RATE_LIMITED, without processing it. */
  refuseFrame(session: Session, text: string | null): void {
    const id = text === null ? -1 : parseFrame(text).id;
    session.replyError(id, { code: ErrorCode.RATE_LIMITED, message: 'Too many requests on this connection; slow down.' });
  }

  /** Handles one text frame. Never throws. `malformed`: it was not a JSON request at all. */
  textFrame(session: Session, text: string): FrameOutcome {
    let id = -1;
    try {
      const frame = parseFrame(text);
      id = frame.id;
      if (!frame.ok) {
        session.replyError(id, frame.error.toJSON());
        return frame.error.code === ErrorCode.MALFORMED_MESSAGE ? 'malformed' : 'handled';
      }
      if (frame.op !== 'login' && !session.userId) {
        throw new LiveError(ErrorCode.NOT_LOGGED_IN, `Log in before “${frame.op}”.`);
      }
      const result = this.run(session, frame.op, frame.raw);
      session.replyOk(id, result);
    } catch (err) {
      if (err instanceof LiveError) {
        session.replyError(id, err.toJSON());
      } else {
        this.opts.log(`error handling a frame from ${session.userId ?? `connection ${session.id}`}: ${err instanceof Error ? err.stack : String(err)}`);
        session.replyError(id, { code: ErrorCode.SERVER_ERROR, message: 'Internal server error.' });
      }
    }
    return 'handled';
  }

  private run<O extends Op>(session: Session, op: O, raw: Record<string, unknown>): RequestResult<O> {
    const args = validateArgs(op, raw);
    const handler = this.handlers[op] as (session: Session, args: RequestArgs<O>) => RequestResult<O>;
    return handler(session, args);
  }

  private readonly handlers: Handlers = {
    login: (session, args) => this.login(session, args),
    logout: (session) => {
      this.signOut(session);
      return {};
    },
    'set-profile': (session, args) => {
      if (args.nickname !== undefined) session.profile.nickname = args.nickname || session.userId!;
      if (args.avatar !== undefined) session.profile.avatar = args.avatar;
      this.mediaRooms.profileChanged(session);
      return { user: { ...session.profile } };
    },
    'media-join': (session, args) => {
      this.groups.assertNotBanned(groupIdForRoom(args.room), session.userId!);
      return this.mediaRooms.join(session, args);
    },
    'media-leave': (session) => {
      this.mediaRooms.leave(session);
      return {};
    },
    'media-switch-role': (session, args) => this.mediaRooms.switchRole(session, args),
    'media-publish': (session, args) => this.mediaRooms.publish(session, args),
    'media-unpublish': (session) => this.mediaRooms.unpublish(session),
    signal: (session, args) => this.mediaRooms.signal(session, args),
    'group-create': (session, args) => this.groups.create(session, args),
    'group-dismiss': (session, args) => this.groups.dismiss(session, args),
    'group-join': (session, args) => this.groups.join(session, args),
    'group-quit': (session, args) => this.groups.quit(session, args),
    'group-send': (session, args) => this.groups.send(session, args),
    'group-members': (session, args) => this.groups.members(session, args),
    'group-info': (_session, args) => this.groups.info(args),
    'group-set-attributes': (session, args) => this.groups.setAttributes(session, args),
    'c2c-send': (session, args) => {
      const target = this.users.get(args.to);
      if (!target) throw new LiveError(ErrorCode.USER_NOT_FOUND, `User “${args.to}” is not online.`);
      const time = Date.now();
      target.push('c2c-message', { from: { ...session.profile }, data: args.data, time });
      return { time };
    },
    'media-grant': (session, args) => this.mediaRooms.grant(session, args),
    'pk-link': (session, args) => this.mediaRooms.pkLink(session, args),
    'pk-unlink': (session) => this.mediaRooms.pkUnlink(session),
    'group-mute-member': (session, args) => this.moderation.muteMember(session, args),
    'group-mute-all': (session, args) => this.moderation.muteAll(session, args),
    'group-remove-member': (session, args) => {
      const removed = this.moderation.removeMember(session, args);
      this.mediaRooms.leaveGroupRoom(removed, args.groupId);
      return {};
    },
    'group-set-admin': (session, args) => this.moderation.setAdmin(session, args),
  };

  private login(session: Session, args: RequestArgs<'login'>): LoginResult {
    if (session.userId && session.userId !== args.userId) {
      throw new LiveError(ErrorCode.INVALID_STATE, `Already logged in as “${session.userId}” on this connection; log out first.`);
    }
    if (args.sdkAppId !== this.opts.sdkAppId) {
      throw new LiveError(ErrorCode.AUTH_FAILED, `Authentication failed: this server is SDKAppID ${this.opts.sdkAppId}, not ${args.sdkAppId}.`);
    }
    const expiresAt = authenticateUserSig(args.userSig, args.userId, { sdkAppId: this.opts.sdkAppId, secret: this.opts.secret });
    const userId = args.userId;

    const older = this.users.get(userId);
    if (older && older !== session) this.kickOffline(older, 'duplicate-login');

    const away = session.userId === userId ? undefined : this.away.take(userId);
    if (away) {
      this.resume(away, session);
    } else if (session.userId !== userId) {
      session.userId = userId;
      session.profile = { userId, nickname: userId, avatar: '' };
      this.opts.log(`${userId} logged in (connection ${session.id})`);
    }
    if (args.nickname !== undefined) session.profile.nickname = args.nickname || userId;
    if (args.avatar !== undefined) session.profile.avatar = args.avatar;
    this.users.set(userId, session);
    this.scheduleExpiry(session, expiresAt);
    // The others see no exit and no enter; a visible member's update makes subscribers
    // negotiate again with the new connection (its old peer connections may be gone).
    if (away) this.mediaRooms.profileChanged(session);
    return { user: { ...session.profile }, serverTime: Date.now(), resumed: away !== undefined };
  }

  /** A reconnection within the grace period: `to` takes over the rooms and groups of `from`. */
  private resume(from: Session, to: Session): void {
    const userId = from.userId!;
    to.userId = userId;
    to.profile = from.profile;
    this.mediaRooms.transfer(from, to);
    this.groups.transfer(from, to);
    from.userId = null;
    this.opts.log(`${userId} reconnected (connection ${from.id} → ${to.id}): rooms resumed`);
  }

  private scheduleExpiry(session: Session, expiresAt: number): void {
    clearTimeout(session.expiryTimer);
    const delay = expiresAt - Date.now();
    if (delay > MAX_TIMER_MS) return;
    session.expiryTimer = setTimeout(() => this.kickOffline(session, 'usersig-expired'), Math.max(0, delay) + 1000);
    session.expiryTimer.unref?.();
  }

  private kickOffline(session: Session, reason: 'duplicate-login' | 'usersig-expired'): void {
    this.opts.log(`${session.userId} kicked offline (connection ${session.id}): ${reason}`);
    session.push('kicked-offline', { reason });
    this.signOut(session);
    session.close(reason === 'duplicate-login' ? CloseCode.DUPLICATE_LOGIN : CloseCode.USERSIG_EXPIRED, reason);
  }

  /** Leaves the media room and every group, and forgets who the session was. */
  private signOut(session: Session): void {
    clearTimeout(session.expiryTimer);
    session.expiryTimer = undefined;
    const userId = session.userId;
    if (!userId) return;
    this.mediaRooms.leave(session);
    this.groups.quitAll(session);
    if (this.users.get(userId) === session) this.users.delete(userId);
    session.userId = null;
    this.opts.log(`${userId} signed out (connection ${session.id})`);
  }
}
