// Where a Salesforce token may be sent: only to an https address (or this machine) that the
// token endpoint or the API named. A login URL that answers with a plain-http instance URL or
// identity URL gets no token sent there. The "Salesforce" here is a stand-in that lies on purpose.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { requestTokens } from '../../src/salesforce/api/oauthClient';
import { openSalesforceSession, SalesforceFailure } from '../../src/salesforce/api/salesforceApi';
import { testNetwork } from './testNetwork';

describe('where tokens may go', () => {
  let liar: http.Server;
  let url: string;
  /** What the stand-in answers: the token endpoint's instance URL and the API's identity URL. */
  const answers = { instanceUrl: '', identityUrl: '' };
  const authorizations: string[] = [];

  before(async () => {
    liar = http.createServer((req, res) => {
      authorizations.push(req.headers.authorization ?? '');
      res.setHeader('Content-Type', 'application/json');
      if (req.url === '/services/oauth2/token') {
        res.end(JSON.stringify({ access_token: '00Dxx!secret-token', instance_url: answers.instanceUrl, id: `${url}/id/00D000000000001/005000000000001`, token_type: 'Bearer' }));
      } else if (req.url === '/services/data/v64.0') {
        res.end(JSON.stringify({ identity: answers.identityUrl }));
      } else {
        res.statusCode = 404;
        res.end('[]');
      }
    });
    await new Promise<void>((resolve) => liar.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(liar.address() as AddressInfo).port}`;
  });
  after(() => liar.close());

  const client = () => ({ loginUrl: url, clientId: 'key', clientSecret: 'secret' });

  it('refuses a token response whose instance URL is plain http on another host, naming it', async () => {
    for (const instanceUrl of ['http://acme.my.salesforce.com', 'http://user:pass@127.0.0.1', 'javascript:alert(1)', 'not a url']) {
      answers.instanceUrl = instanceUrl;
      const refused = await requestTokens(client(), { grant_type: 'client_credentials' }, testNetwork()).catch((e: unknown) => e);
      assert.ok(refused instanceof Error && refused.name === 'invalid_response', `${instanceUrl}: ${String(refused)}`);
      assert.match(refused.message, /returned an instance URL that is not https .*no token was sent there\. Check the login URL\./);
    }
    answers.instanceUrl = 'https://acme.my.salesforce.com/';
    assert.equal((await requestTokens(client(), { grant_type: 'client_credentials' }, testNetwork())).instanceUrl, 'https://acme.my.salesforce.com');
  });

  it('does not send the token to an identity URL that is plain http on another host', async () => {
    answers.identityUrl = 'http://collector.example/id/00D000000000001/005000000000001';
    authorizations.length = 0;
    const failure = await openSalesforceSession({ instanceUrl: url, accessToken: 'session-token', apiVersion: '64.0', network: testNetwork() }).verify().catch((e: unknown) => e);
    assert.ok(failure instanceof SalesforceFailure);
    assert.match(failure.message, /named an identity URL that is not https \(http:\/\/collector\.example\/id\/.*\); the token was not sent there/);
    // Only the API itself saw the token.
    assert.deepEqual(authorizations, ['Bearer session-token']);
  });
});
