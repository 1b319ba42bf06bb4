/**
 * React (Vite + React 19) with the typed wrappers from `live-elements/react`: properties are
 * props, events are `on…` props whose `event.detail` is typed from the element's event map.
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BarrageLayer, GiftPanel, LiveRoom } from 'live-elements/react';
import { exampleParams } from '../shared.js';

const params = exampleParams('react');

function App() {
  const [lastSent, setLastSent] = useState('');
  const [entered, setEntered] = useState<boolean>();
  const [lastGift, setLastGift] = useState('');
  return (
    <main data-entered={entered === undefined ? undefined : String(entered)}>
      <h1>React</h1>
      <LiveRoom
        userRole={params.role}
        userId={params.user}
        roomId={params.room}
        server={params.server}
        roomName="React live"
        lang={params.lang}
        onEnterRoom={(event) => setEntered(event.detail.result > 0)}
        onGiftReceive={(event) => setLastGift(`${event.detail.userInfo.nickname || event.detail.userInfo.userId} ×${event.detail.count}`)}
      >
        <BarrageLayer onBarrageSend={(event) => setLastSent(event.detail.text)} />
        <GiftPanel />
      </LiveRoom>
      <p>
        Last comment you sent: <output data-last-sent>{lastSent}</output>
      </p>
      <p>
        Last gift: <output data-last-gift>{lastGift}</output>
      </p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
