/**
 * Removes secrets from text before it reaches a log, an error message or a test's output.
 * Covers what this extension handles: Okta API tokens (SSWS), OAuth bearer/DPoP tokens,
 * Salesforce session ids, tokens in query strings and JSON fields, and PEM private keys.
 */
const patterns: ReadonlyArray<[RegExp, string]> = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, '[private key redacted]'],
  [/\b(SSWS|Bearer|DPoP)\s+[A-Za-z0-9._~+/=!-]+/gi, '$1 [redacted]'],
  [/\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]+/g, '[session id redacted]'],
  [/([?&](?:oauth_token|access_token|refresh_token|client_secret|code|code_verifier|client_assertion)=)[^&#\s"']+/gi, '$1[redacted]'],
  [/("(?:access_token|refresh_token|client_secret|apiToken|token|privateKey|privateKeyPem|consumerSecret|password|client_assertion)"\s*:\s*")(?:[^"\\]|\\.)*"/gi, '$1[redacted]"'],
];

export function redact(text: string): string {
  return patterns.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}
