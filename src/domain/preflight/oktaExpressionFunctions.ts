/**
 * Okta's function namespaces (String.*, Arrays.*, Convert.*) as documented in the "Functions"
 * section of the Okta Expression Language overview
 * (https://developer.okta.com/docs/reference/okta-expression-language/) and Okta's support
 * article "Use the Okta Expression Language for String Manipulation" (signatures and examples
 * such as String.replace("This is a test", "is", "at") → "That at a test" and the
 * String.stringSwitch table). Where the documentation leaves a case open (a separator that is not
 * found, a null argument, an index out of range, a match that would be a regular expression), the
 * call is not evaluated rather than guessed.
 */
import * as l10n from '@vscode/l10n';
import { type ElNumber, type ElValue, NotEvaluated, checkedString, describeType, int, isNumber } from './oktaExpressionValues';

type ElFunction = (args: ElValue[], call: CallSite) => ElValue;

export interface CallSite {
  /** `String.substring`, for messages. */
  name: string;
  /** Where each argument starts, for messages; the call's own position comes first. */
  positions: number[];
}

function notEvaluated(call: CallSite, why: string, argument = -1): never {
  throw new NotEvaluated(l10n.t('{0}: {1}', call.name, why), call.positions[argument + 1] ?? call.positions[0]);
}

function arity(args: ElValue[], call: CallSite, min: number, max = min): void {
  if (args.length < min || args.length > max) {
    notEvaluated(call, min === 1 && max === 1 ? l10n.t('takes 1 argument, not {0}.', args.length)
      : min === max ? l10n.t('takes {0} arguments, not {1}.', min, args.length)
        : max === Infinity ? l10n.t('takes at least {0} arguments, not {1}.', min, args.length)
          : l10n.t('takes {0} to {1} arguments, not {2}.', min, max, args.length));
  }
}

function str(args: ElValue[], call: CallSite, index: number): string {
  const value = args[index];
  if (typeof value !== 'string') notEvaluated(call, l10n.t('argument {0} is {1}, not a string; Okta does not document the result.', index + 1, describeType(value)), index);
  return value;
}

function integer(args: ElValue[], call: CallSite, index: number): number {
  const value = args[index];
  if (!isNumber(value) || !Number.isInteger(value.num)) notEvaluated(call, l10n.t('argument {0} is {1}, not a whole number.', index + 1, describeType(value)), index);
  return value.num;
}

function array(args: ElValue[], call: CallSite, index: number): ElValue[] {
  const value = args[index];
  if (!Array.isArray(value)) notEvaluated(call, l10n.t('argument {0} is {1}, not an array; Okta does not document the result.', index + 1, describeType(value)), index);
  return value;
}

/** Okta's String.replace/replaceFirst are Java's replaceAll/replaceFirst, whose match is a regular
 * expression and whose replacement reads $1 and \. Only plain text is evaluated. */
function plainMatch(args: ElValue[], call: CallSite): [string, string, string] {
  arity(args, call, 3);
  const [input, match, replacement] = [str(args, call, 0), str(args, call, 1), str(args, call, 2)];
  if (/[\\^$.|?*+()[\]{}]/.test(match)) notEvaluated(call, l10n.t('the match {0} contains regular-expression characters, whose Java semantics are not reproduced.', JSON.stringify(match)), 1);
  if (match === '') notEvaluated(call, l10n.t('an empty match is not evaluated.'), 1);
  if (/[\\$]/.test(replacement)) notEvaluated(call, l10n.t('the replacement {0} contains $ or \\, which Java reads as group references.', JSON.stringify(replacement)), 2);
  return [input, match, replacement];
}

/** SpEL equality as Arrays.contains and Arrays.remove use it (Java equals: numbers by value). */
export function sameValue(a: ElValue, b: ElValue): boolean {
  if (isNumber(a) && isNumber(b)) return a.num === b.num;
  if (Array.isArray(a) || Array.isArray(b)) return false;
  return a === b;
}

const stringFunctions: Record<string, ElFunction> = {
  append(args, call) {
    arity(args, call, 2);
    return checkedString(str(args, call, 0) + str(args, call, 1), call.positions[0]);
  },
  join(args, call) {
    arity(args, call, 1, Infinity);
    const separator = str(args, call, 0);
    const parts = args.slice(1).map((_, i) => str(args, call, i + 1));
    return checkedString(parts.join(separator), call.positions[0]);
  },
  len(args, call) {
    arity(args, call, 1);
    return int(str(args, call, 0).length);
  },
  removeSpaces(args, call) {
    arity(args, call, 1);
    const input = str(args, call, 0);
    // Documented as removing spaces; whether tabs and line breaks count is not, so only plain spaces are evaluated.
    if (/[^\S ]/.test(input)) notEvaluated(call, l10n.t('the input holds whitespace other than spaces, and Okta does not document whether it is removed.'), 0);
    return input.replaceAll(' ', '');
  },
  replace(args, call) {
    const [input, match, replacement] = plainMatch(args, call);
    return checkedString(input.split(match).join(replacement), call.positions[0]);
  },
  replaceFirst(args, call) {
    const [input, match, replacement] = plainMatch(args, call);
    return input.replace(match, () => replacement);
  },
  stringContains(args, call) {
    arity(args, call, 2);
    return str(args, call, 0).includes(str(args, call, 1));
  },
  /** (input, default, key1, value1, ...): the value of the first key, in order, found in input. */
  stringSwitch(args, call) {
    arity(args, call, 2, Infinity);
    if (args.length % 2 !== 0) notEvaluated(call, l10n.t('takes the input, a default, then key and value pairs; a value is missing.'));
    const input = str(args, call, 0);
    for (let i = 2; i < args.length; i += 2) {
      if (input.includes(str(args, call, i))) return str(args, call, i + 1);
    }
    return str(args, call, 1);
  },
  /** Java's substring(begin, end): end exclusive; Okta does not document out-of-range indexes. */
  substring(args, call) {
    arity(args, call, 3);
    const input = str(args, call, 0);
    const [begin, end] = [integer(args, call, 1), integer(args, call, 2)];
    if (begin < 0 || end > input.length || begin > end) {
      notEvaluated(call, l10n.t('the range {0} to {1} is outside the {2}-character input; Okta does not document the result.', begin, end, input.length), 1);
    }
    return input.slice(begin, end);
  },
  substringAfter(args, call) {
    arity(args, call, 2);
    const [input, search] = [str(args, call, 0), str(args, call, 1)];
    const at = input.indexOf(search);
    if (at < 0) notEvaluated(call, l10n.t('{0} does not occur in the input, and Okta does not document the result.', JSON.stringify(search)), 1);
    return input.slice(at + search.length);
  },
  substringBefore(args, call) {
    arity(args, call, 2);
    const [input, search] = [str(args, call, 0), str(args, call, 1)];
    const at = input.indexOf(search);
    if (at < 0) notEvaluated(call, l10n.t('{0} does not occur in the input, and Okta does not document the result.', JSON.stringify(search)), 1);
    return input.slice(0, at);
  },
  toLowerCase(args, call) {
    arity(args, call, 1);
    return str(args, call, 0).toLowerCase();
  },
  toUpperCase(args, call) {
    arity(args, call, 1);
    return str(args, call, 0).toUpperCase();
  },
};

const arrayFunctions: Record<string, ElFunction> = {
  add(args, call) {
    arity(args, call, 2);
    return [...array(args, call, 0), args[1]];
  },
  /** Java's List.remove removes the first occurrence; with several, Okta does not say which go. */
  remove(args, call) {
    arity(args, call, 2);
    const items = array(args, call, 0);
    const hits = items.filter((item) => sameValue(item, args[1])).length;
    if (hits > 1) notEvaluated(call, l10n.t('the value occurs more than once, and Okta does not document whether all are removed.'), 1);
    return items.filter((item) => !sameValue(item, args[1]));
  },
  contains(args, call) {
    arity(args, call, 2);
    return array(args, call, 0).some((item) => sameValue(item, args[1]));
  },
  size(args, call) {
    arity(args, call, 1);
    return int(array(args, call, 0).length);
  },
  isEmpty(args, call) {
    arity(args, call, 1);
    return array(args, call, 0).length === 0;
  },
  /** Documented: Arrays.toCsvString({"This", "is", " a ", "test"}) → "This,is, a ,test". */
  toCsvString(args, call) {
    arity(args, call, 1);
    const items = array(args, call, 0);
    const texts = items.map((item, i) => {
      if (typeof item === 'string') return item;
      if (isNumber(item) && item.kind === 'int') return String(item.num);
      return notEvaluated(call, l10n.t('item {0} is {1}; only strings and whole-number literals are printed.', i + 1, describeType(item)), 0);
    });
    return checkedString(texts.join(','), call.positions[0]);
  },
};

const intPattern = /^[+-]?[0-9]{1,10}$/;
const decimalPattern = /^[+-]?[0-9]{1,15}(\.[0-9]{1,15})?$/;

const convertFunctions: Record<string, ElFunction> = {
  /** Okta documents toInt of strings and doubles; how a fraction rounds is not reproduced here. */
  toInt(args, call) {
    arity(args, call, 1);
    const value = args[0];
    const num = typeof value === 'string' && intPattern.test(value) ? Number(value) : isNumber(value) && Number.isInteger(value.num) ? value.num : undefined;
    if (num === undefined || num > 2147483647 || num < -2147483648) {
      notEvaluated(call, l10n.t('the argument is {0}, not a whole number that fits an int.', typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : describeType(value)), 0);
    }
    return int(num);
  },
  toNum(args, call) {
    arity(args, call, 1);
    const value = args[0];
    if (isNumber(value)) return { num: value.num, kind: 'double' } satisfies ElNumber;
    if (typeof value !== 'string' || !decimalPattern.test(value)) notEvaluated(call, l10n.t('the argument is not a plain decimal number.'), 0);
    return { num: Number(value), kind: 'double' };
  },
};

const namespaces: Record<string, Record<string, ElFunction>> = {
  String: stringFunctions,
  Arrays: arrayFunctions,
  Convert: convertFunctions,
};

/** Okta namespaces we know and deliberately leave out, so the message can say so. */
const knownUnevaluated: Record<string, () => string> = {
  Time: () => l10n.t("Time.* functions depend on the clock and time zones of Okta's servers"),
  Iso3166Convert: () => l10n.t('country-code conversion tables are not reproduced'),
  Groups: () => l10n.t("group functions need the user's group memberships"),
  Arrays: () => l10n.t('this Arrays function is not evaluated'),
  String: () => l10n.t('this String function is not evaluated'),
  Convert: () => l10n.t('this Convert function is not evaluated'),
};

export function isNamespace(name: string): boolean {
  return Object.hasOwn(namespaces, name) || Object.hasOwn(knownUnevaluated, name);
}

/** The function `Namespace.name`, or a NotEvaluated that says why it is left out. */
export function lookupFunction(namespace: string, name: string, position: number): ElFunction {
  const functions = Object.hasOwn(namespaces, namespace) ? namespaces[namespace] : undefined;
  if (functions && Object.hasOwn(functions, name)) return functions[name];
  const why = Object.hasOwn(knownUnevaluated, namespace) ? knownUnevaluated[namespace]() : l10n.t("it is not one of Okta's documented functions");
  throw new NotEvaluated(l10n.t('{0}.{1} is not evaluated: {2}.', namespace, name, why), position);
}
