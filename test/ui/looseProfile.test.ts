// A profile file opened on its own, outside the folder the workbench has open (which holds no
// metadata), with the Okta ↔ Salesforce views never shown: nothing else starts the extension.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openWorkbench, quickOpen, type Workbench } from './workbench';

describe('A profile file opened on its own', { timeout: 120_000 }, () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench('loose-profile');
  });
  after(() => wb?.close());

  it('gets its diagnostics', async () => {
    const { page, workspace } = wb;
    const file = path.join(path.dirname(workspace), 'Okta Integration.profile-meta.xml');
    fs.writeFileSync(file, [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<Profile xmlns="http://soap.sforce.com/2006/04/metadata">',
      '    <userPermissions>',
      '        <enabled>false</enabled>',
      '        <name>ApiEnabled</name>',
      '    </userPermissions>',
      '</Profile>',
      '',
    ].join('\n'));
    await quickOpen(page, file);
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'API Enabled (ApiEnabled) is turned off' }).first().waitFor();
  });
});
