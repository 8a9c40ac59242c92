/**
 * An Okta call that failed, with a message an admin can act on. Built from the request policy's
 * HttpFailure (the network, timeouts, HTML pages, redirects, 429/5xx after retries) or from the
 * SDK's OktaApiError/HttpError (status, errorCode, errorSummary, the WWW-Authenticate challenge).
 */
import * as l10n from '@vscode/l10n';
import { excerpt } from '../../domain/redact';
import { failureGroup, HttpFailure } from '../../http/httpFailure';

export type OktaFailureKind =
  | 'unauthorized' | 'forbidden' | 'notFound' | 'invalid' | 'rateLimited' | 'server' | 'unreachable' | 'timeout' | 'cancelled';

interface SdkErrorShape {
  status?: number;
  errorCode?: string;
  errorSummary?: string;
  errorCauses?: Array<{ errorSummary?: string }>;
  headers?: { get(name: string): string | null };
  message?: string;
}

/** How the failed call signed in, so that a refusal names what to fix: the token, or the service app's key or scopes. */
export interface OktaAuthContext {
  credential: 'apiToken' | 'serviceApp';
  /** The service app's last refusal by Okta's token endpoint (`invalid_client`, `invalid_scope`, …). */
  tokenRefusal?: { error: string; description?: string };
}

/** Where an Okta admin grants a service app its scopes. */
const grantScopesHere = () => l10n.t('Admin Console → Applications → the service app → Okta API Scopes');

/** An error code and Okta's summary of it, as the parenthesis of a message shows them. */
const withSummary = (code: string, summary: string | undefined) => (summary ? `${code}: ${summary}` : code);

export class OktaFailure extends Error {
  constructor(
    readonly kind: OktaFailureKind,
    message: string,
    readonly errorCode?: string,
    /** The scope a service app's token lacked (403 insufficient_scope). */
    readonly missingScope?: string,
    /** For a refused request (400): Okta's code, summary and causes, which ProvisioningNotConfigurable repeats. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'OktaFailure';
  }

  static from(error: unknown, orgUrl: string, auth: OktaAuthContext = { credential: 'apiToken' }): OktaFailure {
    if (error instanceof OktaFailure) return error;
    if (error instanceof HttpFailure) return new OktaFailure(failureGroup(error), error.message);
    const e = (error ?? {}) as SdkErrorShape;
    const summary = e.errorSummary ? excerpt(e.errorSummary) : undefined;
    const code = e.errorCode;
    switch (e.status) {
      case 401:
        return auth.credential === 'serviceApp' ? serviceAppRefused(auth, code) : new OktaFailure('unauthorized', l10n.t('Okta refused the API token ({0}). It may be revoked, expired or from another org: create a new token under Security → API → Tokens and connect again.', code ?? 'HTTP 401'), code);
      case 403:
        return forbidden(e, auth, code, summary);
      case 404:
        return new OktaFailure('notFound', l10n.t('Not found at {0} ({1}). Check the org URL, and refresh: the app, user or group may have been deleted.', orgUrl, withSummary(code ?? 'HTTP 404', summary)), code);
      case 400: {
        const detail = withSummary(code ?? 'HTTP 400', summary) + causes(e);
        return new OktaFailure('invalid', l10n.t('Okta rejected the request ({0}).', detail), code, undefined, detail);
      }
    }
    if (e.status) return new OktaFailure('server', l10n.t('Unexpected answer from Okta ({0}).', withSummary(`HTTP ${e.status}`, summary)), code);
    if (auth.credential === 'serviceApp' && isKeyError(e.message)) {
      return new OktaFailure('unauthorized', l10n.t("The service app's private key could not be used ({0}). Give the private key as PEM text (-----BEGIN PRIVATE KEY-----) or as the JWK JSON Okta showed when the key was made.", excerpt(e.message ?? '')));
    }
    return new OktaFailure('server', l10n.t('The request to {0} failed: {1}.', orgUrl, excerpt(e.message ?? String(error))));
  }
}

/**
 * Okta's API does not configure provisioning for this app (the documented refusal, not a fault): the
 * admin does it in the Admin Console instead. An OktaFailure of kind `invalid`, so code that only knows
 * OktaFailure still shows its message.
 */
export class ProvisioningNotConfigurable extends OktaFailure {
  constructor(refusal: OktaFailure) {
    super('invalid', l10n.t("Okta's API does not configure provisioning for this app ({0}): do it on the app's Provisioning tab in the Admin Console.", refusal.detail ?? refusal.message), refusal.errorCode);
    this.name = 'ProvisioningNotConfigurable';
  }
}

/** Okta's errorCauses, which say which field a 400 is about. */
function causes(e: SdkErrorShape): string {
  const said = (e.errorCauses ?? []).map((cause) => cause.errorSummary).filter((s): s is string => !!s);
  return said.length ? `; ${excerpt(said.join('; '))}` : '';
}

/**
 * A service app's 401. The SDK does not check the token endpoint's answer (it then sends a token
 * that does not exist and Okta answers E0000011), so the token endpoint's own refusal, when there is
 * one, says what is wrong: the key or client id, a scope, DPoP.
 */
function serviceAppRefused(auth: OktaAuthContext, code: string | undefined): OktaFailure {
  const refusal = auth.tokenRefusal;
  const said = refusal ? `${refusal.error}${refusal.description ? `: ${excerpt(refusal.description)}` : ''}` : code ?? 'HTTP 401';
  switch (refusal?.error) {
    case 'invalid_client':
      return new OktaFailure('unauthorized', l10n.t("Okta refused the service app's sign-in ({0}). Check the client ID, and that the private key's public key is one of the app's keys (Admin Console → Applications → the service app → General → Public Keys); a key ID, when given, must be that key's.", said), refusal?.error);
    case 'invalid_scope':
    case 'unauthorized_client':
      return new OktaFailure('unauthorized', l10n.t('Okta would not give the service app the scopes it asked for ({0}). Grant them in {1}, or ask for fewer.', said, grantScopesHere()), refusal?.error);
    case 'invalid_dpop_proof':
    case 'use_dpop_nonce':
      return new OktaFailure('unauthorized', l10n.t("Okta refused the service app's DPoP proof ({0}). Check that the org URL is the one Okta issues tokens for.", said), refusal?.error);
    case undefined:
      return new OktaFailure('unauthorized', l10n.t("Okta refused the service app's access token ({0}). Connect again; if it keeps happening, check the app is active and still has its key.", said), code);
    default:
      return new OktaFailure('unauthorized', l10n.t("Okta refused the service app's sign-in ({0}). Check the app in Admin Console → Applications.", said), refusal?.error);
  }
}

/**
 * A 403: for a service app, usually a scope its token lacks. Okta names it in the WWW-Authenticate
 * challenge (`error="insufficient_scope"`, `scope="okta.users.read"`, RFC 6750 §3); the error causes
 * are read too, in case only they name it.
 */
function forbidden(e: SdkErrorShape, auth: OktaAuthContext, code: string | undefined, summary: string | undefined): OktaFailure {
  const challenge = e.headers?.get('www-authenticate') ?? '';
  const scope = /\bscope="([^"]+)"/.exec(challenge)?.[1]
    ?? /\bokta\.[A-Za-z]+\.(?:read|manage)\b/.exec((e.errorCauses ?? []).map((c) => c.errorSummary).join(' '))?.[0];
  if (auth.credential === 'serviceApp' && (scope || /insufficient_scope/.test(challenge))) {
    const status = code ?? 'HTTP 403';
    // Okta's token endpoint refuses a scope the app is not granted, so a token lacks one it was not asked for:
    // connecting again with the scopes asked for before would get the same token.
    if (!scope) {
      return new OktaFailure('forbidden', l10n.t("The service app's token lacks a scope this needs ({0}; Okta did not say which). Check the scopes granted in {1}, then connect again asking for every scope offered.", status, grantScopesHere()), code);
    }
    const named = excerpt(scope, 100);
    return new OktaFailure('forbidden', l10n.t("The service app's token lacks the scope {0} ({1}). Grant {0} in {2} if it is not granted yet, then connect again with {0} among the scopes asked for.", named, status, grantScopesHere()), code, named);
  }
  const status = withSummary(code ?? 'HTTP 403', summary);
  return new OktaFailure('forbidden', auth.credential === 'serviceApp'
    ? l10n.t('The service app is not allowed to do this ({0}). Give the service app an admin role that allows it (Admin Console → Applications → the service app → Admin roles).', status)
    : l10n.t("The token's admin is not allowed to do this ({0}). Use a token of an admin whose role allows it (for apps and assignments: Application Administrator or Super Administrator).", status), code);
}

/** The SDK's errors when it cannot read the private key (src/jwt.js: PEM or JWK, RSA or EC). */
function isKeyError(message: string | undefined): boolean {
  return /private key|Key type .* is not supported|jwk|pem/i.test(message ?? '');
}
