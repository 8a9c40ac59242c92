/**
 * What the Configure API Integration page shows, as plain data and text: no DOM, no lit, so plain Node
 * tests can check it. The page (panel.ts) renders these values; every string here is rendered as text.
 */

import * as l10n from '@vscode/l10n';
import type { AssignmentsView, CheckOutcome, GuidedStatus } from '../../domain/apiIntegration/protocol';
import { secretFreeDraft } from '../../domain/apiIntegration/protocol';
import {
  type ApiIntegrationSection, type Draft, type FieldError, type FieldId, fieldOrder, type SectionId, type SecretState,
} from '../../domain/apiIntegration/form';

// The page's texts are made when it renders, never in module constants: l10n.config runs after the modules load.

export function sectionTitle(section: SectionId): string {
  switch (section) {
    case 'apiIntegration': return l10n.t('API integration');
    case 'toApp': return l10n.t('To App');
    case 'toOkta': return l10n.t('To Okta');
  }
}

/** The outcome of a check as a symbol and a word: the word carries the meaning, the symbol only helps the eye. */
export function outcomeLabel(outcome: CheckOutcome): { symbol: string; word: string } {
  switch (outcome) {
    case 'pass': return { symbol: '✓', word: l10n.t('Passed') };
    case 'fail': return { symbol: '✗', word: l10n.t('Failed') };
    case 'warn': return { symbol: '!', word: l10n.t('Warning') };
    case 'skipped': return { symbol: '–', word: l10n.t('Skipped') };
  }
}

/** The Assignments summary: counts, "more than" when Okta's first page did not hold them all, or why not read. */
export function assignmentsText(assignments: AssignmentsView | undefined): string {
  if (!assignments) return l10n.t('Not read yet.');
  if (assignments.error) return l10n.t('Could not read the assignments: {0}', assignments.error);
  const users = assignments.users === 1 ? l10n.t('1 user') : l10n.t('{0} users', assignments.users);
  const groups = assignments.groups === 1 ? l10n.t('1 group') : l10n.t('{0} groups', assignments.groups);
  return assignments.more ? l10n.t('More than {0} and {1} are assigned.', users, groups) : l10n.t('{0} and {1} assigned.', users, groups);
}

/** The status line of a guided completion: the state in words, then the extension's message. */
export function guidedStatusText(status: GuidedStatus, message: string): string {
  const words: Record<GuidedStatus, string> = {
    waiting: l10n.t('Waiting for Okta to show the change.'),
    confirmed: l10n.t('Confirmed: Okta shows the change.'),
    timedOut: l10n.t('Stopped waiting: Okta did not show the change in time.'),
    stopped: l10n.t('You stopped waiting.'),
    failed: l10n.t('Could not check the change.'),
  };
  return message.trim() ? `${words[status]} ${message}` : words[status];
}

/** What the page keeps in vscode.setState: the app it is for, and the draft without a typed secret. */
export interface SavedViewState {
  appId: string;
  draft: Draft;
}

export function viewState(appId: string, draft: Draft, secretStored: boolean): SavedViewState {
  return { appId, draft: secretFreeDraft(draft, secretStored) };
}

/** The draft with some fields of one section changed (a new object: the page compares drafts by value). */
export function withSection<S extends SectionId>(draft: Draft, section: S, patch: Partial<Draft[S]>): Draft {
  return { ...draft, [section]: { ...draft[section], ...patch } };
}

/**
 * A draft the extension sent, with the secret the admin is typing kept: the extension never sends a
 * typed secret back, so without this a `state` (after saving another section, say) would wipe it.
 * `dropTyped` is for the states that mean the typed secret is gone (saved, or its section discarded).
 */
export function withTypedSecret(incoming: Draft, local: SecretState | undefined, dropTyped: boolean): Draft {
  if (dropTyped || local?.kind !== 'typed') return incoming;
  return withSection(incoming, 'apiIntegration', { consumerSecret: local });
}

/**
 * The secret field's value as the draft holds it. Emptied while a stored secret is being replaced, it
 * stays `typed` (the field stays open, and Save asks for the new one); with none stored, it is none.
 */
export function secretAsTyped(value: string, secretStored: boolean): SecretState {
  return value || secretStored ? { kind: 'typed', value } : { kind: 'none' };
}

/** The errors in the form's order, at most one per field (the first one validation gave). */
export function errorsByField(errors: readonly FieldError[]): Map<FieldId, FieldError> {
  const byField = new Map<FieldId, FieldError>();
  for (const field of fieldOrder) {
    const error = errors.find((candidate) => candidate.field === field);
    if (error) byField.set(field, error);
  }
  return byField;
}

/** The field to focus after a refused Save: the first in the form's order. */
export function firstErrorField(errors: readonly FieldError[]): FieldId | undefined {
  return errorsByField(errors).keys().next().value;
}

/** An element id for a field ("fullImport.expression" → "fullImport-expression": no dot to escape in selectors). */
export function fieldDomId(field: FieldId): string {
  return field.replace('.', '-');
}

/** Where Authenticate will sign in, and why there: the admin's entry, the default from the Okta app, or nowhere yet. */
export function loginHostLine(section: ApiIntegrationSection): string {
  const override = section.loginHost.override.trim();
  if (override) return l10n.t('Signs in at {0} (your entry).', override);
  if (section.loginHost.derived) return l10n.t('Signs in at {0} (the default for this Okta app).', section.loginHost.derived);
  return l10n.t('No default for this Okta app: enter the org\'s My Domain, such as https://acme.my.salesforce.com.');
}

/** The header line: the app's label, and its instance type when Okta gives one. */
export function appHeading(app: { label: string; instanceType?: string }): { title: string; subtitle: string } {
  const type = app.instanceType?.trim();
  return { title: app.label, subtitle: type ? l10n.t('Salesforce instance type: {0}', type) : l10n.t('Salesforce instance type: not set in Okta') };
}
