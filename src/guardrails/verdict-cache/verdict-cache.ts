import { createHash } from 'node:crypto';
import type { AnswerCache, Guardrail, GuardrailMode, Verdict } from '../guardrail.types';
import { BoundedLru, type Clock, type LruBounds } from './bounded-lru';
import { cacheTtlMs } from './cache-params';

/** What the cache knows of one live guardrail whose verdicts it may keep. */
interface CacheScope {
  name: string;
  version: number;
  ttlMs: number;
}

export interface CachedGuardrail {
  guardrail: Guardrail;
  enabled: boolean;
  /** The stored row's version (bumped by every edit and toggle); 0 before the database was read. */
  version: number;
}

/** A rough upper bound of what an entry holds beside its answer text: the key, the entry object, the Map slot. */
const ENTRY_OVERHEAD_BYTES = 160;

/**
 * The opt-in verdict cache (`cache_ttl_seconds`): one per process, bounded by entries and bytes. It keeps the vendor's
 * answer to a request, keyed by a SHA-256 of the guardrail's name and version, the mode and exactly the request sent
 * (texts, settings and the client's extra_body), and the vendor file maps it to a verdict again on a hit. Only answers
 * that ended in a definitive verdict (pass or flagged) are kept. The registry hands over every new live set: the
 * entries of a guardrail that was edited, toggled or deleted go at once, on every instance that reloads.
 */
export class VerdictCache {
  private readonly lru: BoundedLru<string>;
  private readonly scopes = new WeakMap<Guardrail, CacheScope>();
  private known = new Map<string, CachedGuardrail>();

  constructor(bounds: LruBounds, clock: Clock = Date.now) {
    this.lru = new BoundedLru(bounds, clock);
  }

  get entries(): number {
    return this.lru.size;
  }

  get bytes(): number {
    return this.lru.bytes;
  }

  /** Takes the registry's new live set; drops the entries of every guardrail that changed, was toggled or is gone. */
  retain(live: readonly CachedGuardrail[]): void {
    const next = new Map<string, CachedGuardrail>();
    for (const item of live) {
      const { name } = item.guardrail.definition;
      const before = this.known.get(name);
      if (
        before !== undefined &&
        (before.guardrail !== item.guardrail || before.version !== item.version || before.enabled !== item.enabled)
      ) {
        this.lru.dropTag(name);
      }
      next.set(name, item);
      const ttlMs = cacheTtlMs(item.guardrail.definition.params);
      if (ttlMs > 0 && item.enabled) {
        this.scopes.set(item.guardrail, { name, version: item.version, ttlMs });
      } else {
        this.scopes.delete(item.guardrail);
      }
    }
    for (const name of this.known.keys()) {
      if (!next.has(name)) {
        this.lru.dropTag(name);
      }
    }
    this.known = next;
  }

  /** A per-check handle for a live guardrail with caching on; undefined otherwise (ad hoc test runs included). */
  slotFor(guardrail: Guardrail, mode: GuardrailMode): CacheSlot | undefined {
    const scope = this.scopes.get(guardrail);
    return scope === undefined ? undefined : new CacheSlot(this, scope, mode);
  }

  /** @internal */
  read(key: string): string | undefined {
    return this.lru.get(key);
  }

  /** @internal */
  write(scope: CacheScope, key: string, answer: string): void {
    this.lru.set(key, answer, 2 * answer.length + ENTRY_OVERHEAD_BYTES, scope.ttlMs, scope.name);
  }
}

/**
 * One check's view of the cache, handed to the vendor as `context.cache`: `get` looks the exact request up, `offer`
 * proposes the answer, and the runner `settle`s it, keeping the answer only if the verdict was definitive.
 */
export class CacheSlot implements AnswerCache {
  /** The vendor asked (a check that sent nothing never does). */
  looked = false;
  hit = false;
  private lastRequest?: string;
  private lastKey = '';
  private offered?: { key: string; answer: string };

  constructor(
    private readonly cache: VerdictCache,
    private readonly scope: CacheScope,
    private readonly mode: GuardrailMode,
  ) {}

  get(request: string): string | undefined {
    this.looked = true;
    const answer = this.cache.read(this.keyOf(request));
    if (answer !== undefined) {
      this.hit = true;
    }
    return answer;
  }

  offer(request: string, answer: string): void {
    this.offered = { key: this.keyOf(request), answer };
  }

  settle(verdict: Verdict): void {
    if (this.offered !== undefined && !this.hit && (verdict.outcome === 'pass' || verdict.outcome === 'flagged')) {
      this.cache.write(this.scope, this.offered.key, this.offered.answer);
    }
    this.offered = undefined;
  }

  private keyOf(request: string): string {
    if (request !== this.lastRequest) {
      this.lastRequest = request;
      this.lastKey = createHash('sha256')
        .update(`${this.scope.name}\u0000${this.scope.version}\u0000${this.mode}\u0000`)
        .update(request)
        .digest('base64');
    }
    return this.lastKey;
  }
}
