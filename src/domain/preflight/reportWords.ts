/**
 * The words the pre-flight and dry-run reports share, in the display language: a finding's severity as
 * its line begins, and the counts in a verdict ("2 errors, 1 warning").
 */
import * as l10n from '@vscode/l10n';

export function severityMark(severity: 'error' | 'warning' | 'info'): string {
  switch (severity) {
    case 'error': return l10n.t('ERROR');
    case 'warning': return l10n.t('WARNING');
    case 'info': return l10n.t('INFO');
  }
}

export const errorCount = (n: number) => (n === 1 ? l10n.t('1 error') : l10n.t('{0} errors', n));
export const warningCount = (n: number) => (n === 1 ? l10n.t('1 warning') : l10n.t('{0} warnings', n));
export const noteCount = (n: number) => (n === 1 ? l10n.t('1 note') : l10n.t('{0} notes', n));
