/**
 * Which user licenses can carry the permissions Okta's integration profile needs, by the license Name
 * Salesforce reports (`Profile.UserLicense.Name`). Conservative on purpose: a license is said to be
 * unable to carry a permission only where that is certain, and a license not listed here is
 * 'unknown', which the audit reports as a warning rather than a failure.
 */
import * as l10n from '@vscode/l10n';
import { permissionCatalog } from './permissionCatalog';

/** 'everything': carries every permission here; 'noAdministration': only API Enabled; 'unknown': not listed. */
export type LicenseReach = 'everything' | 'noAdministration' | 'unknown';

/** Manage Users and everything it pulls in: user administration and the Setup access it relies on. */
const administrativePermissions = new Set(permissionCatalog.map((entry) => entry.name).filter((name) => name !== 'ApiEnabled'));

const reachByLicense: ReadonlyMap<string, LicenseReach> = new Map([
  ['Salesforce', 'everything'],
  // Judgement call: Salesforce Platform users can be given Manage Users and run Setup; Okta's docs only ever
  // mention a full Salesforce license, so an admin on this license gets the profile's own verdict, not a guess.
  ['Salesforce Platform', 'everything'],
  // Chatter, Identity, external (community, portal) and guest licenses never administer internal users.
  // Judgement call: whether each of them could carry View Setup or View Roles alone is not checked one by one;
  // none of them can be Okta's integration profile, which is what the audit is about.
  ...[
    'Chatter Free', 'Chatter External', 'Identity', 'External Identity',
    'Customer Community', 'Customer Community Login', 'Customer Community Plus', 'Customer Community Plus Login',
    'Partner Community', 'Partner Community Login', 'High Volume Customer Portal', 'Authenticated Website', 'Guest User License',
  ].map((name): [string, LicenseReach] => [name, 'noAdministration']),
]);

/** The licenses known to carry every permission Okta's integration profile needs (Salesforce first). */
export const licensesCarryingEverything: readonly string[] = [...reachByLicense].filter(([, reach]) => reach === 'everything').map(([name]) => name);

/** What a license can carry; null (the license was not reported) is 'unknown'. Names are matched exactly. */
export function licenseReach(licenseName: string | null): LicenseReach {
  return (licenseName === null ? undefined : reachByLicense.get(licenseName)) ?? 'unknown';
}

/** True only when the license is known not to carry the permission; permissions outside the catalog never are. */
export function licenseCannotCarry(licenseName: string | null, permissionName: string): boolean {
  return licenseReach(licenseName) === 'noAdministration' && administrativePermissions.has(permissionName);
}

/** "Chatter Free license", but "Guest User License": some license names end in the word already. */
export function licensePhrase(licenseName: string): string {
  return /\blicen[cs]e$/i.test(licenseName) ? licenseName : l10n.t('{0} license', licenseName);
}
