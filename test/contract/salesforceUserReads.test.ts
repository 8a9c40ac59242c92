// The Salesforce session's reads for the provisioning pre-flight and dry run, through the real jsforce over HTTP,
// against the sandbox org: User's describe as the pre-flight's fields, and the existing users holding values Okta
// would send, each in one request (counted by the org's own daily request count), hostile values included.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openSalesforceSession, type SalesforceSession } from '../../src/salesforce/api/salesforceApi';
import { userHoldingQuery } from '../../src/salesforce/api/userDescribe';
import { type SalesforceSandbox, startSalesforceSandbox } from '../sandbox/salesforce/salesforceServer';
import { testNetwork } from './testNetwork';

describe('Salesforce session: the reads of the provisioning pre-flight', () => {
  let sf: SalesforceSandbox;
  let api: SalesforceSession;
  before(async () => {
    sf = await startSalesforceSandbox({ log: () => {} });
    api = openSalesforceSession({ instanceUrl: sf.url, accessToken: sf.accessToken, apiVersion: '64.0', network: testNetwork() });
  });
  after(() => sf.close());

  /** Requests the org counted against its daily limit while `work` ran (each /limits read counts one). */
  async function counted<T>(work: () => Promise<T>): Promise<{ result: T | Error; requests: number }> {
    const remaining = async () => {
      const answer = await fetch(`${sf.url}/services/data/v64.0/limits`, { headers: { Authorization: `Bearer ${sf.accessToken}` } });
      return ((await answer.json()) as { DailyApiRequests: { Remaining: number } }).DailyApiRequests.Remaining;
    };
    const start = await remaining();
    const result = await work().catch((error: unknown) => error as Error);
    return { result, requests: start - (await remaining()) - 1 };
  }

  const userNamed = (username: string) => {
    const user = sf.seed.data.records('User').find((u) => u.Username === username);
    assert.ok(user, username);
    return user;
  };

  it('reads User\'s describe in one request: lengths, picklists, and the fields required on create', async () => {
    const { result, requests } = await counted(() => api.describeUser());
    assert.equal(requests, 1);
    assert.ok(Array.isArray(result), String(result));
    const field = (name: string) => {
      const found = result.find((f) => f.name === name);
      assert.ok(found, name);
      return found;
    };
    assert.equal(field('EmployeeNumber').length, 20);
    assert.equal(field('Alias').length, 8);
    const timeZone = field('TimeZoneSidKey');
    assert.equal(timeZone.type, 'picklist');
    assert.equal(timeZone.restrictedPicklist, true);
    const zones = (timeZone.picklistValues ?? []).filter((v) => v.active).map((v) => v.value);
    assert.ok(zones.includes('America/Los_Angeles') && zones.includes('GMT'), zones.join());
    assert.ok(!zones.includes('Mars/Olympus'));
    const requiredOnCreate = result.filter((f) => f.createable && !f.nillable && !f.defaultedOnCreate).map((f) => f.name).sort();
    assert.deepEqual(requiredOnCreate, ['Alias', 'Email', 'EmailEncodingKey', 'LanguageLocaleKey', 'LastName', 'LocaleSidKey', 'ProfileId', 'TimeZoneSidKey', 'Username']);
    const nickname = field('CommunityNickname');
    assert.deepEqual([nickname.defaultedOnCreate, nickname.nillable, nickname.unique, nickname.length], [true, false, true, 40]);
    assert.deepEqual(field('ProfileId').referenceTo, ['Profile']);
  });

  it('finds the users holding any of the values in one request, ignoring case, inactive users included', async () => {
    const inactive = sf.seed.data.records('User').find((u) => u.IsActive === false);
    assert.ok(inactive);
    const admin = userNamed(sf.seed.adminUsername);
    const values = [
      { field: 'CommunityNickname', value: 'ADMIN' },
      { field: 'Username', value: String(inactive.Username).toUpperCase() },
      { field: 'Username', value: 'nobody@acme-sandbox.example' },
      { field: 'EmployeeNumber', value: String(inactive.EmployeeNumber) },
    ];
    const { result, requests } = await counted(() => api.findUsersHolding(values));
    assert.equal(requests, 1);
    assert.ok(Array.isArray(result), String(result));
    const byId = new Map(result.map((holding) => [holding.id, holding]));
    assert.equal(byId.size, 2);
    assert.deepEqual(byId.get(String(admin.Id)), { id: admin.Id, username: sf.seed.adminUsername, isActive: true, matches: [values[0]] });
    assert.deepEqual(byId.get(String(inactive.Id)), { id: inactive.Id, username: inactive.Username, isActive: false, matches: [values[1], values[3]] });
  });

  it('sends hostile values as text: they find nothing and do not break the query', async () => {
    const hostile = ["' OR Id != '", "admin' OR CommunityNickname != '", '\\', "\\'", "'", 'admin\\', 'admin\n', '%', '_dmin', "') OR (Id != '"];
    const { result, requests } = await counted(() => api.findUsersHolding(hostile.flatMap((value) => [{ field: 'CommunityNickname', value }, { field: 'Username', value }])));
    assert.equal(requests, 1);
    assert.deepEqual(result, []);
  });

  it('finds a value holding quotes and backslashes exactly', async () => {
    const user = userNamed(sf.integrationUsername);
    const nickname = "o'brien \\ \"q\"";
    const original = user.CommunityNickname;
    user.CommunityNickname = nickname;
    try {
      const found = await api.findUsersHolding([{ field: 'CommunityNickname', value: nickname }, { field: 'CommunityNickname', value: "o'brien" }]);
      assert.deepEqual(found.map((h) => [h.username, h.matches]), [[sf.integrationUsername, [{ field: 'CommunityNickname', value: nickname }]]]);
    } finally {
      user.CommunityNickname = original;
    }
  });

  it('asks nothing for no values', async () => {
    const { result, requests } = await counted(() => api.findUsersHolding([]));
    assert.deepEqual([result, requests], [[], 0]);
  });

  it('refuses a field that is not a name before any request', async () => {
    const { result, requests } = await counted(() => api.findUsersHolding([{ field: 'Username', value: 'a@b.c' }, { field: "Id != '' OR Username", value: 'x' }]));
    assert.equal(requests, 0);
    assert.ok(result instanceof Error);
    assert.match(result.message, /^"Id != '' OR Username" is not a Salesforce field name/);
  });

  it('sends the longest query it allows, and refuses a longer one before any request', async () => {
    const values = (n: number) => Array.from({ length: n }, (_, i) => ({ field: 'Username', value: `someone.${String(i).padStart(5, '0')}@elsewhere.example` }));
    const fits = (n: number) => {
      try {
        return userHoldingQuery(values(n), '/services/data/v64.0/query') !== undefined;
      } catch {
        return false;
      }
    };
    let n = 1;
    while (fits(n + 1)) n++;
    const longest = await counted(() => api.findUsersHolding(values(n)));
    assert.deepEqual([longest.result, longest.requests], [[], 1]);
    const tooLong = await counted(() => api.findUsersHolding(values(n + 1)));
    assert.equal(tooLong.requests, 0);
    assert.ok(tooLong.result instanceof Error);
    assert.match(tooLong.result.message, new RegExp(`^Looking up ${n + 1} values in one query`));
  });
});
