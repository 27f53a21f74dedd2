import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { MetricsService } from './metrics.service';

/**
 * Counts every request when its connection side is done, by route pattern (never the raw URL), configured model
 * (anything else is `-`) and status. Listening on the raw response covers hijacked SSE replies too.
 */
export function installRequestMetrics(
  fastify: FastifyInstance,
  metrics: MetricsService,
  modelNames: readonly string[],
): void {
  const models = new Set(modelNames);
  fastify.addHook('onRequest', (request: FastifyRequest, reply, done) => {
    const started = process.hrtime.bigint();
    reply.raw.once('close', () => {
      const route = request.routeOptions.url ?? 'unmatched';
      const model = modelOf(request.body, models);
      metrics.requestDone(route, model, reply.raw.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
    });
    done();
  });
}

function modelOf(body: unknown, models: ReadonlySet<string>): string {
  const model = typeof body === 'object' && body !== null ? (body as { model?: unknown }).model : undefined;
  return typeof model === 'string' && models.has(model) ? model : '-';
}
