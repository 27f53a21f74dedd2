import type { Guardrail } from '../../ui/src/api/types';
import { apiProblems, fieldOf } from '../../ui/src/views/guardrails/api-problems';
import { createEntry, patchEntry } from '../../ui/src/views/guardrails/guardrail-entry';

const engine = { mode: 'pre_call', on_flagged: 'block', on_error: 'block', timeout_ms: undefined, default_on: false };

describe(createEntry.name, () => {
  it('writes a config.yaml entry and leaves empty fields out for the API to default', () => {
    expect(
      createEntry({
        name: 'no-tickets',
        provider: 'banned_keywords',
        engine,
        params: { keywords: ['ticket'], patterns: undefined },
      }),
    ).toEqual({
      guardrail_name: 'no-tickets',
      litellm_params: {
        guardrail: 'banned_keywords',
        mode: 'pre_call',
        on_flagged: 'block',
        on_error: 'block',
        default_on: false,
        keywords: ['ticket'],
      },
    });
  });
});

describe(patchEntry.name, () => {
  const original: Guardrail = {
    id: 'id-1',
    guardrail_name: 'lakera',
    litellm_params: {
      guardrail: 'lakera_v2',
      mode: 'pre_call',
      on_flagged: 'block',
      on_error: 'block',
      default_on: false,
      timeout_ms: 5000,
      api_key: 'sk-...abcd',
      project_id: 'project-1',
      payload: true,
    },
    enabled: true,
    source: 'api',
    created_at: '',
    updated_at: '',
  };

  it('sends emptied keys as null, keeps the masked secret, and leaves keys the form does not show alone', () => {
    const patch = patchEntry(original, {
      name: 'lakera',
      provider: 'lakera_v2',
      engine,
      params: { api_key: 'sk-...abcd', api_base: undefined, project_id: undefined, mask_pii: false },
    });
    expect(patch).toEqual({
      litellm_params: expect.objectContaining({
        guardrail: 'lakera_v2',
        timeout_ms: null,
        api_key: 'sk-...abcd',
        project_id: null,
        mask_pii: false,
      }) as unknown,
    });
    expect(patch.litellm_params).not.toHaveProperty('payload');
    expect(patch.litellm_params).not.toHaveProperty('api_base');
  });

  it('removes the old provider params when the provider changes, and renames', () => {
    const patch = patchEntry(original, {
      name: 'words',
      provider: 'banned_keywords',
      engine,
      params: { keywords: ['falcon'], patterns: undefined },
    });
    expect(patch.guardrail_name).toBe('words');
    expect(patch.litellm_params).toMatchObject({ guardrail: 'banned_keywords', keywords: ['falcon'], api_key: null });
    expect(patch.litellm_params).toMatchObject({ project_id: null });
  });
});

describe(apiProblems.name, () => {
  it('splits the API message into one problem per field', () => {
    const message =
      'Invalid guardrail: litellm_params.mode: unsupported mode "sometimes"; use one of pre_call, during_call, ' +
      'post_call (or a list of them); litellm_params.patterns[0]: not a valid regular expression; ' +
      'guardrail_name: is required and must be a non-empty string';
    expect(apiProblems(message, 'litellm_params.mode')).toEqual([
      {
        field: 'mode',
        path: 'litellm_params.mode',
        message: 'unsupported mode "sometimes"; use one of pre_call, during_call, post_call (or a list of them)',
      },
      { field: 'patterns', path: 'litellm_params.patterns[0]', message: 'not a valid regular expression' },
      { field: 'guardrail_name', path: 'guardrail_name', message: 'is required and must be a non-empty string' },
    ]);
  });

  it('keeps any other message whole, placed by param', () => {
    expect(apiProblems('A guardrail named "pii" already exists.', 'guardrail_name')).toEqual([
      { field: 'guardrail_name', path: null, message: 'A guardrail named "pii" already exists.' },
    ]);
  });

  it('maps nested paths to their field', () => {
    expect(fieldOf('litellm_params.pii_entities_config.EMAIL')).toBe('pii_entities_config');
    expect(fieldOf('litellm_params')).toBeNull();
  });
});
