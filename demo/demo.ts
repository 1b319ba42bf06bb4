/**
 * The demo pages' glue: reads `?room=…&user=…` from the address, points the elements at the
 * server that served the page, and links the anchor and viewer pages to each other.
 */
import '../src/index.js';

/** Set at build time (vite.demo.config.ts): `tencent` when `.env` holds Tencent credentials. */
declare const __LIVE_DEMO_ENGINE__: string;
declare const __TENCENT_SDK_APP_ID__: number;

// On the local engine this branch is dead code, so the demo bundles none of the Tencent SDKs.
if (__LIVE_DEMO_ENGINE__ === 'tencent') {
  const { enableTencentEngine } = await import('../src/core/engines/tencent/index.js');
  // The demo trusts co-anchors' own word (no application server issuing privateMapKeys).
  enableTencentEngine({ openStage: true });
}

const params = new URLSearchParams(location.search);
const room = params.get('room') || '1001';
const randomId = (prefix: string) => `${prefix}_${Math.random().toString(36).slice(2, 8)}`;
const server = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;

for (const element of document.querySelectorAll<HTMLElement>('live-room, call-panel')) {
  const role = element.getAttribute('user-role') ?? 'audience';
  const user = params.get('user') || randomId(role === 'anchor' ? 'anchor' : element.localName === 'call-panel' ? 'caller' : 'viewer');
  if (__LIVE_DEMO_ENGINE__ === 'tencent') {
    element.setAttribute('engine', 'tencent');
    element.setAttribute('sdk-app-id', String(__TENCENT_SDK_APP_ID__));
    element.setAttribute('token-url', '/api/tencent/usersig');
  } else {
    element.setAttribute('server', server);
  }
  if (element.localName === 'live-room') element.setAttribute('room-id', room);
  element.setAttribute('user-id', user);
  if (params.get('name')) element.setAttribute('nickname', params.get('name')!);
  if (element.localName === 'call-panel' && params.get('timeout')) element.setAttribute('call-timeout', params.get('timeout')!);
  const who = document.querySelector('[data-who]');
  if (who) who.textContent = user;
}

for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-keep-room]')) {
  const url = new URL(link.href, location.href);
  url.searchParams.set('room', room);
  link.href = url.toString();
}
for (const label of document.querySelectorAll('[data-room]')) label.textContent = room;
