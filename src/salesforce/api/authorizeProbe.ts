/**
 * One GET of Salesforce's authorize endpoint, never followed, read for the refusal it carries. Nothing is
 * signed in: an unknown consumer key or an unregistered callback URL shows without a browser. Salesforce
 * sends such refusals to its error page on the same host (/setup/secur/RemoteAccessErrorPage.apexp?error=…,
 * as public clients observe it), and some to the callback itself (a connected app that requires PKCE answers
 * error=invalid_request "missing required code challenge" there); older reports describe a page on the
 * authorize URL itself, so its text is read too. The wording is undocumented: it is matched loosely.
 * Used by the browser sign-in's preflight and by Test API Credentials. Imports nothing from vscode.
 */
import { type NetworkSettings, send } from '../../http/requestPolicy';
import { oauthService } from './oauthClient';

export interface AuthorizeAnswer {
  status: number;
  /** Where a redirect pointed, when it did. */
  location?: string;
  /** The OAuth error it carried (invalid_client_id, redirect_uri_mismatch…), if any. */
  error?: string;
  errorDescription?: string;
  /** Whether the answer went to `redirect_uri` itself (which Salesforce does only for a registered callback). */
  toCallback: boolean;
}

/** Throws the request policy's HttpFailure when no answer came (network, timeout, 5xx, a page that is not HTML). */
export async function readAuthorizeAnswer(authorizeUrl: string, network: NetworkSettings, signal?: AbortSignal): Promise<AuthorizeAnswer> {
  const answer = await send({ method: 'GET', url: authorizeUrl, service: oauthService, acceptHtml: true, returnRedirects: true, signal }, network);
  const redirectUri = new URL(authorizeUrl).searchParams.get('redirect_uri');
  const location = answer.headers.location;
  const target = location && URL.canParse(location, answer.url) ? new URL(location, answer.url) : undefined;
  const toCallback = !!target && !!redirectUri && `${target.origin}${target.pathname}` === redirectUri.split(/[?#]/)[0];
  const fromTarget = target?.searchParams.get('error');
  if (fromTarget) {
    return { status: answer.status, location, error: fromTarget, errorDescription: target?.searchParams.get('error_description') ?? '', toCallback };
  }
  // A page naming the error ("error=invalid_client_id&error_description=…"), on a refusal only.
  const page = answer.status >= 300 ? answer.body : '';
  const error = /error=([A-Za-z_]+)/.exec(page)?.[1];
  const description = /error_description=([^<&"\r\n]*)/.exec(page)?.[1];
  return {
    status: answer.status, location, toCallback,
    ...(error ? { error, errorDescription: description ? safeDecode(description.replace(/\+/g, ' ')) : '' } : {}),
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
