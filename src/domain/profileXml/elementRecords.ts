/**
 * What the scanner knows of an element from its name, its namespace declarations and where it is: its
 * namespace and its role in the audit. A record stands for a name (with any declarations on the element)
 * in its parent's context, so for the whole stack of open elements; each is made once per scan and found
 * again by name, so that most start tags cost one lookup.
 *
 * Metadata elements are matched by namespace and local name. A file whose root is in no namespace (no
 * `xmlns`: written by hand or by a tool; Salesforce always declares it) is read as if it declared the
 * metadata namespace, so its elements in no namespace count as metadata elements too; in a file whose
 * root is in the metadata namespace, only elements in that namespace do.
 */
import { type Declaration, documentScope, elementNamespace, localNameOf, metadataNamespace, nameProblem, type NamespaceScope, scopeWith } from './namespaces';

export const enum Role {
  none,
  root,
  /** A `<userPermissions>` child of the root. */
  block,
  /** `<userLicense>` in a Profile, `<license>` in a PermissionSet. */
  license,
  /** A block's `<name>`. */
  name,
  /** A block's `<enabled>`. */
  enabled,
}

export interface ElementRecord {
  /** As written, with its prefix: what its end tag must repeat. */
  name: string;
  /** Its name and declarations: what it is found again by in its parent's children, and for the root, what its learned shapes are kept under. */
  key: string;
  role: Role;
  children: Map<string, ElementRecord> | undefined;
  scope: NamespaceScope;
  /** Its namespace ('' for none); undefined when its name breaks Namespaces in XML (the scan stops there). */
  namespace: string | undefined;
  localName: string;
  /** Whether it is a metadata element: in the metadata namespace, or in no namespace in a file whose root is in none. */
  metadata: boolean;
  /** Whether elements in no namespace are metadata elements below it: its root is in no namespace. */
  noNamespaceIsMetadata: boolean;
}

/** The parent of the root: its name is ''. */
export const documentRecord = (): ElementRecord => ({
  name: '', key: '', role: Role.none, children: undefined, scope: documentScope, namespace: '', localName: '', metadata: false, noNamespaceIsMetadata: true,
});

const licenseOf = (root: ElementRecord) => (!root.metadata ? undefined : root.localName === 'Profile' ? 'userLicense' : root.localName === 'PermissionSet' ? 'license' : undefined);

function roleOf(parent: ElementRecord, record: ElementRecord): Role {
  switch (parent.role) {
    case Role.none:
      return parent.name === '' ? Role.root : Role.none;
    case Role.root:
      if (!record.metadata) return Role.none;
      if (record.localName === 'userPermissions') return Role.block;
      return record.localName === licenseOf(parent) ? Role.license : Role.none;
    case Role.block:
      if (!record.metadata) return Role.none;
      return record.localName === 'name' ? Role.name : record.localName === 'enabled' ? Role.enabled : Role.none;
    default:
      return Role.none;
  }
}

function newRecord(parent: ElementRecord, name: string, key: string, declarations: readonly Declaration[] | undefined): ElementRecord {
  const scope = declarations === undefined ? parent.scope : scopeWith(parent.scope, declarations);
  const namespace = nameProblem(name, scope) === undefined ? elementNamespace(name, scope) : undefined;
  const noNamespaceIsMetadata = parent.name === '' ? namespace === '' : parent.noNamespaceIsMetadata;
  // Every field from the start, so that all records share one shape and reading them stays fast.
  const record: ElementRecord = {
    name, key, role: Role.none, children: undefined, scope, namespace, localName: localNameOf(name),
    metadata: namespace === metadataNamespace || (namespace === '' && noNamespaceIsMetadata), noNamespaceIsMetadata,
  };
  record.role = roleOf(parent, record);
  return record;
}

/** The record of an element named `name` in `parent`, with `declarations` when it has any. */
export function recordFor(parent: ElementRecord, name: string, declarations?: readonly Declaration[]): ElementRecord {
  const key = declarations === undefined ? name : `${name} ${JSON.stringify(declarations.map(({ prefix, namespace }) => [prefix, namespace]))}`;
  parent.children ??= new Map();
  let record = parent.children.get(key);
  if (!record) {
    record = newRecord(parent, name, key, declarations);
    parent.children.set(key, record);
  }
  return record;
}
