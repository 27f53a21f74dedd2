import { ViolationQueue } from '../../src/violations/violation.queue';
import { startLakeraMock, type LakeraMock } from '../mocks/lakera.mock';
import { DATABASES } from '../support/test-databases';
import { startGateway, type RunningGateway } from './gateway.harness';

const MASTER_KEY = 'sk-warden-admin-test';
const LAKERA_KEY = 'sk-lakera-live-0000abcd';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Reply {
  status: number;
  json: Record<string, unknown>;
  text: string;
}

interface GuardrailBody {
  id: string;
  guardrail_name: string;
  litellm_params: Record<string, unknown>;
  enabled: boolean;
  source: string;
  created_at: string;
  updated_at: string;
}

interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

describe.each(DATABASES)('Admin guardrails API on $kind', (db) => {
  let database: { url: string; drop(): Promise<void> };
  let gateway: RunningGateway;
  let lakera: LakeraMock;

  async function call(method: string, path: string, body?: unknown, key: string | null = MASTER_KEY): Promise<Reply> {
    const response = await fetch(`${gateway.url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(key === null ? {} : { authorization: `Bearer ${key}` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // not JSON (Swagger UI)
    }
    return { status: response.status, json, text };
  }

  const guardrail = (reply: Reply): GuardrailBody => reply.json as unknown as GuardrailBody;
  const error = (reply: Reply): ErrorBody['error'] => (reply.json as unknown as ErrorBody).error;

  async function create(entry: Record<string, unknown>): Promise<GuardrailBody> {
    const reply = await call('POST', '/admin/guardrails', entry);
    expect(reply.status).toBe(201);
    return guardrail(reply);
  }

  function lakeraEntry(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      guardrail_name: name,
      litellm_params: { guardrail: 'lakera_v2', mode: 'pre_call', api_key: LAKERA_KEY, api_base: lakera.url, ...extra },
    };
  }

  async function configGuardrail(): Promise<GuardrailBody> {
    const list = (await call('GET', '/admin/guardrails')).json as unknown as GuardrailBody[];
    return list.find((g) => g.guardrail_name === 'config-banned')!;
  }

  beforeAll(async () => {
    lakera = await startLakeraMock({ apiKey: LAKERA_KEY });
    database = await db.create();
    gateway = await startGateway({
      model_list: [{ model_name: 'mock', litellm_params: { model: 'mock/demo', mock_response: 'Hi!' } }],
      guardrails: [
        {
          guardrail_name: 'config-banned',
          litellm_params: { guardrail: 'banned_keywords', mode: 'pre_call', keywords: ['config-word'] },
        },
      ],
      general_settings: { master_key: MASTER_KEY, database_url: database.url },
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await lakera?.close();
    await database?.drop();
  });

  describe('a guardrail named by its guardrail_name wherever an id is accepted', () => {
    it('reads, tests, disables, enables, edits and deletes by name', async () => {
      const created = await create(lakeraEntry('lakera-by-name'));
      const byName = await call('GET', '/admin/guardrails/lakera-by-name');
      expect(byName.status).toBe(200);
      expect(guardrail(byName).id).toBe(created.id);

      const tested = await call('POST', '/admin/guardrails/lakera-by-name/test', {
        messages: [{ role: 'user', content: 'hello' }],
      });
      expect(tested.status).toBe(200);

      expect(guardrail(await call('POST', '/admin/guardrails/lakera-by-name/disable')).enabled).toBe(false);
      expect(guardrail(await call('POST', '/admin/guardrails/lakera-by-name/enable')).enabled).toBe(true);

      const renamed = await call('PATCH', '/admin/guardrails/lakera-by-name', { guardrail_name: 'lakera-renamed' });
      expect(renamed.status).toBe(200);
      expect(guardrail(renamed)).toMatchObject({ id: created.id, guardrail_name: 'lakera-renamed' });
      expect((await call('GET', '/admin/guardrails/lakera-by-name')).status).toBe(404);

      const deleted = await call('DELETE', '/admin/guardrails/lakera-renamed');
      expect(deleted.status).toBe(200);
      expect((await call('GET', `/admin/guardrails/${created.id}`)).status).toBe(404);
    });

    it('works on config guardrails too, and answers 404 naming what it looked for', async () => {
      const config = await configGuardrail();
      expect(guardrail(await call('GET', '/admin/guardrails/config-banned')).id).toBe(config.id);
      const missing = await call('GET', '/admin/guardrails/no-such-guardrail');
      expect(missing.status).toBe(404);
      expect(error(missing).message).toContain('No guardrail with id or name "no-such-guardrail"');
    });

    it('documents the parameter as an id or a name', async () => {
      const document = (await call('GET', '/docs-json')).json as {
        paths: Record<string, Record<string, { parameters?: Array<{ name: string; description?: string }> }>>;
      };
      const parameter = document.paths['/admin/guardrails/{id}'].get.parameters?.find((p) => p.name === 'id');
      expect(parameter?.description).toContain('guardrail_name');
      expect(document.paths['/admin/guardrails'].get.parameters ?? []).toEqual([]);
    });
  });

  describe('POST /admin/guardrails', () => {
    it('reports every problem of a half-filled entry in one answer, a missing name as "required"', async () => {
      const reply = await call('POST', '/admin/guardrails', {
        litellm_params: { guardrail: 'lakera_v2', mode: 'pre_call' },
      });
      expect(reply.status).toBe(400);
      const { message } = error(reply);
      expect(message).toContain('guardrail_name: is required');
      expect(message).toContain('litellm_params.api_key: api_key is required');
      expect(message).not.toContain('must be a string');
    });

    it('still refuses a name or params of the wrong type', async () => {
      const reply = await call('POST', '/admin/guardrails', { guardrail_name: 7, litellm_params: 'pii' });
      expect(reply.status).toBe(400);
      expect(error(reply).message).toContain('guardrail_name: must be a string (got number)');
      expect(error(reply).message).toContain('litellm_params: must be a mapping');
      const patch = await call('PATCH', '/admin/guardrails/config-banned', { litellm_params: 'pii' });
      expect(patch.status).toBe(400);
      expect(error(patch).param).toBe('litellm_params');
    });

    it('creates a guardrail from a config.yaml entry pasted as is, with every default filled in', async () => {
      const reply = await call('POST', '/admin/guardrails', {
        guardrail_name: 'no-falcon',
        litellm_params: { guardrail: 'banned_keywords', mode: 'pre_call', keywords: ['project falcon'] },
        guardrail_info: { description: "LiteLLM's metadata is accepted" },
      });
      expect(reply.status).toBe(201);
      const body = guardrail(reply);
      expect(body.id).toMatch(UUID);
      expect(body).toMatchObject({
        guardrail_name: 'no-falcon',
        enabled: true,
        source: 'api',
        litellm_params: {
          guardrail: 'banned_keywords',
          mode: 'pre_call',
          on_flagged: 'block',
          on_error: 'block',
          default_on: false,
          timeout_ms: 5000,
          keywords: ['project falcon'],
        },
      });
      expect(Date.parse(body.created_at)).not.toBeNaN();
      expect(Date.parse(body.updated_at)).not.toBeNaN();
    });

    it('accepts a top-level enabled flag, a list of modes and LiteLLM spellings (timeout in seconds)', async () => {
      const body = await create({
        guardrail_name: 'created-disabled',
        enabled: false,
        litellm_params: {
          guardrail: 'banned_keywords',
          mode: ['pre_call', 'post_call'],
          timeout: 2,
          fail_on_error: false,
          keywords: ['x'],
        },
      });
      expect(body.enabled).toBe(false);
      expect(body.litellm_params).toMatchObject({
        mode: ['pre_call', 'post_call'],
        timeout_ms: 2000,
        on_error: 'allow',
      });
    });

    it('answers 400 naming every failing field with its path', async () => {
      const reply = await call('POST', '/admin/guardrails', {
        guardrail_name: 'bad one!',
        litellm_params: { guardrail: 'nosuch', mode: 'sometimes', on_flagged: 'inject_system_message' },
      });
      expect(reply.status).toBe(400);
      const { message, param, type } = error(reply);
      expect(type).toBe('invalid_request_error');
      expect(param).toBe('guardrail_name');
      for (const field of [
        'guardrail_name',
        'litellm_params.guardrail',
        'litellm_params.mode',
        'litellm_params.on_flagged',
      ]) {
        expect(message).toContain(`${field}:`);
      }
    });

    it('answers 400 for provider-specific problems, checked by the same parser as config.yaml', async () => {
      const reply = await call('POST', '/admin/guardrails', {
        guardrail_name: 'bad-patterns',
        litellm_params: { guardrail: 'banned_keywords', mode: 'pre_call', patterns: ['(a+)+$'], action: 'shout' },
      });
      expect(reply.status).toBe(400);
      expect(error(reply).message).toContain('litellm_params.patterns[0]:');
      expect(error(reply).message).toContain('litellm_params.action:');

      const lakeraWithoutKey = await call('POST', '/admin/guardrails', {
        guardrail_name: 'no-key',
        litellm_params: { guardrail: 'lakera_v2', mode: 'during_call', mask_pii: true },
      });
      expect(lakeraWithoutKey.status).toBe(400);
      expect(error(lakeraWithoutKey).message).toContain('litellm_params.api_key:');
      expect(error(lakeraWithoutKey).message).toContain('litellm_params.mask_pii:');
    });

    it('answers 400 for wrong types and unknown fields before anything is parsed', async () => {
      const wrongTypes = await call('POST', '/admin/guardrails', { guardrail_name: 5, litellm_params: ['pre_call'] });
      expect(wrongTypes.status).toBe(400);
      expect(error(wrongTypes).message).toContain('guardrail_name:');
      expect(error(wrongTypes).message).toContain('litellm_params:');

      const unknownField = await call('POST', '/admin/guardrails', {
        guardrail_name: 'x',
        litellm_params: { guardrail: 'banned_keywords', mode: 'pre_call', keywords: ['x'] },
        colour: 'red',
      });
      expect(unknownField.status).toBe(400);
      expect(error(unknownField).param).toBe('colour');

      const notJson = await fetch(`${gateway.url}/admin/guardrails`, {
        method: 'POST',
        headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
        body: '{"guardrail_name":',
      });
      expect(notJson.status).toBe(400);
    });

    it('refuses os.environ references: the API does not read the gateway environment', async () => {
      const reply = await call(
        'POST',
        '/admin/guardrails',
        lakeraEntry('env-ref', { api_key: 'os.environ/LAKERA_API_KEY' }),
      );
      expect(reply.status).toBe(400);
      expect(error(reply).param).toBe('litellm_params.api_key');
    });

    it('answers 400 for a timeout that is not a whole number of milliseconds up to an hour', async () => {
      for (const timing of [
        { timeout_ms: 1500.5 },
        { timeout_ms: 3_000_000_000 },
        { timeout: 7200 },
        { timeout_ms: 0 },
      ]) {
        const reply = await call('POST', '/admin/guardrails', lakeraEntry('bad-timeout', timing));
        expect(reply.status).toBe(400);
        expect(error(reply).param).toBe(`litellm_params.${Object.keys(timing)[0]}`);
      }
      const rounded = await create(lakeraEntry('seconds-timeout', { timeout: 1.2345 }));
      expect(rounded.litellm_params.timeout_ms).toBe(1235);
    });

    it('answers 409 when the name is taken, by an API guardrail or by a config.yaml one', async () => {
      await create({ guardrail_name: 'taken', litellm_params: { guardrail: 'secrets', mode: 'pre_call' } });
      const again = await call('POST', '/admin/guardrails', {
        guardrail_name: 'taken',
        litellm_params: { guardrail: 'secrets', mode: 'pre_call' },
      });
      expect(again.status).toBe(409);
      expect(error(again).type).toBe('conflict_error');

      const configName = await call('POST', '/admin/guardrails', {
        guardrail_name: 'config-banned',
        litellm_params: { guardrail: 'secrets', mode: 'pre_call' },
      });
      expect(configName.status).toBe(409);
      expect(error(configName).message).toContain('config.yaml');
    });
  });

  describe('GET /admin/guardrails', () => {
    it('lists config.yaml guardrails (source config) and API ones (source api)', async () => {
      const reply = await call('GET', '/admin/guardrails');
      expect(reply.status).toBe(200);
      const list = reply.json as unknown as GuardrailBody[];
      expect(list.find((g) => g.guardrail_name === 'config-banned')).toMatchObject({ source: 'config', enabled: true });
      expect(list.find((g) => g.guardrail_name === 'no-falcon')).toMatchObject({ source: 'api' });
    });

    it('lists API guardrails in creation order, also when created within one second', async () => {
      for (const name of ['order-zz', 'order-mm', 'order-aa']) {
        await create({ guardrail_name: name, litellm_params: { guardrail: 'pii', mode: 'pre_call' } });
      }
      const list = (await call('GET', '/admin/guardrails')).json as unknown as GuardrailBody[];
      const names = list.map((g) => g.guardrail_name).filter((name) => name.startsWith('order-'));
      expect(names).toEqual(['order-zz', 'order-mm', 'order-aa']);
    });

    it('reads one guardrail by id, and answers 404 for an unknown or malformed id', async () => {
      const created = await create({
        guardrail_name: 'read-me',
        litellm_params: { guardrail: 'pii', mode: 'pre_call' },
      });
      const reply = await call('GET', `/admin/guardrails/${created.id}`);
      expect(reply.status).toBe(200);
      expect(guardrail(reply)).toEqual(created);

      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', "1' OR '1'='1"]) {
        const missing = await call('GET', `/admin/guardrails/${encodeURIComponent(id)}`);
        expect(missing.status).toBe(404);
        expect(error(missing).type).toBe('not_found_error');
      }
    });
  });

  describe('PATCH /admin/guardrails/:id', () => {
    it('merges litellm_params keys into the stored ones; null removes a key', async () => {
      const created = await create({
        guardrail_name: 'patch-me',
        litellm_params: { guardrail: 'banned_keywords', mode: 'pre_call', keywords: ['a'], patterns: ['b+'] },
      });
      const reply = await call('PATCH', `/admin/guardrails/${created.id}`, {
        litellm_params: { on_flagged: 'monitor', patterns: null },
      });
      expect(reply.status).toBe(200);
      const body = guardrail(reply);
      expect(body.litellm_params).toMatchObject({ keywords: ['a'], on_flagged: 'monitor', mode: 'pre_call' });
      expect(body.litellm_params).not.toHaveProperty('patterns');
      expect(Date.parse(body.updated_at)).toBeGreaterThanOrEqual(Date.parse(created.updated_at));
      expect(Date.parse(created.updated_at)).toBeGreaterThanOrEqual(Date.parse(created.created_at));
    });

    it('renames, and answers 409 when the new name is taken', async () => {
      const created = await create({
        guardrail_name: 'old-name',
        litellm_params: { guardrail: 'pii', mode: 'pre_call' },
      });
      const renamed = await call('PATCH', `/admin/guardrails/${created.id}`, { guardrail_name: 'new-name' });
      expect(renamed.status).toBe(200);
      expect(guardrail(renamed).guardrail_name).toBe('new-name');
      const clash = await call('PATCH', `/admin/guardrails/${created.id}`, { guardrail_name: 'no-falcon' });
      expect(clash.status).toBe(409);
    });

    it('validates the merged guardrail like a new one (400 with paths) and changes nothing', async () => {
      const created = await create({
        guardrail_name: 'stay-valid',
        litellm_params: { guardrail: 'pii', mode: 'pre_call' },
      });
      const reply = await call('PATCH', `/admin/guardrails/${created.id}`, { litellm_params: { mode: 'sometimes' } });
      expect(reply.status).toBe(400);
      expect(error(reply).param).toBe('litellm_params.mode');
      expect(guardrail(await call('GET', `/admin/guardrails/${created.id}`)).litellm_params.mode).toBe('pre_call');
    });

    it('applies concurrent edits of different keys all, one after the other', async () => {
      const created = await create({
        guardrail_name: 'busy',
        litellm_params: { guardrail: 'banned_keywords', mode: 'pre_call', keywords: ['a'] },
      });
      const edits = [
        { on_flagged: 'monitor' },
        { keywords: ['b'] },
        { patterns: ['c+'] },
        { default_on: true },
        { on_error: 'allow' },
      ];
      const replies = await Promise.all(
        edits.map((litellm_params) => call('PATCH', `/admin/guardrails/${created.id}`, { litellm_params })),
      );
      expect(replies.map((reply) => reply.status)).toEqual(edits.map(() => 200));
      const final = guardrail(await call('GET', `/admin/guardrails/${created.id}`));
      expect(final.litellm_params).toMatchObject({
        on_flagged: 'monitor',
        keywords: ['b'],
        patterns: ['c+'],
        default_on: true,
        on_error: 'allow',
      });
    });

    it('never brings back a guardrail deleted while it was being edited', async () => {
      for (let round = 0; round < 5; round += 1) {
        const created = await create({
          guardrail_name: `ghost-${round}`,
          litellm_params: { guardrail: 'banned_keywords', mode: 'pre_call', keywords: ['a'] },
        });
        const [removed, edited, toggled] = await Promise.all([
          call('DELETE', `/admin/guardrails/${created.id}`),
          call('PATCH', `/admin/guardrails/${created.id}`, { litellm_params: { keywords: ['z'] } }),
          call('POST', `/admin/guardrails/${created.id}/disable`),
        ]);
        expect(removed.status).toBe(200);
        expect([200, 404]).toContain(edited.status);
        expect([200, 404]).toContain(toggled.status);
        expect((await call('GET', `/admin/guardrails/${created.id}`)).status).toBe(404);
      }
    });

    it('answers 400, not 500, for litellm_params: null', async () => {
      const created = await create({
        guardrail_name: 'null-params',
        litellm_params: { guardrail: 'pii', mode: 'pre_call' },
      });
      const reply = await call('PATCH', `/admin/guardrails/${created.id}`, { litellm_params: null });
      expect(reply.status).toBe(400);
      expect(error(reply).param).toBe('litellm_params');
    });

    it('answers 404 for an unknown id and 409 for a config.yaml guardrail', async () => {
      expect((await call('PATCH', '/admin/guardrails/00000000-0000-4000-8000-000000000000', {})).status).toBe(404);
      const fromConfig = await configGuardrail();
      const reply = await call('PATCH', `/admin/guardrails/${fromConfig.id}`, { litellm_params: { keywords: ['y'] } });
      expect(reply.status).toBe(409);
      expect(error(reply).message).toContain('config.yaml');
    });
  });

  describe('secrets', () => {
    it('are write-only: every response shows them masked as sk-...abcd, short ones fully', async () => {
      const created = await create(
        lakeraEntry('masked', { password: 'hunter2', aws_session_token: 'tok-1234567890-wxyz' }),
      );
      const responses = [
        JSON.stringify(created),
        (await call('GET', `/admin/guardrails/${created.id}`)).text,
        (await call('GET', '/admin/guardrails')).text,
        (await call('GET', '/guardrails/list')).text,
        (await call('PATCH', `/admin/guardrails/${created.id}`, { litellm_params: { project_id: 'p1' } })).text,
        (await call('POST', `/admin/guardrails/${created.id}/disable`)).text,
        (await call('POST', `/admin/guardrails/${created.id}/enable`)).text,
      ];
      expect(created.litellm_params).toMatchObject({
        api_key: 'sk-...abcd',
        password: '****',
        aws_session_token: 'tok...wxyz',
        api_base: lakera.url,
      });
      for (const text of responses) {
        expect(text).not.toContain(LAKERA_KEY);
        expect(text).not.toContain('hunter2');
        expect(text).not.toContain('tok-1234567890-wxyz');
      }
      const deleted = await call('DELETE', `/admin/guardrails/${created.id}`);
      expect(deleted.status).toBe(200);
      expect(deleted.text).not.toContain(LAKERA_KEY);
    });

    it('keeps the stored secret when a PATCH sends the masked value back unchanged', async () => {
      const created = await create(lakeraEntry('keep-secret'));
      const shown = guardrail(await call('GET', `/admin/guardrails/${created.id}`));
      const reply = await call('PATCH', `/admin/guardrails/${created.id}`, {
        litellm_params: { ...shown.litellm_params, mode: 'post_call' },
      });
      expect(reply.status).toBe(200);
      expect(guardrail(reply).litellm_params).toMatchObject({ api_key: 'sk-...abcd', mode: 'post_call' });
      // The vendor still receives the real key: the mock answers 401 to anything else.
      lakera.reset();
      const test = await call('POST', `/admin/guardrails/${created.id}/test`, {
        messages: [{ role: 'user', content: 'hello' }],
        response: 'hi there',
      });
      expect(test.json).toMatchObject({ outcome: 'pass', decision: 'pass' });
      expect(lakera.requests[0].headers.authorization).toBe(`Bearer ${LAKERA_KEY}`);
    });

    it('replaces the secret when a PATCH sends a new value, and refuses a masked value that is not the stored one', async () => {
      const created = await create(lakeraEntry('rotate-secret'));
      const rotated = await call('PATCH', `/admin/guardrails/${created.id}`, {
        litellm_params: { api_key: 'sk-lakera-next-1111wxyz' },
      });
      expect(guardrail(rotated).litellm_params.api_key).toBe('sk-...wxyz');
      const foreign = await call('PATCH', `/admin/guardrails/${created.id}`, {
        litellm_params: { api_key: 'sk-...abcd' },
      });
      expect(foreign.status).toBe(400);
      expect(error(foreign).param).toBe('litellm_params.api_key');
      const pastedAsNew = await call('POST', '/admin/guardrails', lakeraEntry('pasted', { api_key: 'sk-...abcd' }));
      expect(pastedAsNew.status).toBe(400);
    });
  });

  describe('POST /admin/guardrails/:id/enable and /disable', () => {
    it('answer 200 with the guardrail, also for config.yaml guardrails', async () => {
      const fromConfig = await configGuardrail();
      const disabled = await call('POST', `/admin/guardrails/${fromConfig.id}/disable`);
      expect(disabled.status).toBe(200);
      expect(guardrail(disabled)).toMatchObject({ id: fromConfig.id, enabled: false, source: 'config' });
      const enabled = await call('POST', `/admin/guardrails/${fromConfig.id}/enable`);
      expect(enabled.status).toBe(200);
      expect(guardrail(enabled).enabled).toBe(true);
    });

    it('answer 404 for an unknown id', async () => {
      expect((await call('POST', '/admin/guardrails/nope/enable')).status).toBe(404);
      expect((await call('POST', '/admin/guardrails/00000000-0000-4000-8000-000000000000/disable')).status).toBe(404);
    });
  });

  describe('DELETE /admin/guardrails/:id', () => {
    it('deletes an API guardrail and answers with it; the id is then unknown', async () => {
      const created = await create({
        guardrail_name: 'delete-me',
        litellm_params: { guardrail: 'pii', mode: 'pre_call' },
      });
      const reply = await call('DELETE', `/admin/guardrails/${created.id}`);
      expect(reply.status).toBe(200);
      expect(guardrail(reply).guardrail_name).toBe('delete-me');
      expect((await call('GET', `/admin/guardrails/${created.id}`)).status).toBe(404);
      expect((await call('DELETE', `/admin/guardrails/${created.id}`)).status).toBe(404);
    });

    it('answers 409 for a config.yaml guardrail, pointing to the file', async () => {
      const reply = await call('DELETE', `/admin/guardrails/${(await configGuardrail()).id}`);
      expect(reply.status).toBe(409);
      expect(error(reply).message).toContain('config.yaml');
    });
  });

  describe('POST /admin/guardrails/:id/test', () => {
    it('runs the guardrail now and returns its verdict and the decision, without an LLM call or a violation', async () => {
      const created = await create({
        guardrail_name: 'tester',
        litellm_params: { guardrail: 'banned_keywords', mode: 'pre_call', keywords: ['falcon'] },
      });
      const reply = await call('POST', `/admin/guardrails/${created.id}/test`, {
        messages: [{ role: 'user', content: 'tell me about falcon' }],
      });
      expect(reply.status).toBe(200);
      expect(reply.json).toMatchObject({
        guardrail_name: 'tester',
        mode: 'pre_call',
        outcome: 'flagged',
        decision: 'block',
        findings: [expect.objectContaining({ detector: expect.any(String) as string, count: 1 })],
      });
      expect(typeof reply.json.latency_ms).toBe('number');

      const clean = await call('POST', `/admin/guardrails/${created.id}/test`, {
        messages: [{ role: 'user', content: 'tell me about owls' }],
      });
      expect(clean.json).toMatchObject({ outcome: 'pass', decision: 'pass', findings: [] });

      await gateway.app.get(ViolationQueue).flush();
      const log = await call('GET', '/admin/violations?guardrail=tester');
      expect(log.json.total).toBe(0);
    });

    it('checks a response post_call, and reports monitor, mask and vendor-failure decisions', async () => {
      const monitor = await create({
        guardrail_name: 'test-monitor',
        litellm_params: { guardrail: 'banned_keywords', mode: 'pre_call', on_flagged: 'monitor', keywords: ['owl'] },
      });
      const post = await call('POST', `/admin/guardrails/${monitor.id}/test`, {
        messages: [{ role: 'user', content: 'hi' }],
        response: 'an owl',
      });
      expect(post.json).toMatchObject({ mode: 'post_call', outcome: 'flagged', decision: 'monitor' });

      const mask = await create({
        guardrail_name: 'test-mask',
        litellm_params: { guardrail: 'pii', mode: 'pre_call', action: 'mask', entities: ['EMAIL_ADDRESS'] },
      });
      const masked = await call('POST', `/admin/guardrails/${mask.id}/test`, {
        messages: [{ role: 'user', content: 'mail me at jane@example.com' }],
      });
      expect(masked.json).toMatchObject({ outcome: 'flagged', decision: 'mask' });
      expect(JSON.stringify(masked.json.rewrite)).not.toContain('jane@example.com');

      for (const [onError, decision] of [
        ['allow', 'allow_error'],
        ['block', 'unavailable'],
      ]) {
        const down = await create({
          guardrail_name: `test-down-${onError}`,
          litellm_params: {
            guardrail: 'lakera_v2',
            mode: 'pre_call',
            api_key: LAKERA_KEY,
            api_base: 'http://127.0.0.1:9',
            on_error: onError,
          },
        });
        const reply = await call('POST', `/admin/guardrails/${down.id}/test`, {
          messages: [{ role: 'user', content: 'x' }],
        });
        expect(reply.json).toMatchObject({ outcome: 'error', decision });
        expect(typeof reply.json.error).toBe('string');
      }
    });

    it('tests disabled guardrails too', async () => {
      const created = await create({
        guardrail_name: 'test-disabled',
        enabled: false,
        litellm_params: { guardrail: 'banned_keywords', mode: 'pre_call', keywords: ['zebra'] },
      });
      const reply = await call('POST', `/admin/guardrails/${created.id}/test`, {
        messages: [{ role: 'user', content: 'a zebra' }],
      });
      expect(reply.json).toMatchObject({ outcome: 'flagged', decision: 'block' });
    });

    it('answers 400 for invalid messages, mode or a response outside post_call, and 404 for an unknown id', async () => {
      const created = await create({
        guardrail_name: 'test-validation',
        litellm_params: { guardrail: 'banned_keywords', mode: 'pre_call', keywords: ['x'] },
      });
      const path = `/admin/guardrails/${created.id}/test`;
      const cases: Array<[unknown, string]> = [
        [{ messages: 'hello' }, 'messages'],
        [{ messages: [] }, 'messages'],
        [{ messages: [{ content: 'no role' }] }, 'messages[0].role'],
        [{ messages: [{ role: 'user', content: 42 }] }, 'messages[0].content'],
        [{ messages: [[{ role: 'user' }]] }, 'messages'],
        [{ messages: [{ role: 'user', content: 'x' }], mode: 'logging_only' }, 'mode'],
        [{ messages: [{ role: 'user', content: 'x' }], response: 'y', mode: 'pre_call' }, 'response'],
      ];
      for (const [body, param] of cases) {
        const reply = await call('POST', path, body);
        expect({ body, status: reply.status }).toEqual({ body, status: 400 });
        expect({ body, param: error(reply).param }).toEqual({ body, param: expect.stringContaining(param) as string });
      }
      const missing = await call('POST', '/admin/guardrails/00000000-0000-4000-8000-000000000000/test', {
        messages: [{ role: 'user', content: 'x' }],
      });
      expect(missing.status).toBe(404);
    });
  });

  describe('GET /guardrails/list (LiteLLM alias)', () => {
    it("answers LiteLLM's shape with every guardrail, secrets masked", async () => {
      await create(lakeraEntry('alias-lakera'));
      const reply = await call('GET', '/guardrails/list');
      expect(reply.status).toBe(200);
      const { guardrails } = reply.json as {
        guardrails: Array<{ guardrail_name: string; litellm_params: Record<string, unknown>; guardrail_info: unknown }>;
      };
      const item = guardrails.find((g) => g.guardrail_name === 'alias-lakera')!;
      expect(Object.keys(item).sort()).toEqual(['guardrail_info', 'guardrail_name', 'litellm_params']);
      expect(item.litellm_params).toMatchObject({ guardrail: 'lakera_v2', api_key: 'sk-...abcd' });
      expect(item.guardrail_info).toEqual({ id: expect.stringMatching(UUID) as string, enabled: true, source: 'api' });
      expect(guardrails.find((g) => g.guardrail_name === 'config-banned')?.guardrail_info).toMatchObject({
        source: 'config',
      });
    });
  });

  describe('OpenAPI', () => {
    it('serves the API document (every /v1 endpoint and the admin API) at /docs-json and Swagger UI at /docs', async () => {
      const document = await call('GET', '/docs-json', undefined, null);
      expect(document.status).toBe(200);
      const paths = Object.keys(document.json.paths as Record<string, unknown>);
      expect(paths).toEqual(
        expect.arrayContaining([
          '/admin/guardrails',
          '/admin/guardrails/{id}',
          '/admin/guardrails/{id}/enable',
          '/admin/guardrails/{id}/disable',
          '/admin/guardrails/{id}/test',
          '/guardrails/list',
          '/admin/violations',
          '/admin/violations/stats',
          '/admin/violations/{id}',
          '/v1/chat/completions',
          '/v1/responses',
          '/v1/messages',
          '/v1/completions',
          '/v1/embeddings',
          '/v1/models',
        ]),
      );
      const ui = await call('GET', '/docs', undefined, null);
      expect(ui.status).toBe(200);
      expect(ui.text).toContain('/docs-json');
      for (const asset of ['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js']) {
        expect((await call('GET', `/docs/${asset}`, undefined, null)).status).toBe(200);
      }
      expect((await call('GET', '/docs/package.json', undefined, null)).status).toBe(404);
    });
  });
});
