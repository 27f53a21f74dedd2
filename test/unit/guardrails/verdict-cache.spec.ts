import { BoundedLru } from '../../../src/guardrails/verdict-cache/bounded-lru';
import { cacheTtlProblem } from '../../../src/guardrails/verdict-cache/cache-params';
import { VerdictCache } from '../../../src/guardrails/verdict-cache/verdict-cache';
import type { Guardrail, Verdict } from '../../../src/guardrails/guardrail.types';
import { FLAGGED, fakeGuardrail } from './fake-guardrail';

function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let time = 1_000_000;
  return { now: () => time, advance: (ms) => (time += ms) };
}

function cached(name: string, ttlSeconds = 60): Guardrail {
  return fakeGuardrail(name, () => Promise.resolve({ outcome: 'pass' }), {
    kind: 'lakera_v2',
    params: { cache_ttl_seconds: ttlSeconds },
  });
}

describe(BoundedLru.name, () => {
  it('evicts the least recently used entry past the entry bound', () => {
    const lru = new BoundedLru<string>({ maxEntries: 2, maxBytes: 1000 });
    lru.set('a', 'A', 1, 1000, 'g');
    lru.set('b', 'B', 1, 1000, 'g');
    expect(lru.get('a')).toBe('A');
    lru.set('c', 'C', 1, 1000, 'g');

    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe('A');
    expect(lru.get('c')).toBe('C');
    expect(lru.size).toBe(2);
  });

  it('evicts past the byte bound and never stores an entry larger than it', () => {
    const lru = new BoundedLru<string>({ maxEntries: 100, maxBytes: 100 });
    lru.set('a', 'A', 60, 1000, 'g');
    lru.set('b', 'B', 60, 1000, 'g');
    expect(lru.get('a')).toBeUndefined();
    expect(lru.bytes).toBe(60);

    lru.set('huge', 'H', 101, 1000, 'g');
    expect(lru.get('huge')).toBeUndefined();
    expect(lru.get('b')).toBe('B');
  });

  it('expires entries after their TTL on the injected clock', () => {
    const clock = manualClock();
    const lru = new BoundedLru<string>({ maxEntries: 10, maxBytes: 1000 }, clock.now);
    lru.set('a', 'A', 1, 5000, 'g');
    clock.advance(4999);
    expect(lru.get('a')).toBe('A');
    clock.advance(1);
    expect(lru.get('a')).toBeUndefined();
    expect(lru.size).toBe(0);
    expect(lru.bytes).toBe(0);
  });

  it("drops one tag's entries and keeps the others", () => {
    const lru = new BoundedLru<string>({ maxEntries: 10, maxBytes: 1000 });
    lru.set('a', 'A', 1, 1000, 'one');
    lru.set('b', 'B', 1, 1000, 'two');
    expect(lru.dropTag('one')).toBe(1);
    expect(lru.get('a')).toBeUndefined();
    expect(lru.get('b')).toBe('B');
  });
});

describe(VerdictCache.name, () => {
  const bounds = { maxEntries: 100, maxBytes: 1_000_000 };

  it('serves an answer only for exactly the same request, guardrail and mode', () => {
    const cache = new VerdictCache(bounds);
    const guardrail = cached('lakera');
    const other = cached('other');
    cache.retain([
      { guardrail, enabled: true, version: 1 },
      { guardrail: other, enabled: true, version: 1 },
    ]);
    const first = cache.slotFor(guardrail, 'pre_call')!;
    expect(first.get('url\n{"messages":["hi"]}')).toBeUndefined();
    first.offer('url\n{"messages":["hi"]}', '{"flagged":false}');
    first.settle({ outcome: 'pass' });

    const again = cache.slotFor(guardrail, 'pre_call')!;
    expect(again.get('url\n{"messages":["hi"]}')).toBe('{"flagged":false}');
    expect(again.hit).toBe(true);
    expect(cache.slotFor(guardrail, 'pre_call')!.get('url\n{"messages":["hi "]}')).toBeUndefined();
    expect(cache.slotFor(guardrail, 'post_call')!.get('url\n{"messages":["hi"]}')).toBeUndefined();
    expect(cache.slotFor(other, 'pre_call')!.get('url\n{"messages":["hi"]}')).toBeUndefined();
  });

  it('keeps flagged and passing verdicts, never errors or timeouts', () => {
    const cache = new VerdictCache(bounds);
    const guardrail = cached('lakera');
    cache.retain([{ guardrail, enabled: true, version: 1 }]);
    const store = (request: string, verdict: Verdict) => {
      const slot = cache.slotFor(guardrail, 'pre_call')!;
      slot.get(request);
      slot.offer(request, '{}');
      slot.settle(verdict);
    };
    store('flagged', FLAGGED);
    store('error', { outcome: 'error', message: 'answered without a boolean "flagged"', code: 'INVALID_RESPONSE' });
    store('timeout', { outcome: 'error', message: 'timed out after 5 ms', code: 'timeout' });

    expect(cache.slotFor(guardrail, 'pre_call')!.get('flagged')).toBe('{}');
    expect(cache.slotFor(guardrail, 'pre_call')!.get('error')).toBeUndefined();
    expect(cache.slotFor(guardrail, 'pre_call')!.get('timeout')).toBeUndefined();
    expect(cache.entries).toBe(1);
  });

  it('gives no slot to a guardrail without cache_ttl_seconds, a disabled one, or one the registry does not hold', () => {
    const cache = new VerdictCache(bounds);
    const off = fakeGuardrail('off', () => Promise.resolve({ outcome: 'pass' }));
    const disabled = cached('disabled');
    cache.retain([
      { guardrail: off, enabled: true, version: 1 },
      { guardrail: disabled, enabled: false, version: 1 },
    ]);
    expect(cache.slotFor(off, 'pre_call')).toBeUndefined();
    expect(cache.slotFor(disabled, 'pre_call')).toBeUndefined();
    expect(cache.slotFor(cached('ad-hoc test run'), 'pre_call')).toBeUndefined();
  });

  it("drops a guardrail's entries when it is edited, toggled or deleted, and keeps the others'", () => {
    const cache = new VerdictCache(bounds);
    const fill = (guardrail: Guardrail, request: string) => {
      const slot = cache.slotFor(guardrail, 'pre_call')!;
      slot.get(request);
      slot.offer(request, '{}');
      slot.settle({ outcome: 'pass' });
    };
    const a = cached('a');
    const b = cached('b');
    cache.retain([
      { guardrail: a, enabled: true, version: 1 },
      { guardrail: b, enabled: true, version: 1 },
    ]);
    fill(a, 'x');
    fill(b, 'x');
    expect(cache.entries).toBe(2);

    // toggled off and on elsewhere: same definition and instance, a new version
    cache.retain([
      { guardrail: a, enabled: true, version: 3 },
      { guardrail: b, enabled: true, version: 1 },
    ]);
    expect(cache.entries).toBe(1);
    expect(cache.slotFor(b, 'pre_call')!.get('x')).toBe('{}');

    fill(a, 'x');
    const editedA = cached('a', 30);
    cache.retain([
      { guardrail: editedA, enabled: true, version: 4 },
      { guardrail: b, enabled: true, version: 1 },
    ]);
    expect(cache.slotFor(editedA, 'pre_call')!.get('x')).toBeUndefined();

    cache.retain([{ guardrail: editedA, enabled: true, version: 4 }]);
    expect(cache.entries).toBe(0);
  });

  it('expires entries after cache_ttl_seconds', () => {
    const clock = manualClock();
    const cache = new VerdictCache(bounds, clock.now);
    const guardrail = cached('lakera', 10);
    cache.retain([{ guardrail, enabled: true, version: 1 }]);
    const slot = cache.slotFor(guardrail, 'pre_call')!;
    slot.get('x');
    slot.offer('x', '{}');
    slot.settle({ outcome: 'pass' });
    clock.advance(9_999);
    expect(cache.slotFor(guardrail, 'pre_call')!.get('x')).toBe('{}');
    clock.advance(1);
    expect(cache.slotFor(guardrail, 'pre_call')!.get('x')).toBeUndefined();
  });
});

describe('cache_ttl_seconds validation', () => {
  it('accepts whole seconds up to a day on vendor guardrails, 0 meaning off', () => {
    expect(cacheTtlProblem(undefined, true)).toBeUndefined();
    expect(cacheTtlProblem(0, true)).toBeUndefined();
    expect(cacheTtlProblem(300, true)).toBeUndefined();
    expect(cacheTtlProblem(86_400, true)).toBeUndefined();
  });

  it('refuses other values and built-in guardrails', () => {
    expect(cacheTtlProblem(-1, true)).toMatch(/whole number of seconds/);
    expect(cacheTtlProblem(1.5, true)).toMatch(/whole number of seconds/);
    expect(cacheTtlProblem('60', true)).toMatch(/whole number of seconds/);
    expect(cacheTtlProblem(86_401, true)).toMatch(/whole number of seconds/);
    expect(cacheTtlProblem(60, false)).toMatch(/vendor guardrails only/);
  });
});
