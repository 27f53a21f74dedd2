import { anthropicErrorBody, anthropicErrorType } from '../../../../src/endpoints/messages/anthropic-error';

describe(anthropicErrorType.name, () => {
  it("follows Anthropic's table by status, a guardrail outage (503) being an api_error", () => {
    const statuses = [400, 401, 402, 403, 404, 413, 429, 500, 503, 504, 529];
    expect(statuses.map((status) => anthropicErrorType(status))).toEqual([
      'invalid_request_error',
      'authentication_error',
      'billing_error',
      'permission_error',
      'not_found_error',
      'request_too_large',
      'rate_limit_error',
      'api_error',
      'api_error',
      'timeout_error',
      'overloaded_error',
    ]);
  });

  it('keeps an Anthropic type for other statuses, else falls back by status class', () => {
    expect(anthropicErrorType(409, 'invalid_request_error')).toBe('invalid_request_error');
    expect(anthropicErrorType(502, 'overloaded_error')).toBe('overloaded_error');
    expect(anthropicErrorType(502, 'upstream_error')).toBe('api_error');
    expect(anthropicErrorType(422, 'None')).toBe('invalid_request_error');
  });
});

describe(anthropicErrorBody.name, () => {
  it('wraps a plain error in the Anthropic envelope with the request id', () => {
    expect(
      anthropicErrorBody(
        400,
        { message: 'max_tokens: Field required', type: 'invalid_request_error', code: null, param: 'max_tokens' },
        'req_1',
      ),
    ).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'max_tokens: Field required', param: 'max_tokens' },
      request_id: 'req_1',
    });
  });

  it('gives a guardrail block a readable message and keeps the vendor verdict inside error', () => {
    const verdict = { flagged: true, breakdown: [{ detector_type: 'prompt_attack', detected: true }] };
    const body = anthropicErrorBody(
      400,
      {
        message: { error: 'Violated content safety policy', guardrail: 'lakera-pre', lakera_ai_response: verdict },
        type: 'None',
        code: '400',
        param: 'None',
      },
      'req_2',
    );
    expect(body).toEqual({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message: 'Violated content safety policy (guardrail lakera-pre)',
        guardrail: 'lakera-pre',
        lakera_ai_response: verdict,
      },
      request_id: 'req_2',
    });
  });

  it('never lets a vendor key overwrite the envelope type or message', () => {
    const body = anthropicErrorBody(
      400,
      {
        message: { error: 'Violated content safety policy', guardrail: 'g', type: 'x', message: 'y' },
        type: 'None',
        code: '400',
        param: null,
      },
      'req_3',
    );
    expect(body.error).toEqual({
      type: 'invalid_request_error',
      message: 'Violated content safety policy (guardrail g)',
      guardrail: 'g',
    });
  });

  it('answers a guardrail outage as a 503 api_error', () => {
    const body = anthropicErrorBody(
      503,
      {
        message: 'guardrail lakera unavailable',
        type: 'guardrail_unavailable',
        code: 'guardrail_unavailable',
        param: null,
      },
      'req_4',
    );
    expect(body.error).toEqual({ type: 'api_error', message: 'guardrail lakera unavailable' });
  });
});
