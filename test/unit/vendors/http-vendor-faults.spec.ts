import { decide } from '../../../src/guardrails/guardrail.decision';
import { GuardrailRunner } from '../../../src/guardrails/guardrail.runner';
import type { GuardInput, GuardrailKind, OnError, Verdict } from '../../../src/guardrails/guardrail.types';
import { VerdictCache } from '../../../src/guardrails/verdict-cache/verdict-cache';
import { VENDOR_REGISTRY } from '../../../src/guardrails/vendors/vendor.registry';
import { MetricsService } from '../../../src/metrics/metrics.service';
import { APORIA_MOCK_API_KEY, startAporiaMock } from '../../mocks/aporia.mock';
import { AZURE_MOCK_KEY, startAzureContentSafetyMock } from '../../mocks/azure-content-safety.mock';
import { startBedrockMock } from '../../mocks/bedrock.mock';
import { GENERIC_MOCK_API_KEY, startGenericGuardrailMock } from '../../mocks/generic-guardrail-api.mock';
import { LAKERA_MOCK_API_KEY, startLakeraMock } from '../../mocks/lakera.mock';
import { startModelArmorMock, type ModelArmorMock } from '../../mocks/model-armor.mock';
import { MODERATION_MOCK_API_KEY, startOpenAiModerationMock } from '../../mocks/openai-moderation.mock';
import { startPresidioMock } from '../../mocks/presidio.mock';
import type { SwitchedMockServer, VendorFaultSwitches } from '../../mocks/vendor-faults';
import { definitionOf, realVendorHttp, refusingUrl } from './vendor-test-kit';

/**
 * One fault suite for every HTTP vendor: timeout, 500, malformed JSON, dropped connection, wrong shape and refused
 * connection, each under on_error block (fail closed: 503) and allow (fail open), through the real runner and the
 * real pooled HTTP client against each vendor's mock. A vendor is one row of VENDORS.
 */

type AnyMock = SwitchedMockServer<VendorFaultSwitches>;

interface VendorCase {
  kind: GuardrailKind;
  start(): Promise<AnyMock>;
  /** Params pointing at `base` (the mock's URL, or a refusing one). */
  params(mock: AnyMock, base: string): Record<string, unknown>;
  /** The code a dropped or refused connection is reported with, when not undici's (the AWS SDK says less). */
  networkCode?: string;
}

const CLEAN: GuardInput = { messages: [{ role: 'user', content: 'What is the capital of France?' }] };

const VENDORS: readonly VendorCase[] = [
  {
    kind: 'presidio',
    start: startPresidioMock,
    params: (_mock, base) => ({ presidio_analyzer_api_base: base, presidio_anonymizer_api_base: base }),
  },
  {
    kind: 'openai_moderation',
    start: startOpenAiModerationMock,
    params: (_mock, base) => ({ api_key: MODERATION_MOCK_API_KEY, api_base: `${base}/v1` }),
  },
  {
    kind: 'azure/prompt_shield',
    start: startAzureContentSafetyMock,
    params: (_mock, base) => ({ api_key: AZURE_MOCK_KEY, api_base: base }),
  },
  {
    kind: 'azure/text_moderations',
    start: startAzureContentSafetyMock,
    params: (_mock, base) => ({ api_key: AZURE_MOCK_KEY, api_base: base }),
  },
  {
    kind: 'model_armor',
    start: startModelArmorMock,
    params: (mock, base) => ({
      template_id: 'ma-tmpl',
      credentials: (mock as unknown as ModelArmorMock).serviceAccountKey(),
      api_endpoint: base,
    }),
  },
  {
    kind: 'generic_guardrail_api',
    start: startGenericGuardrailMock,
    params: (_mock, base) => ({ api_key: GENERIC_MOCK_API_KEY, api_base: `${base}/guard` }),
  },
  {
    kind: 'lakera_v2',
    start: startLakeraMock,
    params: (_mock, base) => ({ api_key: LAKERA_MOCK_API_KEY, api_base: base }),
  },
  {
    kind: 'lakera',
    start: startLakeraMock,
    params: (_mock, base) => ({ api_key: LAKERA_MOCK_API_KEY, api_base: base }),
  },
  {
    kind: 'aporia',
    start: startAporiaMock,
    params: (_mock, base) => ({ api_key: APORIA_MOCK_API_KEY, api_base: `${base}/proj-test` }),
  },
  {
    kind: 'bedrock',
    start: startBedrockMock,
    params: (_mock, base) => ({
      guardrailIdentifier: 'gr123abc',
      guardrailVersion: '1',
      aws_region_name: 'eu-west-1',
      aws_bedrock_runtime_endpoint: base,
      aws_access_key_id: 'AKIDEXAMPLE',
      aws_secret_access_key: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    }),
    networkCode: 'NETWORK_ERROR',
  },
];

type ErrorVerdict = Extract<Verdict, { outcome: 'error' }>;

/** Each fault, and what the error verdict must say about it. */
const FAULTS: ReadonlyArray<{
  name: string;
  switches: Partial<VendorFaultSwitches> | 'refused';
  expected: (vendor: VendorCase) => Partial<ErrorVerdict>;
}> = [
  { name: 'a timeout', switches: { hang: true }, expected: () => ({ code: 'timeout' }) },
  { name: 'HTTP 500', switches: { status: 500 }, expected: () => ({ status: 500 }) },
  { name: 'malformed JSON', switches: { nonJson: true }, expected: () => ({ status: 200, code: 'INVALID_RESPONSE' }) },
  {
    name: 'a dropped connection',
    switches: { dropConnection: true },
    expected: (vendor) => ({ code: vendor.networkCode ?? 'ECONNRESET' }),
  },
  { name: 'a wrong shape', switches: { wrongShape: true }, expected: () => ({ code: 'INVALID_RESPONSE' }) },
  {
    name: 'a refused connection',
    switches: 'refused',
    expected: (vendor) => ({ code: vendor.networkCode ?? 'ECONNREFUSED' }),
  },
];
const POLICIES: ReadonlyArray<{ onError: OnError; decision: string }> = [
  { onError: 'block', decision: 'unavailable' },
  { onError: 'allow', decision: 'allow_error' },
];

const runner = new GuardrailRunner(
  new MetricsService(),
  { detailedDebug: false, silent: true },
  new VerdictCache({ maxEntries: 100, maxBytes: 1_000_000 }),
);

describe.each(VENDORS)('$kind: vendor faults', (vendor) => {
  const http = realVendorHttp();
  let mock: AnyMock;
  let refused: string;

  beforeAll(async () => {
    [mock, refused] = await Promise.all([vendor.start(), refusingUrl()]);
  });
  afterEach(() => mock.reset());
  afterAll(async () => {
    await http.close();
    await mock.close();
  });

  it('passes a clean request when nothing is wrong (the suite reaches the mock)', async () => {
    const guardrail = VENDOR_REGISTRY[vendor.kind].create(definitionOf(vendor.kind, vendor.params(mock, mock.url)), {
      http,
    });
    const run = await runner.run(guardrail, CLEAN, {
      mode: 'pre_call',
      requestId: 'ok',
      signal: new AbortController().signal,
    });
    expect(run.verdict.outcome).toBe('pass');
  });

  describe.each(FAULTS)('on $name', ({ name, switches, expected }) => {
    it.each(POLICIES)(
      'is an error verdict that on_error $onError turns into $decision',
      async ({ onError, decision }) => {
        if (switches !== 'refused') {
          mock.set(switches);
        }
        const base = switches === 'refused' ? refused : mock.url;
        const definition = { ...definitionOf(vendor.kind, vendor.params(mock, base)), onError, timeoutMs: 300 };
        const problems = VENDOR_REGISTRY[vendor.kind].validate(definition.params, definition);
        expect(problems).toEqual([]);
        const guardrail = VENDOR_REGISTRY[vendor.kind].create(definition, { http });

        const aborted = new Promise((resolve) => mock.once('aborted', resolve));
        const run = await runner.run(guardrail, CLEAN, {
          mode: 'pre_call',
          requestId: `fault-${vendor.kind}`,
          signal: new AbortController().signal,
        });

        expect(run.verdict).toMatchObject({ outcome: 'error', ...expected(vendor) });
        expect(decide(run).kind).toBe(decision);
        if (name === 'a timeout') {
          // The vendor sees the request go away: nothing is left waiting on its side.
          await aborted;
        }
      },
    );
  });
});
