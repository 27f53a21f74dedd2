import { connect } from 'node:net';
import { startGateway, type RunningGateway } from './gateway.harness';

interface OpenAiError {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** Writes raw bytes on a new connection and returns the whole answer (the server closes the connection). */
function rawExchange(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((done, fail) => {
    let answer = '';
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('close', () => done(answer));
    socket.on('error', fail);
  });
}

function expectOpenAiShape(body: unknown, status: number): OpenAiError['error'] {
  const { error } = body as OpenAiError;
  expect(Object.keys(body as object)).toEqual(['error']);
  expect(Object.keys(error).sort()).toEqual(['code', 'message', 'param', 'type']);
  expect([typeof error.message, error.param, typeof error.code]).toEqual(['string', null, 'string']);
  expect(error.type).toBe(status >= 500 ? 'service_unavailable_error' : 'invalid_request_error');
  return error;
}

describe('Errors raised by the framework, before any route, answer the OpenAI error shape', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway({
      model_list: [{ model_name: 'demo', litellm_params: { model: 'mock/demo', mock_response: 'ok' } }],
      general_settings: { max_request_size_mb: 0.001 },
    });
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it.each([
    ['POST', '/v1/chat/completions%zz'],
    ['GET', '/admin/guardrails/%E0%A4%A'],
    ['GET', '/ui/%zz'],
  ])('a malformed URL: %s %s is a 400 with a request id', async (method, path) => {
    const response = await fetch(`${gateway.url}${path}`, { method });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    const error = expectOpenAiShape(await response.json(), 400);
    expect(error.message).toContain('Malformed URL');
  });

  it('an unknown route is a 404', async () => {
    const response = await fetch(`${gateway.url}/v2/nothing-here`);
    expect(response.status).toBe(404);
    expect(expectOpenAiShape(await response.json(), 404).code).toBe('not_found');
  });

  it.each([
    ['malformed JSON', '{"model": ', 'application/json', 400],
    ['an unsupported media type', 'model=demo', 'application/x-www-form-urlencoded', 415],
    [
      'a body over max_request_size_mb',
      JSON.stringify({ model: 'demo', pad: 'x'.repeat(5000) }),
      'application/json',
      413,
    ],
  ])('%s', async (_case, body, type, status) => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    });
    expect(response.status).toBe(status);
    expectOpenAiShape(await response.json(), status);
  });

  it('an HTTP request the parser refuses is a 400, and the connection is closed', async () => {
    const answer = await rawExchange(gateway.url, 'GET /v1/models HTTP/1.1\r\nHost: x\r\nNot a header line\r\n\r\n');
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(head).toContain('Connection: close');
    expect(expectOpenAiShape(JSON.parse(body), 400).message).toBe('Malformed HTTP request.');
  });

  it('headers larger than the server accepts are a 431', async () => {
    const answer = await rawExchange(
      gateway.url,
      `GET /v1/models HTTP/1.1\r\nHost: x\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(expectOpenAiShape(JSON.parse(body), 431).code).toBe('431');
  });
});
