// A stand-in for the admin's browser in desktop VS Code runs ($BROWSER, which xdg-open uses when
// no desktop environment is running): given the sandbox's authorize URL, it signs in as the
// integration user and follows the redirect to the extension's loopback callback.
import { logInThroughForm } from '../sandbox/salesforce/loginForm';

async function main(url: string | undefined): Promise<void> {
  const username = process.env.SANDBOX_BROWSER_USERNAME ?? '';
  const password = process.env.SANDBOX_BROWSER_PASSWORD ?? '';
  if (!url?.includes('/services/oauth2/authorize')) return; // Setup pages and the like: nothing to do.
  const callback = await logInThroughForm(url, username, password);
  await fetch(callback);
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
