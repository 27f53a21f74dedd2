import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MasterKeyGuard } from '../auth/master-key.guard';
import { ChatPipeline } from './chat.pipeline';
import { writeSse } from './sse.writer';

@Controller()
@UseGuards(MasterKeyGuard)
export class ChatController {
  constructor(private readonly pipeline: ChatPipeline) {}

  /** Owns the raw reply because streams are written as they arrive; SSE framing lives in sse.writer. */
  @Post(['v1/chat/completions', 'chat/completions'])
  @HttpCode(200)
  async create(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const disconnected = new AbortController();
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) {
        disconnected.abort(new Error('client disconnected'));
      }
    });
    const result = await this.pipeline.run(body, {
      requestId: request.id,
      callerKeyAlias: request.callerKeyAlias ?? 'anonymous',
      signal: disconnected.signal,
      setHeader: (name, value) => void reply.header(name, value),
    });
    if (result.kind === 'stream') {
      await writeSse(reply, result.events);
      return;
    }
    await reply.status(200).send(result.body);
  }
}
