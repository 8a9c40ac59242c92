// The profile XML tests' and benchmark's corpus: the hand-written files in fixtures/profileXml/, their
// CRLF and tab variants, and generated profiles with the element order, nesting and formatting of a
// retrieved profile (`sf project retrieve start -m Profile`), at any size.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { requiredPermissions } from '../../src/domain/permissionCatalog';
import { root } from '../harness/paths';

export function fixture(name: string): string {
  return fs.readFileSync(path.join(root, 'test/unit/fixtures/profileXml', name), 'utf8');
}

export const toCrlf = (text: string) => text.replace(/\n/g, '\r\n');

/** Each leading run of 4 spaces becomes a tab. */
export const toTabs = (text: string) => text.replace(/^(?: {4})+/gm, (indent) => '\t'.repeat(indent.length / 4));

/** A small deterministic generator (mulberry32): the same seed gives the same corpus on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ProfileOptions {
  /** The size to reach (in UTF-16 code units, which is bytes for this ASCII text); fieldPermissions fill it up. */
  targetLength: number;
  /** How many <userPermissions> blocks, the required ones among them. */
  userPermissions: number;
  /** Required permissions left out of the file. */
  omit?: readonly string[];
  /** Required permissions present with <enabled>false</enabled>. */
  disable?: readonly string[];
  eol?: '\n' | '\r\n';
  indent?: string;
  license?: string;
  seed?: number;
}

const verbs = ['Access', 'Create', 'Customize', 'Delete', 'Edit', 'Export', 'Import', 'Manage', 'Modify', 'Run', 'Schedule', 'Transfer', 'View'];
const nouns = [
  'Analytics', 'Campaigns', 'Cases', 'Content', 'Contracts', 'Dashboards', 'DataCategories', 'Flows', 'Forecasts', 'Knowledge', 'Leads',
  'Macros', 'Orders', 'Quotes', 'Reports', 'Surveys', 'Territories', 'Topics', 'Translation', 'Workflows',
];
const objects = ['Account', 'Asset', 'Campaign', 'Case', 'Contact', 'Contract', 'Lead', 'Opportunity', 'Order', 'Product2', 'Quote', 'Solution'];

/** Required permissions first (minus the omitted ones), then invented ones (verb × noun), sorted as Salesforce does. */
function userPermissionNames(count: number, omit: readonly string[]): string[] {
  const required = requiredPermissions().permissions.map((permission) => permission.name).filter((name) => !omit.includes(name));
  const names = new Set(required);
  for (const verb of verbs) {
    for (const noun of nouns) {
      if (names.size >= count) break;
      names.add(`${verb}${noun}`);
    }
  }
  for (let i = 0; names.size < count; i++) names.add(`CustomFeature${String(i).padStart(4, '0')}`);
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function generateProfile(options: ProfileOptions): string {
  const eol = options.eol ?? '\n';
  const indent = options.indent ?? '    ';
  const random = seededRandom(options.seed ?? 1);
  const bool = (p = 0.5) => String(random() < p);
  const parts: string[] = [`<?xml version="1.0" encoding="UTF-8"?>${eol}<Profile xmlns="http://soap.sforce.com/2006/04/metadata">${eol}`];
  let length = parts[0].length;
  const element = (name: string, children: ReadonlyArray<[string, string]>) => {
    const lines = [`${indent}<${name}>`, ...children.map(([child, value]) => `${indent}${indent}<${child}>${value}</${child}>`), `${indent}</${name}>`];
    const text = lines.join(eol) + eol;
    parts.push(text);
    length += text.length;
  };
  // Everything but fieldPermissions and userPermissions, in proportion to the target.
  const scale = Math.max(1, Math.round(options.targetLength / 150_000));
  for (let i = 0; i < 5 * scale; i++) {
    element('applicationVisibilities', [['application', `standard__App${String(i).padStart(4, '0')}`], ['default', bool(0.1)], ['visible', bool()]]);
  }
  for (let i = 0; i < 40 * scale; i++) element('classAccesses', [['apexClass', `AcmeController${String(i).padStart(5, '0')}`], ['enabled', bool()]]);
  parts.push(`${indent}<custom>true</custom>${eol}`);
  length += parts[parts.length - 1].length;
  const trailing: string[] = [];
  const trailer = (name: string, children: ReadonlyArray<[string, string]>) => {
    trailing.push([`${indent}<${name}>`, ...children.map(([child, value]) => `${indent}${indent}<${child}>${value}</${child}>`), `${indent}</${name}>`].join(eol) + eol);
  };
  for (let i = 0; i < 30 * scale; i++) {
    trailer('layoutAssignments', [['layout', `${objects[i % objects.length]}-${objects[i % objects.length]} Layout ${i}`]]);
  }
  for (let i = 0; i < 12 * scale; i++) {
    const object = `${objects[i % objects.length]}${i >= objects.length ? `_${i}__c` : ''}`;
    trailer('objectPermissions', [
      ['allowCreate', bool()], ['allowDelete', bool(0.2)], ['allowEdit', bool()], ['allowRead', 'true'],
      ['modifyAllRecords', 'false'], ['object', object], ['viewAllFields', 'false'], ['viewAllRecords', bool(0.1)],
    ]);
  }
  for (let i = 0; i < 20 * scale; i++) trailer('pageAccesses', [['apexPage', `AcmePage${String(i).padStart(5, '0')}`], ['enabled', bool()]]);
  for (let i = 0; i < 10 * scale; i++) {
    trailer('recordTypeVisibilities', [['default', bool(0.1)], ['recordType', `Account.Type${i}`], ['visible', 'true']]);
  }
  for (let i = 0; i < 25 * scale; i++) trailer('tabVisibilities', [['tab', `acme__Tab${String(i).padStart(5, '0')}`], ['visibility', 'DefaultOn']]);
  trailing.push(`${indent}<userLicense>${options.license ?? 'Salesforce'}</userLicense>${eol}`);
  const disable = new Set(options.disable ?? []);
  for (const name of userPermissionNames(options.userPermissions, options.omit ?? [])) {
    trailing.push([
      `${indent}<userPermissions>`,
      `${indent}${indent}<enabled>${disable.has(name) ? 'false' : 'true'}</enabled>`,
      `${indent}${indent}<name>${name}</name>`,
      `${indent}</userPermissions>`,
    ].join(eol) + eol);
  }
  trailing.push(`</Profile>${eol}`);
  const trailingLength = trailing.reduce((sum, text) => sum + text.length, 0);
  // fieldPermissions fill the rest, as in real profiles where they are most of the file.
  for (let i = 0; length + trailingLength < options.targetLength; i++) {
    const object = objects[Math.floor(i / 2000) % objects.length];
    element('fieldPermissions', [['editable', bool(0.3)], ['field', `${object}.Field${String(i).padStart(6, '0')}__c`], ['readable', bool(0.9)]]);
  }
  return parts.join('') + trailing.join('');
}
