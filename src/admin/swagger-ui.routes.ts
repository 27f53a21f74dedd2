import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The Swagger UI files the page loads, and nothing else from the package directory. */
const ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

/**
 * Serves Swagger UI at `/<path>` for the document at `/<path>-json`, with two plain routes instead of
 * `@fastify/static` (whose ESM-only dependencies neither Jest nor Node 20.18 can `require`). Assets come from the
 * `swagger-ui-dist` package that `@nestjs/swagger` itself depends on, read once and kept in memory.
 */
export function serveSwaggerUi(app: NestFastifyApplication, path: string, title: string): void {
  const fastify = app.getHttpAdapter().getInstance();
  const html = page(`/${path}`, `/${path}-json`, title);
  const cache = new Map<string, Promise<Buffer>>();
  fastify.get(`/${path}`, (_request: FastifyRequest, reply: FastifyReply) =>
    reply.type('text/html; charset=utf-8').send(html),
  );
  fastify.get(
    `/${path}/:asset`,
    async (request: FastifyRequest<{ Params: { asset: string } }>, reply: FastifyReply) => {
      const { asset } = request.params;
      const type = Object.hasOwn(ASSETS, asset) ? ASSETS[asset] : undefined;
      if (type === undefined) {
        return reply
          .status(404)
          .send({ error: { message: 'not found', type: 'invalid_request_error', param: null, code: 'not_found' } });
      }
      let content = cache.get(asset);
      if (!content) {
        content = readFile(join(swaggerUiDistDirectory(), asset));
        cache.set(asset, content);
      }
      return reply
        .type(type)
        .header('cache-control', 'public, max-age=86400')
        .send(await content);
    },
  );
}

function swaggerUiDistDirectory(): string {
  const swagger = require.resolve('@nestjs/swagger');
  return dirname(require.resolve('swagger-ui-dist/package.json', { paths: [swagger] }));
}

function page(base: string, documentUrl: string, title: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${title}</title>
  <link rel="stylesheet" href="${base}/swagger-ui.css">
  <link rel="icon" type="image/png" href="${base}/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${base}/swagger-ui-bundle.js"></script>
  <script src="${base}/swagger-ui-standalone-preset.js"></script>
  <script>
    window.onload = function () {
      window.ui = SwaggerUIBundle({
        url: '${documentUrl}',
        dom_id: '#swagger-ui',
        presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
        layout: 'StandaloneLayout',
        persistAuthorization: true,
      });
    };
  </script>
</body>
</html>
`;
}
