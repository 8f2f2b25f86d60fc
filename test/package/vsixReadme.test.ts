/**
 * The README inside the .vsix is what the Extensions page and the Marketplace show. Its
 * pictures and links must work there, where the repository's folders are not beside it:
 * each must be a file in the package, or an https address of a file of this repository
 * (vsce rewrites relative links to the repository named in package.json), and that file
 * must be tracked by git, or the address leads nowhere once pushed. Packs with the same
 * vsce options as `npm run package`, into a temporary folder; dist/ is built by pretest.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const REPO = resolve('.');
const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  repository: { url: string };
  scripts: { package: string };
};

/** `owner/name` of the GitHub repository package.json names. */
const REPOSITORY = /github\.com[/:]([^/]+\/[^/.]+?)(?:\.git)?$/.exec(manifest.repository.url)?.[1];

/** The options `npm run package` gives `vsce package`, without its output path. */
function packageOptions(): string[] {
  const words = /vsce package (.*)$/.exec(manifest.scripts.package)?.[1]?.split(/\s+/) ?? [];
  const options: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i] === '-o' || words[i] === '--out') i++;
    else if (words[i] === '&&') break;
    else options.push(words[i]!);
  }
  return options;
}

/** The entries of a zip file (a .vsix is one), by name: enough of the format for vsce's output. */
function unzip(file: string): Map<string, Buffer> {
  const zip = readFileSync(file);
  // The end-of-central-directory record: the last 22 bytes, unless the zip has a comment.
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  assert.ok(end >= 0, `${file} is not a zip file`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(data, data + size);
    entries.set(name, method === 0 ? raw : inflateRawSync(raw));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Every picture (`![]()`, `![][ref]`, `<img src>`) and link (`[]()`, `[][ref]`) of a Markdown text. */
function targetsOf(markdown: string): { images: string[]; links: string[] } {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown);
  const definitions = new Map<string, string>();
  const images: string[] = [];
  const links: string[] = [];
  const references: { kind: 'image' | 'link'; id: string }[] = [];
  const visit = (node: { type: string; children?: unknown[] } & Record<string, unknown>) => {
    if (node.type === 'definition') definitions.set(String(node.identifier), String(node.url));
    if (node.type === 'image') images.push(String(node.url));
    if (node.type === 'link') links.push(String(node.url));
    if (node.type === 'imageReference' || node.type === 'linkReference')
      references.push({ kind: node.type === 'imageReference' ? 'image' : 'link', id: String(node.identifier) });
    if (node.type === 'html') for (const m of String(node.value).matchAll(/<img\b[^>]*\bsrc=["']([^"']+)["']/gi)) images.push(m[1]!);
    for (const child of (node.children ?? []) as (typeof node)[]) visit(child);
  };
  visit(tree as unknown as Parameters<typeof visit>[0]);
  for (const { kind, id } of references) {
    const url = definitions.get(id);
    if (url !== undefined) (kind === 'image' ? images : links).push(url);
  }
  return { images, links };
}

/** The files git tracks in this checkout (what GitHub serves once pushed); undefined outside a checkout. */
function trackedFiles(): Set<string> | undefined {
  const git = spawnSync('git', ['ls-files', '-z'], { cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (git.error || git.status !== 0) return undefined;
  return new Set(git.stdout.split('\0').filter(Boolean));
}

let tracked: Set<string> | undefined | null = null;

/** Whether `path` is a file of the repository: tracked by git, or on disk when this is no checkout. */
function inRepository(path: string): boolean {
  if (tracked === null) tracked = trackedFiles();
  return tracked ? tracked.has(path) : existsSync(join(REPO, path));
}

/**
 * Why `target` (a picture's or link's address in the packaged README) leads nowhere, or
 * undefined when it resolves: a file of the package, or a tracked file of the repository.
 */
function unresolved(target: string, packaged: Set<string>, kind: 'image' | 'link'): string | undefined {
  if (target.startsWith('#') || /^mailto:/i.test(target)) return undefined;
  const [address] = target.split('#') as [string];
  if (!/^[a-z][a-z0-9+.-]*:/i.test(address)) {
    const inPackage = posix.normalize(posix.join('extension', decodeURI(address)));
    return packaged.has(inPackage) ? undefined : `relative, and ${inPackage} is not in the .vsix`;
  }
  if (!/^https:/i.test(address))
    return kind === 'image' ? 'a picture must come from https (vsce and the Marketplace refuse others)' : undefined;
  const github =
    /^https:\/\/github\.com\/([^/]+\/[^/]+)\/(?:raw|blob|tree)\/[^/]+\/(.+)$/.exec(address) ??
    /^https:\/\/raw\.githubusercontent\.com\/([^/]+\/[^/]+)\/[^/]+\/(.+)$/.exec(address);
  if (!github) return undefined; // another site's address: not this repository's to check
  if (github[1] !== REPOSITORY) return undefined;
  const path = decodeURIComponent(github[2]!).replace(/\/$/, '');
  return inRepository(path) ? undefined : `${path} is not a file tracked in this repository`;
}

describe('the README in the .vsix', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'briefing-vsix-'));
  let entries: Map<string, Buffer>;
  let readme: string;

  before(() => {
    const vsix = join(tmp, 'briefing-check.vsix');
    const vsce = spawnSync(process.execPath, [join(REPO, 'node_modules/@vscode/vsce/vsce'), 'package', ...packageOptions(), '-o', vsix], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(vsce.status, 0, `vsce package failed:\n${vsce.stdout}\n${vsce.stderr}`);
    entries = unzip(vsix);
    const name = [...entries.keys()].find((n) => /^extension\/readme\.md$/i.test(n));
    assert.ok(name, `no README in the .vsix: ${[...entries.keys()].join(', ')}`);
    readme = entries.get(name)!.toString('utf8');
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('names an icon that is in the package (the Extensions page shows it)', () => {
    const vsixManifest = entries.get('extension.vsixmanifest')?.toString('utf8') ?? '';
    const icon = /<Icon>([^<]+)<\/Icon>/.exec(vsixManifest)?.[1];
    assert.ok(icon, `extension.vsixmanifest names no icon:\n${vsixManifest}`);
    assert.ok(entries.get(icon)?.subarray(1, 4).toString('ascii') === 'PNG', `${icon} is not a PNG in the .vsix`);
  });

  it('knows the GitHub repository vsce points relative links at', () => {
    assert.ok(REPOSITORY, `package.json's repository is not on GitHub: ${manifest.repository.url}`);
  });

  it('shows pictures that resolve: in the package, or tracked files of the repository over https', () => {
    const packaged = new Set(entries.keys());
    const { images } = targetsOf(readme);
    assert.ok(images.length > 0, 'the packaged README has no pictures at all');
    const broken = images
      .map((src) => [src, unresolved(src, packaged, 'image')])
      .filter(([, why]) => why)
      .map(([src, why]) => `${src}: ${why}`);
    assert.deepEqual(broken, []);
  });

  it('has links that resolve the same way (the docs pages are not in the package)', () => {
    const packaged = new Set(entries.keys());
    const broken = targetsOf(readme)
      .links.map((href) => [href, unresolved(href, packaged, 'link')])
      .filter(([, why]) => why)
      .map(([href, why]) => `${href}: ${why}`);
    assert.deepEqual(broken, []);
  });
});
