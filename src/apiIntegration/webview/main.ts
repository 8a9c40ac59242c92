/**
 * The Configure API Integration webview's entry (bundled as dist/webview/apiIntegration.js, its CSS as
 * dist/webview/apiIntegration.css). Each element is imported on its own, not the whole library, to keep
 * the bundle small. Nothing happens before the first render but wiring: the form comes with `state`.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import './panel.css';
import * as l10n from '@vscode/l10n';
import { type HostApi, Page } from './page';

declare function acquireVsCodeApi(): HostApi;

/**
 * The translations VS Code gave the extension (vscode.l10n.bundle), passed in the page as a JSON data block like
 * the initial state; absent in English, where l10n.t gives the English it is called with. Configured before the
 * first render: the page makes its texts when it renders.
 */
function configureL10n(): void {
  const bundle = document.getElementById('l10n-bundle')?.textContent;
  if (!bundle) return;
  try {
    l10n.config({ contents: JSON.parse(bundle) as Record<string, string> });
  } catch {
    // Unreadable: the page shows its English.
  }
}

configureL10n();

const root = document.getElementById('app') ?? document.body;
const page = new Page(acquireVsCodeApi(), root);
window.addEventListener('message', (event: MessageEvent<unknown>) => page.receive(event.data));
// The form as this window last showed it, in the page itself (a JSON data block, never run): drawn at
// once, before the round trip that `ready` starts brings Okta's current answer. Checked like any message.
const initial = document.getElementById('initial-state')?.textContent;
if (initial) {
  try {
    page.receive(JSON.parse(initial));
  } catch {
    // Unreadable: the form comes with the reply to `ready`, as on a first opening.
  }
}
page.start();
