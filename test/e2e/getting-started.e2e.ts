import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/src/cli.js');
const run = promisify(execFile);

interface Started {
  child: ChildProcessWithoutNullStreams;
  url: string;
  stdout: () => string;
  stderr: () => string;
}

/** Starts the built CLI on the bundled demo config, from an empty directory as a new user would. */
async function startDemo(args: string[] = []): Promise<Started> {
  const cwd = mkdtempSync(join(tmpdir(), 'warden-first-hour-'));
  const child = spawn(process.execPath, [CLI, '--port', '0', '--host', '127.0.0.1', ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '' },
  });
  let stdout = '';
  let stderr = '';
  const url = await new Promise<string>((found, fail) => {
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(stderr);
      if (match && stderr.includes('metrics')) {
        found(match[1]);
      }
    });
    child.on('exit', (code) => fail(new Error(`exited ${code}: ${stdout}${stderr}`)));
  });
  return { child, url, stdout: () => stdout, stderr: () => stderr };
}

async function stop(started: Started | undefined): Promise<void> {
  if (!started || started.child.exitCode !== null) {
    return;
  }
  const exited = new Promise((done) => started.child.once('exit', done));
  started.child.kill('SIGTERM');
  await exited;
}

describe('The README commands, as a new user runs them', () => {
  it('installs warden as a global command: package.json bin names the built CLI, which starts with a shebang', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      files: string[];
    };
    expect(pkg.bin).toEqual({ warden: 'dist/src/cli.js' });
    expect(readFileSync(CLI, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    // `npm install -g .` in a clone puts `warden` on the PATH (a prefix of its own here, not the machine's).
    const prefix = mkdtempSync(join(tmpdir(), 'warden-global-'));
    await run('npm', ['install', '--global', '--prefix', prefix, ROOT, '--no-audit', '--no-fund'], { cwd: ROOT });
    const bin = join(prefix, 'bin', 'warden');
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    const { stdout } = await run('warden', ['--help'], { env: { PATH: `${join(prefix, 'bin')}:${process.env.PATH}` } });
    expect(stdout).toContain('Usage: warden');
  }, 60_000);

  it('runs `npx warden` from the clone without fetching anything', async () => {
    const { stdout } = await run('npx', ['--no-install', 'warden', '--help'], { cwd: ROOT });
    expect(stdout).toContain('--detailed_debug');
    expect(stdout).toContain('--debug ');
  }, 60_000);

  it('packs the built CLI, the admin UI and the demo config, so the tarball installs on its own', async () => {
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT });
    const [packed] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
    const paths = packed.files.map((file) => file.path);
    expect(paths).toEqual(expect.arrayContaining(['dist/src/cli.js', 'config/demo.config.yaml', 'package.json']));
    expect(paths.some((path) => path.startsWith('test/') || path.startsWith('src/'))).toBe(false);
  }, 60_000);
});

describe('Start-up output', () => {
  let started: Started | undefined;

  afterEach(async () => {
    await stop(started);
    started = undefined;
  });

  it('prints a short banner, not the framework lines, by default', async () => {
    started = await startDemo();
    const port = new URL(started.url).port;
    const banner = started.stderr();
    expect(banner).toContain(`Warden listening on http://127.0.0.1:${port}`);
    expect(banner).toMatch(/config +\S*config\/demo\.config\.yaml/);
    expect(banner).toMatch(/models \(1\) +demo \(mock\)/);
    expect(banner).toMatch(/guardrails \(4\) +prompt-injection \(prompt_injection, pre_call\)/);
    for (const path of ['/ui', '/docs', '/metrics']) {
      expect(banner).toContain(`http://127.0.0.1:${port}${path}`);
    }
    expect(banner.trim().split('\n').length).toBeLessThanOrEqual(8);
    expect(started.stdout()).not.toMatch(/RouterExplorer|InstanceLoader|RoutesResolver|NestFactory/);
    expect(started.stdout().trim().split('\n').length).toBeLessThan(10);
  }, 30_000);

  it('keeps the framework lines and logs every request with --debug', async () => {
    started = await startDemo(['--debug']);
    expect(started.stdout()).toContain('"context":"RouterExplorer"');
    const response = await fetch(`${started.url}/health/liveliness`);
    expect(response.status).toBe(200);
    await new Promise((done) => setTimeout(done, 200));
    expect(started.stdout()).toMatch(/"statusCode":200.*"msg":"request completed"/);
    expect(started.stdout()).not.toContain('"level":20');
  }, 30_000);
});

describe('The demo model', () => {
  let started: Started | undefined;

  beforeAll(async () => {
    started = await startDemo();
  }, 30_000);

  afterAll(async () => {
    await stop(started);
  });

  async function ask(content: string): Promise<{ status: number; text: string }> {
    const response = await fetch(`${started?.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'demo', messages: [{ role: 'user', content }] }),
    });
    const body = (await response.json()) as { choices?: Array<{ message: { content: string } }> };
    return { status: response.status, text: body.choices?.[0].message.content ?? '' };
  }

  it('answers with what reached it, so the masking shows', async () => {
    const { status, text } = await ask(
      'Mail jane.doe@example.com the key sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD',
    );
    expect(status).toBe(200);
    expect(text).toContain('received: "Mail [MASKED EMAIL_ADDRESS] the key [REDACTED');
    expect(text).not.toContain('jane.doe@example.com');
    expect(text).not.toContain('sk-proj-');
  });

  it('echoes a harmless prompt unchanged', async () => {
    expect((await ask('Hello!')).text).toContain('received: "Hello!"');
  });
});
