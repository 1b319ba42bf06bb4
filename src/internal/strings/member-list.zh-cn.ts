import type { memberListEn } from './member-list.js';

/** The people panel of <live-room> (internal/member-list.ts), in Simplified Chinese: fetched when an element's lang is zh. */
const zh: Record<keyof typeof memberListEn, string> = {
  retry: '重试',
  lrClose: '关闭',
  lrPeopleTitle: '房间成员',
  lrOnline: '{n} 人在线',
  lrNoAudience: '暂无观众。',
  lrLoadMore: '加载更多',
  lrMuteEveryone: '全员禁言',
  lrManage: '管理',
  lrManageNamed: '管理 {name}',
  lrMute5: '禁言 5 分钟',
  lrUnmuteMember: '解除禁言',
  lrRemoveMember: '移出（10 分钟内不能再进）',
  lrMakeAdmin: '设为管理员',
  lrRemoveAdmin: '取消管理员',
  lrInviteOnStage: '邀请上麦',
  lrMutedBadge: '禁言中 {time}',
  lrAdminBadge: '管理员',
  lrInvitedBadge: '已邀请',
};

export default zh;
