// The integration user signing in as Okta's Authenticate with Salesforce.com does: the web-server flow to
// Okta's callback URL without PKCE, the sandbox's login form filled over HTTP, and the code traded with the
// consumer key and secret. Answers the session Okta would keep.
import * as assert from 'node:assert/strict';
import type { IntegrationSession } from '../../src/salesforce/api/salesforceApi';
import { oktaCallbackUrl } from '../sandbox/salesforce/connectedApp';
import { logInThroughForm } from '../sandbox/salesforce/loginForm';
import type { SalesforceSandbox } from '../sandbox/salesforce/salesforceServer';

/** Signs in as `username` the way Okta's Authenticate does, and answers the session Okta would keep. */
export async function signInAsOkta(sf: SalesforceSandbox, username: string): Promise<IntegrationSession> {
  const query = new URLSearchParams({ response_type: 'code', client_id: sf.connectedApp.consumerKey, redirect_uri: oktaCallbackUrl, state: 'okta', scope: 'api refresh_token' });
  const callback = await logInThroughForm(`${sf.loginUrl}/services/oauth2/authorize?${query}`, username, sf.seed.passwords.get(username) ?? '');
  const code = callback.searchParams.get('code');
  assert.ok(code, `no code in ${callback.href}`);
  const answer = await fetch(`${sf.loginUrl}/services/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code', code, redirect_uri: oktaCallbackUrl, client_id: sf.connectedApp.consumerKey, client_secret: sf.connectedApp.consumerSecret,
    }),
  });
  const tokens = await answer.json() as { access_token: string; refresh_token: string; instance_url: string; scope: string };
  return { instanceUrl: tokens.instance_url, accessToken: tokens.access_token, refreshToken: tokens.refresh_token, scope: tokens.scope };
}
