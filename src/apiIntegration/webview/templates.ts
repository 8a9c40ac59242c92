/**
 * The Configure API Integration page as lit templates, in the order of Okta's procedure. lit escapes
 * every value bound as text or attribute, so labels, messages and findings from Okta, Salesforce or the
 * extension show as typed, markup included; nothing here uses unsafeHTML or innerHTML.
 *
 * Text fields are native inputs (styled like vscode-textfield in panel.css), not vscode-textfield: its
 * input lives in a shadow root, where the page's aria-describedby cannot reach, so a screen reader would
 * not read the error under it. Buttons, checkboxes and radio groups are @vscode-elements.
 */

import * as l10n from '@vscode/l10n';
import { formatCheckResults, summarizeChecks } from '../../domain/apiIntegration/credentialChecks';
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { CopyTarget } from '../../domain/apiIntegration/protocol';
import { changedSections, type Draft, type FieldId, type SectionId, type ToAppSection, type ToOktaSection } from '../../domain/apiIntegration/form';
import type { Page } from './page';
import {
  appHeading, assignmentsText, errorsByField, fieldDomId, guidedStatusText, loginHostLine, outcomeLabel,
  secretAsTyped, sectionTitle,
} from './view';

export function pageTemplate(page: Page): TemplateResult {
  const { shown, draft } = page;
  return html`
    <div id="alert" role="alert" class=${page.alert ? 'alert' : 'alert empty'}>
      ${page.alert ? html`<span>${page.alert}</span>
        <vscode-button id="dismissAlert" secondary @click=${() => page.dismissAlert()}>${l10n.t('Dismiss')}</vscode-button>` : nothing}
    </div>
    ${shown && draft ? html`
      <header>
        <h1 id="appLabel">${appHeading(shown.app).title}</h1>
        <p id="instanceType">${appHeading(shown.app).subtitle}</p>
      </header>
      <main>
        ${apiIntegrationSection(page, draft)}
        ${toAppSection(page, draft)}
        ${toOktaSection(page, draft)}
        ${assignmentsSection(page)}
      </main>` : html`<p>${l10n.t('Loading the Okta app…')}</p>`}
    <div id="status" role="status" aria-live="polite" class="status">${page.status}</div>
  `;
}

// ---- Building blocks

interface TextFieldOptions {
  field: FieldId;
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'password';
  placeholder?: string;
  hint?: string;
}

/** A labelled input with its hint and its error under it, tied by aria-describedby. */
function textField(page: Page, options: TextFieldOptions): TemplateResult {
  const id = fieldDomId(options.field);
  const error = errorsByField(page.errors).get(options.field);
  const described = [options.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`
    <div class="field">
      <label for=${id}>${options.label}</label>
      <input id=${id} type=${options.type ?? 'text'} .value=${live(options.value)} placeholder=${options.placeholder ?? ''}
        autocomplete="off" spellcheck="false" aria-invalid=${error ? 'true' : 'false'} aria-describedby=${described || nothing}
        @input=${(event: Event) => options.onInput((event.target as HTMLInputElement).value)}>
      ${options.hint ? html`<p id="${id}-hint" class="hint">${options.hint}</p>` : nothing}
      ${error ? html`<p id="${id}-error" class="field-error">${error.message}</p>` : nothing}
    </div>`;
}

function checkbox(id: string, label: string, checked: boolean, onChange: (checked: boolean) => void): TemplateResult {
  return html`<div class="field"><vscode-checkbox id=${id} label=${label} .checked=${live(checked)}
    @change=${(event: Event) => onChange((event.target as HTMLInputElement).checked)}></vscode-checkbox></div>`;
}

/** A button whose request holds it: disabled, with a busy label, until the reply. */
function button(id: string, label: string, onClick: () => void, options: { busy?: string | false; secondary?: boolean } = {}): TemplateResult {
  return html`<vscode-button id=${id} ?secondary=${options.secondary ?? false} ?disabled=${Boolean(options.busy)}
    aria-busy=${options.busy ? 'true' : 'false'} @click=${onClick}>${options.busy || label}</vscode-button>`;
}

/** `what` is the button's accessible name ("Copy the callback URL for this sign-in"): the visible label is only "Copy". */
function copyButton(page: Page, id: string, which: CopyTarget, what: string): TemplateResult {
  return html`<vscode-button id=${id} secondary aria-label=${what} @click=${() => page.copy(which)}>${l10n.t('Copy')}</vscode-button>`;
}

/** The section's unsaved-changes line, Discard changes, its Save, the outcome of its last Save and its guided completion. */
function sectionFooter(page: Page, draft: Draft, section: SectionId): TemplateResult {
  const changed = page.shown ? changedSections(draft, page.shown.saved).includes(section) : false;
  const note = page.saveNotes.get(section);
  return html`
    <div class="actions">
      ${button(`${section}-save`, l10n.t('Save'), () => page.save(section, `${section}-save`), { busy: page.isBusy(`save:${section}`) && l10n.t('Saving…') })}
      ${changed ? html`
        <span id="${section}-unsaved" class="unsaved">${l10n.t('Unsaved changes')}</span>
        ${button(`${section}-discard`, l10n.t('Discard changes'), () => page.discard(section, `${section}-discard`), { secondary: true, busy: page.isBusy(`discard:${section}`) && l10n.t('Discarding…') })}
      ` : nothing}
    </div>
    <p id="${section}-saveStatus" class="save-note ${note?.outcome ?? ''}">${note?.message ?? ''}</p>
    ${guidedCompletion(page, section)}`;
}

function guidedCompletion(page: Page, section: SectionId): TemplateResult | typeof nothing {
  const guided = page.guided.get(section);
  if (!guided) return nothing;
  return html`
    <div id="${section}-guided" class="guided">
      <h3>${l10n.t('Finish in the Okta Admin Console')}</h3>
      <ol>
        ${guided.steps.map((step, index) => html`<li>
          <span>${step.text}</span>
          ${step.copy ? copyButton(page, `${section}-guided-copy-${index}`, step.copy, l10n.t('Copy the value for step {0}', index + 1)) : nothing}
          ${step.openAdminConsole ? html`<vscode-button id="${section}-guided-open-${index}" secondary
            @click=${() => page.openAdminConsole()}>${l10n.t('Open in Admin Console')}</vscode-button>` : nothing}
        </li>`)}
      </ol>
      ${guided.expected.length ? html`<p class="hint">${l10n.t('Okta shows the change when these are on: {0}.', guided.expected.join(', '))}</p>` : nothing}
      <p id="${section}-guided-status" role="status" aria-live="polite" class="guided-status ${guided.status}">
        ${guidedStatusText(guided.status, guided.message)}</p>
      ${guided.status === 'waiting'
        ? button(`${section}-stopWaiting`, l10n.t('Stop waiting'), () => page.stopWaiting(section, `${section}-stopWaiting`), { secondary: true, busy: page.isBusy(`stopWaiting:${section}`) && l10n.t('Stopping…') })
        : nothing}
    </div>`;
}

function sectionFrame(section: SectionId | 'assignments', title: string, body: TemplateResult): TemplateResult {
  return html`<section id="section-${section}" aria-labelledby="heading-${section}">
    <h2 id="heading-${section}">${title}</h2>
    ${body}
  </section>`;
}

// ---- The sections

function apiIntegrationSection(page: Page, draft: Draft): TemplateResult {
  const section = draft.apiIntegration;
  const edit = (patch: Partial<Draft['apiIntegration']>, field?: FieldId) => page.edit('apiIntegration', patch, field);
  return sectionFrame('apiIntegration', sectionTitle('apiIntegration'), html`
    ${checkbox('enableApiIntegration', l10n.t('Enable API integration'), section.enableApiIntegration, (checked) => edit({ enableApiIntegration: checked }))}
    ${textField(page, { field: 'consumerKey', label: l10n.t('OAuth Consumer Key'), value: section.consumerKey, onInput: (value) => edit({ consumerKey: value }, 'consumerKey') })}
    ${secretField(page, draft)}
    ${textField(page, {
      field: 'loginHost', label: l10n.t('Salesforce login host'), value: section.loginHost.override,
      placeholder: section.loginHost.derived ?? 'https://acme.my.salesforce.com', hint: loginHostLine(section),
      onInput: (value) => edit({ loginHost: { ...section.loginHost, override: value } }, 'loginHost'),
    })}
    ${section.loginHost.override.trim() && section.loginHost.derived ? html`<button id="useDefaultLoginHost" class="link"
      @click=${() => edit({ loginHost: { ...section.loginHost, override: '' } }, 'loginHost')}>${l10n.t('Use the default')}</button>` : nothing}
    ${authenticateBlock(page)}
    ${checkbox('allowPushingNullValues', l10n.t('Allow Pushing Null Values'), section.allowPushingNullValues, (checked) => edit({ allowPushingNullValues: checked }))}
    ${checkResultsBlock(page)}
    ${sectionFooter(page, draft, 'apiIntegration')}
  `);
}

/** The secret is never shown back: a stored one is "stored" with Replace, which opens an empty field. */
function secretField(page: Page, draft: Draft): TemplateResult {
  const secret = draft.apiIntegration.consumerSecret;
  const set = (consumerSecret: Draft['apiIntegration']['consumerSecret']) => page.edit('apiIntegration', { consumerSecret }, 'consumerSecret');
  if (secret.kind === 'stored') {
    return html`<div class="field">
      <span class="label" id="consumerSecret-label">${l10n.t('OAuth Consumer Secret')}</span>
      <p id="consumerSecret-stored" class="stored">${l10n.t('Stored in VS Code\'s secret storage.')}</p>
      <vscode-button id="replaceSecret" secondary aria-label=${l10n.t('Replace the stored OAuth Consumer Secret')} @click=${() => {
        set({ kind: 'typed', value: '' });
        requestAnimationFrame(() => document.getElementById('consumerSecret')?.focus());
      }}>${l10n.t('Replace')}</vscode-button>
    </div>`;
  }
  return html`
    ${textField(page, {
      field: 'consumerSecret', label: l10n.t('OAuth Consumer Secret'), type: 'password', value: secret.kind === 'typed' ? secret.value : '',
      onInput: (value) => set(secretAsTyped(value, page.shown?.secretStored ?? false)),
    })}
    ${page.shown?.secretStored ? html`<button id="keepStoredSecret" class="link" @click=${() => {
      set({ kind: 'stored' });
      requestAnimationFrame(() => document.getElementById('replaceSecret')?.focus());
    }}>${l10n.t('Keep the stored secret')}</button>` : nothing}`;
}

function authenticateBlock(page: Page): TemplateResult {
  const urls = page.shown?.callbackUrls ?? { okta: '', local: '' };
  const busy = page.isBusy('authenticate') && l10n.t('Signing in…');
  const connection = page.shown?.connection;
  return html`
    <div class="authenticate">
      <div class="actions">
        ${button('authenticate', l10n.t('Authenticate with Salesforce.com'), () => page.authenticate('browser', 'authenticate'), { busy })}
        ${button('authenticateSignedInOrg', l10n.t('Use a signed-in org instead'), () => page.authenticate('signedInOrg', 'authenticateSignedInOrg'), { secondary: true, busy })}
      </div>
      <div id="callbackNote" class="note">
        <p>${l10n.t('Authenticate signs in as the integration user with this key and secret in your browser. For that, the connected app in Salesforce must also list this callback URL:')}
          <code id="localCallbackUrl">${urls.local}</code>
          ${copyButton(page, 'copyLocalCallbackUrl', 'localCallbackUrl', l10n.t('Copy the callback URL for this sign-in'))}</p>
        <p>${l10n.t('Okta\'s own callback URL must be there too:')} <code id="oktaCallbackUrl">${urls.okta}</code>
          ${copyButton(page, 'copyOktaCallbackUrl', 'oktaCallbackUrl', l10n.t('Copy Okta\'s callback URL'))}</p>
        <p>${l10n.t('Or choose a Salesforce org you already signed in to in VS Code, if its user is the integration user.')}</p>
      </div>
      ${connection ? html`
        <dl id="connection" class="connection">
          <dt>${l10n.t('Signed in as')}</dt><dd id="connection-username">${connection.username}</dd>
          <dt>${l10n.t('Org ID')}</dt><dd id="connection-orgId">${connection.orgId}</dd>
          <dt>${l10n.t('Host')}</dt><dd id="connection-host">${connection.host}</dd>
          <dt>${l10n.t('Profile')}</dt><dd id="connection-profile">${connection.profile}</dd>
          <dt>${l10n.t('Verdict')}</dt><dd id="connection-verdict" class="outcome ${connection.verdict}">
            ${outcomeLabel(connection.verdict).symbol} ${outcomeLabel(connection.verdict).word}</dd>
        </dl>
        ${connection.findings.length ? html`<ul id="connection-findings">${connection.findings.map((finding) => html`<li>${finding}</li>`)}</ul>` : nothing}
      ` : nothing}
    </div>`;
}

function checkResultsBlock(page: Page): TemplateResult {
  const results = page.results;
  return html`
    <div class="actions">
      ${button('testCredentials', l10n.t('Test API Credentials'), () => page.testCredentials('testCredentials'), { busy: page.isBusy('testCredentials') && l10n.t('Testing…') })}
    </div>
    ${results ? html`
      <div id="checkResults" class="results">
        <p id="checkResults-summary">${summarizeChecks(results).line}.</p>
        <ul>
          ${results.map((result) => html`<li class="result ${result.outcome}" data-check=${result.check}>
            <span class="outcome ${result.outcome}">${outcomeLabel(result.outcome).symbol} ${outcomeLabel(result.outcome).word}</span>
            <strong>${result.title}</strong>
            <p>${result.detail}</p>
            ${result.fix ? html`<p class="fix">${l10n.t('Fix: {0}', result.fix)}</p>` : nothing}
          </li>`)}
        </ul>
        <vscode-button id="copyResults" secondary @click=${() => void page.copyText(formatCheckResults(results), l10n.t('Copied the results.'))}>${l10n.t('Copy results')}</vscode-button>
      </div>` : nothing}`;
}

function toAppSection(page: Page, draft: Draft): TemplateResult {
  const values = draft.toApp;
  const option = (key: keyof ToAppSection, label: string) => checkbox(`toApp-${key}`, label, values[key], (checked) => page.edit('toApp', { [key]: checked }));
  return sectionFrame('toApp', sectionTitle('toApp'), html`
    ${option('createUsers', l10n.t('Create Users'))}
    ${option('updateUserAttributes', l10n.t('Update User Attributes'))}
    ${option('deactivateUsers', l10n.t('Deactivate Users'))}
    ${option('syncPassword', l10n.t('Sync Password'))}
    ${sectionFooter(page, draft, 'toApp')}
  `);
}

function toOktaSection(page: Page, draft: Draft): TemplateResult {
  const values = draft.toOkta;
  const edit = (patch: Partial<ToOktaSection>, field?: FieldId) => page.edit('toOkta', patch, field);
  const option = (key: 'allowPartialMatch' | 'autoConfirmPartialMatch' | 'autoConfirmExactMatch' | 'autoConfirmNewUsers' | 'autoActivateNewUsers', label: string) =>
    checkbox(`toOkta-${key}`, label, values[key], (checked) => edit({ [key]: checked }));
  const schedule = (which: 'fullImport' | 'incrementalImport', name: string) => html`
    <fieldset>
      <legend>${name}</legend>
      ${textField(page, {
        field: `${which}.expression`, label: l10n.t('Schedule (cron)'), value: values[which].expression, placeholder: '0 2 * * 0',
        onInput: (expression) => edit({ [which]: { ...values[which], expression } }, `${which}.expression`),
      })}
      ${textField(page, {
        field: `${which}.timezone`, label: l10n.t('Time zone'), value: values[which].timezone, placeholder: 'UTC',
        onInput: (timezone) => edit({ [which]: { ...values[which], timezone } }, `${which}.timezone`),
      })}
    </fieldset>`;
  return sectionFrame('toOkta', sectionTitle('toOkta'), html`
    ${checkbox('toOkta-scheduleEnabled', l10n.t('Schedule imports'), values.scheduleEnabled, (checked) => edit({ scheduleEnabled: checked }))}
    ${schedule('fullImport', l10n.t('Full import'))}
    ${schedule('incrementalImport', l10n.t('Incremental import'))}
    ${choice('toOkta-usernameFormat', l10n.t('Okta username format'), values.usernameFormat, [['EMAIL', l10n.t('Email')], ['CUSTOM', l10n.t('Custom expression')]],
      (value) => edit({ usernameFormat: value === 'CUSTOM' ? 'CUSTOM' : 'EMAIL' }))}
    ${values.usernameFormat === 'CUSTOM' ? textField(page, {
      field: 'usernameExpression', label: l10n.t('Username expression (Okta Expression Language)'), value: values.usernameExpression,
      onInput: (usernameExpression) => edit({ usernameExpression }, 'usernameExpression'),
    }) : nothing}
    ${choice('toOkta-exactMatchCriteria', l10n.t('Imported user is an exact match to an Okta user if'), values.exactMatchCriteria,
      [['EMAIL', l10n.t('Email matches')], ['USERNAME', l10n.t('Username matches')]], (value) => edit({ exactMatchCriteria: value === 'USERNAME' ? 'USERNAME' : 'EMAIL' }))}
    ${option('allowPartialMatch', l10n.t('Allow partial matches (first and last name match)'))}
    ${option('autoConfirmPartialMatch', l10n.t('Confirm partially matched users automatically'))}
    ${option('autoConfirmExactMatch', l10n.t('Confirm matched users automatically'))}
    ${option('autoConfirmNewUsers', l10n.t('Confirm new users automatically'))}
    ${option('autoActivateNewUsers', l10n.t('Activate new users automatically'))}
    ${sectionFooter(page, draft, 'toOkta')}
  `);
}

/** Two or three choices as a radio group (arrow keys move within it, Tab leaves it), labelled by vscode-label. */
function choice(id: string, label: string, value: string, options: [string, string][], onChange: (value: string) => void): TemplateResult {
  return html`<div class="field">
    <vscode-label for=${id}>${label}</vscode-label>
    <vscode-radio-group id=${id} variant="vertical">
      ${options.map(([optionValue, text]) => html`<vscode-radio id="${id}-${optionValue}" name=${id} value=${optionValue} label=${text}
        .checked=${live(optionValue === value)} @change=${(event: Event) => {
          if ((event.target as HTMLInputElement).checked) onChange(optionValue);
        }}></vscode-radio>`)}
    </vscode-radio-group>
  </div>`;
}

function assignmentsSection(page: Page): TemplateResult {
  const assignments = page.shown?.assignments;
  return sectionFrame('assignments', l10n.t('Assignments'), html`
    <p id="assignments-summary" class=${assignments?.error ? 'field-error' : ''}>${assignmentsText(assignments)}</p>
    <vscode-button id="assign" secondary @click=${() => page.assign()}>${l10n.t('Assign Users and Groups…')}</vscode-button>
  `);
}
