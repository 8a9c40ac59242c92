import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ourExtension } from './extension';

// VS Code replaces package.json's %key% placeholders with package.nls.json's texts (in English here) when it
// reads the manifest: what the extension host holds is what menus, the palette and the Settings editor show.
describe('the localized manifest', () => {
  const nls = () => JSON.parse(fs.readFileSync(path.join(ourExtension().extensionPath, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const manifest = () => ourExtension().packageJSON as {
    displayName: string;
    contributes: {
      commands: Array<{ command: string; title: string; category?: string }>;
      configuration: { properties: Record<string, { markdownDescription: string }> };
      walkthroughs: Array<{ title: string; steps: Array<{ title: string }> }>;
    };
  };

  it('shows the English of package.nls.json where package.json has a %key%', () => {
    const texts = nls();
    const { displayName, contributes } = manifest();
    assert.equal(displayName, texts['extension.displayName']);
    const connect = contributes.commands.find((command) => command.command === 'oktaSf.okta.connect');
    assert.deepEqual([connect?.title, connect?.category], [texts['command.oktaSf.okta.connect.title'], texts['extension.category']]);
    assert.equal(contributes.configuration.properties['oktaSf.salesforce.callbackPort'].markdownDescription, texts['config.oktaSf.salesforce.callbackPort.markdownDescription']);
    assert.equal(contributes.walkthroughs[0].steps[0].title, texts['walkthrough.oktaSf.gettingStarted.step.connectOkta.title']);
  });

  it('leaves no %key% unresolved in the commands and settings VS Code shows', () => {
    const { contributes } = manifest();
    const shown = [
      ...contributes.commands.flatMap((command) => [command.title, command.category ?? '']),
      ...Object.values(contributes.configuration.properties).map((setting) => setting.markdownDescription),
    ];
    assert.deepEqual(shown.filter((text) => /^%[\w.-]+%$/.test(text)), []);
  });
});
