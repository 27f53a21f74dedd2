import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { LOGGING_OPTIONS, type LoggingOptions } from '../logging/logging.module';
import { MetricsService, type GuardrailCheckResult } from '../metrics/metrics.service';
import { assertUnreachable } from '../common/warden.error';
import { redactSensitiveText } from './redact-sensitive-text';
import { FailureLog, FAILURE_WINDOW_MS } from './failure-log';
import type { AnswerCache, Guardrail, GuardContext, GuardInput, GuardrailMode, Verdict } from './guardrail.types';
import { textOf } from './message-text';
import { withoutSecretValues } from './secret-fields';
import { VerdictCache } from './verdict-cache/verdict-cache';

/** One guardrail's run: its verdict and how long it took. */
export interface GuardrailRun {
  guardrail: Guardrail;
  mode: GuardrailMode;
  verdict: Verdict;
  latencyMs: number;
  /** The vendor request carried fields from the client's `extra_body`. */
  clientExtraBody?: boolean;
  /** The verdict came from the verdict cache: no vendor call was made. */
  cached?: boolean;
}

export interface RunOptions {
  mode: GuardrailMode;
  requestId: string;
  /** Aborted when the request no longer needs an answer (client gone). */
  signal: AbortSignal;
  extraBody?: Record<string, unknown>;
}

/**
 * The one place that calls a vendor: applies `timeout_ms`, measures latency, serves and fills the verdict cache
 * (`cache_ttl_seconds`) and turns anything thrown into an error verdict, so vendor files stay wire-format translators
 * and the strategies only see verdicts. Failure lines are rate-limited per guardrail (failure-log.ts).
 */
@Injectable()
export class GuardrailRunner implements OnModuleDestroy {
  private readonly logger = new Logger('Guardrails');
  private readonly failures: FailureLog;
  private readonly flushTimer: NodeJS.Timeout;

  constructor(
    private readonly metrics: MetricsService,
    @Inject(LOGGING_OPTIONS) private readonly logging: LoggingOptions,
    private readonly cache: VerdictCache,
  ) {
    this.failures = new FailureLog({
      line: (guardrail, message) => this.logger.warn(message),
      summary: (guardrail, suppressed, lastMessage, windowMs) =>
        this.logger.warn(
          `guardrail ${guardrail} failed ${suppressed} more times in the last ${windowMs / 1000} s (last: ${lastMessage}); ` +
            'see warden_guardrail_checks_total{result="error"} and GET /admin/violations',
        ),
    });
    this.flushTimer = setInterval(() => this.failures.flush(), FAILURE_WINDOW_MS);
    this.flushTimer.unref();
  }

  async run(guardrail: Guardrail, input: GuardInput, options: RunOptions): Promise<GuardrailRun> {
    const { definition } = guardrail;
    const started = performance.now();
    const slot = guardrail.inProcess ? undefined : this.cache.slotFor(guardrail, options.mode);
    const answer = guardrail.inProcess
      ? await guardrail.check(input, contextOf(options, options.signal, undefined)).catch(toErrorVerdict)
      : await checkWithTimeout(guardrail, input, options, slot);
    const verdict =
      answer.outcome === 'error'
        ? { ...answer, message: withoutSecretValues(answer.message, definition.params) }
        : answer;
    const latencyMs = performance.now() - started;
    this.metrics.guardrailChecked(definition.name, options.mode, checkResult(verdict), latencyMs / 1000);
    if (slot?.looked) {
      slot.settle(verdict);
      this.metrics.guardrailCacheLookup(definition.name, slot.hit ? 'hit' : 'miss');
    }
    if (verdict.outcome === 'error') {
      this.reportFailure(guardrail, options, verdict.message);
    }
    if (this.logging.detailedDebug) {
      this.logger.debug(
        { reqId: options.requestId, ...describeRun(guardrail, options, input, verdict, latencyMs) },
        `guardrail ${definition.name} (${guardrail.definition.kind}, ${options.mode}) checked`,
      );
    }
    const clientExtraBody = options.extraBody !== undefined && Object.keys(options.extraBody).length > 0;
    const run: GuardrailRun = { guardrail, mode: options.mode, verdict, latencyMs };
    if (clientExtraBody) {
      run.clientExtraBody = true;
    }
    if (slot?.hit) {
      run.cached = true;
    }
    return run;
  }

  onModuleDestroy(): void {
    clearInterval(this.flushTimer);
    this.failures.flush(true);
  }

  /**
   * A check the client no longer waits for is not a vendor failure: it is left to the one info line the disconnect
   * gets. Real failures are logged per guardrail, the first few of a window one by one, then a count.
   */
  private reportFailure(guardrail: Guardrail, options: RunOptions, message: string): void {
    if (options.signal.aborted) {
      return;
    }
    const { name, kind } = guardrail.definition;
    const logged = this.failures.failed(
      name,
      `guardrail ${name} (${kind}, ${options.mode}) failed for request ${options.requestId}: ${message}`,
    );
    this.metrics.guardrailFailureLogged(name, logged);
  }
}

/**
 * A vendor call: aborted and answered with a `timeout` error verdict once `timeout_ms` has passed, or aborted when
 * the request's own signal fires. One controller, one timer and one listener per call, settled exactly once.
 */
function checkWithTimeout(
  guardrail: Guardrail,
  input: GuardInput,
  options: RunOptions,
  cache: AnswerCache | undefined,
): Promise<Verdict> {
  const { timeoutMs, name } = guardrail.definition;
  const controller = new AbortController();
  const outer = options.signal;
  return new Promise<Verdict>((resolve) => {
    let done = false;
    const forwardAbort = (): void => controller.abort(outer.reason);
    const finish = (verdict: Verdict): void => {
      if (!done) {
        done = true;
        clearTimeout(timer);
        outer.removeEventListener('abort', forwardAbort);
        resolve(verdict);
      }
    };
    const timer = setTimeout(() => {
      controller.abort(new Error(`guardrail ${name} timed out after ${timeoutMs} ms`));
      finish({ outcome: 'error', message: `timed out after ${timeoutMs} ms`, code: 'timeout' });
    }, timeoutMs);
    if (outer.aborted) {
      controller.abort(outer.reason);
    } else {
      outer.addEventListener('abort', forwardAbort, { once: true });
    }
    guardrail
      .check(input, contextOf(options, controller.signal, cache))
      .then(finish, (error: unknown) => finish(toErrorVerdict(error)));
  });
}

function contextOf(options: RunOptions, signal: AbortSignal, cache: AnswerCache | undefined): GuardContext {
  const context: GuardContext = { mode: options.mode, signal, requestId: options.requestId };
  if (options.extraBody !== undefined) {
    context.extraBody = options.extraBody;
  }
  if (cache !== undefined) {
    context.cache = cache;
  }
  return context;
}

/** `--detailed_debug`: what the guardrail saw and answered, with PII and secrets masked, as fields of the log line. */
function describeRun(
  guardrail: Guardrail,
  options: RunOptions,
  input: GuardInput,
  verdict: Verdict,
  latencyMs: number,
): Record<string, unknown> {
  const seen = input.messages.map((message) => ({ role: message.role, text: redactSensitiveText(textOf(message)) }));
  const response = input.response === undefined ? undefined : redactSensitiveText(input.response);
  return {
    guardrail: guardrail.definition.name,
    provider: guardrail.definition.kind,
    mode: options.mode,
    input: seen,
    ...(response === undefined ? {} : { response }),
    verdict: verdictFields(verdict),
    latency_ms: Math.round(latencyMs * 100) / 100,
  };
}

/** The verdict with Warden's JSON names (snake_case), the rewritten text left out (it is in the request). */
function verdictFields(verdict: Verdict): Record<string, unknown> {
  switch (verdict.outcome) {
    case 'pass':
      return { outcome: verdict.outcome, vendor_response: verdict.vendorResponse };
    case 'flagged':
      return {
        outcome: verdict.outcome,
        findings: verdict.findings.map(({ ruleId, ...finding }) => ({
          ...finding,
          ...(ruleId === undefined ? {} : { rule_id: ruleId }),
        })),
        vendor_response: verdict.vendorResponse,
        rewrite: verdict.rewrite !== undefined,
      };
    case 'error':
      return { outcome: verdict.outcome, message: verdict.message, code: verdict.code, status: verdict.status };
    default:
      return assertUnreachable(verdict);
  }
}

function checkResult(verdict: Verdict): GuardrailCheckResult {
  return verdict.outcome === 'flagged' ? 'flagged' : verdict.outcome;
}

function toErrorVerdict(error: unknown): Verdict {
  return { outcome: 'error', message: error instanceof Error ? error.message : String(error), code: 'exception' };
}
