import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type OktaElContext, type OktaElJson, evaluate, maxExpressionLength, maxNestingDepth, parse } from '../../src/domain/preflight/oktaExpression';

const context: OktaElContext = {
  user: {
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada.lovelace@example.com',
    login: 'ada@example.com',
    middleName: null,
    nickName: '',
    department: 'Research and Development',
    employeeNumber: 'E-000123',
    level: 7,
    score: 2.5,
    active: true,
    groups: ['Admins', 'Everyone'],
    title: 'Engineer\tLead',
  },
  appuser: { alias: 'alove' },
  source: { login: 'source.login@example.com' },
  org: { name: 'Acme' },
};

type Expected = OktaElJson | { notEvaluated: RegExp } | { error: RegExp; position: number };

/** [expression, expected]: a value, "not evaluated" with a reason, or a parse error at a position. */
const table: [string, Expected][] = [
  // Attribute access on each root, and a missing attribute reading as null.
  ['user.firstName', 'Ada'],
  ['appuser.alias', 'alove'],
  ['appUser.alias', 'alove'],
  ['source.login', 'source.login@example.com'],
  ['org.name', 'Acme'],
  ['user.costCenter', null],
  ['user.groups', ['Admins', 'Everyone']],
  // Literals.
  ["'single'", 'single'],
  ['"double"', 'double'],
  ["'it''s'", "it's"],
  ['42', 42],
  ['1.5', 1.5],
  ['true', true],
  ['null', null],
  ['{"a", "b"}', ['a', 'b']],
  // + with strings and numbers, as SpEL does.
  ['user.firstName + " " + user.lastName', 'Ada Lovelace'],
  ['"id-" + 7', 'id-7'],
  ['"id-" + 2.0', 'id-2.0'],
  ['1 + 2 + "x"', '3x'],
  ['"x" + 1 + 2', 'x12'],
  ['"flag:" + user.active', 'flag:true'],
  ['user.firstName + user.middleName', { notEvaluated: /null value is concatenated/ }],
  ['"L" + user.level', { notEvaluated: /7 or 7\.0/ }],
  ['"S" + user.score', 'S2.5'],
  ['String.len(user.firstName) - 1', 2],
  ['-3 + 1', -2],
  ['2147483647 + 1', { notEvaluated: /overflows/ }],
  ['2 * 3', { notEvaluated: /operator \* is not evaluated/ }],
  // Comparisons, with null.
  ['user.middleName == null', true],
  ['user.firstName != null', true],
  ['user.firstName == "Ada"', true],
  ['user.firstName == "ada"', false],
  ['user.level > 5', true],
  ['user.level < 5', false],
  ['user.level >= 7', true],
  ['user.level <= 6', false],
  ['"b" > "a"', true],
  ['null < 1', true],
  ['user.level == 7.0', true],
  ['user.firstName < 3', { notEvaluated: /Ordering a string against a number/ }],
  ['user.groups == user.groups', { notEvaluated: /Comparing arrays/ }],
  // Logical operators, both spellings, short-circuit, and not.
  ['user.active && user.level > 5', true],
  ['user.active and false', false],
  ['false || user.active', true],
  ['false or false', false],
  ['!user.active', false],
  ['not false', true],
  ['true || user.middleName', true],
  ['false && user.middleName', false],
  ['user.middleName && true', { notEvaluated: /left side of && is null/ }],
  ['(1 + 2) == 3 && !(user.level < 0)', true],
  // Ternary and Elvis.
  ['user.middleName != null ? user.middleName : "none"', 'none'],
  ['user.level > 5 ? "senior" : "junior"', 'senior'],
  ['user.active ? user.level > 9 ? "a" : "b" : "c"', 'b'],
  ['user.middleName ?: "fallback"', 'fallback'],
  ['user.firstName ?: "fallback"', 'Ada'],
  ['user.nickName ?: "fallback"', { notEvaluated: /empty string/ }],
  ['user.middleName ? "a" : "b"', { notEvaluated: /condition of \?: is null/ }],
  // String.* functions.
  ['String.substringBefore(user.email, "@")', 'ada.lovelace'],
  ['String.substringAfter(user.email, "@")', 'example.com'],
  ['String.substringBefore(user.firstName, "@")', { notEvaluated: /does not occur/ }],
  ['String.toUpperCase(user.firstName)', 'ADA'],
  ['String.toLowerCase(user.lastName)', 'lovelace'],
  ['String.substring(user.lastName, 0, 4)', 'Love'],
  ['String.substring(user.lastName, 4, 8)', 'lace'],
  ['String.substring(user.lastName, 0, 9)', { notEvaluated: /outside the 8-character input/ }],
  ['String.substring(user.lastName, String.len(user.lastName) - 3, String.len(user.lastName))', 'ace'],
  ['String.len("")', 0],
  ['String.stringContains(user.email, "@")', true],
  ['String.stringContains(user.email, "#")', false],
  ['String.join(".", user.firstName, user.lastName)', 'Ada.Lovelace'],
  ['String.join(" ", user.firstName, user.middleName)', { notEvaluated: /argument 3 is null/ }],
  ['String.replace("This is a test", "is", "at")', 'That at a test'],
  ['String.replaceFirst("This is a test", "is", "at")', 'That is a test'],
  ['String.replace(user.email, ".", "_")', { notEvaluated: /regular-expression characters/ }],
  ['String.replace(user.email, "a", "$1")', { notEvaluated: /group references/ }],
  ['String.removeSpaces(user.department)', 'ResearchandDevelopment'],
  ['String.removeSpaces(user.title)', { notEvaluated: /whitespace other than spaces/ }],
  ['String.stringSwitch("First match wins", "default", "absent", "value1", "wins", "value2", "match", "value3")', 'value2'],
  ['String.stringSwitch(user.department, "other", "Sales", "S")', 'other'],
  ['String.stringSwitch(user.department, "other", "Sales")', { notEvaluated: /value is missing/ }],
  ['String.append(user.firstName, "!")', 'Ada!'],
  ['String.toUpperCase(user.middleName)', { notEvaluated: /argument 1 is null/ }],
  ['String.toUpperCase(user.firstName, "x")', { notEvaluated: /takes 1 argument, not 2/ }],
  // Arrays.* functions.
  ['Arrays.contains(user.groups, "Admins")', true],
  ['Arrays.contains(user.groups, "Sales")', false],
  ['Arrays.contains({10, 20}, 20.0)', true],
  ['Arrays.size(user.groups)', 2],
  ['Arrays.isEmpty({})', true],
  ['Arrays.isEmpty(user.groups)', false],
  ['Arrays.toCsvString({"This", "is", " a ", "test"})', 'This,is, a ,test'],
  ['Arrays.add({10, 20, 30}, 40)', [10, 20, 30, 40]],
  ['Arrays.remove({10, 20, 30}, 20)', [10, 30]],
  ['Arrays.remove({10, 20, 20}, 20)', { notEvaluated: /more than once/ }],
  ['Arrays.size(user.firstName)', { notEvaluated: /not an array/ }],
  // Convert.*.
  ['Convert.toInt("1234")', 1234],
  ['Convert.toInt("12.5")', { notEvaluated: /not a whole number/ }],
  ['Convert.toNum("12.5") + 1', 13.5],
  // Outside the subset: never a guess.
  ['Time.now()', { notEvaluated: /Time\.\* functions/ }],
  ['String.match(user.email, ".*")', { notEvaluated: /String\.match is not evaluated/ }],
  ['Foo.bar(user.email)', { notEvaluated: /not one of Okta's documented functions/ }],
  ['user.email.substring(0, 5)', { notEvaluated: /method call \.substring/ }],
  ['isMemberOfGroupName("Admins")', { notEvaluated: /has no namespace/ }],
  ['user.isMemberOfGroupName("Admins")', { notEvaluated: /functions on the user/ }],
  ['salesforce.login', { notEvaluated: /not user, appuser, source or org/ }],
  ['user', { notEvaluated: /whole profile/ }],
  ['user.groups[0]', { notEvaluated: /indexing/ }],
  ['T(java.lang.Math).random()', { notEvaluated: /type references/ }],
  ['new String("x")', { notEvaluated: /constructor references/ }],
  ['#root', { notEvaluated: /variable and function references/ }],
  ['user.firstName = "x"', { notEvaluated: /assignment/ }],
  ['user.email matches ".*"', { notEvaluated: /matches/ }],
  ['user?.firstName', { notEvaluated: /safe-navigation/ }],
  ['10L', { notEvaluated: /suffix or radix/ }],
  // Hostile names: never an object leak.
  ['user.__proto__', { notEvaluated: /never read/ }],
  ['user.constructor', { notEvaluated: /never read/ }],
  ['user.toString', null],
  // Parse errors with positions.
  ['user.firstName +', { error: /Expected an attribute, a literal, a function call or "\(" at position 16, found the end/, position: 16 }],
  ['String.len(user.firstName', { error: /closing "\)" of the argument list/, position: 25 }],
  ['"unterminated', { error: /Unterminated string: expected a closing "/, position: 0 }],
  ['a ? b', { error: /":" of the ternary/, position: 5 }],
  ['user.firstName user.lastName', { error: /Expected an operator or the end of the expression at position 15/, position: 15 }],
  ['user.', { error: /attribute or function name after "\."/, position: 5 }],
  ['', { error: /empty/, position: 0 }],
  ['1 ~ 2', { error: /Unexpected character "~"/, position: 2 }],
];

describe('Okta Expression Language: the table', () => {
  for (const [expression, expected] of table) {
    it(`${expression} → ${JSON.stringify(expected, (_, v: unknown) => (v instanceof RegExp ? v.source : v))}`, () => {
      const result = evaluate(expression, context);
      if (expected !== null && typeof expected === 'object' && 'notEvaluated' in expected) {
        assert.equal(result.kind, 'notEvaluated', JSON.stringify(result));
        if (result.kind !== 'notEvaluated') return;
        assert.match(result.reason, expected.notEvaluated);
        assert.equal(result.expression, expression);
      } else if (expected !== null && typeof expected === 'object' && 'error' in expected) {
        assert.equal(result.kind, 'error', JSON.stringify(result));
        if (result.kind !== 'error') return;
        assert.match(result.message, expected.error);
        assert.equal(result.position, expected.position);
      } else {
        assert.deepEqual(result, { kind: 'value', value: expected });
      }
    });
  }
});

describe('Okta Expression Language: positions and the parsed tree', () => {
  it('points a "not evaluated" result at the construct', () => {
    const result = evaluate('user.firstName + Time.now()', context);
    assert.equal(result.kind === 'notEvaluated' && result.position, 17);
    const method = evaluate('"x" + user.email.substring(0, 5)', context);
    assert.equal(method.kind === 'notEvaluated' && method.position, 17);
  });

  it('evaluates a tree parsed once against several users', () => {
    const parsed = parse('String.toLowerCase(user.firstName) + "." + String.toLowerCase(user.lastName)');
    assert.ok(parsed.ok);
    if (!parsed.ok) return;
    assert.deepEqual(evaluate(parsed.ast, { user: { firstName: 'Ada', lastName: 'Lovelace' } }), { kind: 'value', value: 'ada.lovelace' });
    assert.deepEqual(evaluate(parsed.ast, { user: { firstName: 'Alan', lastName: 'Turing' } }), { kind: 'value', value: 'alan.turing' });
  });

  it('says which profile is missing from the context', () => {
    const result = evaluate('appuser.alias', { user: {} });
    assert.equal(result.kind, 'notEvaluated');
    assert.match(result.kind === 'notEvaluated' ? result.reason : '', /No appuser profile/);
  });

  it('does not evaluate attributes that are objects, rather than leaking them', () => {
    const result = evaluate('user.manager', { user: { manager: { id: '00u1' } } });
    assert.equal(result.kind, 'notEvaluated');
  });
});

describe('Okta Expression Language: hostile input', () => {
  it('refuses an expression longer than the bound without parsing it', () => {
    const long = `"${'a'.repeat(maxExpressionLength)}"`;
    const result = evaluate(long, context);
    assert.equal(result.kind, 'notEvaluated');
    assert.equal(result.kind === 'notEvaluated' && result.position, maxExpressionLength);
  });

  it('refuses nesting deeper than the bound with an error, not a stack overflow', () => {
    const deep = `${'('.repeat(maxNestingDepth + 1)}1${')'.repeat(maxNestingDepth + 1)}`;
    const result = evaluate(deep, context);
    assert.equal(result.kind, 'error');
    assert.match(result.kind === 'error' ? result.message : '', /nests deeper than 64/);
    const shallow = `${'('.repeat(maxNestingDepth - 2)}1${')'.repeat(maxNestingDepth - 2)}`;
    assert.deepEqual(evaluate(shallow, context), { kind: 'value', value: 1 });
    assert.equal(evaluate('!'.repeat(5000) + 'true', context).kind, 'error');
  });

  it('handles huge attribute values and caps what concatenation can build', () => {
    const huge = 'x'.repeat(600_000);
    assert.deepEqual(evaluate('String.len(user.bio)', { user: { bio: huge } }), { kind: 'value', value: 600_000 });
    const doubled = evaluate('user.bio + user.bio', { user: { bio: huge } });
    assert.equal(doubled.kind, 'notEvaluated');
    assert.match(doubled.kind === 'notEvaluated' ? doubled.reason : '', /1200000 characters/);
  });

  it('reads only own attributes: inherited names are absent, not functions', () => {
    const profile = Object.create({ inherited: 'leak' }) as Record<string, unknown>;
    profile.own = 'ok';
    assert.deepEqual(evaluate('user.inherited', { user: profile }), { kind: 'value', value: null });
    assert.deepEqual(evaluate('user.own', { user: profile }), { kind: 'value', value: 'ok' });
    assert.equal(evaluate('String.constructor("x")', context).kind, 'notEvaluated');
    assert.equal(evaluate('String.__proto__', context).kind, 'notEvaluated');
  });

  it('keeps markup in values as text', () => {
    assert.deepEqual(evaluate('user.firstName + "<b>"', { user: { firstName: '<script>' } }), { kind: 'value', value: '<script><b>' });
  });
});
