/**
 * Okta's paging: the next page's address is in the `Link` header (RFC 8288), `<URL>; rel="next"`,
 * next to `rel="self"`. Okta asks clients to follow that URL as it is, not to build it.
 */

/** The `rel="next"` URL of a Link header, if any. */
export function nextLink(header: string | null): string | undefined {
  for (const part of (header ?? '').split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (match && /(?:^|;)\s*rel\s*=\s*"?(?:[^";]*\s)?next(?:\s[^";]*)?"?\s*(?:;|$)/i.test(match[2])) return match[1];
  }
  return undefined;
}
