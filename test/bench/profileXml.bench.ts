// `npm run bench`: the profile XML scanner on a generated 10 MB profile (tens of thousands of
// fieldPermissions, objectPermissions, … and 300 userPermissions) and a 150 KB one, compared in the same
// run with a full fast-xml-parser parse and with a bare indexOf pass over the text (counting every '<'),
// plus the re-diagnosis after a one-line edit.
//
// Times are medians once V8 has optimized the code (warm-up runs first). The scan and the bare pass are
// timed in alternation, round after round, and their ratio is the median of the rounds' ratios: this
// machine's speed drifts from second to second, which skewed ratios of medians taken one after the
// other. What a new process pays (first call, nothing optimized or learned) is printed too. Each
// approach's peak memory is measured in a process of its own (Linux: VmHWM, reset once the text is loaded).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { auditProfileXml } from '../../src/domain/profileXml/profileFindings';
import { rescanMetadataXml, type TextChange } from '../../src/domain/profileXml/rescan';
import { type MetadataScan, scanMetadataXml } from '../../src/domain/profileXml/scanner';
import { generateProfile } from '../unit/profileXmlCorpus';

const approaches = ['findings', 'fast-xml-parser', 'bare indexOf', 'one-line edit', 'tag by tag'] as const;
type Approach = (typeof approaches)[number];

function countLessThan(text: string): number {
  let count = 0;
  for (let i = text.indexOf('<'); i !== -1; i = text.indexOf('<', i + 1)) count++;
  return count;
}

const findings = (text: string, options?: { tagByTag: boolean }) => auditProfileXml(scanMetadataXml(text, options));

/** The edited text as an editor hands it over: one flat string (indexOf flattens the concatenation first). */
function edit(text: string, change: TextChange): { change: TextChange; edited: string } {
  const edited = text.slice(0, change.offset) + change.insertedText + text.slice(change.offset + change.removedLength);
  edited.indexOf('\u0000');
  return { change, edited };
}

/** The one-line edit: ManageUsers' <enabled>false</enabled> turned true, as the quick fix does. */
function oneLineEdit(text: string, scan: MetadataScan): { change: TextChange; edited: string } {
  const span = scan.permissions.find((entry) => entry.name === 'ManageUsers')?.enabledSpan;
  if (!span) throw new Error('the generated profile has no disabled ManageUsers');
  return edit(text, { offset: span.start, removedLength: span.end - span.start, insertedText: 'true' });
}

/** The same kind of edit in the middle of the fieldPermissions, far from the userPermissions. */
function middleEdit(text: string): { change: TextChange; edited: string } {
  const offset = text.indexOf('<readable>true</readable>', text.length / 2) + '<readable>'.length;
  return edit(text, { offset, removedLength: 4, insertedText: 'false' });
}

function work(approach: Approach, text: string): () => unknown {
  switch (approach) {
    case 'findings':
      return () => findings(text);
    case 'fast-xml-parser':
      return () => new XMLParser().parse(text);
    case 'bare indexOf':
      return () => countLessThan(text);
    case 'tag by tag':
      return () => findings(text, { tagByTag: true });
    case 'one-line edit': {
      const scan = scanMetadataXml(text);
      const { change, edited } = oneLineEdit(text, scan);
      return () => auditProfileXml(rescanMetadataXml(scan, edited, change));
    }
  }
}

const middleOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs `run` for about `ms` milliseconds (at least twice), so that V8 has optimized what it calls. */
function warmUp(run: () => unknown, ms: number): void {
  const until = performance.now() + ms;
  for (let i = 0; i < 2 || performance.now() < until; i++) run();
}

/** The time of one call, from a batch of `batch` calls in a row (small files: a single call is too short to time well). */
function timeBatch(run: () => unknown, batch: number): number {
  const started = performance.now();
  for (let i = 0; i < batch; i++) run();
  return (performance.now() - started) / batch;
}

/** Median wall time of `runs` batches, once warm. */
function median(run: () => unknown, runs: number, { batch = 1, warmupMs = 500 } = {}): number {
  warmUp(run, warmupMs);
  return middleOf(Array.from({ length: runs }, () => timeBatch(run, batch)));
}

/** `a` and `b` timed in alternation, `rounds` times: the median of each, and the median of the rounds' ratios a/b. */
function alternate(a: () => unknown, b: () => unknown, rounds: number, batch: number): { a: number; b: number; ratio: number } {
  warmUp(a, 1000);
  warmUp(b, 1000);
  const times = Array.from({ length: rounds }, () => [timeBatch(a, batch), timeBatch(b, batch)]);
  return { a: middleOf(times.map(([x]) => x)), b: middleOf(times.map(([, y]) => y)), ratio: middleOf(times.map(([x, y]) => x / y)) };
}

const status = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024;

/**
 * In a child process: the approach's peak resident memory above what the process held with the text
 * loaded, after runs on the small file have optimized the code (else V8's compiler, at work during the
 * measured run, counts; a warm-up on the large file would leave its heap in place, hiding what the
 * measured run needs).
 */
function measureMemory(approach: Approach, file: string, warmupFile: string): void {
  warmUp(work(approach, fs.readFileSync(warmupFile, 'utf8')), 1000);
  const text = fs.readFileSync(file, 'utf8');
  const run = work(approach, text);
  (globalThis as { gc?: () => void }).gc?.();
  const before = status('VmRSS');
  fs.writeFileSync('/proc/self/clear_refs', '5'); // resets VmHWM to the current RSS
  const result = run();
  const peak = status('VmHWM');
  process.stdout.write(JSON.stringify({ peakMb: peak - before, kept: result !== undefined })); // kept: the result lives until here
}

/** The median of three processes: resident memory moves by a few MB from run to run whatever the code does. */
function peakMemoryMb(approach: Approach, file: string, warmupFile: string): string {
  if (process.platform !== 'linux') return 'n/a';
  const peaks: number[] = [];
  for (let i = 0; i < 3; i++) {
    const child = spawnSync(process.execPath, ['--expose-gc', __filename, '--memory', approach, file, warmupFile], { encoding: 'utf8' });
    if (child.status !== 0) return 'n/a';
    peaks.push((JSON.parse(child.stdout) as { peakMb: number }).peakMb);
  }
  return peaks.sort((a, b) => a - b)[1].toFixed(1);
}

/** In a child process: the time of the approach's first call, in a process that has run nothing else. */
function measureFirst(approach: Approach, file: string): void {
  const run = work(approach, fs.readFileSync(file, 'utf8'));
  process.stdout.write(JSON.stringify({ ms: timeBatch(run, 1) }));
}

/** The median of three new processes. */
function firstCallMs(approach: Approach, file: string): number {
  const times = Array.from({ length: 3 }, () => {
    const child = spawnSync(process.execPath, [__filename, '--first', approach, file], { encoding: 'utf8' });
    return child.status === 0 ? (JSON.parse(child.stdout) as { ms: number }).ms : Number.NaN;
  });
  return middleOf(times);
}

function main(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-profile-bench-'));
  try {
    const sizes = [
      { name: '10 MB', text: generateProfile({ targetLength: 10_000_000, userPermissions: 300, omit: ['FreezeUsers'], disable: ['ManageUsers'] }), rounds: 21, batch: 1, parserRuns: 5 },
      { name: '150 KB', text: generateProfile({ targetLength: 150_000, userPermissions: 300, omit: ['FreezeUsers'], disable: ['ManageUsers'] }), rounds: 201, batch: 10, parserRuns: 21 },
    ].map((size) => {
      // Through a file, as VS Code and the CLI get it: one flat string rather than the generator's concatenation.
      const file = path.join(dir, `${size.name.replace(' ', '')}.profile-meta.xml`);
      fs.writeFileSync(file, size.text);
      return { ...size, file, text: fs.readFileSync(file, 'utf8') };
    });

    const rows = sizes.map(({ name, text, file, rounds, batch, parserRuns }) => {
      const alternated = alternate(work('findings', text), work('bare indexOf', text), rounds, batch);
      const times = {
        findings: alternated.a,
        bare: alternated.b,
        tagByTag: median(work('tag by tag', text), rounds, { batch }),
        parser: median(work('fast-xml-parser', text), parserRuns, { warmupMs: 0 }),
        edit: median(work('one-line edit', text), rounds * 2, { batch }),
        firstFindings: firstCallMs('findings', file),
        firstBare: firstCallMs('bare indexOf', file),
      };
      const scan = scanMetadataXml(text);
      const middle = middleEdit(text);
      const middleTime = median(() => auditProfileXml(rescanMetadataXml(scan, middle.edited, middle.change)), rounds * 2, { batch });
      return { name, text, scan, times, ratio: alternated.ratio, rounds, middleTime, findingCount: findings(text).length };
    });
    const [big, small] = rows;
    const memory = Object.fromEntries(approaches.map((approach) => [approach, peakMemoryMb(approach, sizes[0].file, sizes[1].file)]));

    const describeSize = (row: typeof big) => `${row.name} (${(row.text.length / 1e6).toFixed(2)} M characters, ${row.scan.childStarts.length.toLocaleString('en')} `
      + `root children, ${row.scan.permissions.length} userPermissions, ${row.findingCount} findings)`;
    console.log(`Profile XML audit of generated profiles: ${describeSize(big)} and ${describeSize(small)}:\n`);
    console.log('approach                                        10 MB (ms)   150 KB (ms)   10 MB peak RSS (MB)');
    const line = (label: string, a: number, b: number, mb = '') => console.log(`${label.padEnd(46)}${a.toFixed(2).padStart(12)}${b.toFixed(3).padStart(14)}${mb.padStart(22)}`);
    line('scan + audit (time to findings)', big.times.findings, small.times.findings, memory.findings);
    line('  the same, every child read tag by tag', big.times.tagByTag, small.times.tagByTag, memory['tag by tag']);
    line('fast-xml-parser full parse', big.times.parser, small.times.parser, memory['fast-xml-parser']);
    line('bare indexOf pass (count every "<")', big.times.bare, small.times.bare, memory['bare indexOf']);
    line('rescan + audit after a one-line edit', big.times.edit, small.times.edit, memory['one-line edit']);
    line('  the same edit in the middle of the file', big.middleTime, small.middleTime);
    line('first scan + audit in a new process', big.times.firstFindings, small.times.firstFindings);
    line('first bare indexOf pass in a new process', big.times.firstBare, small.times.firstBare);

    const times = (value: number) => `${value.toFixed(1)}×`;
    console.log(`\nfindings vs fast-xml-parser: ${times(big.times.parser / big.times.findings)} faster (10 MB), ${times(small.times.parser / small.times.findings)} faster (150 KB).`);
    console.log(`findings vs a bare indexOf pass: ${times(big.ratio)} its time (10 MB), ${times(small.ratio)} (150 KB); medians of ${big.rounds} and ${small.rounds} `
      + 'rounds timing both in turn.');
    console.log(`shapes vs reading every tag: ${times(big.times.tagByTag / big.times.findings)} faster (10 MB), ${times(small.times.tagByTag / small.times.findings)} (150 KB).`);
    const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
    const fastest = Math.min(big.times.parser / big.times.findings, small.times.parser / small.times.findings);
    const slowest = Math.max(big.ratio, small.ratio);
    const edit = Math.max(big.times.edit, big.middleTime);
    console.log(`goals: ≥ 5× faster than fast-xml-parser (${fastest.toFixed(1)}×, ${verdict(fastest >= 5)}); `
      + `within 2× of a bare indexOf pass (${slowest.toFixed(1)}×, ${verdict(slowest <= 2)}); `
      + `re-diagnosis after a one-line edit in the 10 MB file < 20 ms (${edit.toFixed(2)} ms, ${verdict(edit < 20)}).`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--memory') measureMemory(process.argv[3] as Approach, process.argv[4], process.argv[5]);
else if (process.argv[2] === '--first') measureFirst(process.argv[3] as Approach, process.argv[4]);
else main();
