/**
 * The metadata files okta-sf writes into an SFDX project so the admin's own deploy carries them: Okta's
 * integration profile, and the app whose OAuth consumer key and secret Okta's REST provisioning signs in with
 * (as an External Client App, which Salesforce now recommends, or as a connected app where the org still allows
 * new ones). Pure text: the caller picks the package directory and writes the files.
 *
 * Folders and suffixes are those of the Salesforce CLI's registry (forcedotcom/source-deploy-retrieve,
 * src/registry/metadataRegistry.json) and the Metadata API Developer Guide (API 66.0). Elements are written in
 * alphabetical order, which is how retrieved files of these types come back (the guide's field tables are
 * alphabetical; its samples are not, so whether a deploy minds the order is not known: a guess on the safe side).
 */
import * as l10n from '@vscode/l10n';
import { oktaCallbackUrl } from '../apiIntegration/credentialChecks';
import type { RequiredPermissions } from '../permissionCatalog';
import { profileNameOfFile } from '../profileFiles';

/** A file to write, relative to the SFDX package directory (e.g. force-app/main/default). */
export interface MetadataFile {
  path: string;
  content: string;
}

/** An input okta-sf will not write into a file; the message says which and what to enter instead. */
export class MetadataInputRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetadataInputRefused';
  }
}

const metadataNamespace = 'http://soap.sforce.com/2006/04/metadata';

/** Characters XML 1.0 cannot carry at all, escaped or not (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/U+FFFF). */
// eslint-disable-next-line no-control-regex
const notXmlChar = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

function xmlText(field: string, value: string): string {
  if (notXmlChar.test(value)) {
    throw new MetadataInputRefused(l10n.t('The {0} holds a control character that an XML file cannot carry. Fix: retype the {0} without it.', field));
  }
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

type Element = [name: string, content: string | readonly Element[]];

/** One element per line, children indented four spaces, as retrieved files are. */
function render(elements: readonly Element[], depth: number): string {
  const indent = '    '.repeat(depth);
  return elements.map(([name, content]) => (typeof content === 'string'
    ? `${indent}<${name}>${content}</${name}>\n`
    : `${indent}<${name}>\n${render(content, depth + 1)}${indent}</${name}>\n`)).join('');
}

/** A metadata file's text; `children` hold already-escaped text. */
function metadataXml(root: string, children: readonly Element[], comment?: string): string {
  const note = comment ? `<!-- ${comment} -->\n` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n${note}<${root} xmlns="${metadataNamespace}">\n${render(children, 1)}</${root}>\n`;
}

/**
 * A profile's file name, as the Metadata API names it: letters, digits, spaces, "_" and "-" kept, every other
 * character percent-encoded from its UTF-8 bytes ("Custom: Marketing Profile" → "Custom%3A Marketing Profile",
 * "My(awesome)profile" → "My%28awesome%29profile", forcedotcom/cli#2212; "°" → "%C2%B0" and "!" → "%21",
 * forcedotcom/cli#2869, which says the encoding follows no known standard). Which characters the API keeps beyond
 * letters, digits and spaces is a guess ("_" and "-" here); encoding "." and "/" means no name can leave the folder.
 */
export function profileFileBaseName(name: string): string {
  return [...name].map((char) => (/^[A-Za-z0-9 _-]$/.test(char) ? char : percentEncoded(char))).join('');
}

const utf8 = new TextEncoder();
const percentEncoded = (char: string) => [...utf8.encode(char)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');

const profileSuffix = '.profile-meta.xml';

function profilePath(name: string): string {
  if (name.trim() === '') throw new MetadataInputRefused(l10n.t('The profile name is empty. Fix: enter a name, such as Okta Integration.'));
  if (name !== name.trim()) {
    throw new MetadataInputRefused(l10n.t('The profile name “{0}” starts or ends with a space, which Salesforce would not keep. Fix: remove the space.', name));
  }
  xmlText(l10n.t('profile name'), name);
  const fileName = `${profileFileBaseName(name)}${profileSuffix}`;
  // The file must read back as the same profile: a custom profile named "Admin" would be the file of the
  // standard System Administrator profile (profileFiles.ts maps standard API names).
  const fileProfile = profileNameOfFile(fileName);
  if (fileProfile !== name) {
    throw new MetadataInputRefused(l10n.t('A profile named “{0}” would be written to {1}, which is the file of the standard profile “{2}”. Fix: choose another name, such as Okta Integration.', name, fileName, String(fileProfile)));
  }
  return `profiles/${fileName}`;
}

/**
 * Okta's integration profile as a custom profile: its license and the required permissions (with what they
 * depend on), sorted by name the way retrieved files sort them (code units: permissionOrder.ts), and nothing
 * else, so a deploy grants exactly these on top of what the license itself gives.
 */
export function integrationProfileFile(input: { name: string; userLicense: string; required: RequiredPermissions }): MetadataFile {
  const path = profilePath(input.name);
  if (input.userLicense.trim() === '') {
    throw new MetadataInputRefused(l10n.t('The user license is empty. Fix: choose the license of the profile, such as Salesforce.'));
  }
  const names = [...new Set(input.required.permissions.map((permission) => permission.name))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const children: Element[] = [
    ['custom', 'true'],
    ['userLicense', xmlText(l10n.t('user license'), input.userLicense)],
    ...names.map((name): Element => ['userPermissions', [['enabled', 'true'], ['name', xmlText(l10n.t('permission name'), name)]]]),
  ];
  return { path, content: metadataXml('Profile', children) };
}

export interface ConnectedAppOptions {
  label: string;
  apiName: string;
  contactEmail: string;
  /** Okta's callback URL is always included */
  extraCallbackUrls?: string[];
}

/**
 * A metadata API name (fullName): letters, digits and underscores, starting with a letter, no "__", not ending in
 * "_" (the rule the Metadata API Developer Guide states for fullName). It is also a file name, so this rule is what
 * keeps every written file inside its folder.
 */
const apiNamePattern = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*(?<!_)$/;

function checkedOptions(options: ConnectedAppOptions): { label: string; apiName: string; contactEmail: string; callbackUrls: string } {
  if (!apiNamePattern.test(options.apiName)) {
    throw new MetadataInputRefused(l10n.t("“{0}” cannot be the app's API name: Salesforce takes letters, digits and single underscores, starting with a letter and not ending with an underscore. Fix: use a name such as Okta_Provisioning.", options.apiName.slice(0, 80)));
  }
  if (options.label.trim() === '') throw new MetadataInputRefused(l10n.t('The app name is empty. Fix: enter a name, such as Okta Provisioning.'));
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(options.contactEmail)) {
    throw new MetadataInputRefused(l10n.t('“{0}” is not an email address; Salesforce requires a contact email for the app. Fix: enter the address of the admin who looks after the Okta integration.', options.contactEmail.slice(0, 80)));
  }
  const urls = [oktaCallbackUrl, ...(options.extraCallbackUrls ?? []).filter((url) => url !== oktaCallbackUrl)];
  for (const url of urls) checkCallbackUrl(url);
  return {
    label: xmlText(l10n.t('app name'), options.label), apiName: options.apiName, contactEmail: xmlText(l10n.t('contact email'), options.contactEmail),
    // Several callback URLs share one element, one a line, as retrieved apps hold them (a public retrieved
    // ConnectedApp; that ExtlClntAppGlobalOauthSettings takes the same form is a guess).
    callbackUrls: xmlText(l10n.t('callback URL'), [...new Set(urls)].join('\n')),
  };
}

function checkCallbackUrl(url: string): void {
  let parsed: URL | undefined;
  try {
    parsed = /\s/.test(url) ? undefined : new URL(url);
  } catch {
    parsed = undefined;
  }
  const loopback = parsed?.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
  if (!parsed || !(parsed.protocol === 'https:' || loopback)) {
    throw new MetadataInputRefused(l10n.t('“{0}” cannot be a callback URL: Salesforce takes https:// URLs (http:// only for localhost). Fix: enter the full https:// URL, or leave it out.', url.slice(0, 120)));
  }
}

/**
 * The app Okta's "Configure OAuth and REST integration" page describes (docs/platform-facts.md): Okta's callback
 * URL, the scopes api and refresh_token/offline_access, the secret required for the web-server and refresh-token
 * flows, the other flows off, all users may self-authorize, refresh tokens valid until revoked. PKCE and
 * refresh-token rotation follow Okta's newest version of the page, written for External Client Apps, which turns
 * both on; older versions said "Require PKCE: disabled". No consumer key or secret is ever written: Salesforce
 * generates them when the app is first deployed, and the admin copies them from Setup into Okta.
 */
export function oktaConnectedAppFiles(options: ConnectedAppOptions, form: 'externalClientApp' | 'connectedApp'): MetadataFile[] {
  const app = checkedOptions(options);
  return form === 'connectedApp' ? [connectedAppFile(app)] : externalClientAppFiles(app);
}

type CheckedApp = ReturnType<typeof checkedOptions>;

/** Okta's two scopes by their ConnectedAppOauthAccessScope names: api, and refresh_token/offline_access. */
const scopeNames = ['Api', 'RefreshToken'] as const;

const appDescription = 'Okta REST provisioning (Okta’s “Configure OAuth and REST integration”), written by okta-sf.';

/** connectedApps/<apiName>.connectedApp-meta.xml (ConnectedApp, API 29.0+). */
function connectedAppFile(app: CheckedApp): MetadataFile {
  const children: Element[] = [
    ['contactEmail', app.contactEmail],
    ['description', appDescription],
    ['label', app.label],
    ['oauthConfig', [
      ['callbackUrl', app.callbackUrls],
      // "Permitted Users: All users may self-authorize" (connected app OAuth policies in Setup).
      ['isAdminApproved', 'false'],
      // Field names from public retrieved connected apps and quotes of the Metadata API guide (ConnectedAppOauthConfig:
      // isClientCredentialEnabled API 56.0+, isCodeCredentialEnabled 61.0+), not from the guide itself (a guess); the
      // client credentials flag is isClientCredentialEnabled here, isClientCredentialsFlowEnabled on the External Client App types.
      ['isClientCredentialEnabled', 'false'],
      ['isCodeCredentialEnabled', 'false'],
      // false: the secret is required for the web-server flow (the field says whether it is optional).
      ['isConsumerSecretOptional', 'false'],
      ['isIntrospectAllTokens', 'false'],
      ['isPkceRequired', 'true'],
      ['isRefreshTokenRotationEnabled', 'true'],
      ['isSecretRequiredForRefreshToken', 'true'],
      ['isTokenExchangeEnabled', 'false'],
      ...scopeNames.map((scope): Element => ['scopes', scope]),
    ]],
    ['oauthPolicy', [
      // Salesforce's default for a new app (enforce the org's IP restrictions); Okta's page names no IP policy.
      ['ipRelaxation', 'ENFORCE'],
      // "Refresh token is valid until revoked" (values infinite, zero, specific_lifetime:N:UNIT: public retrieved apps).
      ['refreshTokenPolicy', 'infinite'],
    ]],
  ];
  return {
    path: `connectedApps/${app.apiName}.connectedApp-meta.xml`,
    content: metadataXml('ConnectedApp', children,
      'No consumer key or secret here: Salesforce generates them on the first deploy; copy them from Setup into Okta.'),
  };
}

/**
 * An External Client App as four components (names after the pattern of public retrieved apps: <app>_glbloauth,
 * <app>_oauth, <app>_oauthPlcy). ExtlClntAppConfigurablePolicies (.ecaPlcy) is left out: its plugins default to
 * enabled (Metadata API Developer Guide), and the org creates it with the app.
 */
function externalClientAppFiles(app: CheckedApp): MetadataFile[] {
  const name = app.apiName;
  const header: Element[] = [
    ['contactEmail', app.contactEmail],
    ['description', appDescription],
    // Local: created in this org, not for a package.
    ['distributionState', 'Local'],
    ['isProtected', 'false'],
    ['label', app.label],
  ];
  const globalSettings: Element[] = [
    ['callbackUrl', app.callbackUrls],
    ['externalClientApplication', name],
    ['isClientCredentialsFlowEnabled', 'false'],
    ['isCodeCredFlowEnabled', 'false'],
    ['isConsumerSecretOptional', 'false'],
    ['isDeviceFlowEnabled', 'false'],
    ['isIntrospectAllTokens', 'false'],
    ['isNamedUserJwtEnabled', 'false'],
    ['isPkceRequired', 'true'],
    ['isRefreshTokenRotationEnabled', 'true'],
    ['isSecretRequiredForRefreshToken', 'true'],
    ['isSecretRequiredForTokenExchange', 'false'],
    ['isTokenExchangeEnabled', 'false'],
    ['label', app.label],
    ['shouldRotateConsumerKey', 'false'],
    ['shouldRotateConsumerSecret', 'false'],
  ];
  const oauthSettings: Element[] = [
    ['commaSeparatedOauthScopes', scopeNames.join(', ')],
    ['externalClientApplication', name],
    ['label', app.label],
  ];
  const policies: Element[] = [
    ['externalClientApplication', name],
    ['ipRelaxationPolicyType', 'Enforce'],
    ['isClientCredentialsFlowEnabled', 'false'],
    ['isTokenExchangeFlowEnabled', 'false'],
    ['label', app.label],
    // Values from the Metadata API guide (ExtlClntAppOauthConfigurablePolicies): "All users may self-authorize", "valid until revoked".
    ['permittedUsersPolicyType', 'AllSelfAuthorized'],
    ['refreshTokenPolicyType', 'Infinite'],
  ];
  return [
    { path: `externalClientApps/${name}.eca-meta.xml`, content: metadataXml('ExternalClientApplication', header) },
    {
      path: `extlClntAppGlobalOauthSets/${name}_glbloauth.ecaGlblOauth-meta.xml`,
      content: metadataXml('ExtlClntAppGlobalOauthSettings', globalSettings,
        'Salesforce keeps the consumer key and secret in these settings and generates them on the first deploy; they are '
        + 'never written here. Deploying this file needs the org setting "Allow Access to OAuth Consumer Secrets via Metadata API".'),
    },
    { path: `extlClntAppOauthSettings/${name}_oauth.ecaOauth-meta.xml`, content: metadataXml('ExtlClntAppOauthSettings', oauthSettings) },
    { path: `extlClntAppOauthPolicies/${name}_oauthPlcy.ecaOauthPlcy-meta.xml`, content: metadataXml('ExtlClntAppOauthConfigurablePolicies', policies) },
  ];
}
