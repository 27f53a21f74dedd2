import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { EndpointsModule } from '../endpoints/endpoints.module';
import { KeysModule } from '../keys/keys.module';
import { ModelsModule } from '../models/models.module';
import { ViolationsAdminModule } from '../violations/admin/violations-admin.module';
import { AdminModule } from './admin.module';
import { serveSwaggerUi } from './swagger-ui.routes';

export const DOCS_PATH = 'docs';

/**
 * Swagger UI at /docs and the OpenAPI document at /docs-json (and /docs-yaml) for the LLM APIs (/v1) and the admin API.
 * Both are public: they describe the API and hold no data; every route they describe needs the master key. The
 * document is built on first request.
 */
export function setupOpenApi(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Warden API')
    .setDescription(
      'The guarded LLM APIs (OpenAI Chat Completions, Responses, Completions, Embeddings; Anthropic Messages), ' +
        'guardrails managed at runtime (config.yaml entry shape) and the violation log. ' +
        'Every route needs the master key: Authorization: Bearer <master_key> (x-api-key on /v1/messages).',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'general_settings.master_key' })
    .build();
  SwaggerModule.setup(
    DOCS_PATH,
    app,
    () =>
      SwaggerModule.createDocument(app, config, {
        include: [EndpointsModule, ModelsModule, AdminModule, KeysModule, ViolationsAdminModule],
      }),
    { ui: false, raw: ['json', 'yaml'], jsonDocumentUrl: `${DOCS_PATH}-json`, yamlDocumentUrl: `${DOCS_PATH}-yaml` },
  );
  serveSwaggerUi(app, DOCS_PATH, 'Warden API');
}
