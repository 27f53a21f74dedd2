import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { genericHttpError, type OpenAiErrorBody } from './openai-error';

/**
 * Errors Fastify answers before a route (and Nest's exception filter) is reached, in the OpenAI error shape like
 * every other error: a malformed URL (`/v1/chat/completions%zz`), a path parameter too long, an HTTP request the
 * parser refuses (bad header line, headers too large, too slow), and requests that arrive while the server drains.
 * Body parsing errors (malformed JSON, 413, 415) and unknown routes do reach the filter already.
 */

/** Fastify's `frameworkErrors` option: router errors (bad percent-encoding, parameter too long). */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const message =
    error.code === 'FST_ERR_BAD_URL'
      ? `Malformed URL: ${JSON.stringify(request.url.slice(0, 200))} is not valid percent-encoding.`
      : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? 'Malformed URL: a path parameter is too long.'
        : error.message;
  const status = typeof error.statusCode === 'number' && error.statusCode < 500 ? error.statusCode : 400;
  const { body } = genericHttpError(status, message);
  void reply.status(status).header('x-request-id', request.id).send(body);
}

/**
 * Fastify's `clientErrorHandler`: an HTTP request that never became one (Node's parser refused it). The socket gets
 * a complete HTTP/1.1 answer in the OpenAI shape and is closed, as Fastify's own handler does with its own body.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) {
    return;
  }
  const [status, message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'The request was not received in time.']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'The request headers are larger than the server accepts.']
        : [400, 'Malformed HTTP request.'];
  const body = JSON.stringify(genericHttpError(status, message).body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

const SHUTTING_DOWN: OpenAiErrorBody = {
  error: {
    message: 'Warden is shutting down and takes no new requests; retry (another instance will answer).',
    type: 'service_unavailable_error',
    param: null,
    code: 'shutting_down',
  },
};

/**
 * Requests that arrive on an open connection while the server drains (after SIGTERM) are answered 503 in the OpenAI
 * shape with `Connection: close`, instead of Fastify's own `return503OnClosing` body.
 */
export function refuseWhileClosing(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!closing) {
      done();
      return;
    }
    void reply.status(503).headers({ connection: 'close', 'retry-after': '1' }).send(SHUTTING_DOWN);
  });
}
