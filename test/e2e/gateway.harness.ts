import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import OpenAI from 'openai';
import { buildConfig } from '../../src/config/config.loader';
import { createApp } from '../../src/main';
import { SQLITE } from '../support/test-databases';

export interface RunningGateway {
  url: string;
  app: NestFastifyApplication;
  /** The official OpenAI SDK pointed at the gateway; no SDK retries, so tests see Warden's own behaviour. */
  client(apiKey?: string): OpenAI;
  close(): Promise<void>;
}

/** Starts the real app (full module graph) on a random loopback port from a config object. */
export async function startGateway(
  rawConfig: Record<string, unknown>,
  env: Record<string, string | undefined> = {},
): Promise<RunningGateway> {
  const general = (rawConfig.general_settings ?? {}) as Record<string, unknown>;
  const withDatabase =
    general.database_url === undefined
      ? { ...rawConfig, general_settings: { ...general, database_url: (await SQLITE.create()).url } }
      : rawConfig;
  const config = buildConfig(withDatabase, 'test-config.yaml', env);
  const app = await createApp(config, { silent: true });
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  return {
    url: url.replace('[::1]', '127.0.0.1'),
    app,
    client: (apiKey = 'sk-test') => new OpenAI({ baseURL: `${url}/v1`, apiKey, maxRetries: 0, timeout: 20_000 }),
    close: () => app.close(),
  };
}

/** Posts raw bytes (for what the SDK cannot send: malformed JSON, huge bodies, odd headers). */
export async function postRaw(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown; headers: Headers }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, json, headers: response.headers };
}
