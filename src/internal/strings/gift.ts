import { defineStrings } from '../i18n.js';

/** <gift-panel>. */
export const giftEn = {
  gpGifts: 'Gifts',
  gpOpen: 'Send a gift',
  gpClose: 'Close',
  gpCatalog: 'Gift catalog',
  gpPrice: '{n} coins',
  gpPriceOne: '{n} coin',
  gpFree: 'Free',
  gpQuantity: 'Quantity',
  gpSend: 'Send',
  gpSendNamed: 'Send {gift} ×{count}',
  gpCombo: 'Send {gift} ×{count} again ({total} so far)',
  gpBalance: 'Balance: {n}',
  gpRecharge: 'Recharge',
  gpLoading: 'Loading gifts…',
  gpNoGifts: 'No gifts available.',
  gpCatalogFailed: 'Could not load the gifts: {reason}',
  gpBalanceFailed: 'Could not load the balance: {reason}',
  gpNotInRoom: 'Enter a room to send gifts.',
  gpLike: 'Like',
  gpLikes: '{n} likes',
  gpBannerVerb: 'sent',
  gpAnnounceOne: '{name} sent {gift}',
  gpAnnounceMany: '{name} sent {count} {gift}',
  gpAnnounceMore: '{text} (and {n} more)',
  gpErrInsufficient: 'Your balance is too low for this gift.',
  gpErrUnknownGift: 'This gift is not in the catalog.',
  gpErrNotInRoom: 'Enter a room to send gifts.',
  gpErrRateLimited: 'Too many gifts at once; try again in a moment.',
  gpErrTimeout: 'The payment did not go through in time. Try again.',
  gpErrUnreachable: 'The gift service cannot be reached.',
  gpErrAuth: 'Your sign-in is not valid for payments. Log in again.',
  gpErrInvalid: 'That gift or quantity is not valid.',
};

export const giftStrings = defineStrings(giftEn, () => import('./gift.zh-cn.js'));
