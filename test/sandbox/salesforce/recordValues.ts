// The field checks Salesforce runs on an sObject create or update through REST, before any rule of
// the object itself: unknown fields, fields the operation may not set, value types, lengths,
// restricted picklists, e-mail form and references; required fields (on create, those createable,
// not nillable and not defaulted; on update, none may be blanked). Every error is collected:
// Salesforce answers them all at once.
import { type FieldDef, fieldOf, type OrgData, type SObjectDef } from './model';

export interface SalesforceError {
  message: string;
  errorCode: string;
  fields: string[];
}

export type Operation = 'create' | 'update';

export const emailForm = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface CheckedValues {
  /** The body's values under their fields' own spelling, only for fields that passed. */
  values: Record<string, unknown>;
  errors: SalesforceError[];
}

export function checkFieldValues(data: OrgData, object: SObjectDef, body: Record<string, unknown>, operation: Operation): CheckedValues {
  const errors: SalesforceError[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    if (name === 'attributes') continue;
    const field = fieldOf(object, name);
    if (!field) {
      errors.push({ message: `No such column '${name}' on sobject of type ${object.name}`, errorCode: 'INVALID_FIELD', fields: [] });
      continue;
    }
    if (!(operation === 'create' ? field.createable : field.updateable)) {
      errors.push({
        message: `Unable to create/update fields: ${field.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: [field.name],
      });
      continue;
    }
    values[field.name] = value;
  }
  const blank = (name: string) => values[name] === undefined || values[name] === null || values[name] === '';
  // A create must set every required field; an update may leave them alone but not blank them.
  const missing = operation === 'create'
    ? object.fields.filter((f) => f.createable && !f.nillable && !f.defaultedOnCreate && blank(f.name)).map((f) => f.name)
    : Object.keys(values).filter((name) => fieldOf(object, name)?.nillable === false && blank(name));
  if (missing.length) errors.push({ message: `Required fields are missing: [${missing.join(', ')}]`, errorCode: 'REQUIRED_FIELD_MISSING', fields: missing });
  for (const [name, value] of Object.entries(values)) {
    const field = fieldOf(object, name);
    const error = field && value !== null && value !== undefined ? valueError(data, field, value) : undefined;
    if (error) errors.push(error);
  }
  return { values, errors };
}

function valueError(data: OrgData, field: FieldDef, value: unknown): SalesforceError | undefined {
  const text = String(value);
  const fields = [field.name];
  if (field.type === 'boolean' && typeof value !== 'boolean') {
    return { message: `${field.label}: value not of required type: ${text}`, errorCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD', fields };
  }
  if (field.length && field.type !== 'reference' && text.length > field.length) {
    return { message: `${field.label}: data value too large: ${text} (max length=${field.length})`, errorCode: 'STRING_TOO_LONG', fields };
  }
  if (field.restrictedPicklist && !field.picklistValues?.includes(text)) {
    return { message: `${field.label}: bad value for restricted picklist field: ${text}`, errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields };
  }
  if (field.type === 'email' && !emailForm.test(text)) {
    return { message: `${field.label}: invalid email address: ${text}`, errorCode: 'INVALID_EMAIL_ADDRESS', fields };
  }
  if (field.type === 'reference') return referenceError(data, field, text);
  return undefined;
}

/**
 * An id of another object's kind is FIELD_INTEGRITY_EXCEPTION ("id value of incorrect type"); an id
 * of the right kind that names no record is INVALID_CROSS_REFERENCE_KEY ("invalid cross reference
 * id"), as Salesforce words both in its DML errors (Salesforce's StatusCode list, and the errors
 * commonly reported from Data Loader and Apex).
 */
function referenceError(data: OrgData, field: FieldDef, id: string): SalesforceError | undefined {
  const target = field.referenceTo?.[0];
  if (data.byId(id)?.type === target) return undefined;
  const prefix = target ? data.object(target)?.keyPrefix : undefined;
  if (prefix && id.startsWith(prefix) && /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(id)) {
    return { message: 'invalid cross reference id', errorCode: 'INVALID_CROSS_REFERENCE_KEY', fields: [field.name] };
  }
  return { message: `${field.label}: id value of incorrect type: ${id}`, errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields: [field.name] };
}
