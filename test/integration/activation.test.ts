import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { manifest, ourExtension } from './extension';

describe('activation', () => {
  it('does not activate at startup in a workspace without profiles', () => {
    assert.equal(ourExtension().isActive, false);
  });

  it('activates on demand, and reports how long loading and activate() took', async () => {
    // Load the main module ahead of VS Code and wrap its activate() with a stopwatch: the
    // extension host takes the module from Node's cache, so the time is activate()'s alone.
    const main = require.resolve(path.join(ourExtension().extensionPath, 'dist/extension.js'));
    const loadStarted = performance.now();
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading it ahead of VS Code is the point
    const original = require(main) as { activate(context: vscode.ExtensionContext): unknown };
    const loadMs = performance.now() - loadStarted;
    let activateMs: number | undefined;
    const cached = require.cache[main];
    assert.ok(cached, `${main} is not in the module cache`);
    cached.exports = {
      ...original,
      activate(context: vscode.ExtensionContext) {
        const started = performance.now();
        const result = original.activate(context);
        activateMs = performance.now() - started;
        return result;
      },
    };
    await ourExtension().activate();
    assert.equal(ourExtension().isActive, true);
    assert.ok(activateMs !== undefined, 'VS Code did not call the activate() of the cached module');
    console.log(`      loading dist/extension.js: ${loadMs.toFixed(1)} ms; activate(): ${activateMs.toFixed(1)} ms`);
  });

  it('loads neither jsforce, the Okta SDK nor the profile XML scanner while activating', () => {
    const loaded = Object.keys(require.cache).filter((file) => /[\\/]dist[\\/](okta|salesforce|profileXml)\.js$|[\\/](jsforce|okta-sdk-nodejs)[\\/]/.test(file));
    assert.deepEqual(loaded, []);
  });

  it('registers both views in the Okta ↔ Salesforce container', async () => {
    const views = manifest().contributes.views.oktaSf.map((view) => view.id);
    assert.deepEqual(views, ['oktaSf.oktaApps', 'oktaSf.salesforceProfiles']);
    // VS Code creates a "<view>.focus" command for each registered view; running it opens the view.
    for (const view of views) await vscode.commands.executeCommand(`${view}.focus`);
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
  });

  it('registers every command it contributes, and contributes every command it registers', async () => {
    const contributed = manifest().contributes.commands.map((c) => c.command).sort();
    const viewCommands = /^oktaSf\.(oktaApps|salesforceProfiles)\./;
    const registered = (await vscode.commands.getCommands(true))
      .filter((command) => command.startsWith('oktaSf.') && !viewCommands.test(command))
      .sort();
    assert.deepEqual(registered, contributed);
  });
});
