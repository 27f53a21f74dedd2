import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import { assertUnreachable, WardenError } from '../common/warden.error';
import { decide } from '../guardrails/guardrail.decision';
import { GuardrailRegistry } from '../guardrails/guardrail.registry';
import { GuardrailRunner, type GuardrailRun } from '../guardrails/guardrail.runner';
import { GuardrailStore, toDefinition } from '../guardrails/guardrail.store';
import type { ChatMessage, Guardrail, GuardrailDefinition, GuardInput } from '../guardrails/guardrail.types';
import { PooledVendorHttpClient } from '../guardrails/vendors/vendor-http.client';
import { VENDOR_REGISTRY } from '../guardrails/vendors/vendor.registry';
import { toFindingDto } from './finding.dto';
import { findGuardrailOr404 } from './guardrail-lookup';
import type { GuardrailTestResultDto, TestGuardrailDto } from './guardrail-test.dto';

/**
 * Runs one guardrail now, through the same runner as the chat path (timeout, on_error, timing), and reports the
 * verdict and what the gateway would do with it. No LLM is called and nothing is recorded in the violation log.
 */
@Injectable()
export class GuardrailTestService {
  constructor(
    private readonly store: GuardrailStore,
    private readonly registry: GuardrailRegistry,
    private readonly runner: GuardrailRunner,
    private readonly http: PooledVendorHttpClient,
  ) {}

  async test(id: string, dto: TestGuardrailDto): Promise<GuardrailTestResultDto> {
    const definition = toDefinition(await findGuardrailOr404(this.store, id));
    const mode = dto.mode ?? (dto.response === undefined ? definition.modes[0] : 'post_call');
    if (dto.response !== undefined && mode !== 'post_call') {
      throw WardenError.invalidRequest(`response is only checked post_call; drop it or use mode post_call`, 'response');
    }
    const messages = dto.messages as ChatMessage[];
    const input: GuardInput = mode === 'post_call' ? { messages, response: dto.response } : { messages };
    const run = await this.runner.run(this.instanceOf(definition), input, {
      mode,
      requestId: `admin-test-${randomUUID()}`,
      signal: new AbortController().signal,
    });
    return this.map(run);
  }

  /** The live instance (disabled ones are loaded too); a fresh one if this instance has not caught up yet. */
  private instanceOf(definition: GuardrailDefinition): Guardrail {
    const live = this.registry.snapshot().byName.get(definition.name)?.guardrail;
    if (live && isDeepStrictEqual(live.definition, definition)) {
      return live;
    }
    return VENDOR_REGISTRY[definition.kind].create(definition, { http: this.http, nodeAgents: this.http.nodeAgents });
  }

  private map(run: GuardrailRun): GuardrailTestResultDto {
    const { verdict } = run;
    const result: GuardrailTestResultDto = {
      guardrail_name: run.guardrail.definition.name,
      mode: run.mode,
      outcome: verdict.outcome,
      decision: decide(run).kind,
      findings: verdict.outcome === 'flagged' ? verdict.findings.map(toFindingDto) : [],
      vendor_response: null,
      latency_ms: Math.round(run.latencyMs * 100) / 100,
    };
    switch (verdict.outcome) {
      case 'pass':
        result.vendor_response = verdict.vendorResponse ?? null;
        break;
      case 'flagged':
        result.vendor_response = verdict.vendorResponse ?? null;
        if (verdict.rewrite) {
          result.rewrite = verdict.rewrite;
        }
        break;
      case 'error':
        result.vendor_response = { error: verdict.message, status: verdict.status, code: verdict.code };
        result.error = verdict.message;
        break;
      default:
        return assertUnreachable(verdict);
    }
    return result;
  }
}
