// What `okta-sf apps` prints: a report for people and CI logs, or JSON for tools. Labels come from the
// org, so in the report none may forge a line or run on for pages; JSON keeps them whole. The same holds
// for every other value the org sends: status, instance type, login URL, name, id.
import { oneLineText } from '../domain/plainText';
import { provisioningSummary } from '../domain/provisioningFeatures';
import { excerpt } from '../domain/redact';
import type { OktaApp } from '../okta/api/oktaApi';

/** One line, as the tree shows it (no control characters, line breaks or bidi overrides); long text is cut with a count. */
const oneLine = (text: string, max = 120) => excerpt(oneLineText(text), max);

function salesforceLines(app: OktaApp): string[] {
  const facts = [oneLine(app.status, 40), app.instanceType ? oneLine(app.instanceType, 40) : 'instance type not set', app.loginUrl ? oneLine(app.loginUrl) : 'no login URL'];
  return [`${oneLine(app.label)}  (${oneLine(app.id, 40)})`, `  ${facts.join(' · ')}`, `  ${provisioningSummary(app.features)}`];
}

function otherAppLine(app: OktaApp): string {
  return `${oneLine(app.label)}  (${oneLine(app.name, 60)}, ${oneLine(app.status, 40)}, ${oneLine(app.id, 40)})`;
}

/** The Salesforce instances, each with its state and provisioning; then, with --all, every other app on one line. */
export function formatAppsText(orgUrl: string, salesforce: readonly OktaApp[], others?: readonly OktaApp[]): string {
  const lines = [salesforce.length ? `Salesforce.com instances in ${orgUrl} (${salesforce.length}):` : `No Salesforce.com instance in ${orgUrl}. Add one in the Admin Console: Applications → Browse App Catalog → Salesforce.com.`];
  for (const app of salesforce) lines.push('', ...salesforceLines(app));
  if (others) lines.push('', `Other apps (${others.length}):`, ...others.map(otherAppLine));
  return lines.join('\n');
}

const jsonOf = (app: OktaApp) => ({
  id: app.id, name: app.name, label: app.label, status: app.status, signOnMode: app.signOnMode,
  instanceType: app.instanceType ?? null, loginUrl: app.loginUrl ?? null, integrationType: app.integrationType ?? null, features: app.features,
});

/**
 * JSON, schemaVersion 1: { schemaVersion, orgUrl, salesforce: [App], otherApps?: [App] } where App is
 * { id, name, label, status, signOnMode, instanceType, loginUrl, integrationType, features }
 * (null where settings.app does not say); otherApps only with --all.
 */
export function formatAppsJson(orgUrl: string, salesforce: readonly OktaApp[], others?: readonly OktaApp[]): string {
  return JSON.stringify({ schemaVersion: 1, orgUrl, salesforce: salesforce.map(jsonOf), ...(others ? { otherApps: others.map(jsonOf) } : {}) }, null, 2);
}
