import { WardenError, WardenErrorCode } from '../../../../src/common/warden.error';
import { RESPONSES_STREAM_FORMAT as format } from '../../../../src/endpoints/responses/responses-stream.format';

describe('RESPONSES_STREAM_FORMAT', () => {
  it('names each event by its type, as OpenAI does', () => {
    const data = '{"type":"response.output_text.delta","sequence_number":3,"delta":"Hi"}';
    expect(format.frame(data, 3)).toBe(`event: response.output_text.delta\ndata: ${data}\n\n`);
  });

  it('finds the type of a payload that does not start with it', () => {
    expect(format.frame('{"sequence_number":0,"type":"response.created"}', 0)).toMatch(/^event: response\.created\n/);
  });

  it('writes a payload without a type as a data-only frame, one data line per line', () => {
    expect(format.frame('{\n"a":1}', 0)).toBe('data: {\ndata: "a":1}\n\n');
  });

  it('ends without [DONE]', () => {
    expect(format.end).toBe('');
  });

  it('writes mid-stream errors with the flat fields and the nested error object', () => {
    const error = new WardenError(WardenErrorCode.UpstreamTimeout, 'upstream stream stalled');
    const frame = format.errorFrame(error, 7, 'req-1');
    expect(frame.startsWith('event: error\ndata: ')).toBe(true);
    expect(JSON.parse(frame.slice('event: error\ndata: '.length))).toEqual({
      type: 'error',
      code: 'upstream_timeout',
      message: 'upstream stream stalled',
      param: null,
      sequence_number: 7,
      error: { type: 'timeout_error', code: 'upstream_timeout', message: 'upstream stream stalled', param: null },
    });
  });
});
