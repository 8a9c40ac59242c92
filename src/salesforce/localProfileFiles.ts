import * as path from 'node:path';
import * as vscode from 'vscode';
import { profileNameOfFile } from '../domain/profileFiles';

/** The workspace's `*.profile-meta.xml` files by lower-cased profile name (the first one found wins). */
export async function findLocalProfileFiles(): Promise<Map<string, vscode.Uri>> {
  const files = new Map<string, vscode.Uri>();
  if (!vscode.workspace.workspaceFolders?.length) return files;
  for (const uri of await vscode.workspace.findFiles('**/*.profile-meta.xml', '**/node_modules/**')) {
    const name = profileNameOfFile(path.posix.basename(uri.path))?.toLowerCase();
    if (name && !files.has(name)) files.set(name, uri);
  }
  return files;
}
