// A stand-in for the Salesforce CLI (`sf`) with just what src/salesforce/api/sfCli.ts runs:
// `org list --json`, `org display --json --target-org X` and `org auth show-access-token --json
// --target-org X`, answering in the real CLI's JSON shapes (see sfCli.ts for where they come from).
// Its orgs come from the JSON state file named by SANDBOX_SF_STATE (installFakeSf.ts writes it); they
// all live in the sandbox Salesforce org, which hands out real access tokens for client credentials.
import * as fs from 'node:fs';
import { type FakeSfOrg, type FakeSfState } from './installFakeSf';

const redactedToken = "[REDACTED] Use 'sf org auth show-access-token' to view";
const apiVersion = '64.0';

interface Session {
  accessToken: string;
  instanceUrl: string;
  orgId: string;
}

async function main(argv: string[]): Promise<number> {
  const state = JSON.parse(fs.readFileSync(process.env.SANDBOX_SF_STATE ?? '', 'utf8')) as FakeSfState;
  if (state.hangs) {
    setInterval(() => {}, 60_000);
    return new Promise<number>(() => {});
  }
  if (state.garbled !== undefined) {
    process.stdout.write(state.garbled);
    return 1;
  }
  const words = argv.filter((a, i) => !a.startsWith('-') && argv[i - 1] !== '--target-org' && argv[i - 1] !== '-o');
  const command = words.join(' ');
  if (!argv.includes('--json')) {
    process.stderr.write('This fake sf answers only with --json.\n');
    return 1;
  }
  const targetOrg = flagValue(argv, '--target-org', '-o');
  const redacts = state.redactsSecrets ?? true;

  const answer = (result: unknown, warnings: string[] = []) => {
    process.stdout.write(`${JSON.stringify({ status: 0, result, warnings }, null, 2)}\n`);
    return 0;
  };
  const fail = (name: string, message: string, commandName: string, actions?: string[]) => {
    // SfCommandError.toJson: SfError.toObject() (name, message, exitCode, actions, context), then the rest.
    const error = {
      name, message, exitCode: 1, ...(actions ? { actions } : {}), context: commandName,
      stack: `${name}: ${message}\n    at fakeSf.js`, warnings: [], code: name, status: 1, commandName,
    };
    (state.errorsToStderr ? process.stderr : process.stdout).write(`${JSON.stringify(error, null, 2)}\n`);
    return 1;
  };
  const find = () => state.orgs.find((o) => o.alias === targetOrg || o.username === targetOrg);
  const secretsWarning = (name: string) => `Secrets are now hidden from '${name}' command output. Use the 'sf org auth' commands instead. As a temporary workaround, you can set SF_TEMP_SHOW_SECRETS=true to render these secrets. This workaround will be removed in an upcoming release.`;

  switch (command) {
    case 'org list': {
      if (!state.orgs.length) {
        return fail('noOrgsFound', 'No orgs can be found.', 'OrgListCommand', ['Use one of the "org login" commands or "org create scratch" to add or create a scratch org.']);
      }
      const session = await signIn(state);
      const entries = state.orgs.map((org) => listEntry(org, session, redacts));
      const nonScratchOrgs = entries.filter((e) => !e.isScratch);
      return answer({
        other: nonScratchOrgs.filter((e) => !e.isSandbox && !e.isDevHub),
        sandboxes: nonScratchOrgs.filter((e) => e.isSandbox),
        nonScratchOrgs,
        devHubs: nonScratchOrgs.filter((e) => e.isDevHub),
        scratchOrgs: entries.filter((e) => e.isScratch),
      }, redacts ? [secretsWarning('sf org list')] : []);
    }
    case 'org display': {
      const org = find();
      if (!org) return fail('NamedOrgNotFoundError', `No authorization information found for ${targetOrg}.`, 'OrgDisplayCommand');
      const session = await signIn(state);
      const token = org.expired ? staleToken(session) : session.accessToken;
      const warnings = [...(org.expired ? ['unable to refresh auth for org'] : []), ...(redacts ? [secretsWarning('sf org display')] : [])];
      return answer({
        id: session.orgId, apiVersion, accessToken: redacts ? redactedToken : token, instanceUrl: session.instanceUrl,
        username: org.username, clientId: 'PlatformCLI',
        ...(org.kind === 'scratch' ? { status: 'Active', orgName: 'Scratch', edition: 'Developer' } : { connectedStatus: connectedStatus(org) }),
        ...(org.alias ? { alias: org.alias } : {}),
      }, warnings);
    }
    case 'org auth show-access-token': {
      const org = find();
      if (!org) return fail('NamedOrgNotFoundError', `No authorization information found for ${targetOrg}.`, 'OrgAuthShowAccessToken');
      const session = await signIn(state);
      const warnings = [
        ...(org.expired ? ['Unable to refresh auth for org. Access token may be stale.'] : []),
        'This command exposes a sensitive Access Token that allows for subsequent activity using your current authenticated session.',
      ];
      return answer({ accessToken: org.expired ? staleToken(session) : session.accessToken }, warnings);
    }
    default:
      // What oclif says for an unknown command (a guess at the exact words; exit code 127).
      process.stderr.write(` ›   Warning: ${words.join(':')} is not a sf command.\n`);
      return 127;
  }
}

/** Where the CLI's "auth file" facts come from: one client-credentials session in the sandbox org. */
async function signIn(state: FakeSfState): Promise<Session> {
  const { loginUrl, consumerKey, consumerSecret } = state.salesforce;
  const response = await fetch(`${loginUrl}/services/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: consumerKey, client_secret: consumerSecret }),
  });
  if (!response.ok) throw new Error(`The sandbox refused the client credentials (HTTP ${response.status}).`);
  const token = await response.json() as { access_token: string; instance_url: string; id: string };
  const orgId = /\/id\/(00D\w+)\//.exec(token.id)?.[1] ?? '';
  return { accessToken: token.access_token, instanceUrl: token.instance_url, orgId };
}

/** The token stored at the last sign-in, long expired: the sandbox knows no such session. */
const staleToken = (session: Session) => `${session.orgId}!stale${Buffer.from(session.accessToken).toString('base64url').slice(0, 16)}`;

const connectedStatus = (org: FakeSfOrg) => (org.expired ? 'RefreshTokenAuthError' : 'Connected');

function listEntry(org: FakeSfOrg, session: Session, redacts: boolean) {
  const scratch = org.kind === 'scratch';
  return {
    accessToken: redacts ? redactedToken : org.expired ? staleToken(session) : session.accessToken,
    instanceUrl: session.instanceUrl, orgId: session.orgId, username: org.username,
    loginUrl: scratch ? 'https://test.salesforce.com' : session.instanceUrl, clientId: 'PlatformCLI',
    isDevHub: org.kind === 'devHub', instanceApiVersion: apiVersion, instanceApiVersionLastRetrieved: '8/20/2026, 9:00:00 AM',
    isSandbox: org.kind === 'sandbox', isScratch: scratch, tracksSource: scratch,
    ...(org.alias ? { alias: org.alias } : {}),
    isDefaultDevHubUsername: false, isDefaultUsername: org.isDefault === true, lastUsed: '2026-08-20T09:00:00.000Z',
    ...(scratch
      ? { expirationDate: '2026-09-03', devHubUsername: 'hub@example.com', isExpired: false, status: 'Active', orgName: 'Scratch', createdBy: 'hub@example.com', createdDate: '2026-08-20T09:00:00.000+0000', devHubId: session.orgId, signupUsername: org.username }
      : { connectedStatus: connectedStatus(org) }),
    ...(org.isDefault ? { defaultMarker: '(U)' } : {}),
  };
}

function flagValue(argv: string[], long: string, short: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === long || argv[i] === short) return argv[i + 1];
    if (argv[i].startsWith(`${long}=`)) return argv[i].slice(long.length + 1);
  }
  return undefined;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
}, (error: unknown) => {
  process.stderr.write(`fake sf: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
