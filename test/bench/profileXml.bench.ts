// `npm run bench`: the profile XML scanner on a generated 10 MB profile (tens of thousands of
// fieldPermissions, objectPermissions, … and 300 userPermissions) and a 150 KB one, compared in the same
// run with a full fast-xml-parser parse and with a bare indexOf pass over the text (counting every '<'),
// plus the re-diagnosis after a one-line edit. Times are medians after warm-up runs; each approach's
// peak memory is measured in a process of its own (Linux: VmHWM, reset once the text is loaded).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { auditProfileXml } from '../../src/domain/profileXml/profileFindings';
import { type MetadataScan, rescanMetadataXml, scanMetadataXml } from '../../src/domain/profileXml/scanner';
import { generateProfile } from '../unit/profileXmlCorpus';

interface Change {
  offset: number;
  removedLength: number;
  insertedText: string;
}

const approaches = ['findings', 'fast-xml-parser', 'bare indexOf', 'one-line edit'] as const;
type Approach = (typeof approaches)[number];

function countLessThan(text: string): number {
  let count = 0;
  for (let i = text.indexOf('<'); i !== -1; i = text.indexOf('<', i + 1)) count++;
  return count;
}

const findings = (text: string) => auditProfileXml(scanMetadataXml(text));

/** The edited text as an editor hands it over: one flat string (indexOf flattens the concatenation first). */
function edit(text: string, change: Change): { change: Change; edited: string } {
  const edited = text.slice(0, change.offset) + change.insertedText + text.slice(change.offset + change.removedLength);
  edited.indexOf('\u0000');
  return { change, edited };
}

/** The one-line edit: ManageUsers' <enabled>false</enabled> turned true, as the quick fix does. */
function oneLineEdit(text: string, scan: MetadataScan): { change: Change; edited: string } {
  const span = scan.permissions.find((entry) => entry.name === 'ManageUsers')?.enabledSpan;
  if (!span) throw new Error('the generated profile has no disabled ManageUsers');
  return edit(text, { offset: span.start, removedLength: span.end - span.start, insertedText: 'true' });
}

/** The same kind of edit in the middle of the fieldPermissions, far from the userPermissions. */
function middleEdit(text: string): { change: Change; edited: string } {
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
    case 'one-line edit': {
      const scan = scanMetadataXml(text);
      const { change, edited } = oneLineEdit(text, scan);
      return () => auditProfileXml(rescanMetadataXml(scan, edited, change));
    }
  }
}

/** Median wall time of `runs` runs after `warmups` unmeasured ones. */
function median(run: () => unknown, runs: number, warmups = 3): number {
  for (let i = 0; i < warmups; i++) run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}

const status = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024;

/**
 * In a child process: the approach's peak resident memory above what the process held with the text
 * loaded, after a run on the small file has compiled the code (a warm-up on the large one would leave
 * its heap in place, hiding what the measured run needs).
 */
function measureMemory(approach: Approach, file: string, warmupFile: string): void {
  work(approach, fs.readFileSync(warmupFile, 'utf8'))();
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

function main(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-profile-bench-'));
  try {
    const sizes = [
      { name: '10 MB', text: generateProfile({ targetLength: 10_000_000, userPermissions: 300, omit: ['FreezeUsers'], disable: ['ManageUsers'] }), runs: 15, parserRuns: 5 },
      { name: '150 KB', text: generateProfile({ targetLength: 150_000, userPermissions: 300, omit: ['FreezeUsers'], disable: ['ManageUsers'] }), runs: 101, parserRuns: 21 },
    ].map((size) => {
      // Through a file, as VS Code and the CLI get it: one flat string rather than the generator's concatenation.
      const file = path.join(dir, `${size.name.replace(' ', '')}.profile-meta.xml`);
      fs.writeFileSync(file, size.text);
      return { ...size, file, text: fs.readFileSync(file, 'utf8') };
    });

    const rows = sizes.map(({ name, text, runs, parserRuns }) => {
      const times = {
        findings: median(work('findings', text), runs),
        parser: median(work('fast-xml-parser', text), parserRuns, 1),
        bare: median(work('bare indexOf', text), runs),
        edit: median(work('one-line edit', text), runs * 2),
      };
      const scan = scanMetadataXml(text);
      const middle = middleEdit(text);
      const middleTime = median(() => auditProfileXml(rescanMetadataXml(scan, middle.edited, middle.change)), runs * 2);
      return { name, text, scan, times, middleTime, findingCount: findings(text).length };
    });
    const [big, small] = rows;
    const memory = Object.fromEntries(approaches.map((approach) => [approach, peakMemoryMb(approach, sizes[0].file, sizes[1].file)]));

    const describeSize = (row: typeof big) => `${row.name} (${(row.text.length / 1e6).toFixed(2)} M characters, ${row.scan.childStarts.length.toLocaleString('en')} `
      + `root children, ${row.scan.permissions.length} userPermissions, ${row.findingCount} findings)`;
    console.log(`Profile XML audit of generated profiles: ${describeSize(big)} and ${describeSize(small)}:\n`);
    console.log('approach                                        10 MB (ms)   150 KB (ms)   10 MB peak RSS (MB)');
    const line = (label: string, a: number, b: number | undefined, mb: string) =>
      console.log(`${label.padEnd(46)}${a.toFixed(2).padStart(12)}${(b === undefined ? '–' : b.toFixed(3)).padStart(14)}${mb.padStart(22)}`);
    line('scan + audit (time to findings)', big.times.findings, small.times.findings, memory.findings);
    line('fast-xml-parser full parse', big.times.parser, small.times.parser, memory['fast-xml-parser']);
    line('bare indexOf pass (count every "<")', big.times.bare, small.times.bare, memory['bare indexOf']);
    line('rescan + audit after a one-line edit', big.times.edit, small.times.edit, memory['one-line edit']);
    line('  the same edit in the middle of the file', big.middleTime, small.middleTime, '');

    const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
    console.log(`\nfindings vs fast-xml-parser: ${ratio(big.times.parser, big.times.findings)} faster (10 MB), ${ratio(small.times.parser, small.times.findings)} faster (150 KB).`);
    console.log(`findings vs a bare indexOf pass: ${ratio(big.times.findings, big.times.bare)} its time (10 MB), ${ratio(small.times.findings, small.times.bare)} (150 KB).`);
    const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
    const fastest = Math.min(big.times.parser / big.times.findings, small.times.parser / small.times.findings);
    const slowest = Math.max(big.times.findings / big.times.bare, small.times.findings / small.times.bare);
    const edit = Math.max(big.times.edit, big.middleTime);
    console.log(`goals: ≥ 5× faster than fast-xml-parser (${fastest.toFixed(1)}×, ${verdict(fastest >= 5)}); `
      + `within 2× of a bare indexOf pass (${slowest.toFixed(1)}×, ${verdict(slowest <= 2)}); `
      + `re-diagnosis after a one-line edit in the 10 MB file < 20 ms (${edit.toFixed(2)} ms, ${verdict(edit < 20)}).`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--memory') measureMemory(process.argv[3] as Approach, process.argv[4], process.argv[5]);
else main();
