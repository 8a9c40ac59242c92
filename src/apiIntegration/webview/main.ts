/**
 * The Configure API Integration webview's entry (bundled as dist/webview-apiIntegration.js, its CSS as
 * dist/webview-apiIntegration.css). Each element is imported on its own, not the whole library, to keep
 * the bundle small. Nothing happens before the first render but wiring: the form comes with `state`.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import './panel.css';
import { type HostApi, Page } from './page';

declare function acquireVsCodeApi(): HostApi;

const root = document.getElementById('app') ?? document.body;
const page = new Page(acquireVsCodeApi(), root);
window.addEventListener('message', (event: MessageEvent<unknown>) => page.receive(event.data));
page.start();
