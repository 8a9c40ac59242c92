/**
 * The audit of a profile or permission set file as scanned: Okta's rules for its integration profile
 * (every required permission granted on the profile, on a license that can carry it), placed where the
 * editor can show them. Messages use Setup's labels, then the XML name, and end with the fix.
 */
import * as l10n from '@vscode/l10n';
import { licenseCannotCarry, licensePhrase } from '../licenseCapabilities';
import { type DependencyRow, type RequiredPermission, requiredPermissions } from '../permissionCatalog';
import { joinList } from '../plainText';
import { blockOrder, insertionIndex, type NameOrder } from './permissionOrder';
import type { MetadataScan, PermissionEntry, Span } from './scanner';

export type MetadataFindingCode =
  | 'missing-permission' | 'disabled-permission' | 'missing-dependency' | 'license-cannot-grant' | 'permission-set-grant' | 'malformed-xml'
  | 'unexpected-root';

export interface MetadataFinding {
  code: MetadataFindingCode;
  severity: 'error' | 'warning' | 'info';
  /** The XML name, e.g. ManageUsers. */
  permission?: string;
  /** Every permission a finding about several covers, by XML name (license-cannot-grant). */
  permissions?: string[];
  span: Span;
  /** Why, then "Fix: …". */
  message: string;
  related?: Array<{ span: Span; message: string }>;
}

interface RequiredLookup {
  byName: ReadonlyMap<string, RequiredPermission>;
  /**
   * Each name's length and first code unit, as `length * 128 + code`: a file's names are new strings,
   * and hashing each one to look it up was half of an audit, while most of them fail this test first.
   */
  sketches: ReadonlySet<number>;
}

const sketch = (name: string) => name.length * 128 + name.charCodeAt(0);

/** Made once per list of required permissions: the built-in list is always the same one. */
const lookups = new WeakMap<readonly RequiredPermission[], RequiredLookup>();

function requiredLookup(required: readonly RequiredPermission[]): RequiredLookup {
  let lookup = lookups.get(required);
  if (lookup === undefined) {
    lookup = {
      byName: new Map(required.map((permission) => [permission.name, permission])),
      sketches: new Set(required.map((permission) => sketch(permission.name))),
    };
    lookups.set(required, lookup);
  }
  return lookup;
}

/**
 * Each required name's first block, and whether any of its blocks grants it (that any one counts is a
 * guess: Salesforce should refuse duplicates). Only required names: a profile has hundreds of others.
 */
function entriesByName(scan: MetadataScan, required: readonly RequiredPermission[]): Map<string, { first: PermissionEntry; granted: boolean }> {
  const { byName: wanted, sketches } = requiredLookup(required);
  const byName = new Map<string, { first: PermissionEntry; granted: boolean }>();
  for (const entry of scan.permissions) {
    if (!sketches.has(sketch(entry.name)) || !wanted.has(entry.name)) continue;
    const known = byName.get(entry.name);
    if (known) known.granted ||= entry.enabled === true;
    else byName.set(entry.name, { first: entry, granted: entry.enabled === true });
  }
  return byName;
}

/** The scan's well-formedness problem as a finding, if there is one. */
export function malformedXmlFinding(scan: MetadataScan): MetadataFinding | undefined {
  const { error } = scan;
  if (!error) return undefined;
  const message = scan.stoppedAt === undefined ? error.message
    : l10n.t('{0} Until then, only the part of the file before this point is audited, and missing permissions are not reported.', error.message);
  const finding: MetadataFinding = { code: 'malformed-xml', severity: 'error', span: error.span, message };
  if (error.related) finding.related = [error.related];
  return finding;
}

const zeroAt = (offset: number): Span => ({ start: offset, end: offset });

/**
 * Bytes that are not UTF-8, first met at `offset` of the text decoded with replacement characters. Only
 * okta-sf reads bytes: the editor decodes a file before the extension sees it.
 */
export function notUtf8Finding(offset: number, badByte: number, utf16: boolean): MetadataFinding {
  const what = utf16 ? l10n.t('it starts with a UTF-16 byte order mark')
    : l10n.t('byte 0x{0} is not UTF-8 here', badByte.toString(16).toUpperCase().padStart(2, '0'));
  return {
    code: 'malformed-xml', severity: 'error', span: { start: offset, end: offset + 1 },
    message: l10n.t('The file is not UTF-8: {0}. Salesforce reads metadata as UTF-8 and refuses to deploy it; the audit read each bad byte as the replacement character U+FFFD. Fix: save the file as UTF-8.', what),
  };
}

const metadataNamespace = 'http://soap.sforce.com/2006/04/metadata';
const fileTypes = {
  Profile: { noun: () => l10n.t('a profile'), suffix: '.profile-meta.xml', other: () => l10n.t('a permission set'), otherSuffix: '.permissionset-meta.xml' },
  PermissionSet: { noun: () => l10n.t('a permission set'), suffix: '.permissionset-meta.xml', other: () => l10n.t('a profile'), otherSuffix: '.profile-meta.xml' },
} as const;

/**
 * A file that should be a profile or permission set (`expected`, by its name) but whose root is another
 * element, as an error: otherwise it would pass with nothing checked. A file with no root at all (empty,
 * or malformed before its root) is the scan's error, reported as malformed-xml.
 */
export function unexpectedRootFinding(text: string, scan: MetadataScan, expected: 'Profile' | 'PermissionSet'): MetadataFinding | undefined {
  if (scan.kind === expected || !scan.rootSpan) return undefined;
  const { noun, suffix, other, otherSuffix } = fileTypes[expected];
  const wanted = `<${expected} xmlns="${metadataNamespace}">`;
  const finding = (span: Span, message: string): MetadataFinding => ({ code: 'unexpected-root', severity: 'error', span, message });
  const { rootSpan } = scan;
  // A hostile name could be any length; the message shows enough of it to recognize.
  const root = `<${text.slice(rootSpan.start, Math.min(rootSpan.end, rootSpan.start + 80))}>`;
  if (scan.kind !== 'unknown') {
    // That a deploy takes the type from the file's name, and fails, is a guess (the Salesforce CLI converts by suffix).
    return finding(rootSpan, l10n.t("This file is named as {0} ({1}), but its root element {2} is {3}'s: a deploy takes the file for what its name says, and fails. Fix: if it is {3}, rename it to end in {4}; otherwise make its root {5}.",
      noun(), suffix, root, other(), otherSuffix, wanted));
  }
  if (scan.rootName?.localName === expected) {
    const namespace = scan.rootName.namespace.slice(0, 80);
    return finding(rootSpan, l10n.t('This file\'s root element {0} is in the namespace "{1}", not the Metadata API\'s ({2}), so nothing in it was checked. Fix: make the root {3}, as a retrieve writes it.',
      root, namespace, metadataNamespace, wanted));
  }
  return finding(rootSpan, l10n.t("This file's root element is {0}, not <{1}>, so nothing in it was checked, and Salesforce refuses to deploy it as {2}. Fix: make the root {3} and its end tag </{1}>.",
    root, expected, noun(), wanted));
}

/**
 * Where a missing permission's block belongs: at the start of the block it sorts before, right after
 * the last block, or (no blocks) at the root's end tag, where the element order puts userPermissions
 * (it sorts after every other child of Profile).
 */
function insertionSpan(scan: MetadataScan, name: string, order: NameOrder): Span {
  const entries = scan.permissions;
  const index = insertionIndex(entries, name, order);
  if (index < entries.length) return zeroAt(entries[index].block.start);
  if (entries.length > 0) return zeroAt(entries[entries.length - 1].block.end);
  if (scan.rootClose) return zeroAt(scan.rootClose.start);
  return zeroAt(scan.rootSpan?.start ?? 0);
}

const addThis = (name: string) => l10n.t('Fix: add <userPermissions> with <enabled>true</enabled> and <name>{0}</name> here.', name);

/** What the audit knows of the file beyond one permission: labels, and which required permissions it grants. */
interface AuditContext {
  labelOf: (name: string) => string;
  grants: (name: string) => boolean;
}

/**
 * Who needs a dependency-only permission, by label, and whether the file grants any of them: Salesforce
 * refuses a deploy only then (a profile without Manage Users deploys fine without Freeze Users).
 */
function dependents(permission: RequiredPermission, context: AuditContext): { needing: string; refused: boolean } {
  return { needing: joinList(permission.requiredBy.map(context.labelOf)), refused: permission.requiredBy.some(context.grants) };
}

function missingFinding(scan: MetadataScan, permission: RequiredPermission, context: AuditContext, order: NameOrder): MetadataFinding {
  const { name, label } = permission;
  const span = insertionSpan(scan, name, order);
  if (permission.listedByOkta) {
    return {
      code: 'missing-permission', severity: 'error', permission: name, span,
      message: l10n.t('Okta requires {0} ({1}) on its integration profile, and this profile does not grant it. {2}', label, name, addThis(name)),
    };
  }
  const { needing, refused } = dependents(permission, context);
  return {
    code: 'missing-dependency', severity: 'warning', permission: name, span,
    message: refused
      ? l10n.t('Salesforce requires {0} ({1}) for {2}: without it, Salesforce will refuse to deploy this profile and Setup will not enable {2}. {3}', label, name, needing, addThis(name))
      : l10n.t('Salesforce requires {0} ({1}) for {2}: this profile does not grant {2} yet, and once it does, Salesforce will refuse to deploy it without {0}. {3}', label, name, needing, addThis(name)),
  };
}

function disabledFinding(permission: RequiredPermission, entry: PermissionEntry, context: AuditContext): MetadataFinding {
  const { name, label } = permission;
  const state = entry.enabledElement === undefined ? l10n.t('{0} ({1}) has no <enabled>, so it is not granted', label, name)
    : entry.enabled === false ? l10n.t('{0} ({1}) is turned off (<enabled>false</enabled>)', label, name)
      : l10n.t('{0} ({1}) is not turned on (<enabled> must be true or false)', label, name);
  const { needing, refused } = dependents(permission, context);
  const why = permission.listedByOkta ? l10n.t('Okta requires it on its integration profile')
    : refused ? l10n.t('Salesforce requires it for {0} and will refuse to deploy this profile without it', needing)
      : l10n.t('Salesforce requires it for {0}, which this profile does not grant yet; once it does, Salesforce will refuse to deploy it without {1}', needing, label);
  const fix = entry.enabledElement === undefined ? l10n.t('add <enabled>true</enabled> to this block') : l10n.t('set <enabled> to true');
  return {
    code: 'disabled-permission',
    // As with a missing permission: an error for Okta's own list, a warning for what Salesforce adds to it
    // (a disabled dependency is no worse than a missing one).
    severity: permission.listedByOkta ? 'error' : 'warning',
    permission: name,
    span: entry.enabledSpan ?? entry.enabledElement ?? entry.nameSpan,
    message: l10n.t('{0}; {1}. Fix: {2}.', state, why, fix),
  };
}

function licenseFinding(
  license: NonNullable<MetadataScan['license']>, uncarried: readonly RequiredPermission[], byName: ReturnType<typeof entriesByName>,
): MetadataFinding {
  const finding: MetadataFinding = {
    code: 'license-cannot-grant', severity: 'error', span: license.span, permissions: uncarried.map((permission) => permission.name),
    message: l10n.t('The {0} cannot carry {1}: Salesforce does not offer them on profiles with this license, so Okta cannot provision through this profile. Fix: give Okta’s integration user a profile whose User License is Salesforce (in Setup → Profiles, clone one), and grant API Enabled and Manage Users there.',
      licensePhrase(license.value), joinList(uncarried.map((permission) => permission.label), 5)),
  };
  const related = uncarried.flatMap((permission) => {
    const entry = byName.get(permission.name)?.first;
    return entry ? [{ span: entry.nameSpan, message: l10n.t('{0}: the {1} cannot carry it.', permission.label, licensePhrase(license.value)) }] : [];
  });
  if (related.length > 0) finding.related = related;
  return finding;
}

const byPosition = (a: MetadataFinding, b: MetadataFinding) => a.span.start - b.span.start;

/**
 * Audits a Profile scan as Okta's integration profile. Dependencies: the org's PermissionDependency rows
 * when known, else the built-in ones. A scan that stopped early (malformed or cut off) gets no
 * missing-permission findings: the rest of the file is unknown. Other kinds get only malformed-xml.
 * Sorted by position.
 */
export function auditProfileXml(scan: MetadataScan, options: { dependencies?: DependencyRow[] } = {}): MetadataFinding[] {
  const malformed = malformedXmlFinding(scan);
  const findings = malformed ? [malformed] : [];
  if (scan.kind !== 'Profile') return findings;
  const required = requiredPermissions(options.dependencies).permissions;
  const { byName: requiredByName } = requiredLookup(required);
  const byName = entriesByName(scan, required);
  const context: AuditContext = {
    labelOf: (name) => requiredByName.get(name)?.label ?? name,
    grants: (name) => byName.get(name)?.granted === true,
  };
  // Worked out only when a permission is missing: it compares every block's name.
  let order: NameOrder | undefined;
  const { license } = scan;
  // Like the org audit: a permission the license cannot carry is the license's finding, not its own.
  const uncarried = license ? required.filter((permission) => licenseCannotCarry(license.value, permission.name)) : [];
  if (license && uncarried.length > 0) findings.push(licenseFinding(license, uncarried, byName));
  for (const permission of required) {
    if (uncarried.includes(permission)) continue;
    const known = byName.get(permission.name);
    if (known?.granted) continue;
    if (known) findings.push(disabledFinding(permission, known.first, context));
    else if (scan.stoppedAt === undefined) findings.push(missingFinding(scan, permission, context, order ??= blockOrder(scan.permissions)));
  }
  return findings.sort(byPosition);
}

/**
 * A PermissionSet granting a required permission: one Information finding per grant, citing Okta's rule
 * (grant on the profile, not through permission sets). Other kinds get only malformed-xml.
 */
export function auditPermissionSetXml(scan: MetadataScan, options: { dependencies?: DependencyRow[] } = {}): MetadataFinding[] {
  const malformed = malformedXmlFinding(scan);
  const findings = malformed ? [malformed] : [];
  if (scan.kind !== 'PermissionSet') return findings;
  const required = requiredLookup(requiredPermissions(options.dependencies).permissions).byName;
  for (const entry of scan.permissions) {
    const permission = required.get(entry.name);
    if (!permission || entry.enabled !== true) continue;
    findings.push({
      code: 'permission-set-grant', severity: 'info', permission: entry.name, span: entry.nameSpan,
      message: l10n.t('This permission set grants {0} ({1}). Okta says not to add its permissions through permission sets: its integration user needs {0} on its profile. Fix: make sure the integration profile grants {0}; remove it here unless something else relies on it.',
        permission.label, entry.name),
    });
  }
  return findings;
}

/** Okta's 14 listed permissions granted (enabled true) in the file: "Okta readiness 12/14". */
export function oktaReadiness(scan: MetadataScan): { granted: number; listed: number; missing: string[] } {
  const required = requiredPermissions().permissions;
  const listed = required.filter((permission) => permission.listedByOkta);
  const byName = entriesByName(scan, required);
  const missing = listed.filter((permission) => byName.get(permission.name)?.granted !== true).map((permission) => permission.name);
  return { granted: listed.length - missing.length, listed: listed.length, missing };
}
