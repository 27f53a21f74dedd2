import { randomUUID } from 'node:crypto';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { setupOpenApi } from './admin/openapi';
import { AppModule } from './app.module';
import type { WardenConfig } from './config/config.schema';

export interface AppOptions {
  detailedDebug?: boolean;
  logLevels?: LogLevel[] | false;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the gateway (not listening yet): the CLI and the end-to-end tests both start it this way. */
export async function createApp(config: WardenConfig, options: AppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.general.maxRequestBodyBytes,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    requestIdHeader: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    keepAliveTimeout: 65_000,
    return503OnClosing: true,
  });
  const logger: LogLevel[] | false =
    options.logLevels ??
    (options.detailedDebug ? ['error', 'warn', 'log', 'debug', 'verbose'] : ['error', 'warn', 'log']);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger,
    bufferLogs: false,
  });
  setupOpenApi(app);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  for (const warning of config.warnings) {
    Logger.warn(warning, 'Config');
  }
  return app;
}
