/**
 * The Configure API Integration page as lit templates, in the order of Okta's procedure. lit escapes
 * every value bound as text or attribute, so labels, messages and findings from Okta, Salesforce or the
 * extension show as typed, markup included; nothing here uses unsafeHTML or innerHTML.
 *
 * Text fields are native inputs (styled like vscode-textfield in panel.css), not vscode-textfield: its
 * input lives in a shadow root, where the page's aria-describedby cannot reach, so a screen reader would
 * not read the error under it. Buttons, checkboxes and radio groups are @vscode-elements.
 */

import { formatCheckResults, summarizeChecks } from '../../domain/apiIntegration/credentialChecks';
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { CopyTarget } from '../../domain/apiIntegration/protocol';
import { changedSections, type Draft, type FieldId, type SectionId, type ToAppSection, type ToOktaSection } from '../../domain/apiIntegration/form';
import type { Page } from './page';
import {
  appHeading, assignmentsText, errorsByField, fieldDomId, guidedStatusText, loginHostLine, outcomeLabels,
  secretAsTyped, sectionTitles,
} from './view';

export function pageTemplate(page: Page): TemplateResult {
  const { shown, draft } = page;
  return html`
    <div id="alert" role="alert" class=${page.alert ? 'alert' : 'alert empty'}>
      ${page.alert ? html`<span>${page.alert}</span>
        <vscode-button id="dismissAlert" secondary @click=${() => page.dismissAlert()}>Dismiss</vscode-button>` : nothing}
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
      </main>` : html`<p>Loading the Okta app…</p>`}
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

function copyButton(page: Page, id: string, which: CopyTarget, what: string): TemplateResult {
  return html`<vscode-button id=${id} secondary aria-label="Copy ${what}" @click=${() => page.copy(which)}>Copy</vscode-button>`;
}

/** The section's unsaved-changes line, Discard changes, its Save, the outcome of its last Save and its guided completion. */
function sectionFooter(page: Page, draft: Draft, section: SectionId): TemplateResult {
  const changed = page.shown ? changedSections(draft, page.shown.saved).includes(section) : false;
  const note = page.saveNotes.get(section);
  return html`
    <div class="actions">
      ${button(`${section}-save`, 'Save', () => page.save(section, `${section}-save`), { busy: page.isBusy(`save:${section}`) && 'Saving…' })}
      ${changed ? html`
        <span id="${section}-unsaved" class="unsaved">Unsaved changes</span>
        ${button(`${section}-discard`, 'Discard changes', () => page.discard(section, `${section}-discard`), { secondary: true, busy: page.isBusy(`discard:${section}`) && 'Discarding…' })}
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
      <h3>Finish in the Okta Admin Console</h3>
      <ol>
        ${guided.steps.map((step, index) => html`<li>
          <span>${step.text}</span>
          ${step.copy ? copyButton(page, `${section}-guided-copy-${index}`, step.copy, `the value for step ${index + 1}`) : nothing}
          ${step.openAdminConsole ? html`<vscode-button id="${section}-guided-open-${index}" secondary
            @click=${() => page.openAdminConsole()}>Open in Admin Console</vscode-button>` : nothing}
        </li>`)}
      </ol>
      ${guided.expected.length ? html`<p class="hint">Okta shows the change when these are on: ${guided.expected.join(', ')}.</p>` : nothing}
      <p id="${section}-guided-status" role="status" aria-live="polite" class="guided-status ${guided.status}">
        ${guidedStatusText(guided.status, guided.message)}</p>
      ${guided.status === 'waiting'
        ? button(`${section}-stopWaiting`, 'Stop waiting', () => page.stopWaiting(section, `${section}-stopWaiting`), { secondary: true, busy: page.isBusy(`stopWaiting:${section}`) && 'Stopping…' })
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
  return sectionFrame('apiIntegration', sectionTitles.apiIntegration, html`
    ${checkbox('enableApiIntegration', 'Enable API integration', section.enableApiIntegration, (checked) => edit({ enableApiIntegration: checked }))}
    ${textField(page, { field: 'consumerKey', label: 'OAuth Consumer Key', value: section.consumerKey, onInput: (value) => edit({ consumerKey: value }, 'consumerKey') })}
    ${secretField(page, draft)}
    ${textField(page, {
      field: 'loginHost', label: 'Salesforce login host', value: section.loginHost.override,
      placeholder: section.loginHost.derived ?? 'https://acme.my.salesforce.com', hint: loginHostLine(section),
      onInput: (value) => edit({ loginHost: { ...section.loginHost, override: value } }, 'loginHost'),
    })}
    ${section.loginHost.override.trim() && section.loginHost.derived ? html`<button id="useDefaultLoginHost" class="link"
      @click=${() => edit({ loginHost: { ...section.loginHost, override: '' } }, 'loginHost')}>Use the default</button>` : nothing}
    ${authenticateBlock(page)}
    ${checkbox('allowPushingNullValues', 'Allow Pushing Null Values', section.allowPushingNullValues, (checked) => edit({ allowPushingNullValues: checked }))}
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
      <span class="label" id="consumerSecret-label">OAuth Consumer Secret</span>
      <p id="consumerSecret-stored" class="stored">Stored in VS Code's secret storage.</p>
      <vscode-button id="replaceSecret" secondary aria-label="Replace the stored OAuth Consumer Secret" @click=${() => {
        set({ kind: 'typed', value: '' });
        requestAnimationFrame(() => document.getElementById('consumerSecret')?.focus());
      }}>Replace</vscode-button>
    </div>`;
  }
  return html`
    ${textField(page, {
      field: 'consumerSecret', label: 'OAuth Consumer Secret', type: 'password', value: secret.kind === 'typed' ? secret.value : '',
      onInput: (value) => set(secretAsTyped(value, page.shown?.secretStored ?? false)),
    })}
    ${page.shown?.secretStored ? html`<button id="keepStoredSecret" class="link" @click=${() => {
      set({ kind: 'stored' });
      requestAnimationFrame(() => document.getElementById('replaceSecret')?.focus());
    }}>Keep the stored secret</button>` : nothing}`;
}

function authenticateBlock(page: Page): TemplateResult {
  const urls = page.shown?.callbackUrls ?? { okta: '', local: '' };
  const busy = page.isBusy('authenticate') && 'Signing in…';
  const connection = page.shown?.connection;
  return html`
    <div class="authenticate">
      <div class="actions">
        ${button('authenticate', 'Authenticate with Salesforce.com', () => page.authenticate('browser', 'authenticate'), { busy })}
        ${button('authenticateSignedInOrg', 'Use a signed-in org instead', () => page.authenticate('signedInOrg', 'authenticateSignedInOrg'), { secondary: true, busy })}
      </div>
      <div id="callbackNote" class="note">
        <p>Authenticate signs in as the integration user with this key and secret in your browser. For that, the connected
          app in Salesforce must also list this callback URL: <code id="localCallbackUrl">${urls.local}</code>
          ${copyButton(page, 'copyLocalCallbackUrl', 'localCallbackUrl', 'the callback URL for this sign-in')}</p>
        <p>Okta's own callback URL must be there too: <code id="oktaCallbackUrl">${urls.okta}</code>
          ${copyButton(page, 'copyOktaCallbackUrl', 'oktaCallbackUrl', "Okta's callback URL")}</p>
        <p>Or choose a Salesforce org you already signed in to in VS Code, if its user is the integration user.</p>
      </div>
      ${connection ? html`
        <dl id="connection" class="connection">
          <dt>Signed in as</dt><dd id="connection-username">${connection.username}</dd>
          <dt>Org ID</dt><dd id="connection-orgId">${connection.orgId}</dd>
          <dt>Host</dt><dd id="connection-host">${connection.host}</dd>
          <dt>Profile</dt><dd id="connection-profile">${connection.profile}</dd>
          <dt>Verdict</dt><dd id="connection-verdict" class="outcome ${connection.verdict}">
            ${outcomeLabels[connection.verdict].symbol} ${outcomeLabels[connection.verdict].word}</dd>
        </dl>
        ${connection.findings.length ? html`<ul id="connection-findings">${connection.findings.map((finding) => html`<li>${finding}</li>`)}</ul>` : nothing}
      ` : nothing}
    </div>`;
}

function checkResultsBlock(page: Page): TemplateResult {
  const results = page.results;
  return html`
    <div class="actions">
      ${button('testCredentials', 'Test API Credentials', () => page.testCredentials('testCredentials'), { busy: page.isBusy('testCredentials') && 'Testing…' })}
    </div>
    ${results ? html`
      <div id="checkResults" class="results">
        <p id="checkResults-summary">${summarizeChecks(results).line}.</p>
        <ul>
          ${results.map((result) => html`<li class="result ${result.outcome}" data-check=${result.check}>
            <span class="outcome ${result.outcome}">${outcomeLabels[result.outcome].symbol} ${outcomeLabels[result.outcome].word}</span>
            <strong>${result.title}</strong>
            <p>${result.detail}</p>
            ${result.fix ? html`<p class="fix">Fix: ${result.fix}</p>` : nothing}
          </li>`)}
        </ul>
        <vscode-button id="copyResults" secondary @click=${() => void page.copyText(formatCheckResults(results), 'Copied the results.')}>Copy results</vscode-button>
      </div>` : nothing}`;
}

function toAppSection(page: Page, draft: Draft): TemplateResult {
  const values = draft.toApp;
  const option = (key: keyof ToAppSection, label: string) => checkbox(`toApp-${key}`, label, values[key], (checked) => page.edit('toApp', { [key]: checked }));
  return sectionFrame('toApp', sectionTitles.toApp, html`
    ${option('createUsers', 'Create Users')}
    ${option('updateUserAttributes', 'Update User Attributes')}
    ${option('deactivateUsers', 'Deactivate Users')}
    ${option('syncPassword', 'Sync Password')}
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
        field: `${which}.expression`, label: 'Schedule (cron)', value: values[which].expression, placeholder: '0 2 * * 0',
        onInput: (expression) => edit({ [which]: { ...values[which], expression } }, `${which}.expression`),
      })}
      ${textField(page, {
        field: `${which}.timezone`, label: 'Time zone', value: values[which].timezone, placeholder: 'UTC',
        onInput: (timezone) => edit({ [which]: { ...values[which], timezone } }, `${which}.timezone`),
      })}
    </fieldset>`;
  return sectionFrame('toOkta', sectionTitles.toOkta, html`
    ${checkbox('toOkta-scheduleEnabled', 'Schedule imports', values.scheduleEnabled, (checked) => edit({ scheduleEnabled: checked }))}
    ${schedule('fullImport', 'Full import')}
    ${schedule('incrementalImport', 'Incremental import')}
    ${choice('toOkta-usernameFormat', 'Okta username format', values.usernameFormat, [['EMAIL', 'Email'], ['CUSTOM', 'Custom expression']],
      (value) => edit({ usernameFormat: value === 'CUSTOM' ? 'CUSTOM' : 'EMAIL' }))}
    ${values.usernameFormat === 'CUSTOM' ? textField(page, {
      field: 'usernameExpression', label: 'Username expression (Okta Expression Language)', value: values.usernameExpression,
      onInput: (usernameExpression) => edit({ usernameExpression }, 'usernameExpression'),
    }) : nothing}
    ${choice('toOkta-exactMatchCriteria', 'Imported user is an exact match to an Okta user if', values.exactMatchCriteria,
      [['EMAIL', 'Email matches'], ['USERNAME', 'Username matches']], (value) => edit({ exactMatchCriteria: value === 'USERNAME' ? 'USERNAME' : 'EMAIL' }))}
    ${option('allowPartialMatch', 'Allow partial matches (first and last name match)')}
    ${option('autoConfirmPartialMatch', 'Confirm partially matched users automatically')}
    ${option('autoConfirmExactMatch', 'Confirm matched users automatically')}
    ${option('autoConfirmNewUsers', 'Confirm new users automatically')}
    ${option('autoActivateNewUsers', 'Activate new users automatically')}
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
  return sectionFrame('assignments', 'Assignments', html`
    <p id="assignments-summary" class=${assignments?.error ? 'field-error' : ''}>${assignmentsText(assignments)}</p>
    <vscode-button id="assign" secondary @click=${() => page.assign()}>Assign Users and Groups…</vscode-button>
  `);
}
