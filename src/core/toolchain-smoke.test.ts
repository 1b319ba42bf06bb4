// Proves the component-test toolchain: esbuild + tsconfig legacy decorators, Lit, @open-wc/testing
// fixtures and Chromium's fake media devices. Safe to delete once real component tests exist.
import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { expect, fixture, oneEvent } from '@open-wc/testing';

class ToolchainSmoke extends LitElement {
  @property({ type: String }) label = 'default';
  @property({ type: Number, reflect: true }) count = 0;

  override render() {
    return html`<button part="button" @click=${() => this.bump()}>${this.label}:${this.count}</button>`;
  }

  private bump(): void {
    this.count += 1;
    this.dispatchEvent(new CustomEvent('count-change', { detail: this.count, bubbles: true, composed: true }));
  }
}
customElements.define('toolchain-smoke', ToolchainSmoke);

describe('toolchain smoke', () => {
  it('renders a decorated LitElement through an @open-wc/testing fixture', async () => {
    const el = await fixture<ToolchainSmoke>(html`<toolchain-smoke label="hi" count="2"></toolchain-smoke>`);
    expect(el).to.be.instanceOf(ToolchainSmoke);
    expect(el.label).to.equal('hi');
    expect(el.count).to.equal(2);
    const button = el.shadowRoot!.querySelector('button')!;
    expect(button.textContent).to.equal('hi:2');

    setTimeout(() => button.click());
    const event = await oneEvent(el, 'count-change');
    expect((event as CustomEvent<number>).detail).to.equal(3);
    await el.updateComplete;
    expect(el.getAttribute('count')).to.equal('3');
    expect(button.textContent).to.equal('hi:3');
  });

  it('gets a fake camera and microphone from getUserMedia', async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    try {
      expect(stream.getVideoTracks()).to.have.length(1);
      expect(stream.getAudioTracks()).to.have.length(1);
    } finally {
      stream.getTracks().forEach((track) => track.stop());
    }
  });
});
