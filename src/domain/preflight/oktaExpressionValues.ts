/**
 * The values an Okta EL expression computes with, and the signal that a step is outside what we
 * evaluate. Numbers keep whether they are Java ints or doubles because SpEL prints them
 * differently when concatenated ("2" against "2.0"); a number read from a profile has an
 * `unknown` kind because Okta's JSON does not say which it was.
 */
import * as l10n from '@vscode/l10n';

export interface ElNumber {
  readonly num: number;
  readonly kind: 'int' | 'double' | 'unknown';
}

export type ElValue = string | boolean | null | ElNumber | ElValue[];

/** Thrown inside the evaluator; turned into a `notEvaluated` result at the top. */
export class NotEvaluated extends Error {
  constructor(readonly reason: string, readonly position: number) {
    super(reason);
  }
}

/** Largest string a step may produce. Real attribute values are far smaller (Salesforce text
 * fields stop at 255; long text areas at 131,072); the cap keeps a hostile mapping such as
 * repeated doubling from building gigabytes. */
export const maxStringLength = 1_000_000;

export function isNumber(value: ElValue): value is ElNumber {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function int(num: number): ElNumber {
  return { num, kind: 'int' };
}

export function describeType(value: ElValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return l10n.t('an array');
  if (isNumber(value)) return l10n.t('a number');
  return typeof value === 'string' ? l10n.t('a string') : l10n.t('a boolean');
}

export function checkedString(text: string, position: number): string {
  if (text.length > maxStringLength) throw new NotEvaluated(l10n.t('The result would be {0} characters long, more than the {1} evaluated.', text.length, maxStringLength), position);
  return text;
}

/**
 * How SpEL (Java's String.valueOf) prints a value inside a concatenation. Anything whose Java
 * text we cannot be sure of is not evaluated: null (SpEL prints "null"; whether Okta's mapping
 * engine does is not documented), an integral number of unknown kind, doubles outside the range
 * where Java's Double.toString and JavaScript agree, and arrays.
 */
export function javaText(value: ElValue, position: number): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value === null) throw new NotEvaluated(l10n.t('A null value is concatenated; Okta does not document how null is printed in a concatenation. Check the attribute for null with a ternary.'), position);
  if (Array.isArray(value)) throw new NotEvaluated(l10n.t('An array is concatenated to a string; use Arrays.toCsvString to turn it into text.'), position);
  if (value.kind === 'int') return String(value.num);
  if (value.kind === 'unknown' && Number.isInteger(value.num)) {
    throw new NotEvaluated(l10n.t("The number {0} is concatenated, and Okta prints it as {0} or {0}.0 depending on the attribute's type.", value.num), position);
  }
  const magnitude = Math.abs(value.num);
  if (Number.isInteger(value.num) && magnitude < 1e7) return `${value.num}.0`;
  if (magnitude >= 1e-3 && magnitude < 1e7) return String(value.num);
  throw new NotEvaluated(l10n.t('The number {0} is concatenated; Java prints it in scientific notation that is not reproduced here.', value.num), position);
}

/** Context values arrive as JSON from Okta; anything else (objects, functions) never enters. */
export function fromJson(value: unknown, position: number, what: string): ElValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return { num: value, kind: 'unknown' };
  if (Array.isArray(value)) return value.map((item) => fromJson(item, position, what));
  throw new NotEvaluated(l10n.t('{0} is not a string, number, boolean or array; it is not evaluated.', what), position);
}

export function toJson(value: ElValue): OktaElJson {
  if (isNumber(value)) return value.num;
  if (Array.isArray(value)) return value.map(toJson);
  return value;
}

export type OktaElJson = string | number | boolean | null | OktaElJson[];
