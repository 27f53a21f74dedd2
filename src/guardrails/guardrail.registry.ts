import { Inject, Injectable, Logger } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';
import { WARDEN_CONFIG } from '../config/config.module';
import type { WardenConfig } from '../config/config.schema';
import { GuardrailSet, type LiveGuardrail } from './guardrail.set';
import type { GuardrailDefinition } from './guardrail.types';
import { VerdictCache } from './verdict-cache/verdict-cache';
import { PooledVendorHttpClient } from './vendors/vendor-http.client';
import { VENDOR_REGISTRY } from './vendors/vendor.registry';

export interface GuardrailState {
  definition: GuardrailDefinition;
  enabled: boolean;
  /** The stored row's version; absent for config.yaml's guardrails before the database was read. */
  version?: number;
}

/**
 * The live set of guardrails the chat path reads. `replace` builds a new immutable set and swaps it in one
 * assignment, so a request sees either the old set or the new one, never a mix. Unchanged guardrails keep their
 * vendor instance (and its connections).
 */
@Injectable()
export class GuardrailRegistry {
  private readonly logger = new Logger(GuardrailRegistry.name);
  private current: GuardrailSet = GuardrailSet.EMPTY;

  constructor(
    @Inject(WARDEN_CONFIG) config: WardenConfig,
    private readonly http: PooledVendorHttpClient,
    private readonly cache: VerdictCache,
  ) {
    this.replace(config.guardrails.map((definition) => ({ definition, enabled: true })));
  }

  snapshot(): GuardrailSet {
    return this.current;
  }

  replace(states: readonly GuardrailState[]): void {
    const previous = this.current.byName;
    const list: LiveGuardrail[] = states.map(({ definition, enabled }) => {
      const existing = previous.get(definition.name)?.guardrail;
      const guardrail =
        existing && isDeepStrictEqual(existing.definition, definition)
          ? existing
          : VENDOR_REGISTRY[definition.kind].create(definition, { http: this.http, nodeAgents: this.http.nodeAgents });
      return { guardrail, enabled };
    });
    // Before the swap: a request never reads a verdict cached for the guardrail as it was before this change.
    this.cache.retain(list.map((live, index) => ({ ...live, version: states[index].version ?? 0 })));
    this.current = new GuardrailSet(list);
    const kept = new Set(list.map((live) => live.guardrail));
    for (const { guardrail } of previous.values()) {
      if (!kept.has(guardrail) && guardrail.dispose) {
        // Requests that took the old snapshot may still be calling it: release it once they are done.
        setTimeout(() => guardrail.dispose?.(), guardrail.definition.timeoutMs + 1000).unref();
      }
    }
    this.logger.log(`guardrails active: ${list.filter((g) => g.enabled).length} of ${list.length}`);
  }
}
