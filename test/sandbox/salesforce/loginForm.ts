// What a browser does on the sandbox's login page: open the authorize URL, submit the form,
// and read the redirect. Used by contract tests, and as the "browser" of desktop VS Code's
// integration runs (test/harness/sandboxBrowser.ts).

/** Fills and submits the login form; answers the redirect's URL (with code and state). */
export async function logInThroughForm(authorizeUrl: string, username: string, password: string): Promise<URL> {
  const page = await fetch(authorizeUrl);
  if (page.status !== 200) throw new Error(`The login page answered ${page.status}: ${await page.text()}`);
  const html = await page.text();
  const form = new URLSearchParams();
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(name, decodeHtml(value));
  form.set('username', username);
  form.set('password', password);
  const action = new URL(/<form method="POST" action="([^"]+)"/.exec(html)?.[1] ?? '', authorizeUrl);
  const submitted = await fetch(action, { method: 'POST', body: form, redirect: 'manual' });
  if (submitted.status !== 302) throw new Error(`The login form answered ${submitted.status}: ${await submitted.text()}`);
  return new URL(submitted.headers.get('location') ?? '');
}

const decodeHtml = (text: string) => text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
