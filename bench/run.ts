/**
 * `npm run bench`: builds, then measures the gateway against mock upstream and mock Lakera processes on loopback and
 * writes the results into BENCHMARKS.md. Flags: see support/options.ts (`--quick` for a smoke run, `--profile`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profileSections } from './profile/profile-sections';
import { endpointSections } from './report/endpoints-section';
import { runProfiles } from './profile/profile.scenario';
import { writeBlock } from './report/benchmarks-file';
import { renderMarkdown, renderText } from './report/render';
import type { BenchResults, LoadPair, VendorResults } from './report/results';
import { machineSection, resultSections } from './report/sections';
import { LAKERA_LABEL, NO_GUARD_LABEL, PII_LABEL, REFERENCE_LABEL } from './report/targets';
import { directChatUrl, GATEWAY_HEADERS, withGateway, type BenchContext } from './scenarios/bench-context';
import { runDetectorTimings } from './scenarios/detectors.scenario';
import { runDuringCall } from './scenarios/during-call.scenario';
import { runEndpointOverhead } from './scenarios/endpoints.scenario';
import { lakeraGuard, PII_PRE_CALL } from './scenarios/guardrail-configs';
import { runOpenStreams } from './scenarios/open-streams.scenario';
import { measurePair } from './scenarios/overhead.scenario';
import { runTtfb } from './scenarios/ttfb.scenario';
import { runLakeraDirect, runVendorCache, runVendorDuring } from './scenarios/vendor-calls.scenario';
import { runViolationLog } from './scenarios/violation-log.scenario';
import { pinProcesses } from './support/cpu-pinning';
import { describeMachine } from './support/machine';
import { startBareProxy, startMock } from './support/mocks';
import { DEFAULT_GATEWAY_CLI, readBenchOptions, SCENARIOS, type BenchOptions } from './support/options';
import { killRunningServices } from './support/service-process';

const log = (line: string): void => void process.stdout.write(`${line}\n`);

function describeSettings(options: BenchOptions): string {
  return (
    `${options.durationS} s per measured run after ${options.warmupS} s of warm-up; latency on ` +
    `${options.latencyConnections} connection(s), throughput on ${options.connections} connections; ` +
    `${options.ttfbSamples} first-chunk samples per side; ${options.streams} streams held ${options.holdS} s; ` +
    `violation log at ${options.violationRate} req/s; ${options.detectorIterations} calls per detector` +
    (options.quick ? ' (quick mode)' : '') +
    (options.gatewayCli === DEFAULT_GATEWAY_CLI ? '' : `; gateway build ${options.gatewayCli}`) +
    (options.gatewayNodeFlags.length === 0 ? '' : `; gateway node flags ${options.gatewayNodeFlags.join(' ')}`)
  );
}

type GuardrailList = Parameters<typeof withGateway>[2];

/** One gateway with these guardrails, measured like scenarios 1-3 (warm-up, latency run, flat-out run). */
function guardedPair(context: BenchContext, label: string, name: string, guardrails: GuardrailList): Promise<LoadPair> {
  return withGateway(context, name, guardrails, (gateway) =>
    measurePair(context, { label, url: gateway.chatUrl, headers: GATEWAY_HEADERS, pid: gateway.pid }),
  );
}

const directTarget = (context: BenchContext) => ({
  label: 'direct to mock upstream',
  url: directChatUrl(context),
  pid: context.upstream.pid,
});

/** Scenario 10 (issue #13), right after scenarios 1-3 so that its comparisons share their machine state. */
async function runVendorScenarios(context: BenchContext, results: BenchResults): Promise<void> {
  const { only } = context.options;
  log('Scenario 10: vendor calls and the verdict cache (issue #13)');
  const vendor: VendorResults = { lakeraDirect: await runLakeraDirect(context) };
  results.vendor = vendor;
  if (!results.overhead) {
    const direct = await measurePair(context, directTarget(context));
    const none = await guardedPair(context, NO_GUARD_LABEL, 'no-guardrail', []);
    const pii = only.has('vendor-cache') ? await guardedPair(context, PII_LABEL, 'pii', PII_PRE_CALL) : undefined;
    vendor.baseline = { direct, none, ...(pii ? { pii } : {}) };
  }
  if (only.has('vendor-during')) {
    vendor.during = await runVendorDuring(context);
  }
  if (only.has('vendor-cache')) {
    vendor.cache = await runVendorCache(context);
  }
}

async function runScenarios(context: BenchContext, results: BenchResults): Promise<void> {
  const { only } = context.options;
  if (only.has('overhead') || only.has('ttfb')) {
    log('Scenarios 1-3 and 5: overhead and first chunk');
    const direct = only.has('overhead') ? await measurePair(context, directTarget(context)) : undefined;
    const plain = await withGateway(context, 'no-guardrail', [], async (gateway) => {
      const target = { label: NO_GUARD_LABEL, url: gateway.chatUrl, headers: GATEWAY_HEADERS, pid: gateway.pid };
      const pair = only.has('overhead') ? await measurePair(context, target) : undefined;
      if (only.has('ttfb')) {
        results.ttfb = await runTtfb(context, gateway);
      }
      return pair;
    });
    if (direct && plain) {
      const bare = await startBareProxy(context.upstream.url, context.pin);
      const reference = await measurePair(context, {
        label: REFERENCE_LABEL,
        url: `${bare.url}/v1/chat/completions`,
        pid: bare.pid,
      }).finally(() => bare.stop());
      const pii = await guardedPair(context, PII_LABEL, 'pii', PII_PRE_CALL);
      const lakera = await guardedPair(
        context,
        LAKERA_LABEL,
        'lakera-pre-call',
        lakeraGuard(context.lakera.url, 'pre_call'),
      );
      results.overhead = { direct, reference, gateways: [plain, pii, lakera] };
    }
  }
  if (only.has('vendor-during') || only.has('vendor-cache')) {
    await runVendorScenarios(context, results);
  }
  if (only.has('during')) {
    log('Scenario 4: during_call');
    results.duringCall = await runDuringCall(context);
  }
  if (only.has('streams')) {
    log('Scenario 6: open streams');
    results.openStreams = await runOpenStreams(context);
  }
  if (only.has('violations')) {
    log('Scenario 7: violation log');
    results.violationLog = await runViolationLog(context);
  }
  if (only.has('endpoints')) {
    log('Scenario 9: endpoint pass-through overhead (chat, responses, messages, completions, embeddings)');
    results.endpoints = await runEndpointOverhead(context);
  }
}

/** The results block holds scenarios 1-8 and 10; scenario 9 has its own block, so `--only endpoints` leaves the rest alone. */
function writeResults(options: BenchOptions, results: BenchResults): void {
  const sections = resultSections(results);
  const endpoints = endpointSections(results);
  const others = SCENARIOS.some((name) => name !== 'endpoints' && options.only.has(name));
  log(`\n${renderText(others ? [...sections, ...endpoints] : [machineSection(results), ...endpoints])}`);
  if (!options.write) {
    return;
  }
  if (others) {
    writeBlock('results', renderMarkdown(sections));
    log('\nResults written to BENCHMARKS.md');
  }
  if (endpoints.length > 0) {
    writeBlock('endpoints', renderMarkdown([machineSection(results), ...endpoints], '####'));
    log('\nEndpoint overhead written to BENCHMARKS.md');
  }
}

async function main(): Promise<void> {
  const options = readBenchOptions(process.argv.slice(2), process.env);
  const pin = pinProcesses(options.pin);
  log(`Warden benchmark: ${describeSettings(options)}\n${pin.note}`);
  const results: BenchResults = { machine: describeMachine(), pinning: pin.note, settings: describeSettings(options) };
  if (options.only.has('detectors') && !options.profile) {
    log('Scenario 8: built-in detectors');
    results.detectors = runDetectorTimings(options, log);
  }
  const tempDir = mkdtempSync(join(tmpdir(), 'warden-bench-'));
  const upstream = await startMock('upstream.server.ts');
  const lakera = await startMock('lakera.server.ts');
  const context: BenchContext = { options, pin, tempDir, upstream, lakera, log };
  try {
    if (options.profile) {
      const runs = await runProfiles(context);
      // Endpoint profiles (`--only endpoints`) have their own block: profiling them leaves the others alone.
      const blocks = [
        { name: 'profile', sections: profileSections(runs.filter((run) => !run.label.startsWith('endpoint-'))) },
        {
          name: 'endpoints-profile',
          sections: profileSections(runs.filter((run) => run.label.startsWith('endpoint-'))),
        },
      ].filter((block) => block.sections.length > 0);
      log(`\n${renderText(blocks.flatMap((block) => block.sections))}`);
      if (options.write) {
        for (const block of blocks) {
          writeBlock(block.name, renderMarkdown(block.sections, '####'));
        }
        log('\nProfile tables written to BENCHMARKS.md');
      }
      return;
    }
    await runScenarios(context, results);
  } finally {
    await upstream.stop();
    await lakera.stop();
    if (!options.keepTemp) {
      rmSync(tempDir, { recursive: true, force: true });
    }
  }
  writeResults(options, results);
}

process.on('SIGINT', () => {
  killRunningServices();
  process.exit(130);
});

main().catch((error: unknown) => {
  killRunningServices();
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
