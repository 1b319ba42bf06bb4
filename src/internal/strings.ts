/**
 * Every user-visible string of the kit, in English and Simplified Chinese, looked up by the
 * `lang` of the element (or the closest ancestor / the page). Error words come by code.
 */
import { defaultErrorMessage } from '../core/errors.js';

const en = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  disconnected: 'Disconnected',
  entering: 'Entering…',
  live: 'Live',
  preview: 'Preview',
  ended: 'The live has ended.',
  exited: 'You left the room.',
  kickedOffline: 'You were logged out because this account logged in elsewhere.',
  goLive: 'Go live',
  endLive: 'End live',
  enter: 'Enter room',
  leave: 'Leave',
  startCamera: 'Start camera',
  mute: 'Mute',
  unmute: 'Unmute',
  cameraOff: 'Camera off',
  cameraOn: 'Camera on',
  tapToUnmute: 'Tap to turn on sound',
  viewers: '{n} watching',
  waitingForAnchor: 'Waiting for the anchor…',
  noVideo: 'Camera is off',
  you: 'You',
  anchor: 'Anchor',
  dismiss: 'Dismiss',
  stage: 'Live stage',
  notConfigured: 'Set user-id and room-id to start.',
  roomControls: 'Room controls',
  retry: 'Try again',
} as const;

export type StringKey = keyof typeof en;

const zhCN: Record<StringKey, string> = {
  connecting: '正在连接…',
  connected: '已连接',
  reconnecting: '正在重连…',
  disconnected: '未连接',
  entering: '正在进入…',
  live: '直播中',
  preview: '预览',
  ended: '直播已结束。',
  exited: '你已离开房间。',
  kickedOffline: '此账号已在其他地方登录，你已下线。',
  goLive: '开始直播',
  endLive: '结束直播',
  enter: '进入房间',
  leave: '离开',
  startCamera: '打开摄像头',
  mute: '静音',
  unmute: '取消静音',
  cameraOff: '关闭摄像头',
  cameraOn: '打开摄像头',
  tapToUnmute: '点击开启声音',
  viewers: '{n} 人在看',
  waitingForAnchor: '等待主播…',
  noVideo: '摄像头已关闭',
  you: '我',
  anchor: '主播',
  dismiss: '关闭',
  stage: '直播画面',
  notConfigured: '请设置 user-id 和 room-id。',
  roomControls: '房间控制',
  retry: '重试',
};

const zhErrors: Record<number, string> = {
  60003: '未找到麦克风。',
  60004: '未找到摄像头。',
  60005: '摄像头或麦克风权限被拒绝。请在浏览器的网站设置中允许访问后重试。',
  60006: '此浏览器不支持 WebRTC。',
  61009: '操作超时。',
  61010: '无法连接服务器。',
  61011: '与服务器的连接已断开。',
  62001: '认证失败：UserSig 无效。',
  62002: 'UserSig 已过期。',
  62003: '你没有权限执行此操作。',
  62004: '房间不存在。',
  62005: '此账号已在其他地方登录，你已下线。',
  62007: '你没有在此房间推流的权限。',
};

const tables: Record<string, Record<StringKey, string>> = { en, 'zh-cn': zhCN, zh: zhCN };

function table(lang: string): Record<StringKey, string> {
  const key = lang.toLowerCase();
  return tables[key] ?? tables[key.split('-')[0]] ?? en;
}

/** The effective language of an element: its own `lang`, an ancestor's, or the page's. */
export function langOf(element: Element): string {
  const holder = element.closest('[lang]');
  return holder?.getAttribute('lang') || document.documentElement.lang || 'en';
}

export function t(lang: string, key: StringKey, params: Record<string, string | number> = {}): string {
  return table(lang)[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** Words for an error: localised by code where a translation exists, else the error's own message. */
export function errorText(lang: string, error: { code: number; message?: string }): string {
  const zh = table(lang) === zhCN ? zhErrors[error.code] : undefined;
  return zh ?? error.message ?? defaultErrorMessage(error.code);
}
