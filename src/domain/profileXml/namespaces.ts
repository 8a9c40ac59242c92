/**
 * Namespaces in XML 1.0, as the scanner needs them: which namespace an element's prefix (or the default
 * namespace) names where it appears, and the declarations and names the specification forbids. Salesforce
 * matches metadata elements by namespace and local name: `<sf:userPermissions>` with
 * `xmlns:sf="http://soap.sforce.com/2006/04/metadata"` is a `<userPermissions>`, and one in any other
 * namespace is not.
 */
import * as l10n from '@vscode/l10n';
import { decodeReferences } from './xmlSyntax';

export const metadataNamespace = 'http://soap.sforce.com/2006/04/metadata';
const xmlNamespace = 'http://www.w3.org/XML/1998/namespace';
const xmlnsNamespace = 'http://www.w3.org/2000/xmlns/';

/** The declarations in scope at an element. */
export interface NamespaceScope {
  /** '' for none. */
  readonly defaultNamespace: string;
  readonly prefixes: ReadonlyMap<string, string>;
}

/** Outside the root: only `xml` is bound. */
export const documentScope: NamespaceScope = { defaultNamespace: '', prefixes: new Map([['xml', xmlNamespace]]) };

/** An `xmlns` or `xmlns:prefix` attribute: the prefix ('' for the default namespace) and the namespace name. */
export interface Declaration {
  prefix: string;
  namespace: string;
}

/** The prefix of `xmlns:p` ('' for `xmlns`), or undefined for an attribute that declares nothing. */
export function declaredPrefix(attribute: string): string | undefined {
  if (attribute === 'xmlns') return '';
  return attribute.startsWith('xmlns:') ? attribute.slice('xmlns:'.length) : undefined;
}

/**
 * An attribute's value as XML reads it (line ends and tabs as spaces, then references decoded): what
 * a declaration's namespace name is compared as.
 */
export const attributeValue = (raw: string) => decodeReferences(raw.replace(/\r\n|[\r\n\t]/g, ' '));

/** Why Namespaces in XML forbids this declaration (with the fix), or undefined when it is allowed. */
export function declarationProblem({ prefix, namespace }: Declaration): string | undefined {
  const written = prefix === '' ? 'xmlns' : `xmlns:${prefix}`;
  if (prefix === 'xmlns') return l10n.t('The prefix xmlns cannot be declared: it is reserved for declarations. Fix: use another prefix.');
  if ((prefix === 'xml') !== (namespace === xmlNamespace)) {
    return l10n.t('The prefix xml and the namespace {0} belong to each other alone, and {1} binds only one of them. Fix: remove the declaration, or use another prefix or namespace.', xmlNamespace, written);
  }
  if (namespace === xmlnsNamespace) return l10n.t('{0} binds the namespace reserved for declarations. Fix: remove the declaration.', written);
  if (prefix !== '' && namespace === '') {
    return l10n.t('{0}="" tries to undeclare a prefix, which XML 1.0 does not allow. Fix: give it a namespace, such as {1}, or remove the declaration.', written, metadataNamespace);
  }
  return undefined;
}

/** The scope inside an element with these (allowed) declarations. */
export function scopeWith(outer: NamespaceScope, declarations: readonly Declaration[]): NamespaceScope {
  let defaultNamespace = outer.defaultNamespace;
  let prefixes = outer.prefixes;
  for (const { prefix, namespace } of declarations) {
    if (prefix === '') defaultNamespace = namespace;
    else {
      if (prefixes === outer.prefixes) prefixes = new Map(outer.prefixes);
      (prefixes as Map<string, string>).set(prefix, namespace);
    }
  }
  return { defaultNamespace, prefixes };
}

/** The part of a qualified name after its prefix. */
export const localNameOf = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Why `name` (of an element, or of an attribute when `attribute` is set) breaks Namespaces in XML here,
 * with the fix; undefined when it does not.
 */
export function nameProblem(name: string, scope: NamespaceScope, attribute = false): string | undefined {
  const colon = name.indexOf(':');
  if (colon === -1) return undefined;
  const shown = attribute ? l10n.t('the attribute {0}', name) : `<${name}>`;
  if (colon === 0 || colon === name.length - 1 || name.indexOf(':', colon + 1) !== -1) {
    return l10n.t('The name of {0} is not a prefix and a name joined by one colon, as names with namespaces must be. Fix: rename it.', shown);
  }
  const prefix = name.slice(0, colon);
  if (prefix === 'xmlns' && !attribute) return l10n.t('{0} uses the prefix xmlns, which is reserved for declarations. Fix: use another prefix.', shown);
  if (prefix !== 'xmlns' && !scope.prefixes.has(prefix)) {
    return l10n.t('The prefix {0} of {1} is not declared. Fix: declare it on this element or one around it (xmlns:{0}="{2}" for Salesforce metadata), or remove the prefix.', prefix, shown, metadataNamespace);
  }
  return undefined;
}

/** The namespace of an element named `name` where `scope` holds ('' for none), once nameProblem has found nothing. */
export function elementNamespace(name: string, scope: NamespaceScope): string {
  const colon = name.indexOf(':');
  return colon === -1 ? scope.defaultNamespace : (scope.prefixes.get(name.slice(0, colon)) as string);
}

/** The namespace of a prefixed attribute ('' for an unprefixed one, which is in no namespace). */
export function attributeNamespace(name: string, scope: NamespaceScope): string {
  const colon = name.indexOf(':');
  if (colon === -1) return '';
  const prefix = name.slice(0, colon);
  return prefix === 'xmlns' ? xmlnsNamespace : (scope.prefixes.get(prefix) as string);
}
