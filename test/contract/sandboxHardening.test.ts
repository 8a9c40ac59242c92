// The sandbox cannot be knocked over: each class of request that used to kill its process (or block
// it) gets an answer in the API's own format or a closed socket, and the process carries on; it
// stops on a signal whatever it is doing, and leaves no stale connection file behind.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer } from '../sandbox/httpServer';
import { FaultInjector } from '../sandbox/faults';
import { startSandbox } from '../sandbox/sandbox';
import { rawExchange } from './rawHttp';
import { type SandboxProcess, startSandboxProcess } from './sandboxProcess';

const portOf = (url: string) => Number(new URL(url).port);
const sfErrorCode = (body: string) => (JSON.parse(body) as Array<{ errorCode: string; message: string }>)[0].errorCode;
const oktaErrorCode = (body: string) => (JSON.parse(body) as { errorCode: string }).errorCode;
const oauthErrorCode = (body: string) => (JSON.parse(body) as { error: string }).error;

describe('a sandbox process under hostile requests', () => {
  let sandbox: SandboxProcess;
  let sf: number;
  let okta: number;
  before(async () => {
    sandbox = await startSandboxProcess();
    sf = portOf(sandbox.connection.salesforce.instanceUrl);
    okta = portOf(sandbox.connection.okta.orgUrl);
  });
  after(() => {
    if (sandbox.running()) sandbox.child.kill('SIGKILL');
  });

  /** The process runs and answers an authenticated request on each org correctly. */
  async function assertServing(): Promise<void> {
    assert.ok(sandbox.running(), `the sandbox exited:\n${sandbox.stderr()}`);
    const { salesforce, okta: oktaOrg } = sandbox.connection;
    const profiles = await fetch(`${salesforce.instanceUrl}/services/data/v64.0/query?q=${encodeURIComponent("SELECT Name FROM Profile WHERE Name = 'Okta Integration'")}`, {
      headers: { Authorization: `Bearer ${salesforce.accessToken}` }, signal: AbortSignal.timeout(5000),
    });
    assert.deepEqual(((await profiles.json()) as { records: Array<{ Name: string }> }).records.map((r) => r.Name), ['Okta Integration']);
    const apps = await fetch(`${oktaOrg.orgUrl}/api/v1/apps?limit=1`, { headers: { Authorization: `SSWS ${oktaOrg.apiToken}` }, signal: AbortSignal.timeout(5000) });
    assert.equal(((await apps.json()) as unknown[]).length, 1);
  }

  it('answers a malformed Host header 400 in each org\'s format', async () => {
    const request = (target: string) => `GET ${target} HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n`;
    const rest = await rawExchange(sf, request('/services/data/v64.0/limits'));
    assert.equal(rest.status, 400);
    assert.equal(sfErrorCode(rest.body), 'BAD_REQUEST');
    const api = await rawExchange(okta, request('/api/v1/apps'));
    assert.equal(api.status, 400);
    assert.equal(oktaErrorCode(api.body), 'E0000001');
    for (const host of ['a/b', 'user@host', '[::1', 'x:99999999']) {
      assert.equal((await rawExchange(sf, `GET /services/data HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)).status, 400, host);
    }
    await assertServing();
  });

  it('carries on after POSTs whose bodies are cut short', async () => {
    const cut = (target: string) => `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"grant_`;
    for (const [port, target] of [[sf, '/services/oauth2/token'], [sf, '/services/data/v64.0/sobjects/User'], [okta, '/api/v1/apps'], [okta, '/oauth2/v1/token']] as const) {
      const answer = await rawExchange(port, cut(target), { cutAfterMs: 50 });
      assert.equal(answer.ended, 'cut');
      assert.equal(answer.status, undefined, 'nothing is answered to a request that never ended');
    }
    await assertServing();
    assert.match(sandbox.stderr(), /POST \/services\/oauth2\/token: the client went away before sending the whole body/);
  });

  it('refuses a body over its org\'s limit with 413 in the API\'s format, without reading it whole', async () => {
    const declared = (target: string) => `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 600000000\r\n\r\n`;
    const rest = await rawExchange(sf, declared('/services/data/v64.0/sobjects/User'), { cutAfterMs: 200 });
    assert.equal(rest.status, 413);
    assert.deepEqual(JSON.parse(rest.body), [{ errorCode: 'JSON_PARSER_ERROR', message: 'Maximum size of request reached. Maximum size of request is 52428800 bytes.' }]);
    const token = await rawExchange(sf, declared('/services/oauth2/token'), { cutAfterMs: 200 });
    assert.equal(token.status, 413);
    assert.equal(oauthErrorCode(token.body), 'invalid_request');
    const api = await rawExchange(okta, declared('/api/v1/apps'), { cutAfterMs: 200 });
    assert.equal(api.status, 413);
    assert.equal(oktaErrorCode(api.body), 'E0000003');

    // The limit itself is taken: a body of exactly 1 MB is read, then routed (to Okta's 404: apps are not created here).
    const exactly = await fetch(`${sandbox.connection.okta.orgUrl}/api/v1/apps`, {
      method: 'POST', headers: { Authorization: `SSWS ${sandbox.connection.okta.apiToken}`, 'Content-Type': 'application/json' }, body: ' '.repeat(1_048_576),
    });
    assert.equal(exactly.status, 404);
    assert.equal(oktaErrorCode(await exactly.text()), 'E0000007');
    const over = await rawExchange(okta, `POST /api/v1/apps HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1048577\r\n\r\n`, { cutAfterMs: 200 });
    assert.equal(over.status, 413);

    // Sent without a length, 64 KB at a time: refused once past Okta's 1 MB, while still sending.
    const chunk = `10000\r\n${'x'.repeat(0x10000)}\r\n`;
    const streamed = await rawExchange(okta, 'POST /api/v1/apps HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n', { then: { chunk, times: 1000 }, cutAfterMs: 200 });
    assert.equal(streamed.status, 413);
    assert.match(streamed.body, /larger than 1048576 bytes/);
    await assertServing();
  });

  it('answers bad percent-encoding 400 in the API\'s format, not 500', async () => {
    const { salesforce } = sandbox.connection;
    const record = await fetch(`${salesforce.instanceUrl}/services/data/v64.0/sobjects/User/%E0%A4%A`, { headers: { Authorization: `Bearer ${salesforce.accessToken}` } });
    assert.equal(record.status, 400);
    assert.equal(sfErrorCode(await record.text()), 'BAD_REQUEST');
    const app = await fetch(`${sandbox.connection.okta.orgUrl}/api/v1/apps/%ZZ`, { headers: { Authorization: `SSWS ${sandbox.connection.okta.apiToken}` } });
    assert.equal(app.status, 400);
    assert.equal(oktaErrorCode(await app.text()), 'E0000001');
  });

  it('answers a LIKE pattern that made a regex backtrack for minutes at once', { timeout: 30_000 }, async () => {
    const { salesforce } = sandbox.connection;
    const started = performance.now();
    const soql = "SELECT Id FROM User WHERE Username LIKE '%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%zzz'";
    const answer = await fetch(`${salesforce.instanceUrl}/services/data/v64.0/query?q=${encodeURIComponent(soql)}`, {
      headers: { Authorization: `Bearer ${salesforce.accessToken}` }, signal: AbortSignal.timeout(10_000),
    });
    assert.deepEqual(await answer.json(), { totalSize: 0, done: true, records: [] });
    assert.ok(performance.now() - started < 2000, `answered in ${performance.now() - started} ms`);
  });

  it('stops on SIGTERM at once, requests still open, and removes its connection file', async () => {
    const { salesforce } = sandbox.connection;
    const held = rawExchange(sf, 'POST /services/data/v64.0/sobjects/User HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\n{', { timeoutMs: 10_000 });
    const soql = `SELECT Id FROM User WHERE Username LIKE '${'%'.repeat(40)}zzz' OR LastName LIKE '${'%_'.repeat(40)}zzz'`;
    const backtracking = fetch(`${salesforce.instanceUrl}/services/data/v64.0/query?q=${encodeURIComponent(soql)}`, {
      headers: { Authorization: `Bearer ${salesforce.accessToken}` },
    }).then(() => 'answered', () => 'dropped');
    await new Promise((resolve) => setTimeout(resolve, 100));
    sandbox.child.kill('SIGTERM');
    const exit = await Promise.race([sandbox.exited, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 4000))]);
    assert.ok(exit, `still running 4 s after SIGTERM:\n${sandbox.stderr()}`);
    assert.equal(exit.code, 0, sandbox.stderr());
    assert.equal((await held).ended, 'closed');
    assert.equal(await backtracking, 'answered');
    assert.equal(fs.existsSync(sandbox.connectionFile), false);
  });
});

describe('the sandbox\'s connection file', () => {
  it('goes when the process dies of an uncaught exception', async () => {
    // Crashes the process once the sandbox has written its file: a stand-in for any bug left.
    const wrapper = `const fs = require('node:fs');
const file = process.env.SANDBOX_CONNECTION_FILE;
const poll = setInterval(() => {
  if (fs.existsSync(file)) { clearInterval(poll); setTimeout(() => { throw new Error('injected crash'); }, 50); }
}, 10);
require(process.argv[1]);`;
    const crashing = await startSandboxProcess({ wrapper });
    const { code } = await crashing.exited;
    assert.equal(code, 1);
    assert.match(crashing.stderr(), /injected crash/);
    assert.equal(fs.existsSync(crashing.connectionFile), false);
  });

  it('names its process, so that a file left by a killed one is told stale and replaced', async () => {
    const killed = await startSandboxProcess();
    assert.equal(killed.connection.pid, killed.child.pid);
    killed.child.kill('SIGKILL');
    await killed.exited;
    assert.ok(fs.existsSync(killed.connectionFile), 'SIGKILL leaves the file');
    const logged: string[] = [];
    const next = await startSandbox({ connectionFile: killed.connectionFile, log: (line) => logged.push(line) });
    try {
      assert.equal((JSON.parse(fs.readFileSync(killed.connectionFile, 'utf8')) as { pid: number }).pid, process.pid);
      assert.ok(logged.some((line) => line.includes(`left by a sandbox that is no longer running (process ${killed.child.pid})`)), logged.join('\n'));
    } finally {
      await next.close();
    }
  });

  it('is never taken over from a sandbox that still runs', async () => {
    const owner = await startSandboxProcess();
    try {
      await assert.rejects(startSandbox({ connectionFile: owner.connectionFile, log: () => {} }),
        new RegExp(`belongs to a sandbox that is still running \\(process ${owner.child.pid}\\)`));
      assert.equal((JSON.parse(fs.readFileSync(owner.connectionFile, 'utf8')) as { pid: number }).pid, owner.child.pid);
      assert.ok(owner.running());
    } finally {
      owner.child.kill('SIGTERM');
      await owner.exited;
    }
  });

  it('is replaced when its process id now belongs to something that is not a sandbox', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-stale-')), 'connection.json');
    // This test's own parent runs, but serves no org at that address.
    fs.writeFileSync(file, JSON.stringify({ pid: process.ppid, salesforce: { loginUrl: 'http://127.0.0.1:9' } }));
    const sandbox = await startSandbox({ connectionFile: file, log: () => {} });
    await sandbox.close();
    assert.equal(fs.existsSync(file), false);
  });
});

describe('the shared HTTP layer\'s guard', () => {
  it('answers a handler that throws 500 in the org\'s format, and closes the socket of one it cannot answer', async () => {
    const logged: string[] = [];
    const server = await startServer({
      name: 'guarded', headers: () => ({}), faults: new FaultInjector(), maxBodyBytes: 1024, log: (line) => logged.push(line),
      errorAnswer: (_req, problem) => ({ status: problem.kind === 'serverError' ? problem.status : 400, body: { problem: problem.kind } }),
      routes: [
        { method: 'GET', path: '/throws', handler: () => { throw new Error('handler bug'); } },
        { method: 'GET', path: '/bad-header', handler: () => ({ status: 200, headers: { 'X-Bad': 'a\nb' }, body: 'never sent' }) },
        { method: 'GET', path: '/fine', handler: () => ({ status: 200, body: { fine: true } }) },
      ],
    });
    try {
      const thrown = await fetch(`${server.url}/throws`);
      assert.equal(thrown.status, 500);
      assert.deepEqual(await thrown.json(), { problem: 'serverError' });
      await assert.rejects(fetch(`${server.url}/bad-header`));
      assert.ok(logged.some((line) => line.includes('could not answer GET /bad-header')), logged.join('\n'));
      assert.deepEqual(await (await fetch(`${server.url}/fine`)).json(), { fine: true });
      const noHost = await new Promise<number | undefined>((resolve) => {
        http.get({ host: '127.0.0.1', port: portOf(server.url), path: '/fine', setHost: false, headers: { Host: 'bad host' } }, (res) => {
          res.resume();
          resolve(res.statusCode);
        }).on('error', () => resolve(undefined));
      });
      assert.equal(noHost, 400);
    } finally {
      await server.close();
    }
  });
});
