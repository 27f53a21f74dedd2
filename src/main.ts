import { v7 as uuidv7 } from 'uuid';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setupOpenApi } from './admin/openapi';
import { answerClientError, answerFrameworkError, refuseWhileClosing } from './common/framework-errors';
import { AppModule } from './app.module';
import { FrameworkQuietLogger } from './logging/framework-quiet.logger';
import { ROOT_LOGGER } from './logging/logging.module';
import { installRequestLog } from './logging/request-log.hook';
import { installRequestMetrics } from './metrics/request-metrics.hook';
import { MetricsService } from './metrics/metrics.service';
import type { WardenConfig } from './config/config.schema';

export interface AppOptions {
  /** `--detailed_debug`: debug logs, every request logged, guardrail calls logged (redacted). */
  detailedDebug?: boolean;
  /** `--debug`: info-level detail: the framework's start-up lines and every request logged. */
  debug?: boolean;
  /** No log output at all (tests). */
  silent?: boolean;
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
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : uuidv7();
    },
    keepAliveTimeout: 65_000,
    // Framework-level errors leave in the OpenAI error shape too (framework-errors.ts).
    return503OnClosing: false,
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  const logging = {
    detailedDebug: options.detailedDebug === true,
    debug: options.debug === true,
    silent: options.silent === true,
  };
  const verbose = logging.debug || logging.detailedDebug;
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, logging), adapter, {
    bufferLogs: true,
    // Warden registers its own JSON parser (acceptEmptyJsonBodies) instead of Nest's.
    bodyParser: false,
  });
  app.useLogger(new FrameworkQuietLogger(app.get(Logger), verbose));
  app.flushLogs();
  setupOpenApi(app);
  const fastify = app.getHttpAdapter().getInstance();
  acceptEmptyJsonBodies(fastify);
  installRequestMetrics(fastify, app.get(MetricsService), [...new Set(config.models.map((m) => m.modelName))]);
  installRequestLog(fastify, app.get<PinoLogger>(ROOT_LOGGER), verbose);
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  refuseWhileClosing(fastify);
  for (const warning of config.warnings) {
    NestLogger.warn(warning, 'Config');
  }
  return app;
}

/**
 * `POST /admin/guardrails/:id/disable` with `content-type: application/json` and no body is how many clients send a
 * body-less POST; Fastify would answer 400. An empty body parses as no body; everything else keeps Fastify's parser
 * (prototype-poisoning checks included).
 */
function acceptEmptyJsonBodies(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  const { bodyLimit } = fastify.initialConfig;
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text === '') {
      done(null, undefined);
      return;
    }
    void parseJson(request, text, done);
  });
}
