import { html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { langOf } from '../../internal/strings.js';
import { panelStyles } from '../../internal/panel-styles.js';

/**
 * One-to-one and group calls.
 *
 * @summary Audio/video calls (first cut: the idle state; calling follows with the CallStore).
 * @tag call-panel
 *
 * @csspart base - The panel.
 * @csspart status - The call status in words.
 */
export class CallPanel extends LitElement {
  static override styles = panelStyles;

  @property({ attribute: 'user-id' }) userId = '';
  @property() server = '';

  protected override render() {
    const zh = langOf(this).toLowerCase().startsWith('zh');
    return html`<section part="base" class="base"><p part="status" role="status">${zh ? '未在通话中' : 'Not in a call.'}</p></section>`;
  }
}
