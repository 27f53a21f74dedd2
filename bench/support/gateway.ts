import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { onGatewayCpu, type PinPlan } from './cpu-pinning';
import { startService, type Service } from './service-process';

export const MASTER_KEY = 'sk-bench-master-key-0001';
export const MODEL = 'bench';
/** An `anthropic/` model on the same mock upstream: `/v1/messages` goes to it natively. */
export const ANTHROPIC_MODEL = 'bench-claude';

export type GuardrailEntry = { guardrail_name: string; litellm_params: Record<string, unknown> };

export interface GatewaySpec {
  /** Names the config file and the SQLite database. */
  name: string;
  upstreamUrl: string;
  guardrails: GuardrailEntry[];
  tempDir: string;
  pin: PinPlan;
  /** dist/src/cli.js of the build to run. */
  cli: string;
  nodeFlags: string[];
  /** Write a `.cpuprofile` here when the gateway exits. */
  cpuProfileDir?: string;
}

export interface Gateway extends Service {
  databasePath: string;
  chatUrl: string;
}

/**
 * The generated config.yaml: an `openai/` model (chat, responses, completions, embeddings natively) and an
 * `anthropic/` model (messages natively) on the mock upstream, a master key, a fresh SQLite file.
 */
function writeConfig(spec: GatewaySpec, databasePath: string): string {
  const config = {
    model_list: [
      {
        model_name: MODEL,
        litellm_params: {
          model: 'openai/bench-model',
          api_base: `${spec.upstreamUrl}/v1`,
          api_key: 'sk-upstream-bench',
          timeout: 120,
        },
      },
      {
        model_name: ANTHROPIC_MODEL,
        litellm_params: {
          model: 'anthropic/bench-claude-model',
          api_base: spec.upstreamUrl,
          api_key: 'sk-ant-upstream-bench',
          timeout: 120,
        },
      },
    ],
    general_settings: { master_key: MASTER_KEY, database_url: `sqlite:${databasePath}` },
    router_settings: { num_retries: 0 },
    ...(spec.guardrails.length > 0 ? { guardrails: spec.guardrails } : {}),
  };
  const path = join(spec.tempDir, `${spec.name}.config.yaml`);
  writeFileSync(path, stringify(config));
  return path;
}

/** `node dist/src/cli.js --config <generated> --port 0 --host 127.0.0.1`, on the gateway's CPU; needs `npm run build`. */
export async function startGateway(spec: GatewaySpec): Promise<Gateway> {
  if (!existsSync(spec.cli)) {
    throw new Error(`${spec.cli} not found: run npm run build first (npm run bench does)`);
  }
  const databasePath = join(spec.tempDir, `${spec.name}.sqlite`);
  const configPath = writeConfig(spec, databasePath);
  const profile = spec.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', spec.cpuProfileDir] : [];
  const { command, args } = onGatewayCpu(spec.pin, [
    ...spec.nodeFlags,
    ...profile,
    spec.cli,
    '--config',
    configPath,
    '--port',
    '0',
    '--host',
    '127.0.0.1',
  ]);
  const service = await startService({
    name: `gateway (${spec.name})`,
    command,
    args,
    ready: /Warden listening on (http:\/\/127\.0\.0\.1:\d+)/,
  });
  return { ...service, databasePath, chatUrl: `${service.url}/v1/chat/completions` };
}
