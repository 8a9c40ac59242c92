// Resolves the names in a statement against the org's object definitions: the FROM object, and
// field paths that walk parent relationships (Profile.UserLicense.Name), case-insensitively.
import { type FieldDef, fieldOf, type OrgData, type SfRecord, type SObjectDef } from '../model';
import { type FieldRef } from './ast';
import { errorAt, type SoqlError } from './errors';

/** A reference field followed to its parent, with the relationship's canonical name (ProfileId → Profile). */
export interface Relationship {
  field: FieldDef;
  name: string;
}

export interface ResolvedField {
  /** The field at the end of the path. */
  def: FieldDef;
  /** The relationships walked to reach it, from the queried object outwards. */
  relationships: Relationship[];
  /** The field's value on a row: null where it is empty or a parent on the way is missing. */
  read(record: SfRecord): unknown;
}

export interface QueryScope {
  readonly soql: string;
  field(ref: FieldRef): ResolvedField;
}

/** Tooling objects are only reached through /tooling/query, and the others only through /query. */
export function resolveObject(data: OrgData, from: { name: string; offset: number }, tooling: boolean, soql: string): SObjectDef {
  const object = data.object(from.name);
  if (object && Boolean(object.tooling) === tooling) return object;
  throw unsupportedObject(soql, from);
}

/** The answer for an object the org lacks, or (as observed) one the user may not read: both look the same. */
export function unsupportedObject(soql: string, from: { name: string; offset: number }): SoqlError {
  return errorAt(soql, from.offset, 'INVALID_TYPE', `sObject type '${from.name}' is not supported. If you are attempting to use `
    + "a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the "
    + 'appropriate names.');
}

/** The answer for a parent relationship in a field path that the object lacks. */
export function unknownRelationship(soql: string, ref: FieldRef, name: string): SoqlError {
  return errorAt(soql, ref.offset, 'INVALID_FIELD', `Didn't understand relationship '${name}' in field path. If you are attempting `
    + "to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or "
    + 'the describe call for the appropriate names.');
}

export function queryScope(data: OrgData, root: SObjectDef, soql: string): QueryScope {
  return { soql, field: (ref) => resolveField(data, root, ref, soql) };
}

export function parentOf(data: OrgData, record: SfRecord, relationship: Relationship): { type: string; record: SfRecord } | undefined {
  const parentId = record[relationship.field.name];
  return typeof parentId === 'string' ? data.byId(parentId) : undefined;
}

function resolveField(data: OrgData, root: SObjectDef, ref: FieldRef, soql: string): ResolvedField {
  let object = root;
  const relationships: Relationship[] = [];
  for (const name of ref.path.slice(0, -1)) {
    const field = object.fields.find((candidate) => candidate.relationshipName?.toLowerCase() === name.toLowerCase());
    // Polymorphic references (several referenceTo) are resolved against their first object.
    const parentName = field?.referenceTo?.[0];
    const parent = parentName === undefined ? undefined : data.object(parentName);
    if (!field?.relationshipName || !parent) throw unknownRelationship(soql, ref, name);
    relationships.push({ field, name: field.relationshipName });
    object = parent;
  }
  const name = ref.path[ref.path.length - 1];
  const def = fieldOf(object, name);
  if (!def) {
    throw errorAt(soql, ref.offset, 'INVALID_FIELD', `No such column '${name}' on entity '${object.name}'. If you are attempting to use `
      + "a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for "
      + 'the appropriate names.');
  }
  return { def, relationships, read: pathReader(data, relationships, def) };
}

function pathReader(data: OrgData, relationships: Relationship[], def: FieldDef): (record: SfRecord) => unknown {
  return (record) => {
    let row = record;
    for (const relationship of relationships) {
      const parent = parentOf(data, row, relationship);
      if (!parent) return null;
      row = parent.record;
    }
    return row[def.name] ?? null;
  };
}
