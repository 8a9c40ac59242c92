import * as vscode from 'vscode';
import { Log } from './common/log';
import { registerOktaFeature } from './okta/oktaFeature';
import { registerSalesforceFeature } from './salesforce/salesforceFeature';

/** Registers views and commands only: no file or network I/O, no SDK loading. */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const log = new Log();
  context.subscriptions.push(log);

  const oktaTree = registerOktaFeature(context, log);
  const salesforceTree = registerSalesforceFeature(context, log);

  context.subscriptions.push(
    vscode.commands.registerCommand('oktaSf.refresh', () => {
      oktaTree.refresh();
      salesforceTree.refresh();
    }),
    vscode.commands.registerCommand('oktaSf.showLog', () => log.show()),
  );
  log.info(`Activated in ${(performance.now() - started).toFixed(1)} ms`);
}
