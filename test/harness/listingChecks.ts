// What the Marketplace listing needs from the packaged extension, as pure checks over bytes and
// text, so the package check can run them on the .vsix and unit tests can run them on samples.
// Each returns the problems it found (empty: fine), in words that say what to fix.
import * as zlib from 'node:zlib';

/** The entries of a zip archive (a .vsix), by name. Stored and deflated entries, which is what vsce writes. */
export function readZip(zip: Buffer): Map<string, Buffer> {
  // The end-of-central-directory record closes the archive (after a comment of up to 64 KB).
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip archive: no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`zip central directory entry ${i} is damaged`);
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataStart, dataStart + size);
    entries.set(name, method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data));
    at += 46 + skip;
  }
  return entries;
}

/** The arguments of a `vsce package …` script after `package`, so a check builds what `npm run package` builds. */
export function vscePackageArgs(script: string): string[] {
  const [tool, command, ...args] = script.trim().split(/\s+/);
  if (tool !== 'vsce' || command !== 'package') throw new Error(`scripts.package should run "vsce package …", not "${script}"`);
  return args;
}

/** Width and height from a PNG's IHDR chunk, or undefined when the bytes are not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } | undefined {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 24 || !png.subarray(0, 8).equals(signature) || png.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The Marketplace icon: a PNG of exactly 128×128. */
export function iconProblems(png: Buffer | undefined, name: string): string[] {
  if (!png) return [`the icon ${name} is not in the .vsix`];
  const size = pngSize(png);
  if (!size) return [`the icon ${name} is not a PNG`];
  return size.width === 128 && size.height === 128 ? [] : [`the icon ${name} is ${size.width}×${size.height}, not 128×128`];
}

const listingKeys = ['icon', 'repository', 'bugs', 'homepage', 'galleryBanner'] as const;

/** The listing fields of the packaged package.json. */
export function manifestProblems(manifest: Record<string, unknown>): string[] {
  const problems = listingKeys.filter((key) => manifest[key] === undefined).map((key) => `package.json has no "${key}"`);
  const banner = manifest.galleryBanner as { color?: unknown; theme?: unknown } | undefined;
  if (banner && (typeof banner.color !== 'string' || !['dark', 'light'].includes(String(banner.theme)))) {
    problems.push('package.json\'s galleryBanner needs a "color" and a "theme" of "dark" or "light"');
  }
  return problems;
}

/**
 * The Marketplace refuses to publish more than 10 visible tags ("You exceeded the number of allowed
 * tags of 10", microsoft/vscode-vsce#815 and the publishing FAQ it cites; vsce does not check).
 * vsce derives tags from the keywords and from contributions (onLanguage:xml adds "xml"); tags
 * starting with "__" are hidden and do not count.
 */
export function tagProblems(vsixManifest: string): string[] {
  const tags = (/<Tags>([^<]*)<\/Tags>/.exec(vsixManifest)?.[1] ?? '').split(',').filter((tag) => tag && !tag.startsWith('__'));
  return tags.length <= 10 ? [] : [`the .vsix has ${tags.length} tags (${tags.join(', ')}); the Marketplace takes at most 10: drop keywords`];
}

/** Image targets in Markdown: `![alt](url)` and `<img src="url">`. */
export function markdownImages(markdown: string): string[] {
  return [
    ...[...markdown.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)/g)].map((m) => m[1]),
    ...[...markdown.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1]),
  ];
}

/** The Marketplace shows the packaged README from elsewhere: every image must be an absolute https URL. */
export function relativeImageProblems(readme: string): string[] {
  return markdownImages(readme).filter((target) => !/^https:\/\//i.test(target))
    .map((target) => `the packaged README's image ${target} is not an absolute https URL`);
}

const changelogSections = ['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security'];

/**
 * Keep a Changelog 1.1.0's structure (https://keepachangelog.com/en/1.1.0/): "# Changelog", a line
 * that links to the format, "## [Unreleased]" first, then versions "## [x.y.z] - YYYY-MM-DD",
 * sections only of the six kinds, and a link reference for every bracketed heading.
 */
export function changelogProblems(changelog: string): string[] {
  const lines = changelog.split(/\r?\n/);
  const problems: string[] = [];
  if (lines[0] !== '# Changelog') problems.push('CHANGELOG.md must start with "# Changelog"');
  if (!changelog.includes('https://keepachangelog.com/en/1.1.0/')) problems.push('CHANGELOG.md does not link to https://keepachangelog.com/en/1.1.0/');
  const versions = lines.filter((line) => line.startsWith('## '));
  if (versions[0] !== '## [Unreleased]') problems.push('CHANGELOG.md\'s first version heading must be "## [Unreleased]"');
  for (const heading of versions.slice(versions[0] === '## [Unreleased]' ? 1 : 0)) {
    if (!/^## \[\d+\.\d+\.\d+(?:-[\w.]+)?\] - \d{4}-\d{2}-\d{2}( \[YANKED\])?$/.test(heading)) {
      problems.push(`CHANGELOG.md: "${heading}" is not "## [x.y.z] - YYYY-MM-DD"`);
    }
  }
  for (const heading of lines.filter((line) => line.startsWith('### '))) {
    if (!changelogSections.includes(heading.slice(4))) problems.push(`CHANGELOG.md: "${heading}" is not one of ${changelogSections.join(', ')}`);
  }
  for (const heading of versions) {
    const label = /^## \[([^\]]+)\]/.exec(heading)?.[1];
    if (label && !lines.some((line) => line.startsWith(`[${label}]: https://`))) problems.push(`CHANGELOG.md has no link reference "[${label}]: https://…"`);
  }
  return problems;
}
