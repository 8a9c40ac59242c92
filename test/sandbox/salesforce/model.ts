// The data model of the sandbox Salesforce org: object definitions (what describe returns and
// what SOQL may name) and records. The seed fills it; the SOQL engine and the REST routes read it.

export type FieldType =
  | 'id' | 'reference' | 'string' | 'textarea' | 'email' | 'phone' | 'url' | 'picklist'
  | 'boolean' | 'int' | 'double' | 'date' | 'datetime';

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  /** Maximum length of string-like fields. */
  length?: number;
  /** For reference fields: the object(s) pointed to. */
  referenceTo?: string[];
  /** For reference fields: the name used to reach the parent in SOQL (ProfileId → Profile). */
  relationshipName?: string;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  defaultedOnCreate: boolean;
  unique?: boolean;
  /** describe's idLookup: the field can identify a record in an upsert (Username, CommunityNickname, FederationIdentifier on User). */
  idLookup?: boolean;
  picklistValues?: string[];
  restrictedPicklist?: boolean;
}

export interface SObjectDef {
  name: string;
  label: string;
  /** The first three characters of its record ids (005 for User). */
  keyPrefix: string;
  /** Reached through /tooling/query instead of /query. */
  tooling?: boolean;
  fields: FieldDef[];
}

/** A record as stored: field name → value; reference fields hold the parent's Id (or null). */
export type SfRecord = { Id: string } & Record<string, unknown>;

export class OrgData {
  private readonly objectsByLowerName = new Map<string, SObjectDef>();
  private readonly recordsByType = new Map<string, SfRecord[]>();
  private readonly recordsById = new Map<string, { type: string; record: SfRecord }>();

  constructor(objects: readonly SObjectDef[]) {
    for (const object of objects) {
      this.objectsByLowerName.set(object.name.toLowerCase(), object);
      this.recordsByType.set(object.name, []);
    }
  }

  /** Object names are case-insensitive in SOQL and in REST paths. */
  object(name: string): SObjectDef | undefined {
    return this.objectsByLowerName.get(name.toLowerCase());
  }

  records(type: string): readonly SfRecord[] {
    return this.recordsByType.get(this.object(type)?.name ?? type) ?? [];
  }

  byId(id: string): { type: string; record: SfRecord } | undefined {
    return this.recordsById.get(id);
  }

  insert(type: string, record: SfRecord): SfRecord {
    const object = this.object(type);
    if (!object) throw new Error(`unknown object ${type}`);
    this.recordsByType.get(object.name)?.push(record);
    this.recordsById.set(record.Id, { type: object.name, record });
    return record;
  }
}

/** Field lookup as SOQL does it: case-insensitive. */
export function fieldOf(object: SObjectDef, name: string): FieldDef | undefined {
  const lower = name.toLowerCase();
  return object.fields.find((field) => field.name.toLowerCase() === lower);
}
