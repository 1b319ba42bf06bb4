/** Error words by code, in Simplified Chinese (other codes, and other languages, use the error's own message). */
const zh: Record<number, string> = {
  60001: '无法切换为语音通话。',
  60002: '无法切换为视频通话。',
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

export default zh;
