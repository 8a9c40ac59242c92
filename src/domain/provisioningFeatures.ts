/**
 * Okta's provisioning features of an app (its `features`), named as the Admin Console's Provisioning
 * tab names them, and the one-line summary the Okta Apps tree and `okta-sf apps` both show.
 */
import * as l10n from '@vscode/l10n';

/** The provisioning features shown, in the order of the Admin Console's Provisioning tab. */
export const provisioningFeatures: ReadonlyArray<{ feature: string; label: string }> = [
  { feature: 'PUSH_NEW_USERS', get label() { return l10n.t('Push new users'); } },
  { feature: 'PUSH_PROFILE_UPDATES', get label() { return l10n.t('Push profile updates'); } },
  { feature: 'PUSH_USER_DEACTIVATION', get label() { return l10n.t('Deactivate users'); } },
  { feature: 'REACTIVATE_USERS', get label() { return l10n.t('Reactivate users'); } },
  { feature: 'PUSH_PASSWORD_UPDATES', get label() { return l10n.t('Push password updates'); } },
  { feature: 'IMPORT_NEW_USERS', get label() { return l10n.t('Import new users'); } },
  { feature: 'IMPORT_PROFILE_UPDATES', get label() { return l10n.t('Import profile updates'); } },
  { feature: 'GROUP_PUSH', get label() { return l10n.t('Group push'); } },
];

const importFeatures = new Set(['IMPORT_NEW_USERS', 'IMPORT_PROFILE_UPDATES']);
const summarized = ['PUSH_NEW_USERS', 'PUSH_PROFILE_UPDATES', 'PUSH_USER_DEACTIVATION'];

/** What the summary says when no provisioning feature is on. */
export const notSetUp = () => l10n.t('Provisioning not set up');

/**
 * The app's provisioning in one line: "Push new users · Push profile updates · Deactivate users ·
 * Import" (those on), or "Provisioning not set up" when no provisioning feature is on.
 */
export function provisioningSummary(features: readonly string[]): string {
  const on = new Set(features);
  const parts = summarized.filter((feature) => on.has(feature)).map(labelOfFeature);
  if (features.some((feature) => importFeatures.has(feature))) parts.push(l10n.t('Import'));
  // Only features outside the summary (password push, group push…): name them rather than say "not set up".
  if (!parts.length) parts.push(...provisioningFeatures.filter(({ feature }) => on.has(feature)).map(({ label }) => label));
  return parts.length ? parts.join(' · ') : notSetUp();
}

function labelOfFeature(feature: string): string {
  return provisioningFeatures.find((f) => f.feature === feature)?.label ?? feature;
}

/** Each provisioning feature, on or off. */
export function featureRows(features: readonly string[]): Array<{ feature: string; label: string; on: boolean }> {
  const on = new Set(features);
  return provisioningFeatures.map(({ feature, label }) => ({ feature, label, on: on.has(feature) }));
}

