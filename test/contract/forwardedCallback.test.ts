// The browser sign-in when the browser reaches the loopback callback only through a forwarding (remote
// development): whether the connected app lists the forwarded address, asked without a browser, and the
// whole sign-in with that address as redirect_uri, through a stand-in for code-server's path proxies.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { callbackListing, signInWithBrowser } from '../../src/salesforce/api/salesforceApi';
import { freePort } from '../harness/freePort';
import { logInThroughForm } from '../sandbox/salesforce/loginForm';
import { type SalesforceSandbox, startSalesforceSandbox } from '../sandbox/salesforce/salesforceServer';
import { testNetwork } from './testNetwork';

/**
 * Forwards /proxy/<port>/… to localhost:<port>/… with the prefix stripped, and /absproxy/<port>/… with
 * the path kept, as code-server's two path proxies do (its routes/pathProxy).
 */
async function startPathProxy(): Promise<{ origin: string; close(): void }> {
  const server = http.createServer((req, res) => {
    const match = /^\/(proxy|absproxy)\/(\d+)(\/.*)$/.exec(req.url ?? '');
    if (!match) return void res.writeHead(404).end();
    const [, kind, port, rest] = match;
    const target = `http://127.0.0.1:${port}${kind === 'proxy' ? rest : req.url}`;
    fetch(target).then(async (answer) => {
      res.writeHead(answer.status, { 'Content-Type': answer.headers.get('content-type') ?? 'text/plain' }).end(await answer.text());
    }, () => res.writeHead(502).end());
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${port}`, close: () => server.close() };
}

describe('Salesforce browser sign-in through a forwarded callback', () => {
  let salesforce: SalesforceSandbox;
  let proxy: Awaited<ReturnType<typeof startPathProxy>>;
  let port: number;
  const forwarded = (kind: 'proxy' | 'absproxy') => `${proxy.origin}/${kind}/${port}/OauthRedirect`;
  before(async () => {
    salesforce = await startSalesforceSandbox({ log: () => {} });
    proxy = await startPathProxy();
    port = await freePort();
    // The app lists the loopback callback, and the admin added both forwarded forms.
    salesforce.connectedApp.callbackUrls.push(`http://localhost:${port}/OauthRedirect`, forwarded('proxy'), forwarded('absproxy'));
  });
  after(() => {
    proxy.close();
    return salesforce.close();
  });

  const listing = (redirectUri: string, clientId = salesforce.connectedApp.consumerKey) =>
    callbackListing({ loginUrl: salesforce.loginUrl, clientId, redirectUri, network: testNetwork() });

  it('tells a listed address from one the connected app does not list, and an unknown key from both', async () => {
    assert.equal(await listing(forwarded('proxy')), 'listed');
    assert.equal(await listing(`${proxy.origin}/proxy/${port + 1}/OauthRedirect`), 'notListed');
    assert.equal(await listing(forwarded('proxy'), '3MVG9notTheConsumerKey'), 'unknownClient');
  });

  it('says it could not ask when the login host does not answer', async () => {
    const closed = await freePort();
    const answer = await callbackListing({ loginUrl: `http://127.0.0.1:${closed}`, clientId: 'x', redirectUri: forwarded('proxy'), network: testNetwork() });
    assert.equal(answer, 'noAnswer');
  });

  for (const kind of ['proxy', 'absproxy'] as const) {
    it(`signs in with the forwarded address as redirect_uri, the code arriving through /${kind}/`, async () => {
      let landed: URL | undefined;
      let page: Promise<string> = Promise.resolve('');
      const tokens = await signInWithBrowser({
        loginUrl: salesforce.loginUrl, clientId: salesforce.connectedApp.consumerKey, port, redirectUri: forwarded(kind),
        timeoutMs: 10_000, network: testNetwork(),
        openBrowser: async (authorizeUrl) => {
          page = (async () => {
            landed = await logInThroughForm(authorizeUrl, salesforce.integrationUsername, salesforce.integrationPassword);
            return (await fetch(landed)).text();
          })();
          return true;
        },
      });
      assert.equal(tokens.instanceUrl, salesforce.url);
      assert.equal(`${landed?.origin}${landed?.pathname}`, forwarded(kind), 'Salesforce sent the browser to the forwarded address');
      assert.match(await page, /You are signed in/);
    });
  }
});
