/**
 * Which org profile a `*.profile-meta.xml` file holds. Metadata names a custom profile file after
 * the profile, with characters such as ":" percent-encoded; standard profiles have API names
 * that differ from the names the org shows (Admin is "System Administrator").
 */
const standardProfiles: Record<string, string> = {
  Admin: 'System Administrator',
  Standard: 'Standard User',
  ReadOnly: 'Read Only',
  SolutionManager: 'Solution Manager',
  MarketingProfile: 'Marketing User',
  ContractManager: 'Contract Manager',
  StandardAul: 'Standard Platform User',
};

const suffix = '.profile-meta.xml';

/** The profile name for a file name such as "Okta%3A Integration.profile-meta.xml", or undefined for other files. */
export function profileNameOfFile(fileName: string): string | undefined {
  if (!fileName.endsWith(suffix)) return undefined;
  const apiName = fileName.slice(0, -suffix.length);
  let decoded: string;
  try {
    decoded = decodeURIComponent(apiName);
  } catch {
    decoded = apiName;
  }
  return standardProfiles[decoded] ?? decoded;
}
