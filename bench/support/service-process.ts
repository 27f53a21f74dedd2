import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const LOG_TAIL = 40;
const running = new Set<ChildProcess>();

/** A child process started by the benchmark: its pid, the URL it printed, and the tail of its output. */
export interface Service {
  name: string;
  pid: number;
  url: string;
  /** Milliseconds from spawn to the ready line. */
  readyMs: number;
  /** Lines of output seen so far (stdout and stderr). */
  lines(): number;
  tail(): string[];
  stop(): Promise<void>;
}

export interface ServiceSpec {
  name: string;
  command: string;
  args: string[];
  /** First capture group: the service's base URL, e.g. `(http://127.0.0.1:\d+)`. */
  ready: RegExp;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/**
 * Starts a service and resolves once a line of its output matches `ready`. Output is always drained (the gateway
 * logs to a pipe synchronously: a full pipe would stall it), keeping only the last lines for error messages.
 */
export async function startService(spec: ServiceSpec): Promise<Service> {
  const spawned = performance.now();
  const child = spawn(spec.command, spec.args, {
    env: { ...process.env, NO_COLOR: '1', ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const tail: string[] = [];
  let count = 0;
  let resolveUrl: (url: string) => void = () => undefined;
  const urlSeen = new Promise<string>((resolve) => (resolveUrl = resolve));
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (raw) => {
      const line = raw.replace(ANSI, '');
      count += 1;
      tail.push(line);
      if (tail.length > LOG_TAIL) {
        tail.shift();
      }
      const match = spec.ready.exec(line);
      if (match) {
        resolveUrl(match[1]);
      }
    });
  }
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`${spec.name} exited (code ${String(code)}) before it was ready:\n  ${tail.join('\n  ')}`);
  });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${spec.name} not ready within ${spec.timeoutMs ?? 30_000} ms:\n  ${tail.join('\n  ')}`)),
      spec.timeoutMs ?? 30_000,
    );
  });
  try {
    const url = await Promise.race([urlSeen, exited, timedOut]);
    return {
      name: spec.name,
      pid: child.pid!,
      url,
      readyMs: performance.now() - spawned,
      lines: () => count,
      tail: () => [...tail],
      stop: () => stopChild(child),
    };
  } catch (error) {
    await stopChild(child);
    throw error;
  } finally {
    clearTimeout(timer);
    exited.catch(() => undefined);
  }
}

/** SIGTERM (the gateway flushes its violation queue and writes its CPU profile), SIGKILL after 20 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** Last resort on an abnormal exit of the benchmark: kill only the children it started, by their handles. */
export function killRunningServices(): void {
  for (const child of running) {
    child.kill('SIGKILL');
  }
}
