/**
 * The npm package as users get it: packed into a tarball, installed globally in an empty
 * prefix (no network needed: everything that runs is bundled, so it has no
 * dependencies), both binaries run from the prefix's bin folder. And the .vsix keeps
 * what the extension needs. Packs with --ignore-scripts: the tests already built dist/,
 * and a rebuild would rewrite it under the other tests' feet.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

const REPO = resolve('.');
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  version: string;
  files: string[];
  bin: Record<string, string>;
  engines: { node: string };
  dependencies?: Record<string, string>;
};
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(NPM, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  assert.equal(result.status, 0, `npm ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Starts a binary as a language server over stdio and returns its answer to initialize. */
function initialize(command: string): Promise<{ serverInfo?: { name: string; version?: string }; capabilities: object }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`no answer to initialize from ${command}`));
    }, 15_000);
    let out = Buffer.alloc(0);
    child.stdout.on('data', (chunk: Buffer) => {
      out = Buffer.concat([out, chunk]);
      const text = out.toString('utf8');
      const body = text.indexOf('\r\n\r\n');
      const length = Number(/Content-Length: (\d+)/.exec(text)?.[1]);
      if (body < 0 || out.length < body + 4 + length) return;
      clearTimeout(timer);
      const message = JSON.parse(out.subarray(body + 4, body + 4 + length).toString('utf8'));
      child.kill();
      resolvePromise(message.result);
    });
    child.on('error', reject);
    const request = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { processId: null, rootUri: null, capabilities: {} },
    });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(request)}\r\n\r\n${request}`);
  });
}

describe('npm package', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'briefing-package-'));
  const prefix = join(tmp, 'prefix');
  const cache = join(tmp, 'cache');
  const bin = process.platform === 'win32' ? prefix : join(prefix, 'bin');
  let tarball: string;
  let packed: string[];

  before(() => {
    const [info] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], REPO)) as {
      filename: string;
      files: { path: string }[];
    }[];
    tarball = join(tmp, info!.filename);
    packed = info!.files.map((f) => f.path).sort();
    npm(['install', '--global', '--prefix', prefix, '--offline', '--cache', cache, '--no-audit', '--no-fund', tarball], tmp);
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('publishes the binaries, the bundles they load, and no sources, tests or source maps', () => {
    assert.ok(!('private' in pkg));
    assert.deepEqual(pkg.dependencies ?? {}, {}, 'everything that runs is bundled');
    assert.match(pkg.engines.node, /^>=\d+/);
    for (const file of [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'bin/briefing-check.js',
      'bin/briefing-language-server.js',
      'dist/cli.js',
      'dist/server.js',
      'dist/analysis-worker.js',
      'dist/facts.schema.json',
    ]) {
      assert.ok(packed.includes(file), `${file} is not in the package: ${packed.join(', ')}`);
    }
    assert.deepEqual(
      packed.filter((f) => /^(src|test|out)\/|\.map$|\.ts$/.test(f)),
      [],
    );
  });

  it('installed globally, briefing-check runs and checks a briefing', () => {
    const version = spawnSync(join(bin, 'briefing-check'), ['--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout.trim(), pkg.version);
    const dir = mkdtempSync(join(tmp, 'work-'));
    writeFileSync(join(dir, 'a.brief.md'), '# A\n\nSee the note.[^1]\n');
    const check = spawnSync(join(bin, 'briefing-check'), ['--format', 'json', 'a.brief.md'], { cwd: dir, encoding: 'utf8' });
    assert.equal(check.status, 1, check.stderr);
    assert.deepEqual(
      (JSON.parse(check.stdout) as { code: string }[]).map((r) => r.code),
      ['note.undefined'],
    );
  });

  it('installed globally, briefing-language-server answers initialize over stdio with its version', async () => {
    const result = await initialize(join(bin, 'briefing-language-server'));
    assert.deepEqual(result.serverInfo, { name: 'briefing-language-server', version: pkg.version });
    assert.ok('hoverProvider' in result.capabilities);
  });

  it('npm exec runs briefing-check from the tarball (as npx does from the registry)', () => {
    const out = npm(['exec', '--yes', '--offline', '--cache', cache, `--package=${tarball}`, '--', 'briefing-check', '--version'], tmp, {
      npm_config_update_notifier: 'false',
    });
    assert.equal(out.trim(), pkg.version);
  });

  it('the .vsix holds what the extension needs, icon included, and no sources or tests', () => {
    // One allow-list (package.json `files`) for npm and vsce: vsce refuses a .vscodeignore beside it.
    const listing = spawnSync(process.execPath, [join(REPO, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], {
      cwd: REPO,
      encoding: 'utf8',
    });
    assert.equal(listing.status, 0, listing.stderr);
    const files = listing.stdout.trim().split('\n').sort();
    for (const file of [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/extension.js',
      'dist/facts.schema.json',
      'dist/facts.editor-schema.json',
      'dist/server.js',
      'media/icon.png',
      'package.json',
      'snippets/briefing.code-snippets',
      'syntaxes/briefing.injection.tmLanguage.json',
    ]) {
      assert.ok(files.includes(file), `${file} is not in the .vsix: ${files.join(', ')}`);
    }
    assert.deepEqual(
      files.filter((f) => /^(src|test|out|node_modules|\.cache)\/|\.map$|\.ts$/.test(f)),
      [],
    );
    // The example that briefing.openExample copies, and every walkthrough step's page.
    for (const file of ['examples/north-korea-draft.brief.md', 'examples/north-korea.facts.json', 'examples/wire-reports.facts.json'])
      assert.ok(files.includes(file), `${file} is not in the .vsix`);
    const { contributes } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
      contributes: { walkthroughs: { steps: { media: { markdown?: string } }[] }[] };
    };
    const pages = contributes.walkthroughs.flatMap((w) => w.steps.map((step) => step.media.markdown));
    assert.equal(pages.length, 6);
    for (const page of pages) assert.ok(page && files.includes(page), `walkthrough page ${page} is not in the .vsix`);
    const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
      icon: string;
      galleryBanner: object;
      repository: object;
    };
    assert.equal(manifest.icon, 'media/icon.png');
    assert.ok(manifest.galleryBanner && manifest.repository);
    // A PNG of at least 128 × 128, as the Marketplace asks.
    const png = readFileSync(join(REPO, manifest.icon));
    assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
    assert.ok(png.readUInt32BE(16) >= 128 && png.readUInt32BE(20) >= 128);
  });
});
