// Realistic text holding secrets, built from parts: every secret this extension meets (Okta API tokens,
// Salesforce sessions and refresh tokens, JWTs, OAuth codes and PKCE verifiers, client secrets, passwords,
// Basic credentials, PEM and JWK private keys) in every carrier it can arrive in (a log line, JSON compact,
// pretty or inside another JSON string, util.inspect output, a form body, a query string, a header, YAML,
// an environment line, XML, a cookie, a command line, an error message, a URL's userinfo), under the key names the SDKs, the
// Salesforce CLI and this extension use. Secrets are generated, never written out, so no file holds
// something shaped like a live credential. Also harmless text that must survive as it is.
import { inspect } from 'node:util';

export interface SecretShape {
  /** Secret kind, carrier and key, e.g. "Salesforce refresh token / json-compact / refreshToken". */
  readonly name: string;
  readonly text: string;
  /** The secret as it stands in the text (percent-encoded, JSON-escaped, …): no 8 characters of it may survive. */
  readonly secret: string;
  /** Parts of the text around the secret that must survive unchanged. */
  readonly kept: readonly string[];
}

type Pick = (alphabet: string, length: number) => string;

/** Random picks from a small seeded generator (mulberry32), so that every run tries the same shapes. */
function picker(seed: number): Pick {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (alphabet, length) => Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
}

const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const lower = 'abcdefghijklmnopqrstuvwxyz';
const digits = '0123456789';
const alnum = upper + lower + digits;
const base64url = alnum + '-_';
const base64 = alnum + '+/';
const sessionTail = alnum + '._';
const hexUpper = digits + 'ABCDEF';
const pkce = alnum + '-._~';
const passwordChars = alnum + '!@#$%^*-_.';
const hostileChars = passwordChars + '"\'`\\&<>=:;,/?+ {}[]';

/** Text around a secret: what must survive is everything before and after it. */
interface Placed {
  readonly text: string;
  readonly secret: string;
  readonly kept: readonly string[];
}

const place = (before: string, secret: string, after: string): Placed => ({ text: before + secret + after, secret, kept: [before, after] });

/** Puts `secret` where `template` (built by JSON.stringify, inspect, …) holds the slot. */
const slot = 'SECRET_SLOT';
function fill(template: string, secret: string, slotAsWritten = slot): Placed {
  const at = template.indexOf(slotAsWritten);
  return place(template.slice(0, at), secret, template.slice(at + slotAsWritten.length));
}

/** One kind of secret: how to make one, the keys it is stored under, and how it travels. */
interface SecretKind {
  readonly name: string;
  make(pick: Pick): string;
  /** Key names as they appear: snake_case in OAuth, camelCase in our SecretStorage JSON, UPPER_CASE in env. */
  readonly keys: readonly string[];
  /** Authorization schemes it follows in a header. */
  readonly schemes?: readonly string[];
  /** Recognizable by its shape alone, so it may stand in text without a key. */
  readonly bare?: boolean;
  /** Only in a form body or query string (an OAuth code has no other carrier). */
  readonly formOnly?: boolean;
  /** May hold quotes, spaces, backslashes or line breaks: only quoted or encoded carriers hold it. */
  readonly hostile?: boolean;
}

const base64urlOf = (text: string) => Buffer.from(text).toString('base64url');
const jwt = (pick: Pick, header: object, payload: object) =>
  `${base64urlOf(JSON.stringify(header))}.${base64urlOf(JSON.stringify(payload))}.${pick(base64url, 342)}`;
const pem = (label: string, pick: Pick, headers = '') =>
  `-----BEGIN ${label}-----\n${headers}${Array.from({ length: 6 }, () => pick(base64, 64)).join('\n')}\n-----END ${label}-----\n`;
const session = (pick: Pick) => `00D${pick(alnum, 12)}!A${pick('QR', 1)}${pick(sessionTail, 94)}`;
const refreshToken = (pick: Pick) => `5Aep861${pick(sessionTail, 80)}`;
const password = (pick: Pick) => `${pick(upper, 1)}${pick(passwordChars, 13)}${pick(digits, 2)}`;

const kinds: readonly SecretKind[] = [
  { name: 'Okta API token', make: (pick) => `00${pick(base64url, 40)}`, keys: ['token', 'apiToken', 'api_token', 'OKTA_API_TOKEN'], schemes: ['SSWS'], bare: true },
  { name: 'Salesforce session id', make: session, keys: ['access_token', 'accessToken', 'sessionId', 'sid', 'OKTA_SF_ACCESS_TOKEN'], schemes: ['Bearer', 'OAuth'], bare: true },
  { name: 'Salesforce refresh token', make: refreshToken, keys: ['refresh_token', 'refreshToken'], bare: true },
  {
    name: 'Okta access token (JWT)',
    make: (pick) => jwt(pick, { kid: pick(base64url, 43), alg: 'RS256' }, { ver: 1, jti: `AT.${pick(base64url, 43)}`, iss: 'https://dev-123456.okta.com/oauth2/default', aud: 'api://default', scp: ['okta.apps.read'] }),
    keys: ['access_token', 'accessToken', 'id_token', 'idToken'], schemes: ['Bearer', 'DPoP'], bare: true,
  },
  {
    name: 'DPoP proof (JWT)',
    make: (pick) => jwt(pick, { typ: 'dpop+jwt', alg: 'RS256', jwk: { kty: 'RSA', e: 'AQAB', n: pick(base64url, 342) } }, { htm: 'POST', htu: 'https://dev-123456.okta.com/oauth2/v1/token', iat: 1767225600, jti: pick(base64url, 22) }),
    keys: ['DPoP'], bare: true,
  },
  {
    name: 'client assertion (JWT)',
    make: (pick) => jwt(pick, { alg: 'RS256', kid: pick(base64url, 43) }, { aud: 'https://dev-123456.okta.com/oauth2/v1/token', iss: `0oa${pick(alnum, 17)}`, sub: `0oa${pick(alnum, 17)}`, exp: 1767229200 }),
    keys: ['client_assertion', 'clientAssertion'], bare: true,
  },
  { name: 'Salesforce OAuth code', make: (pick) => `aPrx${pick(sessionTail, 56)}==`, keys: ['code'], formOnly: true },
  { name: 'Okta OAuth code', make: (pick) => pick(base64url, 43), keys: ['code'], formOnly: true },
  { name: 'PKCE code verifier', make: (pick) => pick(pkce, 43 + (Number(pick(digits, 2)) % 86)), keys: ['code_verifier', 'codeVerifier'] },
  { name: 'Okta client secret', make: (pick) => pick(base64url, 64), keys: ['client_secret', 'clientSecret'] },
  { name: 'Salesforce consumer secret', make: (pick) => pick(hexUpper, 64), keys: ['client_secret', 'clientSecret', 'consumerSecret', 'OKTA_SF_CLIENT_SECRET'] },
  { name: 'Okta session token', make: (pick) => `20111${pick(base64url, 55)}`, keys: ['sessionToken'] },
  { name: 'password', make: password, keys: ['password', 'pwd', 'passwd', 'Password'] },
  { name: 'hostile password', make: (pick) => `${pick(hostileChars, 14)}"'\`${pick(hostileChars, 6)}\\`, keys: ['password', 'pwd'], hostile: true },
  {
    name: 'Basic credentials', make: (pick) => Buffer.from(`3MVG9${pick(alnum, 80)}:${pick(hexUpper, 64)}`).toString('base64'),
    keys: ['authorization'], schemes: ['Basic'],
  },
  { name: 'PKCS#8 private key', make: (pick) => pem('PRIVATE KEY', pick), keys: ['privateKey', 'private_key', 'privateKeyPem'], bare: true, hostile: true },
  { name: 'RSA private key', make: (pick) => pem('RSA PRIVATE KEY', pick), keys: ['privateKey'], bare: true, hostile: true },
  { name: 'EC private key', make: (pick) => pem('EC PRIVATE KEY', pick), keys: ['private_key'], bare: true, hostile: true },
  { name: 'encrypted private key', make: (pick) => pem('ENCRYPTED PRIVATE KEY', pick), keys: ['privateKey'], bare: true, hostile: true },
  {
    name: 'legacy encrypted RSA key', make: (pick) => pem('RSA PRIVATE KEY', pick, `Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,${pick(hexUpper, 32)}\n\n`),
    keys: ['privateKey'], bare: true, hostile: true,
  },
];

const oauthFields = { instance_url: 'https://acme.my.salesforce.com', id: 'https://login.salesforce.com/id/00D5g000004XzYzEAK/0055g00000ABcDeAAF', token_type: 'Bearer', issued_at: '1767225600000' };
const jsonString = (value: string) => JSON.stringify(value).slice(1, -1);
const formValue = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
const envName = (key: string) => key.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
const flagName = (key: string) => `--${envName(key).toLowerCase().replace(/_/g, '-')}`;

/** Where a keyed secret stands: the key with the value, encoded as the carrier encodes it. */
const keyedCarriers: Record<string, (key: string, value: string) => Placed> = {
  'json-compact': (key, value) => fill(JSON.stringify({ ...oauthFields, [key]: slot, scope: 'api refresh_token' }), jsonString(value)),
  'json-pretty': (key, value) => fill(JSON.stringify({ [key]: slot, ...oauthFields }, null, 2), jsonString(value)),
  'json-in-json': (key, value) => fill(JSON.stringify({ errorSummary: 'Bad request', body: JSON.stringify({ [key]: slot, token_type: 'Bearer' }) }), jsonString(jsonString(value))),
  inspect: (key, value) => fill(`Request failed ${inspect({ url: 'https://dev-123456.okta.com/oauth2/v1/token', [key]: slot, status: 400 })}`, inspect(value), `'${slot}'`),
  'form-first': (key, value) => place(`${key}=`, encodeURIComponent(value), '&grant_type=refresh_token&client_id=3MVG9abc'),
  'form-middle': (key, value) => place(`POST /services/oauth2/token grant_type=authorization_code&${key}=`, encodeURIComponent(value), '&redirect_uri=http%3A%2F%2Flocalhost%3A1717%2FOauthRedirect'),
  'form-urlencoded': (key, value) => place(`body: grant_type=password&${key}=`, formValue(value), ''),
  query: (key, value) => place(`GET http://localhost:1717/OauthRedirect?state=s1&${key}=`, encodeURIComponent(value), ' 302'),
  fragment: (key, value) => place(`redirected to https://acme.example/cb#${key}=`, encodeURIComponent(value), '&token_type=Bearer&expires_in=3600'),
  yaml: (key, value) => place(`org: acme\n${key}: `, value, '\nuser: admin@acme.example'),
  'yaml-quoted': (key, value) => place(`${key}: "`, jsonString(value), '"\nuser: admin@acme.example'),
  env: (key, value) => place(`export ${envName(key)}=`, value, '\nexport OKTA_SF_LOGIN_URL=https://login.salesforce.com'),
  xml: (key, value) => place(`<oauthConfig><consumerKey>3MVG9abc</consumerKey><${key}>`, value.replace(/&/g, '&amp;').replace(/</g, '&lt;'), `</${key}></oauthConfig>`),
  header: (key, value) => place(`> ${key}: `, value, '\r\n> Accept: application/json'),
  cookie: (key, value) => place(`Cookie: BrowserId=Xy1; ${key}=`, value, '; path=/'),
  'command line': (key, value) => place(`okta-sf audit-org --instance-url https://acme.my.salesforce.com ${flagName(key)} `, value, ' --json'),
};

/** Carriers that can hold any character (quoted or encoded). */
const quotingCarriers = ['json-compact', 'json-pretty', 'json-in-json', 'inspect', 'form-first', 'form-middle', 'form-urlencoded', 'query', 'fragment', 'yaml-quoted'];
const formCarriers = ['form-first', 'form-middle', 'form-urlencoded', 'query', 'fragment'];

const bareCarriers: Record<string, (value: string) => Placed> = {
  'log line': (value) => place('2026-01-05 10:12:03.114 [info] Signed in with ', value, ' (expires in 2 h)'),
  'error message': (value) => place('Error: INVALID_SESSION_ID: Session expired or invalid: ', value, '\n    at HttpApi.getError (jsforce/lib/http-api.js:312:15)'),
  'sf org display': (value) => place('Access Token     ', value, '\nInstance Url     https://acme.my.salesforce.com'),
  'in parentheses': (value) => place('(', value, ')'),
};

const schemeCarriers: Record<string, (scheme: string, value: string) => Placed> = {
  header: (scheme, value) => place(`Authorization: ${scheme} `, value, '\r\nAccept: application/json'),
  'lowercase header': (scheme, value) => place(`authorization: ${scheme.toLowerCase()} `, value, ''),
  curl: (scheme, value) => place(`curl -H "Authorization: ${scheme} `, value, '" https://dev-123456.okta.com/api/v1/users/me'),
  'headers object': (scheme, value) => fill(inspect({ headers: { Authorization: `${scheme} ${slot}`, Accept: 'application/json' } }), value),
};

/** Every shape tried: each kind of secret, made twice, in each carrier that suits it. */
export function secretShapes(seed = 1): SecretShape[] {
  const pick = picker(seed);
  const shapes: SecretShape[] = [];
  const add = (name: string, placed: Placed) => shapes.push({ name, ...placed });
  for (const kind of kinds) {
    for (let copy = 0; copy < 2; copy++) {
      const value = kind.make(pick);
      const carriers = kind.formOnly ? formCarriers : kind.hostile ? quotingCarriers : Object.keys(keyedCarriers);
      for (const key of kind.keys) {
        for (const carrier of carriers) add(`${kind.name} / ${carrier} / ${key}`, keyedCarriers[carrier](key, value));
      }
      for (const scheme of kind.schemes ?? []) {
        for (const [carrier, make] of Object.entries(schemeCarriers)) add(`${kind.name} / ${carrier} / ${scheme}`, make(scheme, value));
      }
      if (!kind.bare) continue;
      for (const [carrier, make] of Object.entries(bareCarriers)) add(`${kind.name} / ${carrier}`, make(value));
      if (!kind.hostile) add(`${kind.name} / percent-encoded`, place('https://acme.my.salesforce.com/secur/frontdoor.jsp?retURL=%2Fhome&x=', formValue(value), '&y=1'));
    }
  }
  return [...shapes, ...storedSecrets(pick), ...userinfoShapes(pick), ...jwkShapes(pick)];
}

/** Credentials an admin may paste into the wrong box, as the Admin Console, `sf org display` or a token response shows them. */
export function pastedTokens(seed = 2): string[] {
  const pick = picker(seed);
  const pasted = ['Okta API token', 'Salesforce session id', 'Salesforce refresh token', 'Okta access token (JWT)', 'Okta client secret', 'Salesforce consumer secret', 'Basic credentials'];
  const tokens = kinds.filter((kind) => pasted.includes(kind.name)).flatMap((kind) => [kind.make(pick), kind.make(pick)]);
  return [...tokens, formValue(session(pick))];
}

/** What SecretStorage holds for a Salesforce org (salesforceOrgs.ts), as it would print if logged or quoted in an error. */
function storedSecrets(pick: Pick): SecretShape[] {
  const stored = { accessToken: session(pick), refreshToken: refreshToken(pick), clientSecret: pick(hexUpper, 64) };
  const json = JSON.stringify(stored);
  return Object.entries(stored).flatMap(([key, value]) => [
    { name: `SecretStorage entry / ${key}`, text: `Stored ${json}`, secret: value, kept: ['Stored {"accessToken":"', `"${key}":"`] },
    { name: `SecretStorage entry in an error / ${key}`, text: `SyntaxError: Unexpected token in JSON at position 3: ${JSON.stringify(json)}`, secret: value, kept: ['SyntaxError: Unexpected token in JSON at position 3: "{\\"accessToken\\":\\"', `\\"${key}\\":\\"`] },
  ]);
}

/** Credentials in a URL's userinfo: a proxy URL, a request error, the Salesforce CLI's sfdxAuthUrl. */
function userinfoShapes(pick: Pick): SecretShape[] {
  const encoded = encodeURIComponent(password(pick));
  const unencoded = `p@ss-${pick(alnum, 12)}`;
  const refresh = refreshToken(pick);
  const consumerSecret = pick(hexUpper, 64);
  const consumerKey = `3MVG9${pick(alnum, 40)}`;
  return [
    { name: 'userinfo / proxy', ...place('Using proxy http://proxyuser:', encoded, '@proxy.acme.example:3128') },
    { name: 'userinfo / request error', ...place('request to https://admin:', encoded, '@dev-123456.okta.com/api/v1/users failed, reason: getaddrinfo ENOTFOUND') },
    { name: 'userinfo / unencoded @ in the password', ...place('https://integration.user:', unencoded, '@acme.my.salesforce.com/') },
    { name: 'userinfo / sfdxAuthUrl refresh token', ...place('Sfdx Auth Url    force://PlatformCLI:', `:${refresh}`, '@acme.my.salesforce.com') },
    { name: 'userinfo / sfdxAuthUrl consumer secret', ...place(`force://${consumerKey}:`, `${consumerSecret}:${refresh}`, '@acme.my.salesforce.com') },
  ];
}

/** A private JWK (Okta's PrivateKey mode takes one) in JSON, in JSON inside a string, and in util.inspect output. */
function jwkShapes(pick: Pick): SecretShape[] {
  const kid = pick(base64url, 20);
  const rsa = { kty: 'RSA', kid, e: 'AQAB', n: pick(base64url, 342), d: pick(base64url, 342), p: pick(base64url, 171), q: pick(base64url, 171), dp: pick(base64url, 171), dq: pick(base64url, 171), qi: pick(base64url, 171) };
  const ec = { kty: 'EC', kid, crv: 'P-256', x: pick(base64url, 43), y: pick(base64url, 43), d: pick(base64url, 43) };
  const oct = { kty: 'oct', kid, alg: 'HS256', k: pick(base64url, 43) };
  const privateMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];
  return [rsa, ec, oct].flatMap((jwk) => {
    const carriers: Record<string, [string, string[]]> = {
      'json-compact': [`privateKey=${JSON.stringify(jwk)}`, [`privateKey={"kty":"${jwk.kty}","kid":"${kid}"`]],
      'json-pretty': [JSON.stringify({ authorizationMode: 'PrivateKey', privateKey: jwk }, null, 2), [`"kty": "${jwk.kty}",\n    "kid": "${kid}"`]],
      'json-in-json': [JSON.stringify({ message: JSON.stringify(jwk) }), [`{"message":"{\\"kty\\":\\"${jwk.kty}\\",\\"kid\\":\\"${kid}\\"`]],
      inspect: [inspect({ jwk }, { breakLength: Infinity }), [`{ jwk: { kty: '${jwk.kty}', kid: '${kid}'`]],
    };
    return Object.entries(jwk).filter(([member]) => privateMembers.includes(member)).flatMap(([member, value]) =>
      Object.entries(carriers).map(([carrier, [text, kept]]) => ({ name: `JWK ${jwk.kty} / ${carrier} / ${member}`, text, secret: value, kept })));
  });
}

/** Text that holds no secret and must come out unchanged: ids, URLs, permission names, people, the word "token". */
export const harmlessTexts: readonly string[] = [
  'Connected to https://dev-123456.okta.com as admin@acme.example (63 apps)',
  'Signed in to https://acme--uat.sandbox.my.salesforce.com as integration.user@acme.example.uat',
  'Read 42 profiles of https://acme.my.salesforce.com in 4 API calls',
  'User 0055g00000ABcDeAAF (005xx000001Sv6e) has profile 00e5g000001AbCdEAF in org 00D5g000004XzYzEAK',
  'Okta user 00u1ab2CD3ef4GH5i6j7, app 0oa9zy8XW7vu6TS5r4q3, group 00g1a2b3c4d5e6f7g8h9',
  'GET https://acme.my.salesforce.com/services/data/v64.0/sobjects/User/005xx000001Sv6eAAC 200',
  'GET https://dev-123456.okta.com/api/v1/apps?limit=200&filter=status%20eq%20%22ACTIVE%22 200',
  'https://login.salesforce.com/services/oauth2/authorize?response_type=code&client_id=3MVG9fe4g9fhX0E5fK8oKYM2UqVTmzxSLXuI'
    + '&redirect_uri=http%3A%2F%2Flocalhost%3A1717%2FOauthRedirect&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=a1b2',
  'Missing PermissionsManageUsers, PermissionsApiEnabled, PermissionsResetPasswords and ManagePasswordPolicies on Okta Integration',
  'PasswordNeverExpires is enabled; ViewAllUsers is granted by the permission set Okta_Provisioning_2024',
  '<userPermissions><enabled>true</enabled><name>ResetPasswords</name></userPermissions>',
  'Paste the token. The token was refused (E0000011 Invalid token provided).',
  'Bearer token required; Basic authentication is off; OAuth 2.0 web-server flow with PKCE',
  'Authorization: Bearer <token>',
  'INVALID_SESSION_ID: Session expired or invalid',
  'invalid_grant: expired access/refresh token',
  'token: expired',
  'The API token (Security → API → Tokens) is kept in secret storage; the clientSecret is optional.',
  '{"token_type":"Bearer","expires_in":3600,"scope":"api refresh_token offline_access","errorCode":"E0000011","statusCode":401}',
  "{ code: 'ECONNREFUSED', errno: -111, syscall: 'connect', address: '127.0.0.1', port: 1717 }",
  'Okta HTTP 401 E0000011 Invalid token provided',
  "Use 'sf org auth show-access-token' to view; run sf org display --target-org acme",
  'Port 1717 is held by node (pid 4242); callback http://localhost:1717/OauthRedirect',
  "SELECT Id, Name FROM Profile WHERE Name LIKE 'Okta%'",
  'force-app/main/default/profiles/Okta Integration.profile-meta.xml:12:5 error okta-missing-permission ManageUsers',
  'request 3f2b8a1c-9d4e-4b6a-8c2f-1a2b3c4d5e6f at 2026-01-05T10:12:03.114Z took 812 ms',
  'exit code: 1; the code was refused; code 401',
  '{"kid":"abc","kty":"RSA","e":"AQAB","use":"sig","alg":"RS256","p":"P-256"}',
  'https://integration.user@acme.my.salesforce.com/ (no password)',
  'okta-sf audit-org --login-url https://login.salesforce.com --client-id 3MVG9fe4g9fhX0E5 --json --profiles "Okta*"',
  'Cookie: BrowserId=Xy1; path=/; the session token expired, sign in again',
];
