#!/usr/bin/env node
// First: V8 memory flags must be set before the modules below are loaded.
import './memory-flags';
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Logger, type INestApplication } from '@nestjs/common';
import { ConfigError } from './config/config.error';
import { loadConfigFile } from './config/config.loader';
import { createApp } from './main';

const USAGE = `Usage: warden [--config config.yaml] [--port 4000] [--host 0.0.0.0] [--detailed_debug]

  --config          LiteLLM-style config.yaml (default: the bundled demo config, no API keys needed)
  --port            port to listen on (default: $PORT or 4000)
  --host            address to bind (default: $HOST or 0.0.0.0)
  --detailed_debug  log each guardrail's request and response (secrets redacted)`;

interface CliOptions {
  config: string;
  port: number;
  host: string;
  detailedDebug: boolean;
}

function parseCli(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', short: 'c' },
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      detailed_debug: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const port = Number(values.port ?? process.env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a number from 0 to 65535 (got ${values.port})`);
  }
  return {
    config: values.config ?? bundledDemoConfig(),
    port,
    host: values.host ?? process.env.HOST ?? '0.0.0.0',
    detailedDebug: values.detailed_debug === true,
  };
}

/** The demo config ships beside the code: found from dist/src or src alike. */
function bundledDemoConfig(): string {
  let dir = __dirname;
  for (let i = 0; i < 4; i += 1) {
    const candidate = join(dir, 'config', 'demo.config.yaml');
    if (existsSync(candidate)) {
      return candidate;
    }
    dir = dirname(dir);
  }
  return resolve('config/demo.config.yaml');
}

/**
 * SIGTERM/SIGINT: stop accepting, let in-flight requests finish, flush the violation queue, exit 0.
 * A second signal exits at once.
 */
function stopOnSignals(app: INestApplication): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      process.exit(1);
    }
    stopping = true;
    Logger.log(`${signal} received: draining in-flight requests and the violation queue`, 'Warden');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`warden: shutdown failed: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseCli(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`warden: ${(error as Error).message}\n\n${USAGE}\n`);
    process.exit(1);
  }
  try {
    const config = loadConfigFile(options.config);
    const app = await createApp(config, { detailedDebug: options.detailedDebug });
    await app.listen(options.port, options.host);
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address !== null ? address.port : options.port;
    const models = [...new Set(config.models.map((m) => m.modelName))].join(', ');
    stopOnSignals(app);
    Logger.log(
      `Warden listening on http://${options.host}:${port} (config ${options.config}; models: ${models}; guardrails: ${config.guardrails.length})`,
      'Warden',
    );
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`warden: ${error.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`warden: failed to start: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

void main();
