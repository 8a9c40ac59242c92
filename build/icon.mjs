// Renders media/icon.png, the Marketplace's 128×128 icon, from the activity-bar glyph in
// media/oktaSf.svg (a person → a cloud): white strokes on a navy-to-blue rounded square, so it reads
// on the Marketplace's white pages and on the dark gallery banner alike. Headless Chromium draws it
// (the same /usr/bin/chromium the UI tests use). Regenerate: node build/icon.mjs
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const size = 128;

/** The glyph's own paths, unchanged, scaled from its 24-unit box and stroked in white. */
function iconHtml() {
  const glyph = fs.readFileSync(path.join(root, 'media/oktaSf.svg'), 'utf8')
    .replace(/^[\s\S]*?<svg[^>]*>|<\/svg>\s*$/g, '');
  return `<!doctype html><html><body style="margin:0;background:transparent">
<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 128 128">
  <defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="#0b2a4a"/><stop offset="1" stop-color="#0a6ebd"/>
  </linearGradient></defs>
  <rect x="2" y="2" width="124" height="124" rx="24" fill="url(#bg)"/>
  <g transform="translate(10 10) scale(4.5)" fill="none" stroke="#ffffff" stroke-width="1.6"
     stroke-linecap="round" stroke-linejoin="round">${glyph}</g>
</svg></body></html>`;
}

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-icon-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: size, height: size },
  deviceScaleFactor: 1,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-dev-shm-usage'],
});
try {
  const page = await context.newPage();
  await page.setContent(iconHtml());
  const out = path.join(root, 'media/icon.png');
  await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  console.log(`wrote ${path.relative(root, out)}`);
} finally {
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
