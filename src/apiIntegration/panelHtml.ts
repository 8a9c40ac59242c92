import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { jsonForHtml } from '../domain/plainText';

/** The webview bundle and its stylesheet (esbuild: src/apiIntegration/webview/main.ts). */
export const webviewScript = ['dist', 'webview', 'apiIntegration.js'];
export const webviewStyle = ['dist', 'webview', 'apiIntegration.css'];

/** Options for the panel's webview: scripts on, and nothing to load from but the webview bundles' own folder. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
    // A hidden tab keeps its page: a typed secret lives only there and in memory until a Save stores it,
    // and the results of Test API Credentials and a guided completion's wait stay on screen.
    retainContextWhenHidden: true,
    enableFindWidget: true,
  };
}

/**
 * The page shell: one script with a fresh nonce and no inline handler, under a CSP that allows only
 * that script and the bundle's stylesheet. Nothing from Okta or Salesforce is in it: the page gets its
 * data as messages (or, when this window showed the form before, as a JSON data block: jsonForHtml) and
 * renders them as text. The translations of the page's texts (vscode.l10n.bundle, undefined in English) come
 * the same way, as a JSON data block the page reads before it renders: no inline script, the CSP stays as is. The web components style themselves with constructable
 * stylesheets (lit's adoptedStyleSheets), which no CSP source governs; the page makes no <style> element.
 */
/**
 * `openedAt` is when the command made the panel (Date.now()): the page measures from it how long the
 * form took to take typing (its performance mark's detail), which the UI test reports.
 */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string, openedAt: number, initialState?: unknown): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...webviewScript));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...webviewStyle));
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(vscode.env.language || 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>${escapeText(title)}</title>
</head>
<body data-opened-at="${Math.round(openedAt)}">
<div id="app"></div>
${dataBlock('l10n-bundle', vscode.l10n.bundle)}
${dataBlock('initial-state', initialState)}
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}

/** A JSON data block (never run: its type is not JavaScript), or nothing when there is no value. */
const dataBlock = (id: string, value: unknown) => (value === undefined ? '' : `<script type="application/json" id="${id}">${jsonForHtml(value)}</script>`);
const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string) => escapeText(text).replace(/"/g, '&quot;');
