import { WardenError, WardenErrorCode } from '../../../../src/common/warden.error';
import { parseCompletionsRequest } from '../../../../src/endpoints/completions/completions-request';

function problemOf(body: unknown): { param: string | null | undefined; message: string; status: string } {
  try {
    parseCompletionsRequest(body);
  } catch (error) {
    if (error instanceof WardenError) {
      return { param: error.options.param, message: error.message, status: error.code };
    }
    throw error;
  }
  throw new Error('expected the body to be rejected');
}

describe(parseCompletionsRequest.name, () => {
  it('reads model, prompt, suffix, echo, n and stream, and keeps every other field for the upstream', () => {
    const request = parseCompletionsRequest({
      model: 'instruct',
      prompt: 'Say hi',
      suffix: 'bye',
      echo: true,
      n: 2,
      best_of: 3,
      stream: true,
      max_tokens: 5,
      unknown_field: { kept: true },
      guardrails: ['pii'],
      metadata: { guardrails: ['secrets'], team: 'a' },
    });
    expect(request).toMatchObject({
      model: 'instruct',
      stream: true,
      prompt: { kind: 'texts', texts: ['Say hi'], list: false },
      suffix: 'bye',
      echo: true,
      choicesPerPrompt: 2,
    });
    expect(request.unreadable).toBeUndefined();
    expect([...request.requestedGuardrails.keys()]).toEqual(['pii', 'secrets']);
    expect(request.body).toEqual({
      model: 'instruct',
      prompt: 'Say hi',
      suffix: 'bye',
      echo: true,
      n: 2,
      best_of: 3,
      stream: true,
      max_tokens: 5,
      unknown_field: { kept: true },
      metadata: { team: 'a' },
    });
  });

  it('defaults to no stream, no echo, one choice per prompt and no suffix (null counts as absent)', () => {
    const request = parseCompletionsRequest({ model: 'm', prompt: 'p', suffix: null, echo: null, n: null });
    expect(request).toMatchObject({ stream: false, echo: false, choicesPerPrompt: 1 });
    expect('suffix' in request).toBe(false);
  });

  it('reads a list of prompts as a list', () => {
    expect(parseCompletionsRequest({ model: 'm', prompt: ['a', 'b'] }).prompt).toEqual({
      kind: 'texts',
      texts: ['a', 'b'],
      list: true,
    });
  });

  it.each([
    ['token ids', [1, 2, 3]],
    ['lists of token ids', [[1, 2], [3]]],
  ])('marks %s as unreadable by guardrails, naming prompt', (_kind, prompt) => {
    const request = parseCompletionsRequest({ model: 'm', prompt });
    expect(request.prompt).toEqual({ kind: 'tokens' });
    expect(request.unreadable).toEqual({
      param: 'prompt',
      message: 'prompt holds token ids, which guardrails cannot read.',
    });
  });

  it.each<[string, unknown, string]>([
    ['a body that is not an object', ['model'], ''],
    ['a missing model', { prompt: 'p' }, 'model'],
    ['an empty model', { model: '', prompt: 'p' }, 'model'],
    ['a model that is not a string', { model: 3, prompt: 'p' }, 'model'],
    ['a missing prompt', { model: 'm' }, 'prompt'],
    ['a null prompt', { model: 'm', prompt: null }, 'prompt'],
    ['an object prompt', { model: 'm', prompt: { text: 'p' } }, 'prompt'],
    ['an empty prompt list', { model: 'm', prompt: [] }, 'prompt'],
    ['a prompt list mixing texts and token ids', { model: 'm', prompt: ['a', 1] }, 'prompt'],
    ['negative token ids', { model: 'm', prompt: [-1] }, 'prompt'],
    ['fractional token ids', { model: 'm', prompt: [1.5] }, 'prompt'],
    ['an empty token id list in a list', { model: 'm', prompt: [[1], []] }, 'prompt'],
    ['a suffix that is not a string', { model: 'm', prompt: 'p', suffix: 1 }, 'suffix'],
    ['an echo that is not a boolean', { model: 'm', prompt: 'p', echo: 'yes' }, 'echo'],
    ['a stream that is not a boolean', { model: 'm', prompt: 'p', stream: 'true' }, 'stream'],
    ['an n of 0', { model: 'm', prompt: 'p', n: 0 }, 'n'],
    ['a fractional n', { model: 'm', prompt: 'p', n: 1.5 }, 'n'],
    ['malformed guardrails', { model: 'm', prompt: 'p', guardrails: [1] }, 'guardrails'],
  ])('answers 400 to %s, naming the param', (_case, body, param) => {
    const problem = problemOf(body);
    expect(problem.status).toBe(WardenErrorCode.InvalidRequest);
    expect(problem.param ?? '').toBe(param);
  });

  it('answers 400 to a body nested too deep to walk safely', () => {
    let deep: unknown = 'x';
    for (let level = 0; level < 50; level += 1) {
      deep = { deep };
    }
    expect(problemOf({ model: 'm', prompt: 'p', logit_bias: deep }).message).toMatch(/nested deeper/);
  });
});
