import { Inject, Injectable, Logger } from '@nestjs/common';
import { WARDEN_CONFIG } from '../config/config.module';
import type { WardenConfig } from '../config/config.schema';
import type { GuardedRequest } from '../guardrails/guarded-request';
import type { GuardrailRun } from '../guardrails/guardrail.runner';
import type { GuardInput } from '../guardrails/guardrail.types';
import { MetricsService } from '../metrics/metrics.service';
import { buildExcerpt } from './violation-excerpt';
import { ViolationRecorder, type ViolationAction } from './violation.types';

/** Turns a guardrail run into a violation record and hands it to the recorder (which only enqueues). */
@Injectable()
export class ViolationReporter {
  private readonly logger = new Logger('Violations');

  constructor(
    @Inject(WARDEN_CONFIG) private readonly config: WardenConfig,
    private readonly recorder: ViolationRecorder,
    private readonly metrics: MetricsService,
  ) {}

  report(run: GuardrailRun, action: ViolationAction, request: GuardedRequest, input: GuardInput): void {
    const { definition } = run.guardrail;
    const { verdict } = run;
    const findings = verdict.outcome === 'flagged' ? verdict.findings : [];
    const vendorResponse =
      verdict.outcome === 'error'
        ? { error: verdict.message, status: verdict.status, code: verdict.code }
        : verdict.outcome === 'flagged'
          ? verdict.vendorResponse
          : undefined;
    if (action === 'monitored') {
      this.logger.warn(
        `guardrail ${definition.name} flagged request ${request.requestId} (monitor): ${findings.map((f) => f.type).join(', ') || 'flagged'}`,
      );
    }
    this.metrics.violationRecorded(action);
    this.recorder.record({
      occurredAt: new Date(),
      requestId: request.requestId,
      guardrailName: definition.name,
      provider: definition.kind,
      mode: run.mode,
      action,
      model: request.model,
      callerKeyAlias: request.callerKeyAlias,
      findings,
      vendorResponse,
      excerpt: buildExcerpt(input, run.mode, this.config.general.violationExcerpt),
      latencyMs: Math.round(run.latencyMs * 100) / 100,
    });
  }
}
