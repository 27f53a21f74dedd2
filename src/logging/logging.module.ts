import { Global, Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { type Logger as PinoLogger } from 'pino';
import { isSecretKey, SECRET_NAME_HINT } from '../guardrails/secret-fields';

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
 * Every field whose name is a secret by `isSecretKey` (the definition the admin API and the database use too:
 * `authorization`, `x-api-key`, `cookie`, `api_key`, `password`, `token`, `client_secret`, `x-aporia-api-key`, ...)
 * has its string values censored in every log line, whatever logged them and at any depth (an HTTP client error's
 * config, a guardrail definition). This runs on the finished line, not through pino's `redact`, which would also run
 * on the bindings of each request's child logger (about 20 µs per request in the profile; see BENCHMARKS.md), and
 * those bindings (request id, method, url) never hold a key. Names are matched first by the words they must contain,
 * so most fields are passed over by the regular expression alone.
 */
const JSON_STRING = String.raw`"(?:[^"\\]|\\.)*"`;
const CANDIDATE_FIELD = new RegExp(
  String.raw`"([^"\\]*?(?:${SECRET_NAME_HINT})[^"\\]*)":(${JSON_STRING}|\[(?:${JSON_STRING},?)*\])`,
  'gi',
);

/** Replaces the value of every secret-bearing field in one serialized log line with "[REDACTED]". */
export function censorSecretFields(line: string): string {
  return line.replace(CANDIDATE_FIELD, (field: string, name: string) =>
    isSecretKey(name) ? `"${name}":"[REDACTED]"` : field,
  );
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
