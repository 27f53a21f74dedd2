import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../../src/config/config.error';
import { buildConfig, loadConfigFile, parseConfigText } from '../../../src/config/config.loader';

const model = { model_name: 'gpt-4o', litellm_params: { model: 'openai/gpt-4o' } };

function problemsOf(raw: unknown, env: Record<string, string> = {}): string[] {
  try {
    buildConfig(raw, 'test.yaml', env);
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.problems.map((p) => `${p.path}: ${p.message}`);
    }
    throw error;
  }
  return [];
}

describe('config loader', () => {
  it('loads a LiteLLM config with only the shared sections unchanged', () => {
    const config = parseConfigText(
      `
model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_key: os.environ/OPENAI_API_KEY
      rpm: 100
    model_info:
      id: abc
  - model_name: claude
    litellm_params:
      model: anthropic/claude-3-5-sonnet
      api_key: os.environ/ANTHROPIC_API_KEY
      timeout: 30
general_settings:
  master_key: sk-1234
  database_url: postgres://localhost/litellm
router_settings:
  num_retries: 3
  timeout: 60
  fallbacks: [{"gpt-4o": ["claude"]}]
  routing_strategy: simple-shuffle
`,
      'litellm.yaml',
      { OPENAI_API_KEY: 'sk-openai', ANTHROPIC_API_KEY: 'sk-ant' },
    );
    expect(config.models[0]).toMatchObject({
      modelName: 'gpt-4o',
      provider: 'openai',
      upstreamModel: 'gpt-4o',
      apiKey: 'sk-openai',
    });
    expect(config.models[1]).toMatchObject({ provider: 'anthropic', timeoutMs: 30_000, apiKey: 'sk-ant' });
    expect(config.general).toMatchObject({ masterKey: 'sk-1234', databaseUrl: 'postgres://localhost/litellm' });
    expect(config.router).toMatchObject({ numRetries: 3, timeoutMs: 60_000, fallbacks: { 'gpt-4o': ['claude'] } });
    expect(config.warnings).toContain('router_settings.routing_strategy is not used by Warden and was ignored');
    expect(Object.isFrozen(config.models[0])).toBe(true);
  });

  it('resolves os.environ/ references anywhere in the tree', () => {
    const config = buildConfig(
      {
        model_list: [
          {
            model_name: 'a',
            litellm_params: {
              model: 'openai/x',
              api_base: 'os.environ/BASE',
              extra_headers: { 'x-team': 'os.environ/TEAM' },
            },
          },
        ],
      },
      't',
      { BASE: 'http://127.0.0.1:1234/v1', TEAM: 'blue' },
    );
    expect(config.models[0].apiBase).toBe('http://127.0.0.1:1234/v1');
    expect(config.models[0].extraHeaders).toEqual({ 'x-team': 'blue' });
  });

  it('names the variable and the config path when an env reference is missing', () => {
    const problems = problemsOf({
      model_list: [{ model_name: 'a', litellm_params: { model: 'openai/x', api_key: 'os.environ/OPENAI_API_KEY' } }],
    });
    expect(problems).toEqual([
      expect.stringMatching(
        /^model_list\[0\]\.litellm_params\.api_key: environment variable OPENAI_API_KEY is not set/,
      ),
    ]);
  });

  it('reports every problem at once, each with its path', () => {
    const problems = problemsOf({
      model_list: [
        { model_name: 'a', litellm_params: { model: 'bogus/x' } },
        { litellm_params: { model: 'openai/x', api_base: 'not a url' } },
        { model_name: 'c', litellm_params: { model: 'azure/dep' } },
        { model_name: 'd', litellm_params: { model: 'gpt-4o' } },
        'oops',
      ],
      general_settings: { max_request_size_mb: 'big' },
      router_settings: { num_retries: -1, timeout: 'soon', fallbacks: [{ a: ['missing-model'] }] },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^model_list\[0\]\.litellm_params\.model: unknown provider "bogus"/),
        expect.stringMatching(/^model_list\[1\]\.model_name: is required/),
        expect.stringMatching(/^model_list\[1\]\.litellm_params\.api_base: must be an http\(s\) URL/),
        expect.stringMatching(/^model_list\[2\]\.litellm_params\.api_base: is required for azure/),
        expect.stringMatching(/^model_list\[2\]\.litellm_params\.api_version: is required for azure/),
        expect.stringMatching(/^model_list\[3\]\.litellm_params\.model: must be "<provider>\/<model>"/),
        expect.stringMatching(/^model_list\[4\]: must be a mapping/),
        expect.stringMatching(/^general_settings\.max_request_size_mb: must be a positive number/),
        expect.stringMatching(/^router_settings\.num_retries: must be a whole number/),
        expect.stringMatching(/^router_settings\.timeout: must be a positive number of seconds/),
        expect.stringMatching(/^router_settings\.fallbacks: model "missing-model" is not in model_list/),
      ]),
    );
  });

  it('requires a model_list', () => {
    expect(problemsOf({})).toEqual([expect.stringMatching(/^model_list: is required/)]);
    expect(problemsOf({ model_list: { a: 1 } })).toEqual(['model_list: must be a list of models']);
  });

  it('rejects a top level that is not a mapping', () => {
    expect(problemsOf(['a'])).toEqual([expect.stringMatching(/top level must be a mapping/)]);
  });

  it('reports a missing environment variable once, not again as a missing value', () => {
    const problems = problemsOf({
      model_list: [
        { model_name: 'azure', litellm_params: { model: 'azure/d', api_base: 'os.environ/NO_BASE', api_version: '1' } },
      ],
      guardrails: [
        {
          guardrail_name: 'lakera-guard',
          litellm_params: { guardrail: 'lakera_v2', mode: 'pre_call', api_key: 'os.environ/NO_LAKERA_KEY' },
        },
      ],
    });
    expect(problems).toEqual([
      expect.stringMatching(/^model_list\[0\]\.litellm_params\.api_base: environment variable NO_BASE is not set/),
      expect.stringMatching(/^guardrails\[0\]\.litellm_params\.api_key: environment variable NO_LAKERA_KEY is not set/),
    ]);
  });

  it('shows the offending line of a YAML syntax error, with its line, column and a caret', () => {
    const text = ['model_list:', '  - model_name: demo', '    litellm_params:', '      model: mock/x', '     bad: : x'];
    let message = '';
    try {
      parseConfigText(text.join('\n'), 'bad.yaml', {});
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      [
        'bad.yaml is invalid:',
        '  - YAML syntax error at line 5, column 1: All mapping items must start at the same column',
        '      4 |       model: mock/x',
        '      5 |      bad: : x',
        '        | ^',
      ].join('\n'),
    );
  });

  it('says "required" for a guardrail without a name, and "must be a string" for a name of another type', () => {
    const entry = { litellm_params: { guardrail: 'pii', mode: 'pre_call' } };
    expect(problemsOf({ model_list: [model], guardrails: [entry] })).toEqual([
      'guardrails[0].guardrail_name: is required: a unique name for the guardrail',
    ]);
    expect(problemsOf({ model_list: [model], guardrails: [{ ...entry, guardrail_name: 3 }] })).toEqual([
      'guardrails[0].guardrail_name: must be a string (got number)',
    ]);
  });

  it('reports YAML syntax errors without a stack trace', () => {
    expect(() => parseConfigText('model_list: [unclosed', 'bad.yaml', {})).toThrow(/YAML syntax/);
  });

  it('reports a missing file clearly', () => {
    expect(() => loadConfigFile('/nonexistent/config.yaml', {})).toThrow(
      /cannot read \/nonexistent\/config.yaml: file not found/,
    );
  });

  it('reads a config file from disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-config-'));
    const file = join(dir, 'config.yaml');
    writeFileSync(file, 'model_list:\n  - model_name: m\n    litellm_params:\n      model: mock/m\n');
    expect(loadConfigFile(file, {}).models[0].provider).toBe('mock');
  });

  it('takes DATABASE_URL and the master key from the environment when the file does not set them', () => {
    const config = buildConfig({ model_list: [model] }, 't', {
      DATABASE_URL: 'postgres://db/warden',
      WARDEN_MASTER_KEY: 'sk-env',
    });
    expect(config.general).toMatchObject({ databaseUrl: 'postgres://db/warden', masterKey: 'sk-env' });
  });

  it('reads the salt key from general_settings (os.environ/ too) or WARDEN_SALT_KEY / LITELLM_SALT_KEY', () => {
    const salt = 'a-long-enough-salt-key';
    expect(buildConfig({ model_list: [model], general_settings: { salt_key: salt } }, 't', {}).general.saltKey).toBe(
      salt,
    );
    expect(
      buildConfig({ model_list: [model], general_settings: { salt_key: 'os.environ/MY_SALT' } }, 't', { MY_SALT: salt })
        .general.saltKey,
    ).toBe(salt);
    expect(buildConfig({ model_list: [model] }, 't', { LITELLM_SALT_KEY: salt }).general.saltKey).toBe(salt);
    expect(buildConfig({ model_list: [model] }, 't', {}).general.saltKey).toBeUndefined();
    expect(problemsOf({ model_list: [model], general_settings: { salt_key: 'short' } })).toEqual([
      expect.stringMatching(/^general_settings\.salt_key: must be at least 16 characters/),
    ]);
  });

  it('reads previous_salt_key (or WARDEN_PREVIOUS_SALT_KEY) only next to a different salt key', () => {
    const [oldKey, newKey] = ['the-old-salt-key-0123', 'the-new-salt-key-4567'];
    expect(
      buildConfig({ model_list: [model], general_settings: { salt_key: newKey, previous_salt_key: oldKey } }, 't', {})
        .general,
    ).toMatchObject({ saltKey: newKey, previousSaltKey: oldKey });
    expect(
      buildConfig({ model_list: [model] }, 't', { WARDEN_SALT_KEY: newKey, WARDEN_PREVIOUS_SALT_KEY: oldKey }).general,
    ).toMatchObject({ saltKey: newKey, previousSaltKey: oldKey });
    expect(problemsOf({ model_list: [model], general_settings: { previous_salt_key: oldKey } })).toEqual([
      expect.stringMatching(/^general_settings\.previous_salt_key: is read only while rotating: set salt_key/),
    ]);
    expect(
      problemsOf({ model_list: [model], general_settings: { salt_key: oldKey, previous_salt_key: oldKey } }),
    ).toEqual([expect.stringMatching(/^general_settings\.previous_salt_key: is the same as salt_key/)]);
  });

  it("reads a model's api_key, api_base and api_version from LiteLLM's provider variables when the entry leaves them out", () => {
    const config = buildConfig(
      {
        model_list: [
          { model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o' } },
          { model_name: 'own-key', litellm_params: { model: 'openai/gpt-4o', api_key: 'sk-own' } },
          { model_name: 'claude', litellm_params: { model: 'anthropic/claude-sonnet-4' } },
          { model_name: 'az', litellm_params: { model: 'azure/deployment' } },
          { model_name: 'groq', litellm_params: { model: 'openai/llama', api_base: 'https://api.groq.example/v1' } },
        ],
      },
      't',
      {
        OPENAI_API_KEY: 'sk-from-env',
        ANTHROPIC_API_KEY: 'sk-ant-env',
        AZURE_API_KEY: 'az-env',
        AZURE_API_BASE: 'https://res.openai.azure.com',
        AZURE_API_VERSION: '2024-10-21',
      },
    );
    expect(config.models.map((m) => [m.modelName, m.apiKey, m.apiBase, m.apiVersion])).toEqual([
      ['gpt', 'sk-from-env', undefined, undefined],
      ['own-key', 'sk-own', undefined, undefined],
      ['claude', 'sk-ant-env', undefined, undefined],
      ['az', 'az-env', 'https://res.openai.azure.com', '2024-10-21'],
      // another server behind openai/ never receives the OpenAI key
      ['groq', undefined, 'https://api.groq.example/v1', undefined],
    ]);
  });

  it('warns about sections Warden does not use instead of failing', () => {
    const config = buildConfig({ model_list: [model], environment_variables: { A: 'b' } }, 't', {});
    expect(config.warnings).toContain('section environment_variables is not used by Warden and was ignored');
  });

  it('reads num_retries and fallbacks from litellm_settings too', () => {
    const config = buildConfig(
      {
        model_list: [model, { model_name: 'b', litellm_params: { model: 'mock/b' } }],
        litellm_settings: { num_retries: 2, fallbacks: [{ 'gpt-4o': ['b'] }] },
      },
      't',
      {},
    );
    expect(config.router).toMatchObject({ numRetries: 2, fallbacks: { 'gpt-4o': ['b'] } });
  });
});
