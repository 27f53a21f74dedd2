import { v7 as uuidv7 } from 'uuid';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { pinoHttp } from 'pino-http';

/** Injection token for the options, for code that logs more under `--detailed_debug`. */
export const LOGGING_OPTIONS = Symbol('LOGGING_OPTIONS');

export interface LoggingOptions {
  /** `--detailed_debug`: debug level, every request logged, guardrail requests and responses (redacted). */
  detailedDebug: boolean;
  /** Tests: no output at all. */
  silent: boolean;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Header names and fields that may carry a key: their string values are censored in every log line, whatever logged
 * them and at any depth (an HTTP client error's config, a guardrail definition). This runs on the finished line, not
 * through pino's `redact`, which would also run on the bindings of each request's child logger (about 20 µs per
 * request in the profile; see BENCHMARKS.md), and those bindings (request id, method, url) never hold a key.
 */
const SECRET_FIELD_NAMES = [
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'api-key',
  'cookie',
  'set-cookie',
  'api_key',
  'apikey',
  'master_key',
  'aws_secret_access_key',
  'aws_session_token',
];
const JSON_STRING = String.raw`"(?:[^"\\]|\\.)*"`;
const SECRET_FIELD = new RegExp(
  `"(${SECRET_FIELD_NAMES.join('|')})":(${JSON_STRING}|\\[(?:${JSON_STRING},?)*\\])`,
  'gi',
);

/** Replaces the value of every secret-bearing field in one serialized log line with "[REDACTED]". */
export function censorSecretFields(line: string): string {
  return line.replace(SECRET_FIELD, '"$1":"[REDACTED]"');
}

/** The request id Fastify gave the request (or the client's own, if valid), so every log line carries it. */
function requestIdOf(req: IncomingMessage & { id?: unknown }, res: ServerResponse): string {
  if (typeof req.id === 'string') {
    return req.id;
  }
  const fromReply = res.getHeader('x-request-id');
  if (typeof fromReply === 'string') {
    return fromReply;
  }
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : uuidv7();
}

/** Injection token for pino-http's handler, which main.ts runs from a Fastify onRequest hook. */
export const HTTP_LOGGER = Symbol('HTTP_LOGGER');

/**
 * Structured JSON logs (pino) with the request id on every line. Only errors and 4xx are logged per request by
 * default (a log line per 2xx costs more than Warden's whole overhead budget); `--detailed_debug` logs them all.
 *
 * nestjs-pino is Nest's logger (every `new Logger(context)` writes through pino), but its per-route middleware is not
 * mounted: it runs the rest of each request inside AsyncLocalStorage, and on Node 20 that makes every promise pay for
 * async hooks (35 to 60 µs of CPU per request, measured; BENCHMARKS.md). pino-http runs from a Fastify hook instead,
 * and code that logs for a request passes its id (`{ reqId }`) explicitly.
 */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(options: LoggingOptions): DynamicModule {
    const logger = pino({
      level: options.silent ? 'silent' : options.detailedDebug ? 'debug' : 'info',
      hooks: { streamWrite: censorSecretFields },
    });
    const httpLogger = pinoHttp({
      logger,
      genReqId: requestIdOf,
      quietReqLogger: true,
      serializers: {
        req: (req: { id?: unknown; method?: string; url?: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, error) => {
        if (error || res.statusCode >= 500) {
          return 'error';
        }
        if (res.statusCode >= 400) {
          return 'warn';
        }
        return options.detailedDebug ? 'info' : 'silent';
      },
    });
    return {
      module: LoggingModule,
      providers: [
        { provide: LOGGING_OPTIONS, useValue: options },
        { provide: HTTP_LOGGER, useValue: httpLogger },
      ],
      exports: [LOGGING_OPTIONS, HTTP_LOGGER],
      imports: [LoggerModule.forRoot({ pinoHttp: { logger }, forRoutes: [] })],
    };
  }
}
