import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { GuardrailEntity } from '../../src/guardrails/guardrail.entity';
import { LAKERA_MOCK_API_KEY, startLakeraMock, type LakeraMock } from '../mocks/lakera.mock';
import { DATABASES } from '../support/test-databases';
import { startGateway } from './gateway.harness';
import { withGuardrails } from './guardrails.harness';

const MASTER_KEY = 'sk-warden-secrets-test';
const SALT_KEY = 'salt-0123456789abcdef-test';
const API_GUARD_KEY = 'lk-created-through-the-api-5566';

function createGuardrail(gatewayUrl: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${gatewayUrl}/admin/guardrails`, {
    method: 'POST',
    headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe.each(DATABASES)('guardrail secrets encrypted at rest on $kind', (database) => {
  let lakera: LakeraMock;
  let db: { url: string; drop(): Promise<void> };

  const config = (general: Record<string, unknown>): Record<string, unknown> => ({
    model_list: [{ model_name: 'mock', litellm_params: { model: 'mock/demo', mock_response: 'Hi!' } }],
    guardrails: [
      {
        guardrail_name: 'lakera-config',
        litellm_params: {
          guardrail: 'lakera_v2',
          mode: 'pre_call',
          default_on: true,
          api_key: 'os.environ/LAKERA_KEY',
          api_base: lakera.url,
        },
      },
    ],
    general_settings: { master_key: MASTER_KEY, database_url: db.url, ...general },
  });
  const env = { LAKERA_KEY: LAKERA_MOCK_API_KEY };

  async function storedParams(): Promise<Map<string, Record<string, unknown>>> {
    const source = new DataSource(dataSourceOptions(db.url));
    await source.initialize();
    try {
      const rows = await source.getRepository(GuardrailEntity).find();
      return new Map(rows.map((row) => [row.name, row.params]));
    } finally {
      await source.destroy();
    }
  }

  beforeAll(async () => {
    lakera = await startLakeraMock();
  });

  beforeEach(async () => {
    db = await database.create();
  });

  afterEach(async () => {
    await db.drop();
  });

  afterAll(async () => {
    await lakera.close();
  });

  it('stores only ciphertext, calls the vendor with the real key, and needs the same salt key to start again', async () => {
    const gateway = await startGateway(config({ salt_key: SALT_KEY }), env);
    try {
      const created = await createGuardrail(gateway.url, {
        guardrail_name: 'lakera-api',
        litellm_params: {
          guardrail: 'lakera_v2',
          mode: 'post_call',
          api_key: API_GUARD_KEY,
          api_base: lakera.url,
          extra_headers: { 'X-Trace': 'not-a-secret' },
        },
      });
      expect(created.status).toBe(201);
      const shown = (await created.json()) as { litellm_params: Record<string, unknown> };
      expect(shown.litellm_params.api_key).toBe('lk-...5566');

      const stored = await storedParams();
      for (const [name, plaintext] of [
        ['lakera-config', LAKERA_MOCK_API_KEY],
        ['lakera-api', API_GUARD_KEY],
      ]) {
        const params = stored.get(name)!;
        expect(params.api_key).toMatch(/^enc:v1:[A-Za-z0-9_-]+$/);
        expect(JSON.stringify(params)).not.toContain(plaintext);
        expect(params.api_base).toBe(lakera.url);
      }
      expect(stored.get('lakera-api')!.extra_headers).toEqual({ 'X-Trace': 'not-a-secret' });

      // The Lakera mock answers 401 to any other key, which on_error=block would turn into a 503.
      const answer = await gateway.client(MASTER_KEY).chat.completions.create({
        model: 'mock',
        messages: [{ role: 'user', content: 'hello' }],
      });
      expect(answer.choices[0].message.content).toBe('Hi!');
      expect(lakera.requests.map((request) => request.headers.authorization)).toContain(
        `Bearer ${LAKERA_MOCK_API_KEY}`,
      );
    } finally {
      await gateway.close();
    }

    await expect(startGateway(config({}), env)).rejects.toThrow(
      /guardrail "lakera-\w+": litellm_params\.api_key is encrypted in the database; set general_settings\.salt_key/,
    );
    // The failed start rewrote nothing: the config guardrail's key was not stored again in plaintext.
    expect((await storedParams()).get('lakera-config')!.api_key).toMatch(/^enc:v1:/);
    await expect(startGateway(config({ salt_key: 'another-salt-key-0123456789' }), env)).rejects.toThrow(
      /cannot be decrypted with the configured salt_key/,
    );
    const again = await startGateway(config({ salt_key: SALT_KEY }), env);
    try {
      const answer = await again.client(MASTER_KEY).chat.completions.create({
        model: 'mock',
        messages: [{ role: 'user', content: 'hello again' }],
      });
      expect(answer.choices[0].message.content).toBe('Hi!');
    } finally {
      await again.close();
    }
  });

  it('seals the secrets stored before the salt key was set at the first start with it', async () => {
    const plain = await startGateway(config({}), env);
    try {
      const created = await createGuardrail(plain.url, {
        guardrail_name: 'lakera-api',
        litellm_params: { guardrail: 'lakera_v2', mode: 'post_call', api_key: API_GUARD_KEY, api_base: lakera.url },
      });
      expect(created.status).toBe(201);
      // Stored as given, a key that looks encrypted would stop every later start.
      const lookalike = await createGuardrail(plain.url, {
        guardrail_name: 'lookalike',
        litellm_params: { guardrail: 'lakera_v2', mode: 'pre_call', api_key: 'enc:v1:AAAA', api_base: lakera.url },
      });
      expect(lookalike.status).toBe(400);
      expect(await lookalike.json()).toMatchObject({ error: { param: 'litellm_params.api_key' } });
    } finally {
      await plain.close();
    }
    expect((await storedParams()).get('lakera-api')!.api_key).toBe(API_GUARD_KEY);

    const sealed = await startGateway(config({ salt_key: SALT_KEY }), env);
    await sealed.close();
    const stored = await storedParams();
    expect(stored.get('lakera-api')!.api_key).toMatch(/^enc:v1:/);
    expect(stored.get('lakera-config')!.api_key).toMatch(/^enc:v1:/);
  });

  it('rotates the salt key: a start with the new key and previous_salt_key seals everything again under the new one', async () => {
    const newSaltKey = 'the-new-salt-key-after-rotation';
    const before = await startGateway(config({ salt_key: SALT_KEY }), env);
    try {
      const created = await createGuardrail(before.url, {
        guardrail_name: 'lakera-api',
        // The Lakera mock refuses this key with 401: on_error allow lets the request through with the key recorded.
        litellm_params: {
          guardrail: 'lakera_v2',
          mode: 'post_call',
          on_error: 'allow',
          api_key: API_GUARD_KEY,
          api_base: lakera.url,
        },
      });
      expect(created.status).toBe(201);
    } finally {
      await before.close();
    }
    const sealedBefore = await storedParams();

    await expect(startGateway(config({ salt_key: newSaltKey }), env)).rejects.toThrow(
      /cannot be decrypted with the configured salt_key.*previous_salt_key/,
    );
    const rotating = await startGateway(config({ salt_key: newSaltKey, previous_salt_key: SALT_KEY }), env);
    await rotating.close();
    const sealedAfter = await storedParams();
    for (const name of ['lakera-config', 'lakera-api']) {
      expect(sealedAfter.get(name)!.api_key).toMatch(/^enc:v1:/);
      expect(sealedAfter.get(name)!.api_key).not.toBe(sealedBefore.get(name)!.api_key);
    }

    // The old key is no longer needed, and no longer enough.
    await expect(startGateway(config({ salt_key: SALT_KEY }), env)).rejects.toThrow(/cannot be decrypted/);
    const after = await startGateway(config({ salt_key: newSaltKey }), env);
    try {
      lakera.reset();
      const answer = await after
        .client(MASTER_KEY)
        .chat.completions.create(
          withGuardrails({ model: 'mock', messages: [{ role: 'user', content: 'hello' }] }, ['lakera-api']),
        );
      expect(answer.choices[0].message.content).toBe('Hi!');
      const keys = lakera.requests.map((request) => request.headers.authorization);
      expect(keys).toContain(`Bearer ${LAKERA_MOCK_API_KEY}`);
      expect(keys).toContain(`Bearer ${API_GUARD_KEY}`);
    } finally {
      await after.close();
    }
  });
});
