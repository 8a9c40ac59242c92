// POST /sobjects/User as Salesforce validates it: the field checks every create gets (required
// fields, lengths, restricted picklists, references, e-mail form), then the username's own rules:
// e-mail form and global uniqueness (this org's users and the usernames other orgs hold), then a
// seat of the profile's user license. Errors come back all at once in Salesforce's REST error JSON.
import { type OrgData, type SfRecord } from './model';
import { checkFieldValues, emailForm, type SalesforceError } from './recordValues';

export interface UserCreateContext {
  data: OrgData;
  newId: () => string;
  /** Usernames held by users of other Salesforce orgs (lower case): usernames are unique across all of Salesforce. */
  usernamesInOtherOrgs: ReadonlySet<string>;
}

export function createUser(ctx: UserCreateContext, body: Record<string, unknown>): { record: SfRecord } | { errors: SalesforceError[] } {
  const { data } = ctx;
  const object = data.object('User');
  if (!object) throw new Error('User is not defined');
  const { values, errors } = checkFieldValues(data, object, body, 'create');

  const username = typeof values.Username === 'string' ? values.Username : undefined;
  if (username !== undefined && !errors.some((e) => e.fields.includes('Username'))) errors.push(...usernameErrors(ctx, username));
  const license = licenseOf(data, values.ProfileId);
  // A guess at the order: the seat is checked only once the record itself is valid.
  if (!errors.length && license && Number(license.UsedLicenses) >= Number(license.TotalLicenses)) errors.push(licenseLimitExceeded);
  if (errors.length) return { errors };

  const first = typeof values.FirstName === 'string' ? `${values.FirstName} ` : '';
  const defaults = Object.fromEntries(object.fields.filter((f) => f.name !== 'Id').map((f) => [f.name, null]));
  const record = data.insert('User', {
    ...defaults, IsActive: true, UserType: 'Standard', CommunityNickname: username?.split('@')[0],
    ...values, Id: ctx.newId(), Name: `${first}${String(values.LastName)}`,
  });
  // An active user takes a seat of their profile's license (UserLicense.UsedLicenses).
  if (license) license.UsedLicenses = Number(license.UsedLicenses) + 1;
  return { record };
}

/**
 * No seat left on the license: the code and wording are those public Apex failures print
 * ("first error: LICENSE_LIMIT_EXCEEDED, License Limit Exceeded: []", e.g. Salesforce StackExchange
 * questions on inserting users in tests); that REST answers them as a 400 with no fields is a guess.
 */
const licenseLimitExceeded: SalesforceError = { message: 'License Limit Exceeded', errorCode: 'LICENSE_LIMIT_EXCEEDED', fields: [] };

function licenseOf(data: OrgData, profileId: unknown): SfRecord | undefined {
  const profile = typeof profileId === 'string' ? data.byId(profileId) : undefined;
  const license = profile?.type === 'Profile' ? data.byId(String(profile.record.UserLicenseId)) : undefined;
  return license?.type === 'UserLicense' ? license.record : undefined;
}

function usernameErrors(ctx: UserCreateContext, username: string): SalesforceError[] {
  if (!emailForm.test(username)) {
    // The message is Salesforce's as Okta's support article "Salesforce Provisioning Error 'Username
    // must be in the form of an email address'" quotes it (Okta appends ": Username", the field).
    // The code FIELD_INTEGRITY_EXCEPTION is as reported from real orgs in issue 11; no public page
    // we found prints the code next to this message.
    return [{ message: 'Username must be in the form of an email address (for example, john@acme.com)', errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields: ['Username'] }];
  }
  const lower = username.toLowerCase();
  // Salesforce gives the same answer whichever org holds the username: its message says "in this or another Salesforce organization".
  if (ctx.usernamesInOtherOrgs.has(lower) || ctx.data.records('User').some((u) => String(u.Username).toLowerCase() === lower)) {
    return [{
      message: 'Duplicate Username.<br>The username already exists in this or another Salesforce organization. Usernames must be unique across all Salesforce organizations. To resolve, use a different username (it doesn\'t need to match the user\'s email address).',
      errorCode: 'DUPLICATE_USERNAME', fields: ['Username'],
    }];
  }
  return [];
}
