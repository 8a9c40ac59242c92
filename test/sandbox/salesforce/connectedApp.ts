// The connected app (External Client App) registered in the sandbox org: the consumer key and
// secret an admin copies into Okta or into the extension, its callback URLs, and the user the
// client-credentials flow runs as.
import { randomBytes } from 'node:crypto';

export interface ConnectedApp {
  consumerKey: string;
  consumerSecret: string;
  callbackUrls: string[];
  /** The "Run As" user of the client-credentials flow. */
  runAsUsername: string;
  /** "Require Secret for Web Server Flow": off, as with PKCE clients such as the Salesforce CLI. */
  requireSecretForWebServerFlow: boolean;
  /**
   * Refresh token rotation, which Okta's instructions for External Client Apps turn on: each refresh
   * answers a new refresh token, and the one used stops working. Salesforce documents the rotation;
   * that the old token fails at once, with no grace period, is a guess (the strict reading).
   */
  rotateRefreshTokens: boolean;
  /**
   * "Require Proof Key for Code Exchange (PKCE) Extension for Supported Authorization Flows": an authorize
   * request without `code_challenge` is sent back to its callback with error=invalid_request and
   * "missing required code challenge" (oauthRoutes.ts). Salesforce ticks it by default on new apps; off here,
   * as the app Okta's older instructions describe.
   */
  requirePkce: boolean;
}

/** The callback URL Okta's instructions have the admin register on the connected app. */
export const oktaCallbackUrl = 'https://system-admin.okta.com/admin/app/generic/oauth20redirect';
/** The Salesforce CLI's (and this extension's) loopback callback. */
export const localCallbackUrl = 'http://localhost:1717/OauthRedirect';

export interface ConnectedAppOptions {
  /** Default true; false models an app set up without Okta's callback URL (the authorize endpoint then answers redirect_uri_mismatch). */
  oktaCallbackRegistered?: boolean;
  /** Default false. */
  requirePkce?: boolean;
}

export function createConnectedApp(runAsUsername: string, options: ConnectedAppOptions = {}): ConnectedApp {
  return {
    // Salesforce consumer keys start with 3MVG9 and are 85 characters long.
    consumerKey: `3MVG9${randomBytes(60).toString('base64url').replace(/[-_]/g, 'A').slice(0, 80)}`,
    consumerSecret: randomBytes(32).toString('hex').toUpperCase(),
    callbackUrls: options.oktaCallbackRegistered === false ? [localCallbackUrl] : [localCallbackUrl, oktaCallbackUrl],
    runAsUsername,
    requireSecretForWebServerFlow: false,
    rotateRefreshTokens: true,
    requirePkce: options.requirePkce ?? false,
  };
}
