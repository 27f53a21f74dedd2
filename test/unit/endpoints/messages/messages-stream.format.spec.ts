import { WardenError, WardenErrorCode } from '../../../../src/common/warden.error';
import { messagesStreamFormat as format } from '../../../../src/endpoints/messages/messages-stream.format';

describe('messagesStreamFormat', () => {
  it('names every event after its type, as the Anthropic SDK dispatches on it', () => {
    const data = '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}';
    expect(format.frame(data, 3)).toBe(`event: content_block_delta\ndata: ${data}\n\n`);
    expect(format.frame('{"index":0,"type":"content_block_stop"}', 4)).toBe(
      'event: content_block_stop\ndata: {"index":0,"type":"content_block_stop"}\n\n',
    );
  });

  it('ends with message_stop alone: no [DONE]', () => {
    expect(format.end).toBe('');
  });

  it('writes an upstream failure mid-stream as an Anthropic error event', () => {
    const frame = format.errorFrame(new WardenError(WardenErrorCode.UpstreamTimeout, 'upstream timed out'), 7, 'req_9');
    expect(frame).toBe(
      'event: error\ndata: {"type":"error","error":{"type":"timeout_error","message":"upstream timed out"},"request_id":"req_9"}\n\n',
    );
  });

  it('names the guardrail in a block written mid-stream', () => {
    const block = new WardenError(
      WardenErrorCode.GuardrailBlocked,
      { error: 'Violated content safety policy', lakera_ai_response: { flagged: true } },
      { guardrail: 'lakera' },
    );
    const data = JSON.parse(format.errorFrame(block, 0, 'req_1').split('data: ')[1]) as { error: unknown };
    expect(data.error).toEqual({
      type: 'invalid_request_error',
      message: 'Violated content safety policy (guardrail lakera)',
      guardrail: 'lakera',
      lakera_ai_response: { flagged: true },
    });
  });
});
