/**
 * Okta's provisioning features of an app (its `features`), named as the Admin Console's Provisioning
 * tab names them, and the one-line summary the Okta Apps tree and `okta-sf apps` both show.
 */

/** The provisioning features shown, in the order of the Admin Console's Provisioning tab. */
export const provisioningFeatures: ReadonlyArray<{ feature: string; label: string }> = [
  { feature: 'PUSH_NEW_USERS', label: 'Push new users' },
  { feature: 'PUSH_PROFILE_UPDATES', label: 'Push profile updates' },
  { feature: 'PUSH_USER_DEACTIVATION', label: 'Deactivate users' },
  { feature: 'REACTIVATE_USERS', label: 'Reactivate users' },
  { feature: 'PUSH_PASSWORD_UPDATES', label: 'Push password updates' },
  { feature: 'IMPORT_NEW_USERS', label: 'Import new users' },
  { feature: 'IMPORT_PROFILE_UPDATES', label: 'Import profile updates' },
  { feature: 'GROUP_PUSH', label: 'Group push' },
];

const importFeatures = new Set(['IMPORT_NEW_USERS', 'IMPORT_PROFILE_UPDATES']);
const summarized = ['PUSH_NEW_USERS', 'PUSH_PROFILE_UPDATES', 'PUSH_USER_DEACTIVATION'];

export const notSetUp = 'Provisioning not set up';

/**
 * The app's provisioning in one line: "Push new users · Push profile updates · Deactivate users ·
 * Import" (those on), or "Provisioning not set up" when no provisioning feature is on.
 */
export function provisioningSummary(features: readonly string[]): string {
  const on = new Set(features);
  const parts = summarized.filter((feature) => on.has(feature)).map(labelOfFeature);
  if (features.some((feature) => importFeatures.has(feature))) parts.push('Import');
  // Only features outside the summary (password push, group push…): name them rather than say "not set up".
  if (!parts.length) parts.push(...provisioningFeatures.filter(({ feature }) => on.has(feature)).map(({ label }) => label));
  return parts.length ? parts.join(' · ') : notSetUp;
}

function labelOfFeature(feature: string): string {
  return provisioningFeatures.find((f) => f.feature === feature)?.label ?? feature;
}

/** Each provisioning feature, on or off. */
export function featureRows(features: readonly string[]): Array<{ feature: string; label: string; on: boolean }> {
  const on = new Set(features);
  return provisioningFeatures.map(({ feature, label }) => ({ feature, label, on: on.has(feature) }));
}

