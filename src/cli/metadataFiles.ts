// The files okta-sf audit reads: each path given, and every metadata file under a given folder.
// Symbolic links are followed, each real folder and file once, so a link loop ends and a profile
// reached by two ways is audited once.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** A file to audit (it may turn out unreadable), or a folder that could not be listed. */
export type FoundPath = { file: string } | { folder: string; error: unknown };

const metadataFileName = /\.(profile|permissionset)-meta\.xml$/;

/** What a file's name says it holds. */
export function metadataTypeOfName(file: string): 'Profile' | 'PermissionSet' | undefined {
  const type = metadataFileName.exec(file)?.[1];
  return type === 'profile' ? 'Profile' : type === 'permissionset' ? 'PermissionSet' : undefined;
}

const skippedFolders = new Set(['node_modules', '.git', '.sfdx', '.sf']);

/** In the order given, each folder's entries by name. */
export async function findMetadataFiles(given: readonly string[]): Promise<FoundPath[]> {
  const found: FoundPath[] = [];
  const seen = new Set<string>();
  /** False when the real path was reached before. Paths that do not resolve (a broken link) count by their own name. */
  const firstVisit = async (at: string) => {
    const real = await fs.realpath(at).catch(() => path.resolve(at));
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  };
  const isFolder = async (at: string) => (await fs.stat(at).catch(() => undefined))?.isDirectory() === true;

  async function walk(folder: string): Promise<void> {
    if (!(await firstVisit(folder))) return;
    let entries;
    try {
      entries = await fs.readdir(folder, { withFileTypes: true });
    } catch (error) {
      found.push({ folder, error });
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const child = path.join(folder, entry.name);
      // Named like a metadata file, it is one to audit whatever it is: a folder or a broken link by that name is reported, not skipped.
      if (metadataFileName.test(entry.name)) {
        if (await firstVisit(child)) found.push({ file: child });
      } else if (!skippedFolders.has(entry.name) && (entry.isDirectory() || (entry.isSymbolicLink() && await isFolder(child)))) {
        await walk(child);
      }
    }
  }

  for (const at of given) {
    if (!metadataFileName.test(at) && await isFolder(at)) await walk(at);
    else if (await firstVisit(at)) found.push({ file: at });
  }
  return found;
}
