import { Inject, Injectable, Logger } from '@nestjs/common';
import { WARDEN_CONFIG } from '../config/config.module';
import type { WardenConfig } from '../config/config.schema';
import type { GuardedRequest } from '../guardrails/guarded-request';
import type { GuardrailRun } from '../guardrails/guardrail.runner';
import type { GuardInput } from '../guardrails/guardrail.types';
import { MetricsService } from '../metrics/metrics.service';
import { buildExcerpt } from './violation-excerpt';
import { ViolationRecorder, type ViolationAction } from './violation.types';

/** Monitor warnings logged one by one per guardrail and window; past that they are counted and summed up. */
const MONITOR_WARNINGS_PER_WINDOW = 10;
const MONITOR_WARNING_WINDOW_MS = 10_000;

/** Turns a guardrail run into a violation record and hands it to the recorder (which only enqueues). */
@Injectable()
export class ViolationReporter {
  private readonly logger = new Logger('Violations');
  private readonly warnings = new Map<string, { logged: number; suppressed: number }>();

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
      this.warnMonitored(definition.name, request.requestId, findings.map((f) => f.type).join(', ') || 'flagged');
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
      endpoint: request.endpoint,
      callerKeyAlias: request.callerKeyAlias,
      callerTeam: request.callerTeam ?? null,
      findings,
      vendorResponse,
      excerpt: buildExcerpt(
        input,
        run.mode,
        this.config.general.violationExcerpt,
        verdict.outcome === 'flagged' ? verdict.flaggedIn : undefined,
      ),
      latencyMs: Math.round(run.latencyMs * 100) / 100,
      ...(run.cached ? { cached: true } : {}),
    });
  }

  /**
   * A monitor-mode guard can flag every request: a warning line each costs ~20 µs and floods the log at thousands a
   * second. The violation log keeps every row; the log shows the first few per window and then a count.
   */
  private warnMonitored(guardrail: string, requestId: string, types: string): void {
    let window = this.warnings.get(guardrail);
    if (!window) {
      const opened = { logged: 0, suppressed: 0 };
      window = opened;
      this.warnings.set(guardrail, opened);
      setTimeout(() => {
        this.warnings.delete(guardrail);
        if (opened.suppressed > 0) {
          this.logger.warn(
            `guardrail ${guardrail} flagged ${opened.suppressed} more requests (monitor) in the last ${MONITOR_WARNING_WINDOW_MS / 1000} s; see GET /admin/violations`,
          );
        }
      }, MONITOR_WARNING_WINDOW_MS).unref();
    }
    if (window.logged < MONITOR_WARNINGS_PER_WINDOW) {
      window.logged += 1;
      this.logger.warn({ reqId: requestId }, `guardrail ${guardrail} flagged request ${requestId} (monitor): ${types}`);
    } else {
      window.suppressed += 1;
    }
  }
}
