// A bounded fuzz of both sandbox orgs in their own process: a few thousand malformed and hostile
// requests (broken request lines, hostile headers, bad percent-encoding, bodies cut short or
// declared huge, odd methods, random SOQL, Okta filters and bodies), seeded so that a run can be
// replayed (SANDBOX_FUZZ_SEED=n). Afterwards the process must still run and answer normal
// requests correctly; on the way, every request must have been answered or its connection ended,
// every JSON error in one of the APIs' formats, and no handler may have thrown.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seededRandom } from '../unit/profileXmlCorpus';
import { type RawAnswer, rawExchange } from './rawHttp';
import { type SandboxProcess, startSandboxProcess } from './sandboxProcess';

const requestCount = 3000;
const concurrency = 16;

interface FuzzRequest {
  org: 'salesforce' | 'okta';
  kind: string;
  bytes: string | Buffer;
  /** The client gives up this long after writing (requests that never end by design). */
  cutAfterMs?: number;
}

/** What the generator aims at: real paths, ids and credentials, so that hostile input reaches deep. */
interface World {
  salesforce: { token: string; paths: string[] };
  okta: { token: string; paths: string[] };
}

type Random = () => number;

function generator(random: Random, world: World) {
  const int = (below: number) => Math.floor(random() * below);
  const chance = (p: number) => random() < p;
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const text = (length: number, alphabet: string) => Array.from({ length }, () => alphabet[int(alphabet.length)]).join('');
  const printable = 'abcXYZ019 -._~!$&\'()*+,;=:@/?#[]%"<>\\^`{|}';
  const hostile = ['', ' ', '%', '%G1', '%E0%A4%A', '%00', '%ff%fe', '..', '//', '\u00e9', '\u{1F600}', "'", '"', '<script>', '${x}', 'a'.repeat(3000)];

  const literals = ['NULL', 'true', 'FALSE', "'abc'", "'\\\\'", "'\\u00e9'", "'\\q'", "'unclosed", '123', '-1.5', '1e999', '2026-01-01', '2026-02-30', '2026-01-01T00:00:00Z'];
  const soqlWords = [
    'SELECT', 'Id', 'Name', 'Username', 'ProfileId', 'Profile.Name', 'Profile.UserLicense.Name', 'PermissionsApiEnabled', 'IsActive',
    'COUNT()', 'COUNT(Id)', 'FROM', 'User', 'Profile', 'PermissionSet', 'PermissionSetAssignment', 'PermissionDependency', 'Nope__c',
    'WHERE', 'AND', 'OR', 'NOT', '(', ')', '=', '!=', '<>', '<', '<=', '>', '>=', 'LIKE', 'IN', 'NOT IN', ...literals,
    'ORDER', 'BY', 'ASC', 'DESC', 'NULLS', 'FIRST', 'LAST', 'LIMIT', 'OFFSET', 'GROUP', ',', '.', 'TODAY', ':bind', '[', ']',
  ];
  // Runs of % before a literal that never matches are what made a backtracking matcher take minutes.
  const likePattern = (): string => `'${chance(0.3) ? `${'%'.repeat(int(30))}${text(3, 'xyz')}` : text(int(40), '%%%_ab\\\\')}'`;

  /** A WHERE condition in the grammar, so that hostile literals reach the filter rather than the parser's refusal. */
  function condition(depth: number): string {
    if (depth > 3 || chance(0.4)) {
      return pick([
        () => `${pick(['Username', 'LastName', 'Email', 'Profile.Name', 'Title'])} ${pick(['LIKE', 'LIKE', 'LIKE', 'NOT LIKE'])} ${likePattern()}`,
        () => `${pick(['IsActive', 'Username', 'ProfileId', 'LastLoginDate', 'Nope'])} ${pick(['=', '!=', '<', '>='])} ${pick(literals)}`,
        () => `${pick(['Id', 'Username'])} IN (${Array.from({ length: 1 + int(50) }, likePattern).join(',')})`,
      ])();
    }
    return chance(0.3) ? `NOT (${condition(depth + 1)})` : `(${condition(depth + 1)} ${pick(['AND', 'OR'])} ${condition(depth + 1)})`;
  }

  function soql(): string {
    if (chance(0.5)) {
      return `SELECT ${pick(['Id', 'Username, Profile.Name', 'COUNT()', 'COUNT(Id)'])} FROM User WHERE ${condition(0)}`
        + `${chance(0.3) ? ' ORDER BY Username DESC NULLS LAST' : ''}${chance(0.3) ? ` LIMIT ${pick(['0', '1', '-1', '99999999999'])}` : ''}`;
    }
    const words = chance(0.5) ? ['SELECT', 'Id', 'FROM', pick(['User', 'Profile', 'PermissionSet']), 'WHERE'] : [];
    for (let n = int(30); n > 0; n--) words.push(chance(0.15) ? likePattern() : pick(soqlWords));
    if (chance(0.2)) words.push(...Array.from({ length: int(200) }, () => pick(['(', 'NOT'])));
    return words.join(chance(0.9) ? ' ' : '');
  }

  const oktaFilters = ['status eq "ACTIVE"', 'name eq "salesforce"', 'profile.login sw "a"', 'x', '(', '"', 'and or', 'status eq', 'id gt 5', 'label co "\\"'];
  function oktaQuery(): string {
    const params = [];
    if (chance(0.5)) params.push(`filter=${encodeURIComponent(chance(0.5) ? pick(oktaFilters) : text(int(60), 'ab ()"\\eqswco'))}`);
    if (chance(0.3)) params.push(`q=${encodeURIComponent(text(int(20), 'ab%_*'))}`);
    if (chance(0.3)) params.push(`search=${encodeURIComponent(pick(oktaFilters))}`);
    if (chance(0.4)) params.push(`limit=${pick(['-1', '0', '1', '200', '201', '1e309', 'abc', '9'.repeat(30), ''])}`);
    if (chance(0.3)) params.push(`after=${encodeURIComponent(text(int(12), 'a0oZ~'))}`);
    return params.join('&');
  }

  function body(): string {
    switch (int(6)) {
      case 0: return JSON.stringify({ Username: `${text(int(20), 'ab.@')}@x.example`, LastName: text(int(90), 'ab'), ProfileId: text(18, 'a0'), [text(5, 'ab')]: random() });
      case 1: return JSON.stringify(pick([[], null, 42, 'str', { a: { b: { c: [] } } }, { label: text(10, 'ab'), settings: { app: 'x' } }]));
      case 2: return `{${text(int(50), printable)}`;
      case 3: return new URLSearchParams({ grant_type: pick(['client_credentials', 'authorization_code', 'refresh_token', 'password', '']), client_id: text(10, 'A3x'), code: text(8, 'ab%') }).toString();
      case 4: return text(int(200), printable);
      default: return `{${'{'.repeat(int(40))}`;
    }
  }

  /** An ordinary request's parts, which each kind then damages in its own way. */
  function base(org: 'salesforce' | 'okta') {
    const paths = world[org].paths;
    let target = pick(paths);
    if (org === 'salesforce' && target.endsWith('/query')) target += `?q=${encodeURIComponent(soql())}`;
    if (org === 'okta' && chance(0.6)) target += `?${oktaQuery()}`;
    const method = pick(['GET', 'GET', 'GET', 'POST', 'POST', 'PUT', 'DELETE']);
    const auth = pick([
      `Authorization: ${org === 'salesforce' ? `Bearer ${world.salesforce.token}` : `SSWS ${world.okta.token}`}\r\n`,
      `Authorization: ${org === 'salesforce' ? `Bearer ${world.salesforce.token}` : `SSWS ${world.okta.token}`}\r\n`,
      '', `Authorization: ${pick(['Bearer', 'SSWS', 'DPoP', 'Basic', 'OAuth'])} ${text(int(60), 'a0!.')}\r\n`,
    ]);
    const payload = method === 'GET' && chance(0.8) ? '' : body();
    const type = pick(['application/json', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']);
    return { method, target, auth, payload, type };
  }

  const request = (method: string, target: string, headers: string, payload: string) =>
    `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}Content-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`;

  const kinds: Record<string, (org: 'salesforce' | 'okta') => Omit<FuzzRequest, 'org' | 'kind'>> = {
    ordinary(org) {
      const { method, target, auth, payload, type } = base(org);
      return { bytes: request(method, target, `${auth}Content-Type: ${type}\r\n`, payload) };
    },
    soql() {
      const target = `${pick(world.salesforce.paths.filter((p) => p.endsWith('/query')))}?q=${chance(0.8) ? encodeURIComponent(soql()) : soql().replace(/ /g, '+')}`;
      return { bytes: request('GET', target, `Authorization: Bearer ${world.salesforce.token}\r\n`, '') };
    },
    badRequestLine() {
      return { bytes: pick([
        `${text(int(40), printable)}\r\n\r\n`,
        'GET /services/data HTTP/9.9\r\nHost: x\r\n\r\n',
        'GET /services/data\r\n\r\n',
        `GET /${text(int(30), printable)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
        `G\u00c9T / HTTP/1.1\r\nHost: x\r\n\r\n`,
        `GET ${pick(['*', 'http://evil.example/x', 'x', '//double', '/a\u0000b'])} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
        `GET /${'a'.repeat(17_000 + int(10_000))} HTTP/1.1\r\nHost: x\r\n\r\n`,
        // Empty lines before a request line are allowed: the server waits for one.
        '\r\n\r\n\r\n',
        Buffer.from(Array.from({ length: int(200) }, () => int(256))),
      ]), cutAfterMs: 1000 };
    },
    hostileHeaders(org) {
      const { method, target, payload } = base(org);
      const header = chance(0.3) ? `Host: ${pick(['a b', 'a/b', 'x@y', '[::1', ':80', '', 'h'.repeat(300), 'x:99999', '127.0.0.1:99999999', '\u00e9.example'])}\r\n` : pick([
        'Content-Length: 5\r\nContent-Length: 7\r\n',
        'Content-Length: -1\r\n',
        'Content-Length: abc\r\n',
        'Transfer-Encoding: chunked\r\n',
        'Transfer-Encoding: gzip, chunked\r\n',
        'NoColonHere\r\n',
        'Bad Name: x\r\n',
        ' folded: continuation\r\n',
        `X-Long: ${'v'.repeat(20_000)}\r\n`,
        `X-Many: ${text(5, 'ab')}\r\n`.repeat(300),
        'X-Nul: a\u0000b\r\n',
        `X-Bytes: ${text(20, '\u00e9\u00ff\u0080')}\r\n`,
        'Expect: 100-continue\r\n',
        `DPoP: ${text(int(100), 'a0.-_')}\r\n`,
        'Authorization: Bearer\r\nAuthorization: SSWS x\r\n',
        'Connection: keep-alive, Upgrade\r\nUpgrade: websocket\r\n',
      ]);
      const bytes = `${method} ${target} HTTP/1.1\r\n${header.startsWith('Host:') ? '' : 'Host: 127.0.0.1\r\n'}${header}`
        + `Content-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`;
      return { bytes, cutAfterMs: 1000 };
    },
    badEncoding(org) {
      const { method, auth } = base(org);
      const target = `${pick(world[org].paths)}/${pick(hostile)}${pick(hostile)}?${pick(['q', 'filter', 'limit', 'oauth_token'])}=${pick(hostile)}`;
      return { bytes: request(method, target.replace(/ /g, '%20').replace(/#/g, '%23'), auth, '') };
    },
    truncatedBody(org) {
      const { target, auth, payload, type } = base(org);
      const sent = payload.slice(0, int(payload.length));
      return { bytes: `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${auth}Content-Type: ${type}\r\nContent-Length: ${sent.length + 1 + int(1000)}\r\n\r\n${sent}`, cutAfterMs: int(100) };
    },
    hugeLength(org) {
      const { target, auth } = base(org);
      if (chance(0.5)) {
        const length = pick(['600000000', '1000000000000', '9007199254740993', '52428801', '1048577']);
        return { bytes: `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${auth}Content-Length: ${length}\r\nConnection: close\r\n\r\n{"a":`, cutAfterMs: 1000 };
      }
      return { bytes: `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n${pick(['ffffffffffff', '7fffffffffffffff', 'zz', '-1'])}\r\nabc`, cutAfterMs: 200 };
    },
    oddMethod(org) {
      const { target, auth, payload } = base(org);
      return { bytes: request(pick(['HEAD', 'OPTIONS', 'TRACE', 'PATCH', 'PROPFIND', 'MKCOL', 'FOO', 'M-SEARCH', 'PRI', 'CONNECT']), target, auth, payload), cutAfterMs: 1000 };
    },
    incompleteHead(org) {
      return { bytes: `GET ${pick(world[org].paths)} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${text(int(50), 'ab')}`, cutAfterMs: int(200) };
    },
    pipelined(org) {
      const { method, target, auth, payload } = base(org);
      const first = `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${auth}Content-Length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`;
      return { bytes: `${first}${text(int(80), printable)}\r\n\r\n`, cutAfterMs: 1000 };
    },
    adminEndpoint() {
      // Never valid JSON ("{{" first): the fuzz must not switch faults on.
      return { bytes: request(pick(['PUT', 'POST', 'PATCH', 'GET']), '/__sandbox/faults', '', `{{${text(int(60), printable)}`) };
    },
  };
  const names = Object.keys(kinds);

  return (): FuzzRequest => {
    const org = chance(0.5) ? 'salesforce' : 'okta';
    const kind = org === 'okta' && chance(0.1) ? 'ordinary' : pick(names);
    return { org, kind, ...kinds[kind](kind === 'soql' ? 'salesforce' : org) };
  };
}

/** The API error format a JSON error answer is in, or undefined when it is in none. */
function errorFormat(body: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  const is = (item: unknown, keys: string[]) => typeof item === 'object' && item !== null && keys.every((key) => typeof (item as Record<string, unknown>)[key] === 'string');
  if (Array.isArray(value) && value.length > 0 && value.every((item) => is(item, ['message', 'errorCode']))) return 'salesforce';
  if (is(value, ['errorCode', 'errorSummary', 'errorId'])) return 'okta';
  if (is(value, ['error', 'error_description'])) return 'oauth';
  if (is(value, ['message'])) return 'admin';
  return undefined;
}

describe('the sandbox under a fuzz of hostile requests', () => {
  let sandbox: SandboxProcess;
  let world: World;
  before(async () => {
    sandbox = await startSandboxProcess();
    const { salesforce, okta } = sandbox.connection;
    const appId = ((await (await fetch(`${okta.orgUrl}/api/v1/apps?limit=1`, { headers: { Authorization: `SSWS ${okta.apiToken}` } })).json()) as Array<{ id: string }>)[0].id;
    world = {
      salesforce: {
        token: salesforce.accessToken,
        paths: [
          '/services/data', '/services/data/v64.0', '/services/data/v99.0', '/services/data/v64.0/query', '/services/data/v64.0/tooling/query',
          '/services/data/v64.0/query/01gSbABCDEF-2000', '/services/data/v64.0/sobjects/User', '/services/data/v64.0/sobjects/User/describe',
          '/services/data/v64.0/sobjects/Profile/00e000000000001AAA', '/services/data/v64.0/limits', '/services/oauth2/token',
          '/services/oauth2/authorize', '/services/oauth2/revoke', '/services/oauth2/userinfo', '/id/00D000000000001/005000000000001', '/nowhere',
        ],
      },
      okta: {
        token: okta.apiToken,
        paths: [
          '/api/v1/apps', `/api/v1/apps/${appId}`, `/api/v1/apps/${appId}/users`, `/api/v1/apps/${appId}/groups`, `/api/v1/apps/${appId}/features`,
          `/api/v1/apps/${appId}/features/USER_PROVISIONING`, `/api/v1/apps/${appId}/connections/default`, `/api/v1/meta/schemas/apps/${appId}/default`,
          '/api/v1/users', '/api/v1/groups', '/api/v1/mappings', '/oauth2/v1/token', '/api/v1/nowhere',
        ],
      },
    };
  });
  after(() => {
    if (sandbox.running()) sandbox.child.kill('SIGKILL');
  });

  it(`survives ${requestCount} malformed and hostile requests to both orgs and still answers correctly`, { timeout: 120_000 }, async (t) => {
    const seed = Number(process.env.SANDBOX_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
    t.diagnostic(`seed ${seed} (SANDBOX_FUZZ_SEED=${seed} replays this run)`);
    const next = generator(seededRandom(seed), world);
    const ports = { salesforce: Number(new URL(sandbox.connection.salesforce.instanceUrl).port), okta: Number(new URL(sandbox.connection.okta.orgUrl).port) };
    const outcomes = new Map<string, number>();
    const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    const failures: string[] = [];
    let survived = 0;
    let sent = 0;
    const started = performance.now();

    async function worker(): Promise<void> {
      // Twenty failures say enough: a blocked sandbox would otherwise time out every request left.
      while (sent < requestCount && failures.length < 20) {
        const request = next();
        const number = ++sent;
        const answer: RawAnswer = await rawExchange(ports[request.org], request.bytes, { cutAfterMs: request.cutAfterMs, timeoutMs: 5000 });
        count(answer.status === undefined ? answer.ended : String(answer.status));
        if (answer.ended === 'timeout' && answer.status === undefined) {
          failures.push(`#${number} ${request.org} ${request.kind}: neither answered nor closed in 5 s: ${JSON.stringify(String(request.bytes).slice(0, 200))}`);
          continue;
        }
        survived++;
        const json = /json/.test(answer.headers['content-type'] ?? '');
        if (answer.status !== undefined && answer.status >= 400 && json && answer.body && !errorFormat(answer.body)) {
          failures.push(`#${number} ${request.org} ${request.kind}: ${answer.status} in no API's error format: ${answer.body.slice(0, 200)}`);
        }
      }
    }
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;
    const summary = [...outcomes].sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => `${key}: ${n}`).join(', ');
    t.diagnostic(`${requestCount} requests / ${survived} survived in ${seconds.toFixed(1)} s (${summary})`);

    assert.ok(sandbox.running(), `the sandbox exited (seed ${seed}):\n${sandbox.stderr().slice(-3000)}`);
    assert.deepEqual(failures.slice(0, 10), [], `seed ${seed}`);
    assert.equal(survived, requestCount, `seed ${seed}`);
    const bugs = sandbox.stderr().split('\n').filter((line) => /handler error|could not answer/.test(line));
    assert.deepEqual(bugs.slice(0, 5), [], `seed ${seed}: the sandbox's own code threw`);

    const { salesforce, okta } = sandbox.connection;
    const profiles = await fetch(`${salesforce.instanceUrl}/services/data/v64.0/query?q=${encodeURIComponent("SELECT Name FROM Profile WHERE Name LIKE 'Okta Integration'")}`, {
      headers: { Authorization: `Bearer ${salesforce.accessToken}` },
    });
    assert.deepEqual(((await profiles.json()) as { records: Array<{ Name: string }> }).records.map((r) => r.Name), ['Okta Integration']);
    const apps = await fetch(`${okta.orgUrl}/api/v1/apps?limit=2`, { headers: { Authorization: `SSWS ${okta.apiToken}` } });
    assert.equal(apps.status, 200);
    assert.equal(((await apps.json()) as unknown[]).length, 2);
  });
});
