// POST /sobjects/User as Salesforce validates it: the field checks every create gets (required
// fields, lengths, restricted picklists, references, e-mail form), then the username's own rules:
// e-mail form and global uniqueness. Errors come back all at once in Salesforce's REST error JSON.
import { type OrgData, type SfRecord } from './model';
import { checkFieldValues, emailForm, type SalesforceError } from './recordValues';

export function createUser(data: OrgData, body: Record<string, unknown>, newId: () => string): { record: SfRecord } | { errors: SalesforceError[] } {
  const object = data.object('User');
  if (!object) throw new Error('User is not defined');
  const { values, errors } = checkFieldValues(data, object, body, 'create');

  const username = typeof values.Username === 'string' ? values.Username : undefined;
  if (username !== undefined && !errors.some((e) => e.fields.includes('Username'))) errors.push(...usernameErrors(data, username));
  if (errors.length) return { errors };

  const first = typeof values.FirstName === 'string' ? `${values.FirstName} ` : '';
  const defaults = Object.fromEntries(object.fields.filter((f) => f.name !== 'Id').map((f) => [f.name, null]));
  const record = data.insert('User', {
    ...defaults, IsActive: true, UserType: 'Standard', CommunityNickname: username?.split('@')[0],
    ...values, Id: newId(), Name: `${first}${String(values.LastName)}`,
  });
  return { record };
}

function usernameErrors(data: OrgData, username: string): SalesforceError[] {
  if (!emailForm.test(username)) {
    // The message is Salesforce's as Okta's support article "Salesforce Provisioning Error 'Username
    // must be in the form of an email address'" quotes it (Okta appends ": Username", the field).
    // The code FIELD_INTEGRITY_EXCEPTION is as reported from real orgs in issue 11; no public page
    // we found prints the code next to this message.
    return [{ message: 'Username must be in the form of an email address (for example, john@acme.com)', errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields: ['Username'] }];
  }
  if (data.records('User').some((u) => String(u.Username).toLowerCase() === username.toLowerCase())) {
    return [{
      message: 'Duplicate Username.<br>The username already exists in this or another Salesforce organization. Usernames must be unique across all Salesforce organizations. To resolve, use a different username (it doesn\'t need to match the user\'s email address).',
      errorCode: 'DUPLICATE_USERNAME', fields: ['Username'],
    }];
  }
  return [];
}
