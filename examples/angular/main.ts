/**
 * Angular 21, standalone and zoneless. `CUSTOM_ELEMENTS_SCHEMA` lets the template use the kit's
 * tags; `[userId]="…"` sets an element property, `(barrage-send)="…"` listens to a DOM event.
 *
 * Built with Vite in JIT mode (`@angular/compiler` compiles the template in the browser), which
 * keeps this example to three files. An Angular CLI app uses the same component code: add
 * `schemas: [CUSTOM_ELEMENTS_SCHEMA]` and `import 'live-elements'` in it.
 */
import '@angular/compiler';
import { ChangeDetectionStrategy, Component, CUSTOM_ELEMENTS_SCHEMA, provideZonelessChangeDetection, signal } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import 'live-elements';
import { exampleParams } from '../shared.js';

@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main [attr.data-entered]="entered()">
      <h1>Angular</h1>
      <live-room
        [userRole]="params.role"
        [userId]="params.user"
        [roomId]="params.room"
        [server]="params.server"
        roomName="Angular live"
        [attr.lang]="params.lang"
        (enter-room)="onEnterRoom($event)"
        (gift-receive)="onGiftReceive($event)"
      >
        <barrage-layer (barrage-send)="onBarrageSend($event)"></barrage-layer>
        <gift-panel></gift-panel>
      </live-room>
      <p>Last comment you sent: <output data-last-sent>{{ lastSent() }}</output></p>
      <p>Last gift: <output data-last-gift>{{ lastGift() }}</output></p>
    </main>
  `,
})
class App {
  readonly params = exampleParams('angular');
  readonly lastSent = signal('');
  readonly lastGift = signal('');
  readonly entered = signal<string | null>(null);

  onEnterRoom(event: Event): void {
    this.entered.set(String((event as HTMLElementEventMap['enter-room']).detail.result > 0));
  }
  onBarrageSend(event: Event): void {
    this.lastSent.set((event as HTMLElementEventMap['barrage-send']).detail.text);
  }
  onGiftReceive(event: Event): void {
    const { userInfo, count } = (event as HTMLElementEventMap['gift-receive']).detail;
    this.lastGift.set(`${userInfo.nickname || userInfo.userId} ×${count}`);
  }
}

bootstrapApplication(App, { providers: [provideZonelessChangeDetection()] }).catch((error: unknown) => console.error(error));
