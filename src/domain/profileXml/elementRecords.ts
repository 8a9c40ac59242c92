/**
 * What the scanner knows of an element from its name and where it is: its role in the audit. A record
 * stands for a name in its parent's context, so for the whole stack of open elements; each is made once
 * per scan and found again by name, so that most start tags cost one lookup.
 */

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
  name: string;
  role: Role;
  children: Map<string, ElementRecord> | undefined;
}

/** The parent of the root: its name is ''. */
export const documentRecord = (): ElementRecord => ({ name: '', role: Role.none, children: undefined });

function roleOf(parent: ElementRecord, name: string): Role {
  switch (parent.role) {
    case Role.none:
      return parent.name === '' ? Role.root : Role.none;
    case Role.root:
      if (name === 'userPermissions') return Role.block;
      return name === (parent.name === 'Profile' ? 'userLicense' : parent.name === 'PermissionSet' ? 'license' : undefined) ? Role.license : Role.none;
    case Role.block:
      return name === 'name' ? Role.name : name === 'enabled' ? Role.enabled : Role.none;
    default:
      return Role.none;
  }
}

export function recordFor(parent: ElementRecord, name: string): ElementRecord {
  parent.children ??= new Map();
  let record = parent.children.get(name);
  if (!record) {
    // Every field from the start, so that all records share one shape and reading them stays fast.
    record = { name, role: roleOf(parent, name), children: undefined };
    parent.children.set(name, record);
  }
  return record;
}
