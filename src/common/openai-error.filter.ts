import { Catch, HttpException, Inject, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { anthropicErrorBody } from '../endpoints/messages/anthropic-error';
import { genericHttpError, toHttpError, type HttpErrorResponse } from './openai-error';
import { WardenError } from './warden.error';
import { WARDEN_CONFIG } from '../config/config.module';
import type { WardenConfig } from '../config/config.schema';

/** Routes of Anthropic's Messages API, whose clients (the Anthropic SDK, Claude Code) read Anthropic's envelope. */
const ANTHROPIC_ROUTE = /^\/(?:v1\/)?messages\/?(?:\?|$)/;

/**
 * The one place errors become HTTP. Writes the error shape of the API called (OpenAI's; Anthropic's on
 * `/v1/messages`); hides internals on 5xx; if an SSE stream is already open it ends the stream with an error frame
 * instead of trying to send headers twice.
 */
@Catch()
export class OpenAiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(@Inject(WARDEN_CONFIG) private readonly config: WardenConfig) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    if (!reply.raw.writableEnded && (reply.raw.destroyed || request.raw.socket?.destroyed === true)) {
      // The client went away (its request was aborted on the way): nobody to answer, and nothing went wrong here.
      this.logger.log({ reqId: request.id }, `client disconnected before the answer (${describe(exception)})`);
      return;
    }
    const response = this.toResponse(exception, request.id);
    if (ANTHROPIC_ROUTE.test(request.url)) {
      writeAnthropicErrorReply(reply, response, request.id, guardrailOf(exception));
      return;
    }
    writeErrorReply(reply, response);
  }

  private toResponse(exception: unknown, requestId: string): HttpErrorResponse {
    if (exception instanceof WardenError) {
      return toHttpError(exception);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      const message =
        typeof payload === 'object' && payload !== null && 'message' in payload
          ? [payload.message].flat().join('; ')
          : exception.message;
      if (status === 413) {
        return genericHttpError(
          413,
          `Request body is larger than the limit of ${this.config.general.maxRequestBodyBytes} bytes (general_settings.max_request_size_mb).`,
        );
      }
      return genericHttpError(status, message);
    }
    const status = (exception as { statusCode?: unknown } | null)?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return genericHttpError(status, (exception as Error).message);
    }
    this.logger.error(
      { reqId: requestId },
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    return genericHttpError(500, 'internal error');
  }
}

function writeErrorReply(reply: FastifyReply, response: HttpErrorResponse): void {
  const raw = reply.raw;
  if (raw.headersSent) {
    if (!raw.writableEnded) {
      raw.end(`data: ${JSON.stringify(response.body)}\n\ndata: [DONE]\n\n`);
    }
    return;
  }
  void reply.status(response.status).headers(response.headers).send(response.body);
}

function describe(exception: unknown): string {
  return exception instanceof Error ? exception.message : String(exception);
}

function guardrailOf(exception: unknown): string | undefined {
  return exception instanceof WardenError ? exception.options.guardrail : undefined;
}

function writeAnthropicErrorReply(
  reply: FastifyReply,
  response: HttpErrorResponse,
  requestId: string,
  guardrail: string | undefined,
): void {
  const { error } = response.body;
  const message =
    typeof error.message === 'string' || guardrail === undefined ? error.message : { ...error.message, guardrail };
  const body = anthropicErrorBody(response.status, { ...error, message }, requestId);
  const raw = reply.raw;
  if (raw.headersSent) {
    if (!raw.writableEnded) {
      raw.end(`event: error\ndata: ${JSON.stringify(body)}\n\n`);
    }
    return;
  }
  void reply.status(response.status).headers(response.headers).send(body);
}
