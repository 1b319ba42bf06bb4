/** Limits from the seeds (003, 004) and the kit's own. */
export const Limits = {
  userIdBytes: 32,
  strRoomIdBytes: 64,
  maxNumericRoomId: 4294967295,
  noticeBytes: 300,
  introBytes: 240,
  textMessageBytes: 1024,
  customMessageBytes: 8 * 1024,
  nicknameBytes: 64,
  avatarUrlBytes: 512,
  roomNameBytes: 100,
} as const;
