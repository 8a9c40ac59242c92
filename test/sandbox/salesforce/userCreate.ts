// POST /sobjects/User as Salesforce validates it: required fields (createable, not nillable,
// not defaulted), lengths, restricted picklists, references, e-mail form, globally unique
// usernames. Errors come back all at once in Salesforce's REST error JSON.
import { fieldOf, type OrgData, type SfRecord } from './model';

export interface SalesforceError {
  message: string;
  errorCode: string;
  fields: string[];
}

const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function createUser(data: OrgData, body: Record<string, unknown>, newId: () => string): { record: SfRecord } | { errors: SalesforceError[] } {
  const object = data.object('User');
  if (!object) throw new Error('User is not defined');
  const errors: SalesforceError[] = [];
  const values: Record<string, unknown> = {};

  for (const [name, value] of Object.entries(body)) {
    if (name === 'attributes') continue;
    const field = fieldOf(object, name);
    if (!field) {
      errors.push({ message: `No such column '${name}' on sobject of type User`, errorCode: 'INVALID_FIELD', fields: [] });
      continue;
    }
    if (!field.createable) {
      errors.push({ message: `Unable to create/update fields: ${field.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: [field.name] });
      continue;
    }
    values[field.name] = value;
  }

  const missing = object.fields
    .filter((f) => f.createable && !f.nillable && !f.defaultedOnCreate)
    .filter((f) => values[f.name] === undefined || values[f.name] === null || values[f.name] === '')
    .map((f) => f.name);
  if (missing.length) errors.push({ message: `Required fields are missing: [${missing.join(', ')}]`, errorCode: 'REQUIRED_FIELD_MISSING', fields: missing });

  for (const [name, value] of Object.entries(values)) {
    const field = fieldOf(object, name);
    if (!field || value === null || value === undefined) continue;
    const text = String(value);
    if (field.type === 'boolean' && typeof value !== 'boolean') {
      errors.push({ message: `${field.label}: value not of required type: ${text}`, errorCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD', fields: [field.name] });
    } else if (field.length && field.type !== 'reference' && text.length > field.length) {
      errors.push({ message: `${field.label}: data value too large: ${text} (max length=${field.length})`, errorCode: 'STRING_TOO_LONG', fields: [field.name] });
    } else if (field.restrictedPicklist && !field.picklistValues?.includes(text)) {
      errors.push({ message: `${field.label}: bad value for restricted picklist field: ${text}`, errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields: [field.name] });
    } else if (field.type === 'email' && !email.test(text)) {
      errors.push({ message: `${field.label}: invalid email address: ${text}`, errorCode: 'INVALID_EMAIL_ADDRESS', fields: [field.name] });
    } else if (field.type === 'reference' && data.byId(text)?.type !== field.referenceTo?.[0]) {
      errors.push({ message: `${field.label}: id value of incorrect type: ${text}`, errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields: [field.name] });
    }
  }

  const username = typeof values.Username === 'string' ? values.Username : undefined;
  if (username !== undefined && !errors.some((e) => e.fields.includes('Username'))) {
    // A guess at the code: Salesforce words this check as below but its errorCode varies by release.
    if (!email.test(username)) {
      errors.push({ message: 'Username: invalid username, must be in the form of an email address (for example, john@acme.com)', errorCode: 'INVALID_NEW_VALUE', fields: ['Username'] });
    } else if (data.records('User').some((u) => String(u.Username).toLowerCase() === username.toLowerCase())) {
      errors.push({
        message: 'Duplicate Username.<br>The username already exists in this or another Salesforce organization. Usernames must be unique across all Salesforce organizations. To resolve, use a different username (it doesn\'t need to match the user\'s email address).',
        errorCode: 'DUPLICATE_USERNAME', fields: ['Username'],
      });
    }
  }
  if (errors.length) return { errors };

  const first = typeof values.FirstName === 'string' ? `${values.FirstName} ` : '';
  const defaults = Object.fromEntries(object.fields.filter((f) => f.name !== 'Id').map((f) => [f.name, null]));
  const record = data.insert('User', {
    ...defaults, IsActive: true, UserType: 'Standard', CommunityNickname: username?.split('@')[0],
    ...values, Id: newId(), Name: `${first}${String(values.LastName)}`,
  });
  return { record };
}
