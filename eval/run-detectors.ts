import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compileBannedKeywords } from '../src/guardrails/vendors/detectors/banned-keywords.detector';
import { detectPii } from '../src/guardrails/vendors/detectors/pii.detector';
import { detectPromptInjection } from '../src/guardrails/vendors/detectors/prompt-injection.detector';
import { detectSecrets } from '../src/guardrails/vendors/detectors/secrets.detector';
import { COVERAGE_NOTES, METHOD_NOTES } from './coverage-notes';
import { DEFAULT_DATA_DIR, missingDataFiles, missingDataMessage } from './data-dir';
import { evaluateInjection } from './injection-eval';
import { medianLatencyMs, promptsOfSize } from './latency';
import { loadInjectionDatasets, loadPiiDatasets } from './load-datasets';
import { evaluatePii } from './pii-eval';
import { renderConsole, renderMarkdown, type DetectionReport } from './report';
import { buildSecretCases } from './secret-cases';
import { evaluateSecrets } from './secrets-eval';
import { checkTargets, combinePiiCounts } from './targets';

const PROJECT_ROOT = path.resolve(__dirname, '..');
const LATENCY_PROMPT_CHARS = 2_048;

interface Options {
  dataDir: string;
  out: string | undefined;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { dataDir: DEFAULT_DATA_DIR, out: path.join(PROJECT_ROOT, 'DETECTION.md') };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--data') {
      options.dataDir = path.resolve(argv[++index] ?? '');
    } else if (arg === '--out') {
      options.out = path.resolve(argv[++index] ?? '');
    } else if (arg === '--no-write') {
      options.out = undefined;
    } else {
      throw new Error(`unknown option ${arg}; usage: run-detectors [--data DIR] [--out FILE | --no-write]`);
    }
  }
  return options;
}

function measureLatencies(texts: readonly string[]): DetectionReport['latencies'] {
  const prompts = promptsOfSize(texts, LATENCY_PROMPT_CHARS, 50);
  const banned = compileBannedKeywords({
    keywords: ['project falcon', 'internal only', 'confidential', 'codename', 'do not distribute'],
    patterns: ['ticket-\\d{4,6}', 'acct-[a-z]{3}-\\d{6}'],
  });
  const detectors: Array<[string, (text: string) => unknown]> = [
    ['pii (all six entities)', (text) => detectPii(text)],
    ['secrets', detectSecrets],
    ['prompt_injection', (text) => detectPromptInjection(text)],
    ['banned_keywords (5 keywords, 2 patterns)', (text) => banned.detect(text)],
  ];
  return detectors.map(([detector, detect]) => {
    let next = 0;
    const medianMs = medianLatencyMs(() => {
      detect(prompts[next++ % prompts.length]);
    }, 2_000);
    return { detector, medianMs };
  });
}

function main(): number {
  const options = parseOptions(process.argv.slice(2));
  const missing = missingDataFiles(options.dataDir);
  if (missing.length > 0) {
    console.error(missingDataMessage(options.dataDir, missing));
    return 2;
  }
  const injectionData = loadInjectionDatasets(options.dataDir);
  const injection = evaluateInjection(injectionData, (text) => detectPromptInjection(text));
  const pii = loadPiiDatasets(options.dataDir).map(({ file, rows }) => ({
    file,
    evaluation: evaluatePii(rows, (text) => detectPii(text)),
  }));
  const secretCases = buildSecretCases();
  const secrets = evaluateSecrets(secretCases, detectSecrets);
  const benignTexts = [...injectionData.selfInstruct, ...injectionData.notInject].map((row) => row.text);
  const cpus = os.cpus();
  const report: DetectionReport = {
    machine: {
      date: new Date().toISOString().slice(0, 10),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      cpu: `${cpus[0]?.model.trim() ?? 'unknown CPU'} × ${cpus.length}`,
      node: process.version,
    },
    injection,
    pii,
    secrets,
    secretCaseCount: secretCases.length,
    latencies: measureLatencies(benignTexts),
    targets: checkTargets(injection, combinePiiCounts(pii.map(({ evaluation }) => evaluation)), secrets),
  };
  console.log(renderConsole(report));
  if (options.out) {
    writeFileSync(options.out, renderMarkdown(report, METHOD_NOTES, COVERAGE_NOTES));
    console.log(`\nwrote ${path.relative(process.cwd(), options.out) || options.out}`);
  }
  const missed = report.targets.filter((check) => !check.met);
  if (missed.length > 0) {
    console.error(`\n${missed.length} target(s) missed: ${missed.map((check) => check.name).join('; ')}`);
    return 1;
  }
  return 0;
}

process.exitCode = main();
