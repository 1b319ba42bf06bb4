import type { giftEn } from './gift.js';

/** <gift-panel>, in Simplified Chinese: fetched when an element's lang is zh. */
const zh: Record<keyof typeof giftEn, string> = {
  gpGifts: '礼物',
  gpOpen: '送礼物',
  gpClose: '关闭',
  gpCatalog: '礼物列表',
  gpPrice: '{n} 金币',
  gpPriceOne: '{n} 金币',
  gpFree: '免费',
  gpQuantity: '数量',
  gpSend: '赠送',
  gpSendNamed: '赠送 {gift} ×{count}',
  gpCombo: '再送 {gift} ×{count}（已送 {total} 个）',
  gpBalance: '余额：{n}',
  gpRecharge: '充值',
  gpLoading: '正在加载礼物…',
  gpNoGifts: '暂无可送的礼物。',
  gpCatalogFailed: '礼物加载失败：{reason}',
  gpBalanceFailed: '余额加载失败：{reason}',
  gpNotInRoom: '进入房间后才能送礼物。',
  gpLike: '点赞',
  gpLikes: '{n} 个赞',
  gpBannerVerb: '送出',
  gpAnnounceOne: '{name} 送出了{gift}',
  gpAnnounceMany: '{name} 送出了 {count} 个{gift}',
  gpAnnounceMore: '{text}（另有 {n} 条）',
  gpErrInsufficient: '余额不足，无法赠送此礼物。',
  gpErrUnknownGift: '礼物列表中没有这个礼物。',
  gpErrNotInRoom: '进入房间后才能送礼物。',
  gpErrRateLimited: '礼物太多了，请稍后再试。',
  gpErrTimeout: '支付超时，请重试。',
  gpErrUnreachable: '无法连接礼物服务。',
  gpErrAuth: '登录凭证无法用于支付，请重新登录。',
  gpErrInvalid: '礼物或数量无效。',
};

export default zh;
