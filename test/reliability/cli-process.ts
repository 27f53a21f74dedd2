import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';

const CLI = resolve(__dirname, '../../dist/src/cli.js');

export interface GatewayProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  exited: Promise<number | null>;
}

/** Runs the built CLI (`dist/src/cli.js`) as its own process on a random port, with a config written from `config`. */
export async function startGatewayProcess(
  config: Record<string, unknown>,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<GatewayProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'warden-process-'));
  const file = join(dir, 'config.yaml');
  writeFileSync(file, stringify(config));
  const child = spawn(process.execPath, [CLI, '--config', file, '--port', '0', '--host', '127.0.0.1', ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const url = await new Promise<string>((found, fail) => {
    const check = (): void => {
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match) {
        found(match[1]);
      }
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    void exited.then((code) => fail(new Error(`gateway exited with ${code} before listening:\n${output}`)));
  });
  return { child, url, output: () => output, exited };
}
