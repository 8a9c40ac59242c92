/**
 * Which proxy, if any, a request goes through, decided as VS Code decides it for extensions:
 * `http.proxy`, else the HTTPS_PROXY / HTTP_PROXY environment variables; `http.noProxy` entries
 * (or, when it has none, NO_PROXY) bypass it: `*` for every host, otherwise `name[:port]` matching
 * that host and its subdomains. Loopback addresses never go through a proxy (a local test org).
 */
export interface ProxySettings {
  /** VS Code's `http.proxy`, or the CLI's choice; empty means "from the environment". */
  proxy?: string;
  /** VS Code's `http.noProxy`; empty means "NO_PROXY from the environment". */
  noProxy?: readonly string[];
  env?: Readonly<Record<string, string | undefined>>;
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The proxy URL to use for `url`, or undefined to connect directly. */
export function proxyFor(url: URL, settings: ProxySettings): string | undefined {
  if (isLoopback(url.hostname)) return undefined;
  const env = settings.env ?? {};
  const https = url.protocol === 'https:';
  const proxy = settings.proxy?.trim()
    || (https ? env.HTTPS_PROXY ?? env.https_proxy : undefined)
    || env.HTTP_PROXY || env.http_proxy;
  if (!proxy) return undefined;
  const entries = settings.noProxy?.length ? settings.noProxy : (env.NO_PROXY ?? env.no_proxy ?? '').split(',');
  const port = url.port || (https ? '443' : '80');
  return bypasses(entries, url.hostname, port) ? undefined : proxy;
}

function bypasses(entries: readonly string[], hostname: string, port: string): boolean {
  const host = `.${hostname.replace(/^\[|\]$/g, '').toLowerCase()}`;
  return entries.some((raw) => {
    const entry = raw.trim().toLowerCase();
    if (entry === '*') return true;
    const [name, entryPort] = entry.split(':', 2);
    if (!name) return false;
    const domain = name.startsWith('.') ? name : name.startsWith('*.') ? name.slice(1) : `.${name}`;
    return host.endsWith(domain) && (!entryPort || entryPort === port);
  });
}
