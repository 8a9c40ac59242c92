/**
 * The Salesforce Profiles view's filter: all profiles, those with findings, the integration
 * candidates, or names containing some text. Plain data, no vscode.
 */
import * as l10n from '@vscode/l10n';
import type { ProfileRow } from './profileTreeModel';

export type ProfileFilter =
  | { kind: 'all' }
  | { kind: 'problems' }
  | { kind: 'candidates' }
  | { kind: 'name'; text: string };

export function filterProfileRows(rows: readonly ProfileRow[], filter: ProfileFilter): ProfileRow[] {
  switch (filter.kind) {
    case 'all': return [...rows];
    case 'problems': return rows.filter((row) => row.profile.verdict !== 'pass');
    case 'candidates': return rows.filter((row) => row.profile.isIntegrationCandidate);
    case 'name': {
      const text = filter.text.trim().toLowerCase();
      return rows.filter((row) => row.profile.name.toLowerCase().includes(text));
    }
  }
}

/** What the view's description says while a filter is on; undefined when showing all. */
export function describeFilter(filter: ProfileFilter): string | undefined {
  switch (filter.kind) {
    case 'all': return undefined;
    case 'problems': return l10n.t('failing or warning profiles');
    case 'candidates': return l10n.t('integration candidates');
    case 'name': return l10n.t('names containing “{0}”', filter.text.trim());
  }
}
