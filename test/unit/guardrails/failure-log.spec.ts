import { FailureLog } from '../../../src/guardrails/failure-log';

function recorder() {
  const lines: string[] = [];
  const summaries: Array<{ guardrail: string; suppressed: number; last: string }> = [];
  return {
    lines,
    summaries,
    sink: {
      line: (_guardrail: string, message: string) => lines.push(message),
      summary: (guardrail: string, suppressed: number, last: string) => summaries.push({ guardrail, suppressed, last }),
    },
  };
}

describe(FailureLog.name, () => {
  it('writes the first lines of a window per guardrail, then counts, and sums up when the window ends', () => {
    let now = 0;
    const out = recorder();
    const log = new FailureLog(out.sink, () => now, 3, 10_000);

    const written = Array.from({ length: 50 }, (_, i) => log.failed('lakera', `lakera down ${i}`));
    expect(written.filter(Boolean)).toHaveLength(3);
    expect(out.lines).toEqual(['lakera down 0', 'lakera down 1', 'lakera down 2']);
    expect(log.failed('aporia', 'aporia down')).toBe(true);

    now = 10_000;
    log.flush();
    expect(out.summaries).toEqual([{ guardrail: 'lakera', suppressed: 47, last: 'lakera down 49' }]);
    expect(log.failed('lakera', 'lakera down again')).toBe(true);
  });

  it('sums up an ended window at the next failure, without waiting for the timer', () => {
    let now = 0;
    const out = recorder();
    const log = new FailureLog(out.sink, () => now, 1, 1000);
    log.failed('g', 'a');
    log.failed('g', 'b');
    now = 1000;
    log.failed('g', 'c');
    expect(out.summaries).toEqual([{ guardrail: 'g', suppressed: 1, last: 'b' }]);
    expect(out.lines).toEqual(['a', 'c']);
  });

  it('writes nothing more for a window without suppressed lines', () => {
    const out = recorder();
    const log = new FailureLog(out.sink, () => 0, 10, 1000);
    log.failed('g', 'a');
    log.flush(true);
    expect(out.summaries).toEqual([]);
  });
});
