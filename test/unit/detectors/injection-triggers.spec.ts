import { TriggerIndex, type TriggerHits } from '../../../src/guardrails/vendors/detectors/injection-triggers';

/** Start offsets of one trigger, ascending. */
function startsOf(index: TriggerIndex, hits: TriggerHits, trigger: string): number[] {
  const starts: number[] = [];
  for (let occurrence = hits.last[index.id(trigger)]; occurrence !== 0; occurrence = hits.next[occurrence]) {
    starts.push(hits.start[occurrence]);
  }
  return starts.reverse();
}

/** Every start offset of `trigger` in `text`, overlapping ones included, compared in lower case. */
function naiveStarts(text: string, trigger: string): number[] {
  const lower = text.toLowerCase();
  const starts: number[] = [];
  for (let offset = lower.indexOf(trigger); offset !== -1; offset = lower.indexOf(trigger, offset + 1)) {
    starts.push(offset);
  }
  return starts;
}

describe(TriggerIndex.name, () => {
  it('finds every occurrence of every trigger, overlapping ones included, with counts', () => {
    const index = new TriggerIndex(['he ', 'she ', 'the ', 'aa']);
    const hits = index.scan('she said the aaa');
    expect(startsOf(index, hits, 'he ')).toEqual([1, 10]);
    expect(startsOf(index, hits, 'she ')).toEqual([0]);
    expect(startsOf(index, hits, 'the ')).toEqual([9]);
    expect(startsOf(index, hits, 'aa')).toEqual([13, 14]);
    expect(hits.counts[index.id('he ')]).toBe(2);
  });

  it('ignores case, including letters that only fold to a trigger letter', () => {
    const index = new TriggerIndex(['ignore', 'kill', 'ignorez']);
    const hits = index.scan('IGNORE \u212Aill IgNoReZ');
    expect(startsOf(index, hits, 'ignore')).toEqual([0, 12]);
    expect(startsOf(index, hits, 'kill')).toEqual([7]);
    expect(startsOf(index, hits, 'ignorez')).toEqual([12]);
  });

  it('finds non-Latin triggers, also next to Latin ones', () => {
    const index = new TriggerIndex(['忽略', 'игнорир', '이전 ', '🔓', 'ignore']);
    const hits = index.scan('ignore 忽略 ИГНОРИРУЙ 이전 지시 🔓');
    expect(startsOf(index, hits, 'ignore')).toEqual([0]);
    expect(startsOf(index, hits, '忽略')).toEqual([7]);
    expect(startsOf(index, hits, 'игнорир')).toEqual([10]);
    expect(startsOf(index, hits, '이전 ')).toEqual([20]);
    expect(startsOf(index, hits, '🔓')).toEqual([26]);
  });

  it('starts afresh on each scan', () => {
    const index = new TriggerIndex(['you ']);
    expect(index.scan('you you you ').counts[0]).toBe(3);
    const hits = index.scan('nothing here');
    expect(hits.counts[0]).toBe(0);
    expect(hits.last[0]).toBe(0);
  });

  it('agrees with a naive search on random text', () => {
    const triggers = ['a', 'ab', 'bab', 'abba', 'b a', ' ', 'aab', 'ba b'];
    const index = new TriggerIndex(triggers);
    let seed = 42;
    const random = (n: number): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: random(40) }, () => 'aAbB '[random(5)]).join('');
      const hits = index.scan(text);
      for (const trigger of triggers) {
        expect({ text, trigger, starts: startsOf(index, hits, trigger) }).toEqual({
          text,
          trigger,
          starts: naiveStarts(text, trigger),
        });
      }
    }
  });

  it('handles long texts with many occurrences', () => {
    const index = new TriggerIndex(['-', '--']);
    const hits = index.scan('-'.repeat(100_000));
    expect(hits.counts[index.id('-')]).toBe(100_000);
    expect(hits.counts[index.id('--')]).toBe(99_999);
  });

  it('rejects triggers it could not match', () => {
    expect(() => new TriggerIndex(['Ignore'])).toThrow(/lower-case/);
    expect(() => new TriggerIndex([''])).toThrow(/non-empty/);
    expect(() => new TriggerIndex(['x']).id('y')).toThrow(/not an injection trigger/);
  });
});
