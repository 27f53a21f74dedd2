import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

/**
 * One JSON line per finished request, with its id, method, URL, status and time: 5xx as errors, 4xx as warnings,
 * the rest only under `--debug` or `--detailed_debug`. Listening on the raw response covers hijacked SSE replies and clients
 * that went away (`request aborted`).
 */
export function installRequestLog(fastify: FastifyInstance, logger: Logger, everyRequest: boolean): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const started = performance.now();
    reply.raw.once('close', () => {
      const statusCode = reply.raw.statusCode;
      const level = statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : everyRequest ? 'info' : undefined;
      if (level === undefined) {
        return;
      }
      logger[level](
        {
          reqId: request.id,
          req: { id: request.id, method: request.method, url: withoutKeyParameters(request.url) },
          res: { statusCode },
          responseTime: Math.round(performance.now() - started),
        },
        reply.raw.writableFinished ? 'request completed' : 'request aborted',
      );
    });
    done();
  });
}

/** LiteLLM's `GET /key/info?key=sk-...` carries a virtual key in the URL: its value never reaches the log. */
export function withoutKeyParameters(url: string): string {
  return url.includes('key') ? url.replace(/([?&](?:key|api_key|key_hash)=)[^&#]*/gi, '$1[REDACTED]') : url;
}
