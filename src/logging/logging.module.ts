import { Global, Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { type Logger as PinoLogger } from 'pino';

/** Injection token for the options, for code that logs more under `--detailed_debug`. */
export const LOGGING_OPTIONS = Symbol('LOGGING_OPTIONS');

export interface LoggingOptions {
  /** `--detailed_debug`: debug level, every request logged, guardrail requests and responses (redacted). */
  detailedDebug: boolean;
  /** `--debug` (LiteLLM's flag): info-level detail: the framework's start-up lines and every request logged. */
  debug?: boolean;
  /** Tests: no output at all. */
  silent: boolean;
}

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

/** Injection token for the root pino logger, which the request log hook (request-log.hook.ts) writes to. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/**
 * Structured JSON logs (pino) with the request id on every line. Only errors and 4xx are logged per request by
 * default (a log line per 2xx costs more than Warden's whole overhead budget); `--detailed_debug` logs them all.
 *
 * nestjs-pino is Nest's logger (every `new Logger(context)` writes through pino), but its per-route middleware is not
 * mounted: it runs the rest of each request inside AsyncLocalStorage, and on Node 20 that makes every promise pay for
 * async hooks (35 to 60 µs of CPU per request, measured; BENCHMARKS.md), and its pino-http builds two child loggers
 * per request that a 2xx never uses. The request line comes from a Fastify hook instead (request-log.hook.ts), and
 * code that logs for a request passes its id (`{ reqId }`) explicitly.
 */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(options: LoggingOptions): DynamicModule {
    const logger: PinoLogger = pino({
      level: options.silent ? 'silent' : options.detailedDebug ? 'debug' : 'info',
      hooks: { streamWrite: censorSecretFields },
    });
    return {
      module: LoggingModule,
      providers: [
        { provide: LOGGING_OPTIONS, useValue: options },
        { provide: ROOT_LOGGER, useValue: logger },
      ],
      exports: [LOGGING_OPTIONS, ROOT_LOGGER],
      imports: [LoggerModule.forRoot({ pinoHttp: { logger }, forRoutes: [] })],
    };
  }
}
