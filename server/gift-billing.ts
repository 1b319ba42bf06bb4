/**
 * Demo gift billing: what the application's own server does in production (seed 004: gifts are
 * billed by the business server, then announced over chat). A catalog, a balance per user kept
 * in memory for this server run, and a charge that verifies the caller's UserSig the same way
 * `login` does. Every refusal is a LiveError; gift-api.ts turns them into HTTP answers.
 */
import { ErrorCode, LiveError } from '../src/core/errors.js';
import type { CatalogGift, GiftEffect } from '../src/core/billing/local-billing.js';
import { byteLength } from '../src/core/validation.js';
import { plural } from './group.js';
import { authenticateUserSig } from './usersig.js';

export type { CatalogGift, GiftEffect };

/** The effects a catalog may name (the compiler keeps this in step with GiftEffect). */
const GIFT_EFFECTS = Object.keys({ none: true, float: true, burst: true, fullscreen: true } satisfies Record<GiftEffect, true>) as GiftEffect[];

export const DEFAULT_STARTING_BALANCE = 10000;
/** Bounds of one charge; `count` matches the `gift` envelope (1–9999). */
export const GiftLimits = {
  idBytes: 64,
  nameBytes: 64,
  iconBytes: 512,
  maxPrice: 1_000_000,
  maxCount: 9999,
} as const;

/** Bigger gifts, bigger effects. */
export const DEFAULT_GIFT_CATALOG: readonly CatalogGift[] = [
  { id: 'heart', name: 'Heart', price: 1, icon: '❤️', effect: 'none' },
  { id: 'rose', name: 'Rose', price: 5, icon: '🌹', effect: 'float' },
  { id: 'like-star', name: 'Like star', price: 10, icon: '🌟', effect: 'float' },
  { id: 'cake', name: 'Cake', price: 66, icon: '🎂', effect: 'burst' },
  { id: 'crown', name: 'Crown', price: 188, icon: '👑', effect: 'burst' },
  { id: 'sports-car', name: 'Sports car', price: 520, icon: '🏎️', effect: 'fullscreen' },
  { id: 'rocket', name: 'Rocket', price: 1000, icon: '🚀', effect: 'fullscreen' },
  { id: 'castle', name: 'Castle', price: 1314, icon: '🏰', effect: 'fullscreen' },
];

export interface GiftBillingOptions {
  sdkAppId: number;
  secret: string;
  catalog?: readonly CatalogGift[] | undefined;
  startingBalance?: number | undefined;
  log?: (line: string) => void;
}

export interface Charge {
  userId: string;
  userSig: unknown;
  giftId: string;
  count: number;
}

export class GiftBilling {
  readonly catalog: readonly CatalogGift[];
  readonly startingBalance: number;
  private readonly byId: Map<string, CatalogGift>;
  private readonly balances = new Map<string, number>();
  private readonly log: (line: string) => void;

  /** Throws INVALID_ARGUMENT for a bad catalog or starting balance (a programming error). */
  constructor(private readonly opts: GiftBillingOptions) {
    this.catalog = validCatalog(opts.catalog ?? DEFAULT_GIFT_CATALOG);
    this.byId = new Map(this.catalog.map((g) => [g.id, g]));
    this.startingBalance = opts.startingBalance ?? DEFAULT_STARTING_BALANCE;
    if (!Number.isSafeInteger(this.startingBalance) || this.startingBalance < 0) {
      throw new LiveError(ErrorCode.INVALID_ARGUMENT, `startingBalance must be a whole number of coins, 0 or more; got ${String(opts.startingBalance)}.`);
    }
    this.log = opts.log ?? (() => {});
  }

  /** The caller's balance; AUTH_FAILED / USERSIG_EXPIRED unless the UserSig is `userId`'s. */
  balance(userId: string, userSig: unknown): number {
    this.authenticate(userId, userSig);
    return this.balanceOf(userId);
  }

  /** Charges `price × count`; UNKNOWN_GIFT, INSUFFICIENT_BALANCE, or the auth codes. */
  charge(c: Charge): { balance: number; price: number; total: number } {
    this.authenticate(c.userId, c.userSig);
    const gift = this.byId.get(c.giftId);
    if (!gift) throw new LiveError(ErrorCode.UNKNOWN_GIFT, `There is no gift “${c.giftId}” in the catalog.`);
    const total = gift.price * c.count;
    const balance = this.balanceOf(c.userId);
    if (total > balance) {
      throw new LiveError(ErrorCode.INSUFFICIENT_BALANCE, `Your balance is ${plural(balance, 'coin')}; this costs ${total}.`);
    }
    this.balances.set(c.userId, balance - total);
    this.log(`${c.userId} paid ${total} for ${c.count} × ${gift.id}; balance ${balance - total}`);
    return { balance: balance - total, price: gift.price, total };
  }

  private balanceOf(userId: string): number {
    return this.balances.get(userId) ?? this.startingBalance;
  }

  private authenticate(userId: string, userSig: unknown): void {
    authenticateUserSig(userSig, userId, { sdkAppId: this.opts.sdkAppId, secret: this.opts.secret });
  }
}

function badCatalog(detail: string): LiveError {
  return new LiveError(ErrorCode.INVALID_ARGUMENT, `Invalid giftCatalog: ${detail}.`);
}

function textOk(value: unknown, maxBytes: number): value is string {
  return typeof value === 'string' && value.length > 0 && byteLength(value) <= maxBytes;
}

/** Checks and copies a catalog. */
function validCatalog(catalog: readonly CatalogGift[]): readonly CatalogGift[] {
  if (!Array.isArray(catalog)) throw badCatalog('it must be an array of gifts');
  const seen = new Set<string>();
  return Object.freeze(
    catalog.map((g: CatalogGift, i) => {
      const where = `gift ${i}`;
      if (!g || typeof g !== 'object') throw badCatalog(`${where} is not an object`);
      if (!textOk(g.id, GiftLimits.idBytes)) throw badCatalog(`${where} needs an id of 1–${GiftLimits.idBytes} bytes`);
      if (seen.has(g.id)) throw badCatalog(`the id “${g.id}” appears twice`);
      seen.add(g.id);
      if (!textOk(g.name, GiftLimits.nameBytes)) throw badCatalog(`“${g.id}” needs a name of 1–${GiftLimits.nameBytes} bytes`);
      if (!Number.isInteger(g.price) || g.price < 0 || g.price > GiftLimits.maxPrice) {
        throw badCatalog(`the price of “${g.id}” must be a whole number from 0 to ${GiftLimits.maxPrice}`);
      }
      if (!textOk(g.icon, GiftLimits.iconBytes)) throw badCatalog(`“${g.id}” needs an icon of 1–${GiftLimits.iconBytes} bytes`);
      if (!GIFT_EFFECTS.includes(g.effect)) throw badCatalog(`the effect of “${g.id}” must be one of ${GIFT_EFFECTS.join(', ')}`);
      return Object.freeze({ id: g.id, name: g.name, price: g.price, icon: g.icon, effect: g.effect });
    }),
  );
}
