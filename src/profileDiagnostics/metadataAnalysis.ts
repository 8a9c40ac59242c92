import * as path from 'node:path';
import type * as vscode from 'vscode';
import { isIntegrationProfileName } from '../domain/profileAudit';
import { profileNameOfFile } from '../domain/profileFiles';
import type { MetadataFinding } from '../domain/profileXml/profileFindings';
import type { MetadataScan } from '../domain/profileXml/scanner';
import { loadProfileXml } from './profileXmlBundle';

export const metadataSelector: vscode.DocumentSelector = [
  { pattern: '**/*.profile-meta.xml' },
  { pattern: '**/*.permissionset-meta.xml' },
];

export function isMetadataDocument(document: vscode.TextDocument): boolean {
  return /\.(profile|permissionset)-meta\.xml$/.test(document.uri.path);
}

export interface Analysis {
  readonly version: number;
  readonly text: string;
  readonly scan: MetadataScan;
  /** The profile's name (from its file name), for profiles. */
  readonly profileName?: string;
  /** Audited as Okta's integration profile; other profiles get no findings. */
  readonly isIntegrationProfile: boolean;
  readonly findings: readonly MetadataFinding[];
}

/** What decides which profiles are the integration's, besides their names. */
export interface IntegrationProfiles {
  /** Names or globs from `oktaSf.integrationProfiles`. */
  patterns(): readonly string[];
  /** Profiles of the integration users in a signed-in org, once an org has been read. */
  fromOrgs(): ReadonlySet<string>;
}

/**
 * The scan and findings of each open profile and permission set file, kept per document
 * version. A single edit since the last scan is re-scanned incrementally.
 */
export class MetadataAnalyses {
  private readonly byUri = new Map<string, Analysis>();
  /** The one change since the cached version, when there was exactly one. */
  private readonly pendingChange = new Map<string, { fromVersion: number; change: vscode.TextDocumentContentChangeEvent } | 'many'>();

  constructor(private readonly integration: IntegrationProfiles) {}

  noteChange(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    const cached = this.byUri.get(key);
    const pending = this.pendingChange.get(key);
    const single = event.contentChanges.length === 1 && cached && pending === undefined && cached.version === event.document.version - 1;
    this.pendingChange.set(key, single && event.contentChanges[0] ? { fromVersion: cached.version, change: event.contentChanges[0] } : 'many');
  }

  /** The analysis of the document as it is now. */
  analyze(document: vscode.TextDocument): Analysis {
    const key = document.uri.toString();
    const cached = this.byUri.get(key);
    if (cached?.version === document.version) return cached;
    const text = document.getText();
    const pending = this.pendingChange.get(key);
    const { rescanMetadataXml, scanMetadataXml } = loadProfileXml();
    const scan = cached && pending && pending !== 'many' && pending.fromVersion === cached.version
      ? rescanMetadataXml(cached.scan, text, { offset: pending.change.rangeOffset, removedLength: pending.change.rangeLength, insertedText: pending.change.text })
      : scanMetadataXml(text);
    this.pendingChange.delete(key);
    const analysis = this.audit(document, text, scan);
    this.byUri.set(key, analysis);
    return analysis;
  }

  /** Audits again with the current settings (the scans stay). */
  reaudit(document: vscode.TextDocument): Analysis {
    const cached = this.byUri.get(document.uri.toString());
    if (!cached || cached.version !== document.version) return this.analyze(document);
    const analysis = this.audit(document, cached.text, cached.scan);
    this.byUri.set(document.uri.toString(), analysis);
    return analysis;
  }

  forget(document: vscode.TextDocument): void {
    this.byUri.delete(document.uri.toString());
    this.pendingChange.delete(document.uri.toString());
  }

  private audit(document: vscode.TextDocument, text: string, scan: MetadataScan): Analysis {
    const profileName = profileNameOfFile(path.posix.basename(document.uri.path));
    const isProfile = profileName !== undefined && scan.kind !== 'PermissionSet';
    const isIntegrationProfile = isProfile
      && (isIntegrationProfileName(profileName, this.integration.patterns()) || this.integration.fromOrgs().has(profileName.toLowerCase()));
    const { auditPermissionSetXml, auditProfileXml, malformedXmlFinding, unexpectedRootFinding } = loadProfileXml();
    let findings: MetadataFinding[];
    if (isIntegrationProfile) findings = auditProfileXml(scan);
    else if (scan.kind === 'PermissionSet' || !isProfile) findings = auditPermissionSetXml(scan);
    else {
      // Another profile is not audited, but is still told when it is not well-formed.
      const malformed = malformedXmlFinding(scan);
      findings = malformed ? [malformed] : [];
    }
    // Any profile or permission set file: one whose root is not what its name says would pass with nothing checked.
    const root = unexpectedRootFinding(text, scan, profileName !== undefined ? 'Profile' : 'PermissionSet');
    if (root) findings.push(root);
    return { version: document.version, text, scan, profileName: isProfile ? profileName : undefined, isIntegrationProfile, findings };
  }
}
