/**
 * What the Okta Apps tree shows of an app, as plain data: labels, descriptions, tooltips, the
 * provisioning summary and the rows under a Salesforce app. No vscode here, so it is tested with
 * plain Node. Every text that comes from the org (labels, names, URLs) goes through `plainLabel`:
 * an app's label may hold markup or thousands of characters, and the tree must stay readable.
 */

import * as l10n from '@vscode/l10n';
import { oneLineText } from '../domain/plainText';
import { featureRows, provisioningSummary } from '../domain/provisioningFeatures';

export { featureRows, notSetUp, provisioningFeatures, provisioningSummary } from '../domain/provisioningFeatures';

/** What the tree reads of an app (the adapter's OktaApp has all of it). */
export interface AppFacts {
  id: string;
  name: string;
  label: string;
  status: string;
  /** settings.app.instanceType of a Salesforce app: PRODUCTION, SANDBOX or GOVERNMENT (Okta's spec). */
  instanceType?: string;
  loginUrl?: string;
  integrationType?: string;
  features: readonly string[];
}

/** The longest label the tree shows; the whole text stays in the tooltip. */
export const maxLabelLength = 120;

/**
 * One line of plain text: control characters, line breaks and bidirectional overrides become spaces
 * (a label must not reorder or break the row), runs of spaces one, and anything over `max` is cut
 * with an ellipsis. Markup stays as typed: the tree shows it as text, never renders it.
 */
export function plainLabel(text: string, max = maxLabelLength): string {
  const line = oneLineText(text);
  if (line.length <= max) return line;
  // Cut on a code point boundary, so an emoji is never split in half.
  return `${Array.from(line).slice(0, max - 1).join('')}…`;
}

/** PRODUCTION, SANDBOX or GOVERNMENT as Okta stores it; other values are shown as they are, a missing one not at all. */
export function instanceTypeOf(app: AppFacts): string | undefined {
  const type = app.instanceType?.trim();
  return type ? plainLabel(type.toUpperCase(), 40) : undefined;
}

export interface AppRow {
  label: string;
  description: string;
  /** The whole label and every fact, untruncated: plain text. */
  tooltip: string;
  /** For menus: `oktaApp.salesforce.active`, `oktaApp.other.inactive`. */
  contextValue: string;
  active: boolean;
}

const isActive = (app: AppFacts) => app.status === 'ACTIVE';

/** A Salesforce.com instance: its label, ACTIVE/INACTIVE, PRODUCTION/SANDBOX and its provisioning summary. */
export function salesforceAppRow(app: AppFacts): AppRow {
  const instance = instanceTypeOf(app);
  const summary = provisioningSummary(app.features);
  const status = plainLabel(app.status, 40);
  const tooltip = [
    app.label,
    `${status}${instance ? ` · ${instance}` : ''}`,
    l10n.t('Provisioning: {0}', summary),
    ...(app.loginUrl ? [l10n.t('Login URL: {0}', app.loginUrl)] : []),
    l10n.t('App ID: {0}', app.id),
  ];
  return {
    label: plainLabel(app.label) || app.id,
    description: [status, instance, summary].filter(Boolean).join(' · '),
    tooltip: tooltip.join('\n'),
    contextValue: `oktaApp.salesforce.${isActive(app) ? 'active' : 'inactive'}`,
    active: isActive(app),
  };
}

/** Any other app: its label, its status when not active, and its integration name. */
export function otherAppRow(app: AppFacts): AppRow {
  const name = plainLabel(app.name, 60);
  return {
    label: plainLabel(app.label) || app.id,
    description: [isActive(app) ? undefined : plainLabel(app.status, 40), name].filter(Boolean).join(' · '),
    tooltip: [app.label, `${app.status} · ${app.name}`, l10n.t('App ID: {0}', app.id)].join('\n'),
    contextValue: `oktaApp.other.${isActive(app) ? 'active' : 'inactive'}`,
    active: isActive(app),
  };
}

/** The settings shown under a Salesforce app: instance type, login URL and integration type. */
export function settingRows(app: AppFacts): Array<{ label: string; value: string }> {
  return [
    { label: l10n.t('Instance type'), value: instanceTypeOf(app) ?? l10n.t('not set') },
    { label: l10n.t('Login URL'), value: app.loginUrl ? plainLabel(app.loginUrl) : l10n.t('not set') },
    { label: l10n.t('Integration type'), value: app.integrationType ? plainLabel(app.integrationType, 60) : l10n.t('not set') },
  ];
}

/** "12" or "50+" (more pages remain): how many assignments were read. */
export function countLabel(loaded: number, more: boolean): string {
  return `${loaded}${more ? '+' : ''}`;
}

/**
 * The app's page in the Admin Console: /admin/app/{name}/instance/{id}/ on the org's -admin host
 * (dev-123.okta.com → dev-123-admin.okta.com). Any other host (a custom domain, a local test org)
 * keeps its origin: Okta documents the -admin rule for its own domains only.
 */
export function adminConsoleUrl(orgUrl: string, app: Pick<AppFacts, 'id' | 'name'>): string {
  const url = new URL(orgUrl);
  const okta = /^([^.]+)(\.(?:okta|oktapreview|okta-emea|okta-gov)\.com|\.okta\.mil)$/i.exec(url.hostname);
  if (okta && !okta[1].toLowerCase().endsWith('-admin')) url.hostname = `${okta[1]}-admin${okta[2]}`;
  return `${url.origin}/admin/app/${encodeURIComponent(app.name)}/instance/${encodeURIComponent(app.id)}/`;
}

/** The read-only details document of an app (until the Configure API Integration form exists). */
export function appDetails(app: AppFacts, orgUrl: string, raw: unknown): string {
  return [
    l10n.t('Okta app: {0}', app.label),
    l10n.t('Org: {0}', orgUrl),
    l10n.t('App ID: {0}', app.id),
    l10n.t('Integration: {0}', app.name),
    l10n.t('Status: {0}', app.status),
    ...settingRows(app).map(({ label, value }) => `${label}: ${value}`),
    '',
    l10n.t('Provisioning features:'),
    ...featureRows(app.features).map(({ label, on }) => `  ${on ? '[on] ' : '[off]'} ${label}`),
    '',
    l10n.t('Admin Console: {0}', adminConsoleUrl(orgUrl, app)),
    '',
    l10n.t('The app as Okta returns it:'),
    JSON.stringify(raw, null, 2),
    '',
  ].join('\n');
}
