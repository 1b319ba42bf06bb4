import { defineStrings } from '../i18n.js';

/** The people panel of <live-room> (internal/member-list.ts). */
export const memberListEn = {
  retry: 'Try again',
  lrClose: 'Close',
  lrPeopleTitle: 'People in the room',
  lrOnline: '{n} online',
  lrNoAudience: 'No viewers yet.',
  lrLoadMore: 'Load more',
  lrMuteEveryone: 'Mute everyone',
  lrManage: 'Manage',
  lrManageNamed: 'Manage {name}',
  lrMute5: 'Mute 5 min',
  lrUnmuteMember: 'Unmute',
  lrRemoveMember: 'Remove (10 min ban)',
  lrMakeAdmin: 'Make admin',
  lrRemoveAdmin: 'Remove admin',
  lrInviteOnStage: 'Invite on stage',
  lrMutedBadge: 'Muted {time}',
  lrAdminBadge: 'Admin',
  lrInvitedBadge: 'Invited',
};

export const memberListStrings = defineStrings(memberListEn, () => import('./member-list.zh-cn.js'));
