import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const DEFAULT_GATEWAY_CLI = resolve(__dirname, '..', '..', 'dist', 'src', 'cli.js');

export const SCENARIOS = [
  'detectors',
  'overhead',
  'during',
  'vendor-during',
  'vendor-cache',
  'ttfb',
  'streams',
  'violations',
  'endpoints',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchOptions {
  quick: boolean;
  /** Seconds per measured load run. */
  durationS: number;
  /** Seconds of unmeasured load before each measured run (JIT warm-up). */
  warmupS: number;
  /**
   * Connections for the latency runs, each sending its next request when the last one is answered. 1 (default):
   * latency is the service time alone, with no queueing (autocannon's own rate limit sends in bursts each second).
   */
  latencyConnections: number;
  /** Connections for the saturation (max requests/s) runs. */
  connections: number;
  /** Requests per side for the time-to-first-chunk loop. */
  ttfbSamples: number;
  streams: number;
  /** How long the upstream holds each of the open streams (one chunk per second). */
  holdS: number;
  violationRate: number;
  detectorIterations: number;
  only: ReadonlySet<ScenarioName>;
  /** Run the gateway under `--cpu-prof` (the loads of the scenarios selected, see profile.scenario.ts) instead of the benchmark. */
  profile: boolean;
  pin: boolean;
  /** The gateway entry point to run: the build in dist/ unless another one is named (A/B runs of a patched build). */
  gatewayCli: string;
  /** Extra node flags for the gateway process, e.g. `--max-semi-space-size=8` (experiments). */
  gatewayNodeFlags: string[];
  write: boolean;
  keepTemp: boolean;
}

const USAGE = `Usage: npm run bench -- [--quick] [--duration S] [--latency-connections N] [--connections N] [--streams N] [--hold S]
                       [--violation-rate N]
                       [--only detectors,overhead,during,vendor-during,vendor-cache,ttfb,streams,violations,endpoints]
                       [--profile] [--no-pin] [--no-write] [--keep-temp] [--gateway-cli path/to/cli.js]
                       [--gateway-node-flags="--max-semi-space-size=8 ..."]
Environment: BENCH_DURATION, BENCH_CONNECTIONS, BENCH_STREAMS, BENCH_HOLD, BENCH_QUICK=1, BENCH_GATEWAY_CLI.`;

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number (got ${raw})\n${USAGE}`);
  }
  return value;
}

function scenarios(raw: string | undefined): ReadonlySet<ScenarioName> {
  if (raw === undefined) {
    return new Set(SCENARIOS);
  }
  const names = raw.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new Error(`--only: unknown scenario ${unknown.join(', ')}; use ${SCENARIOS.join(', ')}`);
  }
  return new Set(names as ScenarioName[]);
}

/** Flags win over BENCH_* variables; `--quick` shortens everything for a smoke run (and does not write the file). */
export function readBenchOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      duration: { type: 'string' },
      'latency-connections': { type: 'string' },
      connections: { type: 'string' },
      streams: { type: 'string' },
      hold: { type: 'string' },
      'violation-rate': { type: 'string' },
      only: { type: 'string' },
      profile: { type: 'boolean', default: false },
      'no-pin': { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
      'keep-temp': { type: 'boolean', default: false },
      'gateway-cli': { type: 'string' },
      'gateway-node-flags': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const quick = values.quick || env.BENCH_QUICK === '1';
  const gatewayCli = resolve(values['gateway-cli'] ?? env.BENCH_GATEWAY_CLI ?? DEFAULT_GATEWAY_CLI);
  const gatewayNodeFlags = (values['gateway-node-flags'] ?? '').split(' ').filter((flag) => flag !== '');
  return {
    quick,
    durationS: positive('--duration', values.duration ?? env.BENCH_DURATION, quick ? 2 : 10),
    warmupS: quick ? 1 : 2,
    latencyConnections: positive('--latency-connections', values['latency-connections'], 1),
    connections: positive('--connections', values.connections ?? env.BENCH_CONNECTIONS, 50),
    ttfbSamples: quick ? 50 : 300,
    streams: positive('--streams', values.streams ?? env.BENCH_STREAMS, 1000),
    holdS: positive('--hold', values.hold ?? env.BENCH_HOLD, quick ? 3 : 10),
    violationRate: positive('--violation-rate', values['violation-rate'], 2000),
    detectorIterations: quick ? 300 : 3000,
    only: scenarios(values.only),
    profile: values.profile,
    pin: !values['no-pin'],
    gatewayCli,
    gatewayNodeFlags,
    // Results of another build, or of the gateway under other flags, never overwrite the file.
    write: !quick && !values['no-write'] && gatewayCli === DEFAULT_GATEWAY_CLI && gatewayNodeFlags.length === 0,
    keepTemp: values['keep-temp'],
  };
}
