/**
 * What every example reads from its address: `?role=anchor|audience&room=1001&user=…&server=…`.
 * The server defaults to the local server that served the page (`npm run examples`).
 */
export interface ExampleParams {
  role: 'anchor' | 'audience';
  room: string;
  user: string;
  server: string;
  lang: string;
}

export function exampleParams(framework: string): ExampleParams {
  const params = new URLSearchParams(location.search);
  const role = params.get('role') === 'anchor' ? 'anchor' : 'audience';
  return {
    role,
    room: params.get('room') || '1001',
    user: params.get('user') || `${framework}_${role}_${Math.random().toString(36).slice(2, 8)}`,
    server: params.get('server') || `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`,
    lang: params.get('lang') || 'en',
  };
}
