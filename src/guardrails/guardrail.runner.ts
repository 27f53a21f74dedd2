import { Inject, Injectable, Logger } from '@nestjs/common';
import { LOGGING_OPTIONS, type LoggingOptions } from '../logging/logging.module';
import { MetricsService, type GuardrailCheckResult } from '../metrics/metrics.service';
import { assertUnreachable } from '../common/warden.error';
import { redactSensitiveText } from './redact-sensitive-text';
import type { Guardrail, GuardContext, GuardInput, GuardrailMode, Verdict } from './guardrail.types';
import { textOf } from './message-text';
import { withoutSecretValues } from './secret-fields';

/** One guardrail's run: its verdict and how long it took. */
export interface GuardrailRun {
  guardrail: Guardrail;
  mode: GuardrailMode;
  verdict: Verdict;
  latencyMs: number;
  /** The vendor request carried fields from the client's `extra_body`. */
  clientExtraBody?: boolean;
}

export interface RunOptions {
  mode: GuardrailMode;
  requestId: string;
  /** Aborted when the request no longer needs an answer (client gone). */
  signal: AbortSignal;
  extraBody?: Record<string, unknown>;
}

/**
 * The one place that calls a vendor: applies `timeout_ms`, measures latency and turns anything thrown into an
 * error verdict, so vendor files stay wire-format translators and the strategies only see verdicts.
 */
@Injectable()
export class GuardrailRunner {
  private readonly logger = new Logger('Guardrails');

  constructor(
    private readonly metrics: MetricsService,
    @Inject(LOGGING_OPTIONS) private readonly logging: LoggingOptions,
  ) {}

  async run(guardrail: Guardrail, input: GuardInput, options: RunOptions): Promise<GuardrailRun> {
    const { name } = guardrail.definition;
    const started = performance.now();
    const answer = guardrail.inProcess
      ? await guardrail.check(input, contextOf(options, options.signal)).catch(toErrorVerdict)
      : await checkWithTimeout(guardrail, input, options);
    const verdict =
      answer.outcome === 'error'
        ? { ...answer, message: withoutSecretValues(answer.message, guardrail.definition.params) }
        : answer;
    const latencyMs = performance.now() - started;
    this.metrics.guardrailChecked(name, options.mode, checkResult(verdict), latencyMs / 1000);
    if (verdict.outcome === 'error') {
      this.logger.warn(
        { reqId: options.requestId },
        `guardrail ${name} (${guardrail.definition.kind}, ${options.mode}) failed: ${verdict.message}`,
      );
    }
    if (this.logging.detailedDebug) {
      this.logger.debug(
        { reqId: options.requestId, ...describeRun(guardrail, options, input, verdict, latencyMs) },
        `guardrail ${name} (${guardrail.definition.kind}, ${options.mode}) checked`,
      );
    }
    const clientExtraBody = options.extraBody !== undefined && Object.keys(options.extraBody).length > 0;
    return { guardrail, mode: options.mode, verdict, latencyMs, ...(clientExtraBody ? { clientExtraBody } : {}) };
  }
}

/** A vendor call: aborted and answered with a `timeout` error verdict once `timeout_ms` has passed. */
async function checkWithTimeout(guardrail: Guardrail, input: GuardInput, options: RunOptions): Promise<Verdict> {
  const { timeoutMs, name } = guardrail.definition;
  const controller = new AbortController();
  const forwardAbort = (): void => controller.abort(options.signal.reason);
  options.signal.addEventListener('abort', forwardAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Verdict>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`guardrail ${name} timed out after ${timeoutMs} ms`));
      resolve({ outcome: 'error', message: `timed out after ${timeoutMs} ms`, code: 'timeout' });
    }, timeoutMs);
  });
  try {
    return await Promise.race([
      guardrail.check(input, contextOf(options, controller.signal)).catch(toErrorVerdict),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener('abort', forwardAbort);
  }
}

function contextOf(options: RunOptions, signal: AbortSignal): GuardContext {
  return { mode: options.mode, signal, requestId: options.requestId, extraBody: options.extraBody };
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
