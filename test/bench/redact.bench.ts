// `npm run bench`: redact() on 5 MB inputs, realistic (a log of the generated secret shapes among
// harmless lines; an OAuth/Okta JSON dump) and adversarial (inputs built to make a pattern backtrack:
// long runs of token characters, a scheme or key repeated without a value, an unterminated PEM or
// JSON string). Each is timed in alternation with two passes any logger makes anyway over the same
// text, a bare `text.replace(/x/g, '')` and `JSON.stringify(text)`, round after round, and the ratio
// is the median of the rounds' ratios (this machine's speed drifts from second to second).
import { redact } from '../../src/domain/redact';
import { harmlessTexts, secretShapes } from '../unit/secretShapes';

const size = 5_000_000;

/** `part(i)` repeated until the text holds `size` characters. */
function fill(part: (i: number) => string): string {
  const parts: string[] = [];
  for (let length = 0, i = 0; length < size; i++) {
    const next = part(i);
    parts.push(next);
    length += next.length;
  }
  return parts.join('').slice(0, size);
}

const repeat = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

function base64Run(alphabet: string): string {
  let state = 7;
  return fill(() => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return alphabet[state % alphabet.length];
  });
}

const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function inputs(): Array<{ name: string; text: string }> {
  const shapes = secretShapes();
  const log = fill((i) => `2026-01-05 10:12:${String(i % 60).padStart(2, '0')}.114 [info] ${i % 10 === 0 ? shapes[i % shapes.length].text : harmlessTexts[i % harmlessTexts.length]}\n`);
  const oauthResponses = shapes.filter((shape) => shape.name.includes('/ json-compact /') && shape.text.startsWith('{')).map((shape) => JSON.parse(shape.text) as object);
  const json = fill((i) => `${JSON.stringify({
    id: `00u${String(i).padStart(17, '0')}`, status: 'ACTIVE', profile: { login: `user${i}@acme.example`, firstName: 'Ada', lastName: 'Lovelace' },
    _links: { self: { href: `https://dev-123456.okta.com/api/v1/users/00u${i}` } }, ...(i % 20 === 0 ? { oauth: oauthResponses[i % oauthResponses.length] } : {}),
  })},`);
  const pemLines = fill((i) => (i === 0 ? '-----BEGIN PRIVATE KEY-----\n' : `${alnum.slice(i % 10, i % 10 + 52)}abcdefghijkl\n`));
  return [
    { name: 'log: generated secrets among harmless lines', text: log },
    { name: 'JSON: Okta users with OAuth responses', text: json },
    { name: 'run of base64 characters', text: base64Run(`${alnum}+/`) },
    { name: 'eyJ and a run of base64url, no dot', text: `eyJ${base64Run(`${alnum}-_`)}` },
    { name: 'letters only (every key pattern tried)', text: base64Run('abcdefghijklmnopqrstuvwxyz') },
    { name: '"Bearer " repeated', text: repeat('Bearer ') },
    { name: '"token: " repeated', text: repeat('token: ') },
    { name: '"token:{" repeated, no space', text: repeat('token:{') },
    { name: '"password":" repeated, never closed', text: repeat('"password":"') },
    { name: '"password":" then backslashes', text: `"password":"${repeat('\\')}` },
    { name: 'unterminated PEM', text: pemLines },
    { name: '"-----BEGIN " repeated', text: repeat('-----BEGIN ') },
    { name: '"00D" + 12 characters repeated, no "!"', text: repeat('00DAbCdEfGhIjKl') },
    { name: '"://user:" repeated, no "@"', text: repeat('://user:pass') },
    { name: '"<password>" repeated', text: repeat('<password>') },
  ];
}

const middleOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function time(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/** Each of `runs` timed in turn, `rounds` times after a warm-up: the time of each, round by round. */
function alternate(runs: Array<() => unknown>, rounds: number): number[][] {
  for (const run of runs) for (let i = 0; i < 3; i++) run();
  return Array.from({ length: rounds }, () => runs.map(time));
}

function main(): void {
  const rounds = 11;
  console.log(`redact() on ${(size / 1e6).toFixed(0)} M characters; medians of ${rounds} rounds, each timing the three in turn:\n`);
  console.log(`${'input'.padEnd(46)}${'redact (ms)'.padStart(12)}${'replace (ms)'.padStart(14)}${'stringify (ms)'.padStart(16)}${'× replace'.padStart(11)}${'× stringify'.padStart(13)}`);
  let worst = 0;
  let worstName = '';
  for (const { name, text } of inputs()) {
    const samples = alternate([() => redact(text), () => text.replace(/x/g, ''), () => JSON.stringify(text)], rounds);
    const [redactMs, replaceMs, stringifyMs] = [0, 1, 2].map((i) => middleOf(samples.map((round) => round[i])));
    const redactVsReplace = middleOf(samples.map(([a, b]) => a / b));
    const redactVsStringify = middleOf(samples.map(([a, , c]) => a / c));
    if (redactVsStringify > worst) [worst, worstName] = [redactVsStringify, name];
    console.log(`${name.padEnd(46)}${redactMs.toFixed(1).padStart(12)}${replaceMs.toFixed(1).padStart(14)}${stringifyMs.toFixed(1).padStart(16)}`
      + `${`${redactVsReplace.toFixed(1)}×`.padStart(11)}${`${redactVsStringify.toFixed(1)}×`.padStart(13)}`);
  }
  console.log(`\ngoal: every input within 10× JSON.stringify of the same text (worst ${worst.toFixed(1)}×, ${worstName}; ${worst <= 10 ? 'met' : 'NOT met'}).`);
}

main();
