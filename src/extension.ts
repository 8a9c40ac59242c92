import * as vscode from 'vscode';
import { Log } from './common/log';
import { registerOktaFeature } from './okta/oktaFeature';
import { registerSalesforceFeature } from './salesforce/salesforceFeature';

/** What activate() returns: the views' data, for scripts and tests that read what the views show. */
export interface ExtensionApi {
  readonly views: {
    readonly oktaApps: vscode.TreeDataProvider<unknown>;
    readonly salesforceProfiles: vscode.TreeDataProvider<unknown>;
  };
}

/** Registers views and commands only: no file or network I/O, no SDK loading. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
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
  return { views: { oktaApps: oktaTree, salesforceProfiles: salesforceTree } };
}
