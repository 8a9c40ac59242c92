import { constants as fsConstants } from 'node:fs';
import { access } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Log } from '../common/log';
import type { OrgAudits } from '../common/orgAudits';
import { withRequestProgress } from '../common/requestProgress';
import { cliNeedsTrust, explainUntrusted, isWorkspaceTrusted } from '../common/workspaceTrust';
import { licensesCarryingEverything } from '../domain/licenseCapabilities';
import type { MetadataFile } from '../domain/orgFixes/metadataFiles';
import { loadSalesforceApi } from './salesforceBundle';
import { requiredPermissions, type RequiredPermissions } from '../domain/permissionCatalog';
import { apiNameOfLabel, defaultPackageDirectory, deployCommandLine, SfdxProjectUnreadable } from '../domain/sfdxProject';
import type { SalesforceOrgs } from './salesforceOrgs';

export interface ProjectMetadataDeps {
  log: Log;
  /** The active org's audit, whose required permissions (drawn from the org's dependencies) the profile holds. */
  audits: Pick<OrgAudits, 'activeAudit'>;
  /** The active org: its account is the default contact email, its Salesforce CLI alias the deploy's target. */
  orgs: Pick<SalesforceOrgs, 'active'>;
  /** Told once the connected app's files are written. */
  wroteConnectedApp?(): void;
}

/** Answers given up front, for scripts and tests: each one skips its question. */
export interface ProjectMetadataArgs {
  /** The workspace folder holding sfdx-project.json (its file-system path). */
  folder?: string;
  name?: string;
  license?: string;
  form?: AppForm;
  label?: string;
  apiName?: string;
  contactEmail?: string;
  /** Whether existing files are replaced; asked when not given. */
  replace?: boolean;
}

export type ProjectWriteResult =
  | {
    outcome: 'written';
    files: vscode.Uri[];
    /** The permissions the profile holds (profile only). */
    permissions?: string[];
    /** The deploy command offered, when the Salesforce CLI is on the PATH (connected app only). */
    deployCommand?: string;
  }
  /** Nothing was written; `reason` is what the admin was told. */
  | { outcome: 'notWritten'; reason: string }
  | { outcome: 'cancelled' };

type AppForm = 'externalClientApp' | 'connectedApp';

/** Where metadata goes: the project's folder and, inside it, the default package directory's source folder. */
interface Project {
  folder: vscode.Uri;
  target: vscode.Uri;
}

const cancelled: ProjectWriteResult = { outcome: 'cancelled' };
const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const deployTerminalName = 'Okta ↔ Salesforce: deploy';

/** Write Integration Profile to Project and Write Okta Connected App to Project. */
export function registerProjectMetadataCommands(deps: ProjectMetadataDeps): vscode.Disposable[] {
  const { log } = deps;

  /** Tells the admin why nothing was written, and says so to the caller. */
  function notWritten(reason: string): ProjectWriteResult {
    log.warn(reason);
    void vscode.window.showWarningMessage(reason);
    return { outcome: 'notWritten', reason };
  }

  /** The SFDX project to write into: the one named, the only one, or the one the admin picks. */
  async function findProject(folderPath: string | undefined): Promise<Project | string | undefined> {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folderPath === undefined || samePath(folder.uri.fsPath, folderPath));
    const projects: vscode.WorkspaceFolder[] = [];
    for (const folder of folders) if (await exists(projectFile(folder.uri))) projects.push(folder);
    if (!projects.length) {
      return folderPath === undefined
        ? vscode.l10n.t('No open folder holds sfdx-project.json, so there is no Salesforce DX project to write into. Open a folder holding sfdx-project.json, then run the command again.')
        : vscode.l10n.t('The folder {0} is not open in this window or does not hold sfdx-project.json, so there is no Salesforce DX project to write into. Open a folder holding sfdx-project.json, then run the command again.', folderPath);
    }
    const project = projects.length === 1 ? projects[0] : await vscode.window.showQuickPick(
      projects.map((folder) => ({ label: folder.name, description: folder.uri.fsPath, folder })),
      { title: vscode.l10n.t('Write into which Salesforce DX project?') },
    ).then((picked) => picked?.folder);
    if (!project) return undefined;
    let packageDirectory: string;
    try {
      packageDirectory = defaultPackageDirectory(new TextDecoder().decode(await vscode.workspace.fs.readFile(projectFile(project.uri))));
    } catch (error) {
      if (error instanceof SfdxProjectUnreadable) return `${project.name}: ${error.message}`;
      throw error;
    }
    const root = vscode.Uri.joinPath(project.uri, ...packageDirectory.split('/'));
    // Projects made by `sf project generate` keep source under main/default; others put it right in the directory.
    const sourceFolder = vscode.Uri.joinPath(root, 'main', 'default');
    const isFolder = await vscode.workspace.fs.stat(sourceFolder).then((stat) => (stat.type & vscode.FileType.Directory) !== 0, () => false);
    return { folder: project.uri, target: isFolder ? sourceFolder : root };
  }

  /** The active org's required permissions, or the built-in ones when no org is signed in or it cannot be read. */
  async function required(): Promise<RequiredPermissions> {
    try {
      const read = await withRequestProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the permission dependencies of the active Salesforce org…') },
        () => deps.audits.activeAudit(),
      );
      return read?.audit.required ?? requiredPermissions();
    } catch (error) {
      log.warn(`Reading the active org's audit failed, so the profile holds the built-in permission list: ${error instanceof Error ? error.message : String(error)}`);
      return requiredPermissions();
    }
  }

  /**
   * Writes the files under the project's source folder. Existing files are replaced only when `replace` says so
   * or the admin agrees; otherwise nothing at all is written (never half an app). Other files are never touched.
   */
  async function writeFiles(project: Project, files: readonly MetadataFile[], replace: boolean | undefined, preview: string | undefined): Promise<vscode.Uri[] | ProjectWriteResult> {
    const uris = files.map((file) => vscode.Uri.joinPath(project.target, ...file.path.split('/')));
    const existing: vscode.Uri[] = [];
    for (const uri of uris) if (await exists(uri)) existing.push(uri);
    const shown = (uri: vscode.Uri) => relativePath(project.folder, uri);
    if (existing.length && replace === false) {
      const names = existing.map(shown).join(', ');
      return notWritten(existing.length === 1
        ? vscode.l10n.t('Nothing was written: {0} already exists. Run the command again and choose Replace, or pick another name.', names)
        : vscode.l10n.t('Nothing was written: {0} already exist. Run the command again and choose Replace, or pick another name.', names));
    }
    if (preview !== undefined || (existing.length && replace === undefined)) {
      const replaceButton = vscode.l10n.t('Replace');
      const writeButton = vscode.l10n.t('Write');
      const detail = [
        ...(preview ? [preview] : []),
        ...uris.map((uri) => `${shown(uri)}${existing.includes(uri) ? vscode.l10n.t(' (replaces the existing file)') : ''}`),
        vscode.l10n.t('Other files are left as they are.'),
      ].join('\n');
      const message = existing.length
        ? vscode.l10n.t('{0} of these files already exist. Replace them?', existing.length)
        : vscode.l10n.t('Write these files into the project?');
      const choice = existing.length
        ? await vscode.window.showWarningMessage(message, { modal: true, detail }, replaceButton)
        : await vscode.window.showInformationMessage(message, { modal: true, detail }, writeButton);
      if (!choice) return cancelled;
    }
    for (const [index, file] of files.entries()) {
      await vscode.workspace.fs.writeFile(uris[index], new TextEncoder().encode(file.content));
      log.info(`Wrote ${uris[index].fsPath}${existing.includes(uris[index]) ? ' (replaced)' : ''}`);
    }
    return uris;
  }

  async function writeIntegrationProfile(args: ProjectMetadataArgs = {}): Promise<ProjectWriteResult> {
    const project = await findProject(args.folder);
    if (typeof project === 'string') return notWritten(project);
    if (!project) return cancelled;
    const permissions = await required();
    const refusal = (name: string, userLicense = 'Salesforce') => refusalOf(() => loadSalesforceApi().integrationProfileFile({ name, userLicense, required: permissions }));

    const name = args.name ?? await vscode.window.showInputBox({
      title: vscode.l10n.t('Write Integration Profile to Project (1/2)'), prompt: vscode.l10n.t('The name of the profile Okta\'s integration user will have.'),
      value: 'Okta Integration', validateInput: (value) => refusal(value),
    });
    if (name === undefined) return cancelled;
    const license = args.license ?? await vscode.window.showQuickPick(
      licensesCarryingEverything.map((label) => ({ label, description: label === 'Salesforce' ? vscode.l10n.t('default') : undefined })),
      { title: vscode.l10n.t('Write Integration Profile to Project (2/2)'), placeHolder: vscode.l10n.t('The user license of the profile: one that can carry Manage Users') },
    ).then((picked) => picked?.label);
    if (license === undefined) return cancelled;
    const refused = refusal(name, license);
    if (refused) return notWritten(refused);

    const file = loadSalesforceApi().integrationProfileFile({ name, userLicense: license, required: permissions });
    const written = await writeFiles(project, [file], args.replace, undefined);
    if (!Array.isArray(written)) return written;
    // Opening the file runs the profile diagnostics on it, which then show it ready.
    await vscode.window.showTextDocument(written[0]);
    void vscode.window.showInformationMessage(vscode.l10n.t('Wrote the profile {0} with the {1} permissions Okta needs. Deploy it with your pipeline, or create it in the org instead.',
      name, permissions.permissions.length));
    return { outcome: 'written', files: written, permissions: permissions.permissions.map((permission) => permission.name) };
  }

  async function writeConnectedApp(args: ProjectMetadataArgs = {}): Promise<ProjectWriteResult> {
    const project = await findProject(args.folder);
    if (typeof project === 'string') return notWritten(project);
    if (!project) return cancelled;
    const title = (step: number) => vscode.l10n.t('Write Okta Connected App to Project ({0}/4)', step);

    const form = args.form ?? await vscode.window.showQuickPick([
      { label: vscode.l10n.t('External Client App'), description: vscode.l10n.t('recommended'), detail: vscode.l10n.t('The app type Salesforce now recommends for OAuth integrations; four metadata files.'), form: 'externalClientApp' as const },
      { label: vscode.l10n.t('Connected App'), detail: vscode.l10n.t('The older type, for orgs that still allow new connected apps; one metadata file.'), form: 'connectedApp' as const },
    ], { title: title(1) }).then((picked) => picked?.form);
    if (!form) return cancelled;
    const account = deps.orgs.active()?.account;
    const placeholders = { label: 'Okta Provisioning', apiName: 'Okta_Provisioning', contactEmail: 'admin@example.com' };
    const refusal = (options: Partial<typeof placeholders>) => refusalOf(() => loadSalesforceApi().oktaConnectedAppFiles({ ...placeholders, ...options }, form));

    const label = args.label ?? await vscode.window.showInputBox({
      title: title(2), prompt: vscode.l10n.t('The app\'s name in Setup.'), value: 'Okta Provisioning', validateInput: (value) => refusal({ label: value }),
    });
    if (label === undefined) return cancelled;
    const apiName = args.apiName ?? await vscode.window.showInputBox({
      title: title(3), prompt: vscode.l10n.t('The app\'s API name: letters, digits and single underscores.'), value: apiNameOfLabel(label), validateInput: (value) => refusal({ apiName: value }),
    });
    if (apiName === undefined) return cancelled;
    const contactEmail = args.contactEmail ?? await vscode.window.showInputBox({
      title: title(4), prompt: vscode.l10n.t('The contact email Salesforce requires for the app: the admin who looks after the Okta integration.'),
      value: account && emailShape.test(account) ? account : '', validateInput: (value) => refusal({ contactEmail: value }),
    });
    if (contactEmail === undefined) return cancelled;
    const options = { label, apiName, contactEmail };
    const refused = refusal(options);
    if (refused) return notWritten(refused);

    const files = loadSalesforceApi().oktaConnectedAppFiles(options, form);
    // Asked questions end with the list of files to write; answers given up front skip it.
    const interactive = args.form === undefined;
    const preview = interactive ? vscode.l10n.t('No consumer key or secret is written: Salesforce generates them on the first deploy.') : undefined;
    const written = await writeFiles(project, files, args.replace, preview);
    if (!Array.isArray(written)) return written;
    deps.wroteConnectedApp?.();
    await vscode.window.showTextDocument(written[0]);
    const deployCommand = await offerDeploy(project, written);
    return { outcome: 'written', files: written, deployCommand };
  }

  /**
   * With the Salesforce CLI on the PATH, offers to deploy the written files in a terminal. The command is
   * typed into the terminal (sendText), so the admin sees exactly what runs and its output there.
   */
  async function offerDeploy(project: Project, files: readonly vscode.Uri[]): Promise<string | undefined> {
    const org = deps.orgs.active();
    const targetOrg = org?.method?.kind === 'sfCli' ? org.method.targetOrg : undefined;
    // The deploy runs the CLI in the project folder, which reads the project's configuration: not in an untrusted
    // folder (common/workspaceTrust), nor in a folder on a virtual file system, where no terminal can start.
    if (!isWorkspaceTrusted()) {
      void explainUntrusted(vscode.l10n.t('Wrote the app\'s metadata. {0} to deploy it from here, or deploy it yourself; then copy the consumer key and secret from Setup into Okta.', cliNeedsTrust()));
      return undefined;
    }
    const commandLine = project.folder.scheme === 'file' && await sfOnPath()
      ? deployCommandLine(files.map((uri) => relativePath(project.folder, uri)), targetOrg, process.platform === 'win32' ? 'windows' : 'posix')
      : undefined;
    const message = vscode.l10n.t('Wrote the app\'s metadata. Deploy it, then copy the consumer key and secret from Setup into Okta.');
    if (!commandLine) {
      void vscode.window.showInformationMessage(message);
      return undefined;
    }
    const deploy = vscode.l10n.t('Deploy with Salesforce CLI…');
    void vscode.window.showInformationMessage(message, deploy).then((choice) => {
      if (choice !== deploy) return;
      const terminal = vscode.window.createTerminal({ name: deployTerminalName, cwd: project.folder });
      terminal.show();
      terminal.sendText(commandLine, true);
      log.info(`Sent to the terminal "${deployTerminalName}": ${commandLine}`);
    });
    return commandLine;
  }

  return [
    vscode.commands.registerCommand('oktaSf.salesforce.writeIntegrationProfile', (args?: unknown) => writeIntegrationProfile(argsOf(args))),
    vscode.commands.registerCommand('oktaSf.salesforce.writeConnectedApp', (args?: unknown) => writeConnectedApp(argsOf(args))),
  ];
}

/** The argument object of a script or test; anything else (a tree node, an Explorer URI) asks every question. */
function argsOf(value: unknown): ProjectMetadataArgs {
  return typeof value === 'object' && value !== null && !(value instanceof vscode.Uri) && !Array.isArray(value) ? value as ProjectMetadataArgs : {};
}

/** The refusal message of a file built from the input, or undefined when the input is accepted. */
function refusalOf(build: () => unknown): string | undefined {
  try {
    build();
    return undefined;
  } catch (error) {
    if (error instanceof loadSalesforceApi().MetadataInputRefused) return error.message;
    throw error;
  }
}

const projectFile = (folder: vscode.Uri) => vscode.Uri.joinPath(folder, 'sfdx-project.json');
const exists = (uri: vscode.Uri) => vscode.workspace.fs.stat(uri).then(() => true, () => false);
const samePath = (a: string, b: string) => path.relative(path.resolve(a), path.resolve(b)) === '';
const relativePath = (folder: vscode.Uri, uri: vscode.Uri) => path.posix.relative(folder.path, uri.path);

/**
 * Whether `sf` (what salesforce/api/sfCli.ts runs: "sf", "sf.cmd" on Windows) is on the extension host's PATH,
 * found without running it.
 */
async function sfOnPath(): Promise<boolean> {
  const names = process.platform === 'win32' ? ['sf.cmd', 'sf.exe'] : ['sf'];
  for (const directory of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of names) {
      if (await access(path.join(directory, name), fsConstants.X_OK).then(() => true, () => false)) return true;
    }
  }
  return false;
}
