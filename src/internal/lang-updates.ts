import type { ReactiveElement } from 'lit';

/**
 * Re-renders the kit's elements when a `lang` attribute changes on the page (the element's own,
 * an ancestor's, or `<html lang>`): their words come from `langOf(this)` at render time, which
 * no reactive property tracks. One MutationObserver for all of them, started with the first
 * connected element; the internal parts in an element's shadow root are refreshed after it.
 * i18n.ts calls `refresh()` too, when a language's words arrive.
 * Installed by the registration files (`src/<tag>.ts`) with `Class.addInitializer(watchLang)`.
 */
const hosts = new Set<ReactiveElement>();
let observer: MutationObserver | undefined;

/** Re-renders every connected element of the kit (a `lang` changed, or a language's words arrived). */
export function refresh(): void {
  for (const host of hosts) {
    host.requestUpdate();
    void host.updateComplete.then(() => {
      for (const part of host.renderRoot.querySelectorAll('*')) (part as Partial<ReactiveElement>).requestUpdate?.();
    });
  }
}

export function watchLang(host: ReactiveElement): void {
  host.addController({
    hostConnected() {
      hosts.add(host);
      if (!observer && typeof MutationObserver !== 'undefined') {
        observer = new MutationObserver(refresh);
        observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
      }
    },
    hostDisconnected() {
      hosts.delete(host);
      if (hosts.size === 0) {
        observer?.disconnect();
        observer = undefined;
      }
    },
  });
}
