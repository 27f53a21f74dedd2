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
import { GuardrailRegistry } from './guardrails/guardrail.registry';
import { createApp } from './main';
import { renderBanner } from './startup/banner';
import { isAtLeast, MIN_NODE_VERSION } from './startup/node-version';

const USAGE = `Usage: warden [--config config.yaml] [--port 4000] [--host 0.0.0.0] [--debug | --detailed_debug]

  --config          LiteLLM-style config.yaml (default: the bundled demo config, no API keys needed)
  --port            port to listen on (default: $PORT or 4000)
  --host            address to bind (default: $HOST or 0.0.0.0)
  --debug           info-level detail: the framework's start-up lines and a log line for every request
  --detailed_debug  --debug, plus debug level: each guardrail's input and verdict (PII and secrets masked)`;

interface CliOptions {
  config: string;
  port: number;
  host: string;
  debug: boolean;
  detailedDebug: boolean;
}

function parseCli(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', short: 'c' },
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      debug: { type: 'boolean', default: false },
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
    debug: values.debug === true,
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
  if (!isAtLeast(process.versions.node)) {
    process.stderr.write(
      `warden: Node.js ${MIN_NODE_VERSION} or newer is required (this is ${process.versions.node}); see the README's requirements\n`,
    );
    process.exit(1);
  }
  let options: CliOptions;
  try {
    options = parseCli(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`warden: ${(error as Error).message}\n\n${USAGE}\n`);
    process.exit(1);
  }
  try {
    const config = loadConfigFile(options.config);
    const app = await createApp(config, { debug: options.debug, detailedDebug: options.detailedDebug });
    await app.listen(options.port, options.host);
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address !== null ? address.port : options.port;
    stopOnSignals(app);
    const guardrails = app
      .get(GuardrailRegistry)
      .snapshot()
      .list.map(({ guardrail, enabled }) => ({
        name: guardrail.definition.name,
        kind: guardrail.definition.kind,
        modes: guardrail.definition.modes,
        enabled,
      }));
    const models = config.models.map((m) => ({ name: m.modelName, provider: m.provider }));
    const configFile = resolve(options.config);
    // The banner is for the person at the terminal (stderr); the JSON line is for log collectors (stdout).
    process.stderr.write(`${renderBanner({ host: options.host, port, configFile, models, guardrails })}\n`);
    Logger.log(
      {
        msg: `Warden listening on http://${options.host}:${port}`,
        config: configFile,
        models: [...new Set(models.map((m) => m.name))],
        guardrails: guardrails.map((g) => g.name),
      },
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
