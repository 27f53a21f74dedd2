import OpenAI from 'openai';
import {
  GUARDRAIL_KINDS,
  GUARDRAIL_MODES,
  type GuardrailKind,
  type GuardrailMode,
} from '../../src/guardrails/guardrail.types';
import { specOf } from '../../src/guardrails/vendors/vendor-specs';
import { startAporiaMock, type AporiaMock } from '../mocks/aporia.mock';
import {
  AZURE_MOCK_KEY,
  startAzureContentSafetyMock,
  type AzureContentSafetyMock,
} from '../mocks/azure-content-safety.mock';
import {
  GENERIC_MOCK_API_KEY,
  startGenericGuardrailMock,
  type GenericGuardrailMock,
} from '../mocks/generic-guardrail-api.mock';
import { startModelArmorMock, type ModelArmorMock } from '../mocks/model-armor.mock';
import {
  MODERATION_MOCK_API_KEY,
  startOpenAiModerationMock,
  type OpenAiModerationMock,
} from '../mocks/openai-moderation.mock';
import { startPresidioMock, type PresidioMock } from '../mocks/presidio.mock';
import { startBedrockMock, type BedrockMock } from '../mocks/bedrock.mock';
import { LAKERA_MOCK_API_KEY, startLakeraMock, type LakeraMock } from '../mocks/lakera.mock';
import { startOpenAiUpstream, type OpenAiUpstreamMock } from '../mocks/openai-upstream.mock';
import { startGateway, type RunningGateway } from './gateway.harness';
import { eventually, newRequestId, TRIGGER, violationsFor, withGuardrails } from './guardrails.harness';

const RESPONSE_KEYS: Record<GuardrailKind, string> = {
  lakera_v2: 'lakera_ai_response',
  lakera: 'lakera_ai_response',
  aporia: 'aporia_ai_response',
  bedrock: 'bedrock_guardrail_response',
  pii: 'pii_response',
  secrets: 'secrets_response',
  banned_keywords: 'banned_keywords_response',
  prompt_injection: 'prompt_injection_response',
  presidio: 'presidio_response',
  openai_moderation: 'openai_moderation_response',
  'azure/prompt_shield': 'azure_prompt_shield_response',
  'azure/text_moderations': 'azure_text_moderations_response',
  model_armor: 'model_armor_response',
  generic_guardrail_api: 'generic_guardrail_api_response',
};
const VENDORS: GuardrailKind[] = [
  'presidio',
  'openai_moderation',
  'azure/prompt_shield',
  'azure/text_moderations',
  'model_armor',
  'generic_guardrail_api',
  'lakera_v2',
  'lakera',
  'aporia',
  'bedrock',
];
/** The modes a provider supports: its spec's, or all of them. */
const modesOf = (kind: GuardrailKind): readonly GuardrailMode[] => specOf(kind)?.modes ?? GUARDRAIL_MODES;
const ACTIONS = ['block', 'monitor'] as const;
const CLEAN = 'What is the capital of France?';

describe('Guardrail engine (end to end, every provider x mode x action)', () => {
  let upstream: OpenAiUpstreamMock;
  let lakera: LakeraMock;
  let aporia: AporiaMock;
  let bedrock: BedrockMock;
  let presidio: PresidioMock;
  let moderation: OpenAiModerationMock;
  let azure: AzureContentSafetyMock;
  let armor: ModelArmorMock;
  let generic: GenericGuardrailMock;
  let gateway: RunningGateway;
  let client: OpenAI;

  function providerParams(kind: GuardrailKind): Record<string, unknown> {
    switch (kind) {
      case 'lakera_v2':
      case 'lakera':
        return { api_key: LAKERA_MOCK_API_KEY, api_base: lakera.url };
      case 'aporia':
        return { api_key: aporia.expectedApiKey, api_base: aporia.apiBase };
      case 'bedrock':
        return {
          guardrailIdentifier: 'gr123abc',
          guardrailVersion: '1',
          aws_region_name: 'us-east-1',
          aws_access_key_id: 'AKIAIOSFODNN7EXAMPLE',
          aws_secret_access_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
          aws_bedrock_runtime_endpoint: bedrock.url,
        };
      case 'pii':
        return {};
      case 'secrets':
        return { action: 'block' };
      case 'banned_keywords':
        return { keywords: ['BLOCKME'] };
      case 'prompt_injection':
        return {};
      case 'presidio':
        return {
          presidio_analyzer_api_base: presidio.url,
          presidio_anonymizer_api_base: presidio.url,
          pii_entities_config: { EMAIL_ADDRESS: 'BLOCK', MARKER: 'BLOCK' },
        };
      case 'openai_moderation':
        return { api_key: MODERATION_MOCK_API_KEY, api_base: moderation.apiBase };
      case 'azure/prompt_shield':
      case 'azure/text_moderations':
        return { api_key: AZURE_MOCK_KEY, api_base: azure.url };
      case 'model_armor':
        return { template_id: 'ma-tmpl', credentials: armor.serviceAccountKey(), api_endpoint: armor.url };
      case 'generic_guardrail_api':
        return { api_key: GENERIC_MOCK_API_KEY, api_base: generic.apiBase };
    }
  }

  function vendorMock(kind: GuardrailKind): { requests: unknown[] } | undefined {
    const mocks: Partial<Record<GuardrailKind, { requests: unknown[] }>> = {
      lakera_v2: lakera,
      lakera,
      aporia,
      bedrock,
      presidio,
      openai_moderation: moderation,
      'azure/prompt_shield': azure,
      'azure/text_moderations': azure,
      model_armor: { requests: armor.armorRequests() },
      generic_guardrail_api: generic,
    };
    return mocks[kind];
  }

  function switchedMock(kind: GuardrailKind): { set(switches: { status: 500 }): unknown } {
    const mocks: Partial<Record<GuardrailKind, { set(switches: { status: 500 }): unknown }>> = {
      lakera_v2: lakera,
      lakera,
      aporia,
      bedrock,
      presidio,
      openai_moderation: moderation,
      'azure/prompt_shield': azure,
      'azure/text_moderations': azure,
      model_armor: armor,
      generic_guardrail_api: generic,
    };
    return mocks[kind] as { set(switches: { status: 500 }): unknown };
  }

  /** Guardrail names allow no `/`: `azure/prompt_shield` becomes `azure.prompt_shield`. */
  const slug = (kind: GuardrailKind): string => kind.replace('/', '.');
  const name = (kind: GuardrailKind, mode: GuardrailMode, action: string): string => `${slug(kind)}-${mode}-${action}`;

  beforeAll(async () => {
    [upstream, lakera, aporia, bedrock, presidio, moderation, azure, armor, generic] = await Promise.all([
      startOpenAiUpstream('upstream'),
      startLakeraMock(),
      startAporiaMock(),
      startBedrockMock(),
      startPresidioMock(),
      startOpenAiModerationMock(),
      startAzureContentSafetyMock(),
      startModelArmorMock(),
      startGenericGuardrailMock(),
    ]);
    const guardrails: unknown[] = [];
    for (const kind of GUARDRAIL_KINDS) {
      for (const mode of modesOf(kind)) {
        for (const action of ACTIONS) {
          guardrails.push({
            guardrail_name: name(kind, mode, action),
            litellm_params: { guardrail: kind, mode, on_flagged: action, ...providerParams(kind) },
          });
        }
      }
    }
    for (const kind of VENDORS) {
      for (const onError of ['block', 'allow']) {
        guardrails.push({
          guardrail_name: `${slug(kind)}-down-${onError}`,
          litellm_params: {
            guardrail: kind,
            mode: 'pre_call',
            on_error: onError,
            timeout_ms: 1000,
            ...providerParams(kind),
          },
        });
      }
    }
    guardrails.push(
      {
        guardrail_name: 'lakera-mask',
        litellm_params: { guardrail: 'lakera_v2', mode: 'pre_call', mask_pii: true, ...providerParams('lakera_v2') },
      },
      {
        guardrail_name: 'pii-mask',
        litellm_params: {
          guardrail: 'pii',
          mode: ['pre_call', 'post_call'],
          pii_entities_config: { EMAIL_ADDRESS: 'MASK' },
        },
      },
      { guardrail_name: 'secrets-mask', litellm_params: { guardrail: 'secrets', mode: 'pre_call' } },
      { guardrail_name: 'secrets-mask-out', litellm_params: { guardrail: 'secrets', mode: 'post_call' } },
      {
        guardrail_name: 'aporia-modify',
        litellm_params: { guardrail: 'aporia', mode: 'pre_call', ...providerParams('aporia') },
      },
      {
        guardrail_name: 'bedrock-anonymize',
        litellm_params: { guardrail: 'bedrock', mode: ['pre_call', 'post_call'], ...providerParams('bedrock') },
      },
    );
    gateway = await startGateway({
      model_list: [
        {
          model_name: 'gpt',
          litellm_params: { model: 'openai/gpt-test', api_base: `${upstream.url}/v1`, api_key: 'up' },
        },
      ],
      guardrails,
    });
    client = gateway.client();
  });

  afterAll(async () => {
    await gateway.close();
    await Promise.all(
      [upstream, lakera, aporia, bedrock, presidio, moderation, azure, armor, generic].map((mock) => mock.close()),
    );
  });

  beforeEach(() => {
    for (const mock of [upstream, lakera, aporia, bedrock, presidio, moderation, azure, armor, generic]) {
      mock.reset();
    }
  });

  /** Sends a chat request naming one guardrail; the flagged text is in the input, or in the output for post_call. */
  async function send(guardrail: string, mode: GuardrailMode, flagged: boolean, requestId: string) {
    if (mode === 'post_call') {
      upstream.defaults = { content: flagged ? TRIGGER : 'Paris.' };
    }
    const content = flagged && mode !== 'post_call' ? TRIGGER : CLEAN;
    return client.chat.completions
      .create(withGuardrails({ model: 'gpt', messages: [{ role: 'user' as const, content }] }, [guardrail]), {
        headers: { 'x-request-id': requestId },
      })
      .withResponse();
  }

  const matrix = GUARDRAIL_KINDS.flatMap((kind) => modesOf(kind).map((mode) => [kind, mode] as const));

  describe.each(matrix)('%s in %s', (kind, mode) => {
    it('blocks a flagged request with 400 and the contract body, and records a blocked violation', async () => {
      const guardrail = name(kind, mode, 'block');
      const requestId = newRequestId('block');
      if (mode === 'during_call') {
        upstream.defaults = { hang: true };
      }
      const error = await send(guardrail, mode, true, requestId).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      const apiError = error as InstanceType<typeof OpenAI.BadRequestError>;
      expect(apiError.status).toBe(400);
      expect(apiError.error).toMatchObject({
        message: { error: 'Violated content safety policy', [RESPONSE_KEYS[kind]]: expect.anything() as unknown },
        type: 'None',
        param: 'None',
        code: '400',
      });
      expect(apiError.headers.get('x-warden-applied-guardrails')).toBe(guardrail);
      if (mode === 'pre_call') {
        expect(upstream.chatRequests()).toHaveLength(0);
      }
      if (mode === 'during_call') {
        // Whatever reached the upstream was aborted: nothing was answered.
        await eventually(() => upstream.aborted.length === upstream.chatRequests().length);
      }
      const [violation] = await violationsFor(gateway.app, requestId);
      expect(violation).toMatchObject({
        guardrailName: guardrail,
        provider: kind,
        mode,
        action: 'blocked',
        model: 'gpt',
      });
    });

    it('lets a flagged request through under monitor and records a monitored violation', async () => {
      const guardrail = name(kind, mode, 'monitor');
      const requestId = newRequestId('monitor');
      const { data, response } = await send(guardrail, mode, true, requestId);
      expect(data.choices[0].message.content).toBe(mode === 'post_call' ? TRIGGER : 'reply from upstream');
      expect(response.headers.get('x-warden-applied-guardrails')).toBe(guardrail);
      if (mode !== 'post_call') {
        // monitor never alters traffic: the upstream got the original text
        expect(JSON.stringify(upstream.chatRequests()[0].body)).toContain('BLOCKME');
      }
      const [violation] = await violationsFor(gateway.app, requestId);
      expect(violation).toMatchObject({ guardrailName: guardrail, action: 'monitored', mode });
    });

    it('passes a clean request and records nothing', async () => {
      const guardrail = name(kind, mode, 'block');
      const requestId = newRequestId('clean');
      const { data } = await send(guardrail, mode, false, requestId);
      expect(data.choices[0].message.content).toBe(mode === 'post_call' ? 'Paris.' : 'reply from upstream');
      expect(await violationsFor(gateway.app, requestId)).toHaveLength(0);
      const mock = vendorMock(kind);
      if (mock) {
        expect(mock.requests).toHaveLength(1);
      }
    });
  });

  it('does not run a guardrail the request does not name', async () => {
    const requestId = newRequestId('unnamed');
    const { data, response } = await client.chat.completions
      .create(
        { model: 'gpt', messages: [{ role: 'user', content: TRIGGER }] },
        { headers: { 'x-request-id': requestId } },
      )
      .withResponse();
    expect(data.choices[0].message.content).toBe('reply from upstream');
    expect(response.headers.get('x-warden-applied-guardrails')).toBe('');
    expect(lakera.requests).toHaveLength(0);
    expect(await violationsFor(gateway.app, requestId)).toHaveLength(0);
  });

  it('answers 400 listing the configured names when a request names an unknown guardrail', async () => {
    const error = await client.chat.completions
      .create(
        withGuardrails({ model: 'gpt', messages: [{ role: 'user' as const, content: CLEAN }] }, ['no-such-guard']),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as Error).message).toContain('no-such-guard');
    expect((error as Error).message).toContain('lakera_v2-pre_call-block');
    expect(upstream.chatRequests()).toHaveLength(0);
  });

  it('removes the guardrails fields before the body goes upstream', async () => {
    await client.chat.completions.create(
      withGuardrails(
        {
          model: 'gpt',
          messages: [{ role: 'user', content: CLEAN }],
          metadata: { guardrails: ['pii-pre_call-monitor'], team: 'blue' } as unknown as Record<string, string>,
        },
        ['pii-pre_call-block'],
      ),
    );
    const body = upstream.chatRequests()[0].body as Record<string, unknown>;
    expect(body.guardrails).toBeUndefined();
    expect(body.metadata).toEqual({ team: 'blue' });
  });

  it('accepts metadata.guardrails and the dict form with extra_body merged into the vendor request', async () => {
    await client.chat.completions.create(
      withGuardrails(
        {
          model: 'gpt',
          messages: [{ role: 'user', content: CLEAN }],
        },
        { 'lakera_v2-pre_call-block': { extra_body: { metadata: { session_id: 's-42' } } } },
      ),
    );
    expect(lakera.requests).toHaveLength(1);
    expect(lakera.requests[0].body).toMatchObject({ metadata: { session_id: 's-42' } });
    lakera.reset();
    await client.chat.completions.create({
      model: 'gpt',
      messages: [{ role: 'user', content: CLEAN }],
      metadata: { guardrails: ['lakera_v2-pre_call-block'] } as unknown as Record<string, string>,
    });
    expect(lakera.requests).toHaveLength(1);
  });

  it('a client cannot switch off a fail-open guardrail with an extra_body its vendor refuses: 400, upstream not called', async () => {
    const requestId = newRequestId('bad-extra-body');
    const error = await client.chat.completions
      .create(
        withGuardrails(
          { model: 'gpt', messages: [{ role: 'user', content: CLEAN }] },
          { 'lakera_v2-down-allow': { extra_body: { project_id: 42 } } },
        ),
        { headers: { 'x-request-id': requestId } },
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 400,
      error: { type: 'invalid_request_error', param: 'guardrails.lakera_v2-down-allow.extra_body' },
    });
    expect(upstream.chatRequests()).toHaveLength(0);
    const [violation] = await violationsFor(gateway.app, requestId);
    expect(violation).toMatchObject({ guardrailName: 'lakera_v2-down-allow', action: 'error' });
  });

  it('runs during_call guardrails in parallel with the upstream: the guard is asked before the upstream answers', async () => {
    // The upstream answers only after the guard's request has arrived: run one after the other, this would deadlock.
    const guardAsked = lakera.nextRequest();
    upstream.holdUntil(guardAsked);
    const { data } = await send('lakera_v2-during_call-block', 'during_call', false, newRequestId('parallel'));
    expect(data.choices[0].message.content).toBe('reply from upstream');
    expect(upstream.chatRequests()).toHaveLength(1);
    expect(lakera.requests).toHaveLength(1);
  });

  it('runs the guardrails of one mode concurrently: each vendor is asked before the other answers', async () => {
    // Each vendor answers only once the other has been asked: run one after the other, this would deadlock.
    lakera.holdUntil(aporia.nextRequest());
    aporia.holdUntil(lakera.nextRequest());
    const { data, response } = await client.chat.completions
      .create(
        withGuardrails({ model: 'gpt', messages: [{ role: 'user' as const, content: CLEAN }] }, [
          'lakera_v2-pre_call-block',
          'aporia-pre_call-block',
        ]),
      )
      .withResponse();
    expect(data.choices[0].message.content).toBe('reply from upstream');
    expect(response.headers.get('x-warden-applied-guardrails')).toBe('lakera_v2-pre_call-block,aporia-pre_call-block');
  });

  it('aborts the in-flight upstream request the moment a during_call guard blocks', async () => {
    upstream.defaults = { hang: true };
    const upstreamArrived = upstream.nextRequest();
    lakera.holdUntil(upstreamArrived);
    const aborted = new Promise((resolve) => upstream.once('aborted', resolve));
    await expect(send('lakera_v2-during_call-block', 'during_call', true, newRequestId('abort'))).rejects.toMatchObject(
      { status: 400 },
    );
    await aborted;
    expect(upstream.aborted).toHaveLength(1);
  });

  it('holds a stream until the during_call guard has answered, then streams it', async () => {
    const guardAsked = lakera.nextRequest();
    upstream.holdUntil(guardAsked);
    const stream = await client.chat.completions.create(
      withGuardrails(
        {
          model: 'gpt',
          stream: true,
          messages: [{ role: 'user', content: CLEAN }],
        },
        ['lakera_v2-during_call-block'],
      ),
    );
    let text = '';
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
    }
    expect(text).toBe('reply from upstream');
  });

  describe.each(VENDORS)('%s unavailable', (kind) => {
    function breakVendor(): void {
      switchedMock(kind).set({ status: 500 });
    }

    it('fails closed with 503 under on_error: block and records an error violation', async () => {
      breakVendor();
      const requestId = newRequestId('down-block');
      const error = await send(`${slug(kind)}-down-block`, 'pre_call', false, requestId).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.APIError);
      expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(503);
      expect((error as InstanceType<typeof OpenAI.APIError>).error).toMatchObject({ type: 'guardrail_unavailable' });
      expect(upstream.chatRequests()).toHaveLength(0);
      const [violation] = await violationsFor(gateway.app, requestId);
      expect(violation).toMatchObject({ guardrailName: `${slug(kind)}-down-block`, action: 'error' });
    });

    it('lets the request through under on_error: allow and still records the error', async () => {
      breakVendor();
      const requestId = newRequestId('down-allow');
      const { data } = await send(`${slug(kind)}-down-allow`, 'pre_call', false, requestId);
      expect(data.choices[0].message.content).toBe('reply from upstream');
      const [violation] = await violationsFor(gateway.app, requestId);
      expect(violation).toMatchObject({ guardrailName: `${slug(kind)}-down-allow`, action: 'error' });
    });
  });

  it('treats a vendor that never answers as an error after timeout_ms', async () => {
    lakera.set({ hang: true });
    const requestId = newRequestId('timeout');
    await expect(send('lakera_v2-down-block', 'pre_call', false, requestId)).rejects.toMatchObject({ status: 503 });
    const [violation] = await violationsFor(gateway.app, requestId);
    expect(violation.vendorResponse).toMatchObject({ code: 'timeout' });
  });

  describe('masking', () => {
    it('lakera_v2 with mask_pii sends the masked text upstream and records a masked violation', async () => {
      const requestId = newRequestId('lakera-mask');
      await client.chat.completions.create(
        withGuardrails(
          {
            model: 'gpt',
            messages: [
              { role: 'user', content: 'Hi, my email is jane.doe@example.com and my card is 4111 1111 1111 1111.' },
            ],
          },
          ['lakera-mask'],
        ),
        { headers: { 'x-request-id': requestId } },
      );
      const sent = upstream.chatRequests()[0].body as { messages: Array<{ content: string }> };
      expect(sent.messages[0].content).toBe('Hi, my email is [MASKED EMAIL] and my card is [MASKED CREDIT_CARD].');
      const [violation] = await violationsFor(gateway.app, requestId);
      expect(violation).toMatchObject({ action: 'masked' });
      expect(JSON.stringify(violation.vendorResponse)).not.toContain('jane.doe@example.com');
    });

    it('pii with pii_entities_config MASK masks the input before it goes upstream', async () => {
      const requestId = newRequestId('pii-mask');
      await client.chat.completions.create(
        withGuardrails(
          {
            model: 'gpt',
            messages: [{ role: 'user', content: 'Write to jane.doe@example.com please' }],
          },
          ['pii-mask'],
        ),
        { headers: { 'x-request-id': requestId } },
      );
      const sent = upstream.chatRequests()[0].body as { messages: Array<{ content: string }> };
      expect(sent.messages[0].content).toBe('Write to [MASKED EMAIL_ADDRESS] please');
      const violations = await violationsFor(gateway.app, requestId);
      expect(violations.map((v) => v.action)).toContain('masked');
      expect(violations.every((v) => !(v.excerpt ?? '').includes('jane.doe@example.com'))).toBe(true);
    });

    it('pii in post_call masks the response, also when streamed, without replaying the original text', async () => {
      upstream.defaults = { content: 'Contact jane.doe@example.com for details.' };
      const completion = await client.chat.completions.create(
        withGuardrails(
          {
            model: 'gpt',
            messages: [{ role: 'user', content: 'Who do I contact?' }],
          },
          ['pii-mask'],
        ),
      );
      expect(completion.choices[0].message.content).toBe('Contact [MASKED EMAIL_ADDRESS] for details.');
      const stream = await client.chat.completions.create(
        withGuardrails(
          {
            model: 'gpt',
            stream: true,
            messages: [{ role: 'user', content: 'Who do I contact?' }],
          },
          ['pii-mask'],
        ),
      );
      let text = '';
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta?.content ?? '';
      }
      expect(text).toBe('Contact [MASKED EMAIL_ADDRESS] for details.');
    });

    it('pii in post_call masks each choice of an n > 1 answer on its own, streamed or not', async () => {
      upstream.defaults = { contents: ['No address here.', 'Contact jane.doe@example.com for details.'] };
      const request = withGuardrails(
        { model: 'gpt', n: 2, messages: [{ role: 'user' as const, content: 'Who do I contact?' }] },
        ['pii-mask'],
      );
      const completion = await client.chat.completions.create(request);
      expect(completion.choices.map((choice) => choice.message.content)).toEqual([
        'No address here.',
        'Contact [MASKED EMAIL_ADDRESS] for details.',
      ]);
      const stream = await client.chat.completions.create({ ...request, stream: true });
      const texts = ['', ''];
      for await (const chunk of stream) {
        for (const choice of chunk.choices) {
          texts[choice.index] += choice.delta?.content ?? '';
        }
      }
      expect(texts).toEqual(['No address here.', 'Contact [MASKED EMAIL_ADDRESS] for details.']);
    });

    it('post_call checks every choice of a stream: a flag in the second choice blocks it', async () => {
      upstream.defaults = { contents: ['A clean answer.', `A second answer: ${TRIGGER}`] };
      const request = withGuardrails(
        { model: 'gpt', n: 2, stream: true as const, messages: [{ role: 'user' as const, content: CLEAN }] },
        [name('banned_keywords', 'post_call', 'block')],
      );
      await expect(client.chat.completions.create(request)).rejects.toMatchObject({ status: 400 });
    });

    it('secrets masks API keys by default and never stores them', async () => {
      const requestId = newRequestId('secrets-mask');
      const key = 'sk-proj-Tq3vX9mR2kL8pW4nZ7bY1cH6jF0sD5aG3eU8iO2tR9yQ4wE7xC1vB6nM0lK5jH2g';
      await client.chat.completions.create(
        withGuardrails(
          {
            model: 'gpt',
            messages: [{ role: 'user', content: `use ${key} to call it` }],
          },
          ['secrets-mask'],
        ),
        { headers: { 'x-request-id': requestId } },
      );
      const sent = JSON.stringify(upstream.chatRequests()[0].body);
      expect(sent).not.toContain(key);
      expect(sent).toContain('[REDACTED');
      const [violation] = await violationsFor(gateway.app, requestId);
      expect(violation.action).toBe('masked');
      expect(JSON.stringify(violation)).not.toContain(key);
    });

    it('aporia modify rewrites the prompt with the revised text', async () => {
      aporia.set({ action: 'modify', revisedPrompt: 'A safer question.' });
      const requestId = newRequestId('aporia-modify');
      await client.chat.completions.create(
        withGuardrails(
          {
            model: 'gpt',
            messages: [{ role: 'user', content: 'Tell me about our competitor.' }],
          },
          ['aporia-modify'],
        ),
        { headers: { 'x-request-id': requestId } },
      );
      const sent = upstream.chatRequests()[0].body as { messages: Array<{ content: string }> };
      expect(sent.messages[0].content).toBe('A safer question.');
      const [violation] = await violationsFor(gateway.app, requestId);
      expect(violation.action).toBe('masked');
    });
    it('bedrock anonymize masks the prompt and the answer with its {TYPE} text, and stores neither e-mail', async () => {
      upstream.defaults = { content: 'Write to max@example.org instead.' };
      const requestId = newRequestId('bedrock-anonymize');
      const completion = await client.chat.completions.create(
        withGuardrails(
          {
            model: 'gpt',
            messages: [
              { role: 'system', content: 'Be brief.' },
              { role: 'user', content: 'My email is jane.doe@example.com' },
            ],
          },
          ['bedrock-anonymize'],
        ),
        { headers: { 'x-request-id': requestId } },
      );
      const sent = upstream.chatRequests()[0].body as { messages: Array<{ content: string }> };
      expect(sent.messages.map((message) => message.content)).toEqual(['Be brief.', 'My email is {EMAIL}']);
      expect(completion.choices[0].message.content).toBe('Write to {EMAIL} instead.');
      const violations = await violationsFor(gateway.app, requestId);
      expect(violations.map((v) => [v.mode, v.action])).toEqual([
        ['pre_call', 'masked'],
        ['post_call', 'masked'],
      ]);
      expect(JSON.stringify(violations)).not.toMatch(/jane\.doe@example\.com|max@example\.org/);
    });
  });

  describe('tool calls, where agents move data', () => {
    const KEY = 'sk-proj-Tq3vX9mR2kL8pW4nZ7bY1cH6jF0sD5aG3eU8iO2tR9yQ4wE7xC1vB6nM0lK5jH2g';
    const ask = (guardrail: string) =>
      withGuardrails({ model: 'gpt', messages: [{ role: 'user' as const, content: 'Send the report.' }] }, [guardrail]);

    it('post_call masks a secret the model put in tool call arguments, streamed or not', async () => {
      upstream.defaults = { toolCall: { name: 'send', arguments: `{"key":"${KEY}","to":"ops"}` } };
      const completion = await client.chat.completions.create(ask('secrets-mask-out'));
      const call = completion.choices[0].message.tool_calls?.[0];
      expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({
        key: '[REDACTED OPENAI_API_KEY]',
        to: 'ops',
      });

      const stream = await client.chat.completions.create({ ...ask('secrets-mask-out'), stream: true });
      let streamed = '';
      for await (const chunk of stream) {
        streamed += chunk.choices[0]?.delta?.tool_calls?.[0]?.function?.arguments ?? '';
      }
      expect(JSON.parse(streamed)).toEqual({ key: '[REDACTED OPENAI_API_KEY]', to: 'ops' });
    });

    it('post_call blocks a flagged tool call, streamed or not', async () => {
      upstream.defaults = { toolCall: { name: 'send', arguments: JSON.stringify({ note: TRIGGER }) } };
      const guardrail = name('banned_keywords', 'post_call', 'block');
      await expect(client.chat.completions.create(ask(guardrail))).rejects.toMatchObject({ status: 400 });
      await expect(client.chat.completions.create({ ...ask(guardrail), stream: true })).rejects.toMatchObject({
        status: 400,
      });
    });

    it('pre_call masks PII in the tool call arguments of the conversation before it goes upstream', async () => {
      await client.chat.completions.create(
        withGuardrails(
          {
            model: 'gpt',
            messages: [
              { role: 'user' as const, content: 'Email the report.' },
              {
                role: 'assistant' as const,
                content: null,
                tool_calls: [
                  {
                    id: 'call_1',
                    type: 'function' as const,
                    function: { name: 'send_mail', arguments: '{"to":"jane.doe@example.com"}' },
                  },
                ],
              },
              { role: 'tool' as const, tool_call_id: 'call_1', content: 'sent' },
            ],
          },
          ['pii-mask'],
        ),
      );
      const sent = upstream.chatRequests()[0];
      expect(sent.rawBody).not.toContain('jane.doe@example.com');
      expect(sent.rawBody).toContain('[MASKED EMAIL_ADDRESS]');
    });
  });

  describe('post_call on streams', () => {
    it('returns the violation as a plain 400 before any byte of a flagged stream is sent', async () => {
      upstream.defaults = { content: TRIGGER };
      const response = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'gpt',
          stream: true,
          messages: [{ role: 'user', content: CLEAN }],
          guardrails: ['banned_keywords-post_call-block'],
        }),
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(await response.json()).toMatchObject({
        error: { message: { error: 'Violated content safety policy' }, code: '400' },
      });
    });

    it('releases a clean stream whole after checking it', async () => {
      upstream.defaults = { content: 'all fine here' };
      const stream = await client.chat.completions.create(
        withGuardrails(
          {
            model: 'gpt',
            stream: true,
            messages: [{ role: 'user', content: CLEAN }],
          },
          ['banned_keywords-post_call-block'],
        ),
      );
      let text = '';
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta?.content ?? '';
      }
      expect(text).toBe('all fine here');
    });
  });
});

describe('default_on guardrails', () => {
  let upstream: OpenAiUpstreamMock;
  let gateway: RunningGateway;

  beforeAll(async () => {
    upstream = await startOpenAiUpstream();
    gateway = await startGateway({
      model_list: [{ model_name: 'gpt', litellm_params: { model: 'openai/gpt', api_base: `${upstream.url}/v1` } }],
      guardrails: [
        {
          guardrail_name: 'always',
          litellm_params: { guardrail: 'banned_keywords', mode: 'pre_call', default_on: true, keywords: ['forbidden'] },
        },
        {
          guardrail_name: 'on-request',
          litellm_params: { guardrail: 'banned_keywords', mode: 'pre_call', keywords: ['other'] },
        },
      ],
    });
  });

  afterAll(async () => {
    await gateway.close();
    await upstream.close();
  });

  it('runs on every request without being named, and alongside named ones', async () => {
    const client = gateway.client();
    await expect(
      client.chat.completions.create({ model: 'gpt', messages: [{ role: 'user', content: 'a forbidden word' }] }),
    ).rejects.toMatchObject({
      status: 400,
    });
    const { response } = await client.chat.completions
      .create(withGuardrails({ model: 'gpt', messages: [{ role: 'user' as const, content: 'fine' }] }, ['on-request']))
      .withResponse();
    expect(response.headers.get('x-warden-applied-guardrails')).toBe('always,on-request');
    expect(upstream.chatRequests()).toHaveLength(1);
  });
});

describe('guardrail vendor faults', () => {
  const FAULTS = [
    ['times out', { hang: true }],
    ['answers 500', { status: 500 }],
    ['answers malformed JSON', { nonJson: true }],
    ['drops the connection', { dropConnection: true }],
    ['answers 200 with the wrong shape', { wrongShape: true }],
  ] as const;
  let upstream: OpenAiUpstreamMock;
  let lakera: LakeraMock;
  let gateway: RunningGateway;

  beforeAll(async () => {
    [upstream, lakera] = await Promise.all([startOpenAiUpstream(), startLakeraMock()]);
    const guard = (name: string, onError: string, apiBase: string) => ({
      guardrail_name: name,
      litellm_params: {
        guardrail: 'lakera_v2',
        mode: 'pre_call',
        on_error: onError,
        timeout_ms: 300,
        api_key: LAKERA_MOCK_API_KEY,
        api_base: apiBase,
      },
    });
    gateway = await startGateway({
      model_list: [{ model_name: 'gpt', litellm_params: { model: 'openai/gpt', api_base: `${upstream.url}/v1` } }],
      guardrails: [
        guard('closed', 'block', lakera.url),
        guard('open', 'allow', lakera.url),
        guard('refused-closed', 'block', 'http://127.0.0.1:9'),
        guard('refused-open', 'allow', 'http://127.0.0.1:9'),
      ],
    });
  });

  afterAll(async () => {
    await gateway.close();
    await Promise.all([upstream.close(), lakera.close()]);
  });

  beforeEach(() => {
    upstream.reset();
    lakera.reset();
  });

  async function ask(guardrail: string, requestId: string): Promise<number> {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify({ model: 'gpt', messages: [{ role: 'user', content: CLEAN }], guardrails: [guardrail] }),
    });
    await response.arrayBuffer();
    return response.status;
  }

  describe.each(FAULTS)('when the vendor %s', (_label, fault) => {
    it('fails closed under on_error: block (503, upstream not called, error recorded)', async () => {
      lakera.set(fault);
      const requestId = newRequestId('fault-closed');
      expect(await ask('closed', requestId)).toBe(503);
      expect(upstream.chatRequests()).toHaveLength(0);
      expect((await violationsFor(gateway.app, requestId)).map((v) => v.action)).toEqual(['error']);
    });

    it('fails open under on_error: allow (200, error recorded)', async () => {
      lakera.set(fault);
      const requestId = newRequestId('fault-open');
      expect(await ask('open', requestId)).toBe(200);
      expect((await violationsFor(gateway.app, requestId)).map((v) => v.action)).toEqual(['error']);
    });
  });

  it('treats a refused connection as an error, both ways', async () => {
    const closed = newRequestId('refused-closed');
    const open = newRequestId('refused-open');
    expect(await ask('refused-closed', closed)).toBe(503);
    expect(await ask('refused-open', open)).toBe(200);
    expect((await violationsFor(gateway.app, closed))[0].vendorResponse).toMatchObject({ code: 'ECONNREFUSED' });
    expect((await violationsFor(gateway.app, open))[0].action).toBe('error');
  });
});
