// package.json's contributed strings are localized through package.nls.json: every text VS Code shows is a `%key%`,
// every key has its English in package.nls.json, and package.nls.json holds no key nothing uses.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { root } from '../harness/paths';

const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

/**
 * The fields of `contributes` whose strings VS Code shows to the user (and so localizes), wherever they sit: command
 * titles, view names, welcome contents, setting descriptions, walkthrough steps, submenu labels, authentication labels.
 * Ids, `when` clauses, icons, paths and JSON-schema keywords (`type`, `pattern`, `default`) are not text.
 */
const textFields = new Set([
  'title', 'shortTitle', 'category', 'name', 'contextualTitle', 'contents', 'label', 'description', 'markdownDescription',
  'enumDescriptions', 'markdownEnumDescriptions', 'enumItemLabels', 'patternErrorMessage', 'deprecationMessage',
  'markdownDeprecationMessage', 'altText', 'displayName',
]);

const placeholder = /^%([\w.-]+)%$/;

/** Every string under a text field of `value`, with its JSON path. */
function contributedTexts(value: unknown, at: string, underText = false): { at: string; text: string }[] {
  if (typeof value === 'string') return underText ? [{ at, text: value }] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => contributedTexts(item, `${at}[${i}]`, underText));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) => contributedTexts(child, `${at}.${key}`, textFields.has(key)));
  }
  return [];
}

/** Every `%key%` string anywhere in the manifest (VS Code replaces them in any string value). */
function placeholders(value: unknown): string[] {
  if (typeof value === 'string') return [...(placeholder.exec(value)?.slice(1, 2) ?? [])];
  if (Array.isArray(value)) return value.flatMap(placeholders);
  if (value && typeof value === 'object') return Object.values(value).flatMap(placeholders);
  return [];
}

describe('package.json localization', () => {
  const texts = [
    ...contributedTexts(manifest.contributes, 'contributes'),
    { at: 'displayName', text: manifest.displayName as string },
    { at: 'description', text: manifest.description as string },
  ];

  it('finds the contributed texts it checks (commands, settings, walkthroughs, welcome views)', () => {
    for (const at of ['contributes.commands[0].title', 'contributes.configuration.title', 'contributes.viewsWelcome[0].contents', 'contributes.walkthroughs[0].steps[0].description']) {
      assert.ok(texts.some((text) => text.at === at), `${at} is walked`);
    }
    assert.ok(texts.length > 100, `${texts.length} texts`);
  });

  it('leaves no contributed text in English in package.json', () => {
    const plain = texts.filter(({ text }) => !placeholder.test(text)).map(({ at, text }) => `${at}: ${JSON.stringify(text)}`);
    assert.deepEqual(plain, [], 'move these into package.nls.json and put %key% in package.json');
  });

  it('has an English text in package.nls.json for every %key%', () => {
    const missing = [...new Set(placeholders(manifest))].filter((key) => typeof nls[key] !== 'string' || nls[key].trim() === '');
    assert.deepEqual(missing, [], 'add these keys to package.nls.json');
  });

  it('has no key in package.nls.json that package.json does not use', () => {
    const used = new Set(placeholders(manifest));
    assert.deepEqual(Object.keys(nls).filter((key) => !used.has(key)), [], 'remove these stale keys from package.nls.json');
  });

  it('gives every setting a markdownDescription, a scope and an order, and no plain description', () => {
    const settings = (manifest.contributes as { configuration: { properties: Record<string, Record<string, unknown>> } }).configuration.properties;
    const scopes = new Set(['application', 'machine', 'machine-overridable', 'window', 'resource', 'language-overridable']);
    for (const [id, setting] of Object.entries(settings)) {
      assert.match(String(setting.markdownDescription), placeholder, `${id}: markdownDescription`);
      assert.equal(setting.description, undefined, `${id}: markdownDescription replaces description`);
      assert.ok(scopes.has(String(setting.scope)), `${id}: scope ${String(setting.scope)}`);
      assert.equal(typeof setting.order, 'number', `${id}: order`);
    }
    const orders = Object.values(settings).map((setting) => setting.order);
    assert.equal(new Set(orders).size, orders.length, 'each setting has its own place');
    // The callback port belongs to the machine whose loopback the browser's redirect reaches.
    assert.equal(settings['oktaSf.salesforce.callbackPort'].scope, 'machine');
  });

  it('ships package.nls.json and the runtime bundle in the .vsix, and points VS Code at the bundle', () => {
    assert.equal(manifest.l10n, './l10n');
    const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').map((line) => line.trim());
    assert.ok(ignore.includes('!package.nls.json'), '.vscodeignore keeps package.nls.json');
    assert.ok(ignore.includes('!l10n/**'), '.vscodeignore keeps l10n/');
  });
});
