import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { ENDPOINT_ADAPTERS } from './endpoint.registry';
import type { EndpointName } from './endpoint-name';
import { GuardrailPipeline } from './pipeline';
import { writeSse } from './sse.writer';

const OPEN_BODY = { schema: { type: 'object', additionalProperties: true } } as const;

/**
 * The APIs applications call. Each route owns the raw reply because streams are written as they arrive; the
 * pipeline does the work and sse.writer the framing, in the endpoint's own wire format.
 */
@ApiTags('LLM APIs')
@ApiBearerAuth()
@Controller()
@UseGuards(ApiKeyGuard)
export class EndpointsController {
  constructor(private readonly pipeline: GuardrailPipeline) {}

  @Post(['v1/chat/completions', 'chat/completions'])
  @HttpCode(200)
  @ApiOperation({ summary: 'OpenAI Chat Completions (JSON or stream: true), guarded' })
  @ApiBody(OPEN_BODY)
  @ApiOkResponse({ description: 'chat.completion, or text/event-stream of chat.completion.chunk then [DONE]' })
  chat(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.respond('chat', body, request, reply);
  }

  @Post(['v1/responses', 'responses'])
  @HttpCode(200)
  @ApiOperation({ summary: 'OpenAI Responses API (JSON or stream: true), guarded' })
  @ApiBody(OPEN_BODY)
  @ApiOkResponse({ description: 'response object, or text/event-stream of response.* events' })
  responses(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.respond('responses', body, request, reply);
  }

  @Post(['v1/messages', 'messages'])
  @HttpCode(200)
  @ApiOperation({ summary: 'Anthropic Messages API (JSON or stream: true), guarded; errors in Anthropic’s envelope' })
  @ApiBody(OPEN_BODY)
  @ApiOkResponse({ description: 'message object, or text/event-stream of message_start … message_stop' })
  messages(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.respond('messages', body, request, reply);
  }

  @Post(['v1/completions', 'completions'])
  @HttpCode(200)
  @ApiOperation({ summary: 'OpenAI legacy Completions (JSON or stream: true), guarded' })
  @ApiBody(OPEN_BODY)
  @ApiOkResponse({ description: 'text_completion, or text/event-stream of text_completion chunks then [DONE]' })
  completions(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.respond('completions', body, request, reply);
  }

  @Post(['v1/embeddings', 'embeddings'])
  @HttpCode(200)
  @ApiOperation({ summary: 'OpenAI Embeddings, input guarded (no answer text)' })
  @ApiBody(OPEN_BODY)
  @ApiOkResponse({ description: 'list of embeddings' })
  embeddings(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.respond('embeddings', body, request, reply);
  }

  private async respond(
    endpoint: EndpointName,
    body: unknown,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> {
    const adapter = ENDPOINT_ADAPTERS[endpoint];
    const disconnected = new AbortController();
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) {
        disconnected.abort(new Error('client disconnected'));
      }
    });
    const result = await this.pipeline.run(adapter, body, {
      requestId: request.id,
      callerKeyAlias: request.callerKeyAlias ?? 'anonymous',
      callerKey: request.callerKey,
      headers: request.headers,
      signal: disconnected.signal,
      setHeader: (name, value) => void reply.header(name, value),
    });
    if (result.kind === 'stream') {
      await writeSse(reply, result.events, adapter.streamFormat, request.id);
      return;
    }
    if (result.kind === 'raw_json') {
      await reply.status(200).type('application/json; charset=utf-8').send(result.text);
      return;
    }
    await reply.status(200).send(result.body);
  }
}
