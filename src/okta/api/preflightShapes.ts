/**
 * What the provisioning pre-flight and dry run read from Okta (issue 14), from Okta's raw JSON: the
 * Okta-user-to-app profile mapping and users with their whole profile. Property names and values are
 * the org's data: kept as data, never trusted as keys of a plain object.
 */

/** The Okta-user-to-app profile mapping (the spec's ProfileMapping), properties as Okta sent them. */
export interface OktaProfileMapping {
  id: string;
  source: { id: string; name: string; type: string };
  target: { id: string; name: string; type: string };
  /** Target attribute → expression and pushStatus (PUSH / DONT_PUSH), only well-formed entries kept. */
  properties: Record<string, { expression: string; pushStatus?: string }>;
  readonly raw: Readonly<Record<string, unknown>>;
}

/** An Okta user with the whole profile, for the dry run. */
export interface OktaUserRecord {
  id: string;
  login: string;
  displayName: string;
  status: string;
  profile: Record<string, unknown>;
  readonly raw: Readonly<Record<string, unknown>>;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const record = (value: unknown): Record<string, unknown> =>
  (value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : {});

function endOf(raw: unknown): OktaProfileMapping['source'] {
  const end = record(raw);
  return { id: text(end.id), name: text(end.name), type: text(end.type) };
}

/**
 * A mapping from Okta's JSON. The properties go into an object without a prototype, so that an
 * attribute named `__proto__` or `constructor` is an entry like any other; entries whose expression is
 * not a string are dropped.
 */
export function profileMappingOf(raw: Record<string, unknown>): OktaProfileMapping {
  const properties: OktaProfileMapping['properties'] = Object.create(null) as OktaProfileMapping['properties'];
  for (const [name, value] of Object.entries(record(raw.properties))) {
    const property = record(value);
    if (typeof property.expression !== 'string') continue;
    properties[name] = typeof property.pushStatus === 'string'
      ? { expression: property.expression, pushStatus: property.pushStatus }
      : { expression: property.expression };
  }
  return { id: text(raw.id), source: endOf(raw.source), target: endOf(raw.target), properties, raw };
}

/** A user from Okta's JSON; the display name is first and last name, or the login when both are missing. */
export function userRecordOf(raw: Record<string, unknown>): OktaUserRecord {
  const profile = record(raw.profile);
  const displayName = [text(profile.firstName), text(profile.lastName)].filter(Boolean).join(' ');
  return { id: text(raw.id), login: text(profile.login), displayName: displayName || text(profile.login), status: text(raw.status), profile, raw };
}
