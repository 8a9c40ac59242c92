// A stand-in for one page of Okta's Admin Console: an app's Provisioning tab, at the URL the extension
// opens ({org}/admin/app/{name}/instance/{id}/), so that a UI test can follow the guided steps in a real
// browser. It is NOT Okta's console: a plain HTML page without scripts holding the fields Okta's
// procedure ("Enable Salesforce provisioning") names, whose Saves change the org as the console would
// (the app's features, its provisioning connection and settings; mapping in provisioning.ts).
//
// Guesses, each because the console is not documented as an API:
// - Signing in: the real console needs an admin's browser session. Here nobody signs in (a UI test has
//   no Okta sign-in to drive); each page carries a one-time form token instead, as the console's forms
//   carry an XSRF token, so a POST that did not come from a page the sandbox served is refused with 403.
// - Save with Enable API integration needs a consumer key and secret and an Authenticate with
//   Salesforce.com with that key first, as the procedure orders the steps. Authenticate here checks
//   nothing at Salesforce: it only records that it was clicked.
// - To App and To Okta can be saved only while the API integration is enabled (the console shows them
//   only then).
// - Labels of the To Okta settings follow the spec's descriptions of INBOUND_PROVISIONING.
import { randomBytes } from 'node:crypto';
import { type Route, type SandboxRequest, type SandboxResponse } from '../httpServer';
import { type OktaApp, type OktaOrg } from './model';
import { connectionOf, type ProvisioningSupport, setConnectionStatus, settingsOf, updateFeature } from './provisioning';

/** What the console keeps of the API integration and Okta's API does not show. */
interface ConsoleIntegration {
  consumerKey: string;
  secretStored: boolean;
  /** The key Authenticate with Salesforce.com was last clicked with. */
  authenticatedKey?: string;
  allowPushingNullValues: boolean;
}

/** The console connects a Salesforce app over OAuth 2.0 (Okta's "Configure OAuth and REST integration"). */
const consoleSupport: ProvisioningSupport = { authSchemes: ['OAUTH2'], features: ['USER_PROVISIONING', 'INBOUND_PROVISIONING'] };
const integrationEnabled = (org: OktaOrg, app: OktaApp) => connectionOf(org, app, consoleSupport).status === 'ENABLED';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function adminConsoleRoutes(org: OktaOrg): Route[] {
  const integrations = new Map<string, ConsoleIntegration>();
  const formTokens = new Set<string>();
  const path = '/admin/app/:name/instance/:appId';

  function appOf(req: SandboxRequest): OktaApp | undefined {
    const app = org.app(req.params.appId);
    return app && app.name === req.params.name ? app : undefined;
  }

  function integrationOf(app: OktaApp): ConsoleIntegration {
    return integrations.get(app.id) ?? { consumerKey: '', secretStored: false, allowPushingNullValues: false };
  }

  function page(app: OktaApp, status: number, notice?: { error: boolean; text: string }): SandboxResponse {
    const token = randomBytes(16).toString('base64url');
    formTokens.add(token);
    return { status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }, body: render(org, app, integrationOf(app), token, notice) };
  }

  function save(req: SandboxRequest): SandboxResponse {
    const app = appOf(req);
    if (!app) return notFoundPage();
    const form = new URLSearchParams(req.body);
    // One use each: a page's token is spent by its form's POST.
    if (!formTokens.delete(form.get('formToken') ?? '')) return forbiddenPage();
    const problem = apply(org, app, integrations, form);
    return problem ? page(app, 400, { error: true, text: problem }) : page(app, 200, { error: false, text: 'Saved.' });
  }

  return [
    { method: 'GET', path, handler: (req) => { const app = appOf(req); return app ? page(app, 200) : notFoundPage(); } },
    { method: 'POST', path, handler: save },
  ];
}

/** Applies one form's POST; returns what the console would say is wrong instead. */
function apply(org: OktaOrg, app: OktaApp, integrations: Map<string, ConsoleIntegration>, form: URLSearchParams): string | undefined {
  const ticked = (name: string) => form.get(name) === 'on';
  const current = integrations.get(app.id) ?? { consumerKey: '', secretStored: false, allowPushingNullValues: false };
  const enabled = integrationEnabled(org, app);
  switch (form.get('section')) {
    case 'apiIntegration': {
      const consumerKey = (form.get('consumerKey') ?? '').trim();
      const secretStored = !!(form.get('consumerSecret') ?? '').trim() || (current.secretStored && consumerKey === current.consumerKey);
      const next = { ...current, consumerKey, secretStored, allowPushingNullValues: ticked('allowPushingNullValues') };
      if (form.get('action') === 'authenticate') {
        if (!consumerKey || !secretStored) return 'Enter the OAuth Consumer Key and OAuth Consumer Secret, then click Authenticate with Salesforce.com.';
        integrations.set(app.id, { ...next, authenticatedKey: consumerKey });
        return undefined;
      }
      if (!ticked('enableApiIntegration')) {
        integrations.set(app.id, next);
        setConnectionStatus(org, app, { ...connectionOf(org, app, consoleSupport), status: 'DISABLED' });
        return undefined;
      }
      if (!consumerKey || !secretStored) return 'Enter the OAuth Consumer Key and OAuth Consumer Secret.';
      if (current.authenticatedKey !== consumerKey) return 'Click Authenticate with Salesforce.com before Save.';
      integrations.set(app.id, next);
      setConnectionStatus(org, app, { authScheme: 'OAUTH2', status: 'ENABLED' });
      return undefined;
    }
    case 'toApp': {
      if (!enabled) return 'Enable the API integration first.';
      const status = (name: string) => ({ status: ticked(name) ? 'ENABLED' : 'DISABLED' });
      const body = {
        create: { lifecycleCreate: status('createUsers') },
        update: { profile: status('updateUserAttributes'), lifecycleDeactivate: status('deactivateUsers'), password: status('syncPassword') },
      };
      return updateFeature(org, app, 'USER_PROVISIONING', body).join(' ') || undefined;
    }
    case 'toOkta': {
      if (!enabled) return 'Enable the API integration first.';
      return updateFeature(org, app, 'INBOUND_PROVISIONING', inboundOf(form)).join(' ') || undefined;
    }
    default:
      return 'Unknown form.';
  }
}

/** The To Okta form as INBOUND_PROVISIONING capabilities: blank schedules and time zones left out. */
function inboundOf(form: URLSearchParams): Record<string, unknown> {
  const value = (name: string) => (form.get(name) ?? '').trim();
  const schedule: Record<string, unknown> = { status: form.get('scheduleEnabled') === 'on' ? 'ENABLED' : 'DISABLED' };
  for (const which of ['fullImport', 'incrementalImport']) {
    const expression = value(`${which}.expression`);
    const timezone = value(`${which}.timezone`);
    if (expression) schedule[which] = { expression, ...(timezone ? { timezone } : {}) };
  }
  const custom = form.get('usernameFormat') === 'CUSTOM';
  const rule = (name: string) => form.get(name) === 'on';
  return {
    importSettings: {
      username: custom ? { usernameFormat: 'CUSTOM', userNameExpression: value('usernameExpression') } : { usernameFormat: 'EMAIL' },
      schedule,
    },
    importRules: {
      userCreateAndMatch: {
        exactMatchCriteria: form.get('exactMatchCriteria') === 'USERNAME' ? 'USERNAME' : 'EMAIL',
        allowPartialMatch: rule('allowPartialMatch'), autoConfirmPartialMatch: rule('autoConfirmPartialMatch'),
        autoConfirmExactMatch: rule('autoConfirmExactMatch'), autoConfirmNewUsers: rule('autoConfirmNewUsers'), autoActivateNewUsers: rule('autoActivateNewUsers'),
      },
    },
  };
}

function render(org: OktaOrg, app: OktaApp, integration: ConsoleIntegration, token: string, notice?: { error: boolean; text: string }): string {
  const enabled = integrationEnabled(org, app);
  const inbound = settingsOf(org, app).inbound as { importSettings: Record<string, Record<string, unknown>>; importRules: Record<string, Record<string, unknown>> };
  const schedule = inbound.importSettings.schedule ?? {};
  const username = inbound.importSettings.username ?? {};
  const rules = inbound.importRules.userCreateAndMatch ?? {};
  const hidden = (section: string) => `<input type="hidden" name="formToken" value="${escapeHtml(token)}"><input type="hidden" name="section" value="${section}">`;
  const checkbox = (name: string, label: string, on: boolean) =>
    `<p><input type="checkbox" id="${name}" name="${name}"${on ? ' checked' : ''}><label for="${name}">${escapeHtml(label)}</label></p>`;
  const textField = (name: string, label: string, value: string, type = 'text') =>
    `<p><label for="${name}">${escapeHtml(label)}</label> <input type="${type}" id="${name}" name="${name}" value="${escapeHtml(value)}"></p>`;
  const scheduleOf = (which: string) => (schedule[which] ?? {}) as { expression?: string; timezone?: string };
  const option = (value: string, label: string, selected: boolean) => `<option value="${value}"${selected ? ' selected' : ''}>${escapeHtml(label)}</option>`;
  const has = (flag: string) => app.features.includes(flag);
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(app.label)} - Provisioning</title></head><body>
<p>Sandbox stand-in for the Okta Admin Console's Provisioning tab; not Okta's console.</p>
<h1>${escapeHtml(app.label)}</h1>
<p>Instance type: ${escapeHtml(String(app.settings.app.instanceType ?? ''))}. Login URL: ${escapeHtml(String(app.settings.app.loginUrl ?? ''))}.</p>
${notice ? `<p id="notice" role="${notice.error ? 'alert' : 'status'}">${escapeHtml(notice.text)}</p>` : ''}
<h2>Provisioning</h2>
<form method="post" aria-label="Integration"><h3>Integration</h3>${hidden('apiIntegration')}
${checkbox('enableApiIntegration', 'Enable API integration', enabled)}
${textField('consumerKey', 'OAuth Consumer Key', integration.consumerKey)}
<p><label for="consumerSecret">OAuth Consumer Secret</label> <input type="password" id="consumerSecret" name="consumerSecret" value="" placeholder="${integration.secretStored ? 'Stored' : ''}"></p>
<p><button type="submit" name="action" value="authenticate">Authenticate with Salesforce.com</button>${integration.authenticatedKey ? ' <span id="authenticated">Authenticated.</span>' : ''}</p>
${checkbox('allowPushingNullValues', 'Allow Pushing Null Values', integration.allowPushingNullValues)}
<p><button type="submit" name="action" value="save">Save</button></p></form>
<form method="post" aria-label="To App"><h3>To App</h3>${hidden('toApp')}
${checkbox('createUsers', 'Create Users', has('PUSH_NEW_USERS'))}
${checkbox('updateUserAttributes', 'Update User Attributes', has('PUSH_PROFILE_UPDATES'))}
${checkbox('deactivateUsers', 'Deactivate Users', has('PUSH_USER_DEACTIVATION'))}
${checkbox('syncPassword', 'Sync Password', has('PUSH_PASSWORD_UPDATES'))}
<p><button type="submit">Save</button></p></form>
<form method="post" aria-label="To Okta"><h3>To Okta</h3>${hidden('toOkta')}
${checkbox('scheduleEnabled', 'Import schedule', schedule.status === 'ENABLED')}
${textField('fullImport.expression', 'Full import (cron)', scheduleOf('fullImport').expression ?? '')}
${textField('fullImport.timezone', 'Full import time zone', scheduleOf('fullImport').timezone ?? '')}
${textField('incrementalImport.expression', 'Incremental import (cron)', scheduleOf('incrementalImport').expression ?? '')}
${textField('incrementalImport.timezone', 'Incremental import time zone', scheduleOf('incrementalImport').timezone ?? '')}
<p><label for="usernameFormat">Okta username format</label> <select id="usernameFormat" name="usernameFormat">${option('EMAIL', 'Email', username.usernameFormat !== 'CUSTOM')}${option('CUSTOM', 'Custom', username.usernameFormat === 'CUSTOM')}</select></p>
${textField('usernameExpression', 'Custom username expression', String(username.userNameExpression ?? ''))}
<p><label for="exactMatchCriteria">Imported user is an exact match to Okta user if</label> <select id="exactMatchCriteria" name="exactMatchCriteria">${option('EMAIL', 'Email matches', rules.exactMatchCriteria !== 'USERNAME')}${option('USERNAME', 'Okta username matches', rules.exactMatchCriteria === 'USERNAME')}</select></p>
${checkbox('allowPartialMatch', 'Allow partial matches', rules.allowPartialMatch === true)}
${checkbox('autoConfirmExactMatch', 'Auto-confirm exact matches', rules.autoConfirmExactMatch === true)}
${checkbox('autoConfirmPartialMatch', 'Auto-confirm partial matches', rules.autoConfirmPartialMatch === true)}
${checkbox('autoConfirmNewUsers', 'Auto-confirm new users', rules.autoConfirmNewUsers === true)}
${checkbox('autoActivateNewUsers', 'Auto-activate new users', rules.autoActivateNewUsers === true)}
<p><button type="submit">Save</button></p></form>
</body></html>`;
}

function htmlAnswer(status: number, title: string, text: string): SandboxResponse {
  return {
    status, headers: { 'Content-Type': 'text/html; charset=utf-8' },
    body: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`,
  };
}

const notFoundPage = () => htmlAnswer(404, 'Not found', 'There is no such app in this org (sandbox stand-in for the Admin Console).');
const forbiddenPage = () => htmlAnswer(403, 'Forbidden', 'This form has expired or did not come from this page: reload the page and try again.');
