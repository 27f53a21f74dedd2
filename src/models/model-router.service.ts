import { Inject, Injectable, Logger } from '@nestjs/common';
import { WARDEN_CONFIG } from '../config/config.module';
import type { ModelDeployment, WardenConfig } from '../config/config.schema';
import { WardenError, WardenErrorCode } from '../common/warden.error';
import { MetricsService } from '../metrics/metrics.service';
import { ENDPOINT_PATHS } from '../endpoints/endpoint-name';
import { UpstreamError, type ChatCall, type UpstreamResponse } from './providers/llm-provider.interface';
import { ProviderRegistry } from './providers/provider.registry';
import type { UpstreamRequest } from './upstream-request';

const MAX_BACKOFF_MS = 10_000;

export interface RoutedResponse {
  response: UpstreamResponse;
  deployment: ModelDeployment;
}

/**
 * Picks a deployment (round robin within a model group), applies the per-call timeout, retries retryable failures
 * with exponential backoff, then walks the fallbacks. Exhausted: 4xx passes through, 5xx/unreachable 502, timeout 504.
 */
@Injectable()
export class ModelRouter {
  private readonly logger = new Logger(ModelRouter.name);
  private readonly groups = new Map<string, ModelDeployment[]>();
  private readonly cursors = new Map<string, number>();

  constructor(
    @Inject(WARDEN_CONFIG) private readonly config: WardenConfig,
    private readonly providers: ProviderRegistry,
    private readonly metrics: MetricsService,
  ) {
    for (const deployment of config.models) {
      const group = this.groups.get(deployment.modelName) ?? [];
      group.push(deployment);
      this.groups.set(deployment.modelName, group);
    }
  }

  modelNames(): string[] {
    return [...this.groups.keys()];
  }

  assertKnown(model: string): void {
    if (!this.groups.has(model)) {
      throw new WardenError(
        WardenErrorCode.UnknownModel,
        `Invalid model name passed in model=${model}. Known models: ${this.modelNames().join(', ')}. Call /v1/models to list them.`,
        { param: 'model' },
      );
    }
  }

  async call(model: string, request: UpstreamRequest, signal: AbortSignal, requestId: string): Promise<RoutedResponse> {
    this.assertKnown(model);
    const { numRetries } = this.config.router;
    let lastError: UpstreamError | undefined;
    for (const name of [model, ...(this.config.router.fallbacks[model] ?? [])]) {
      for (let attempt = 0; attempt <= numRetries; attempt += 1) {
        const deployment = this.next(name);
        try {
          const response = await this.attempt(deployment, request, signal);
          return { response, deployment };
        } catch (error) {
          if (!(error instanceof UpstreamError) || signal.aborted) {
            throw error;
          }
          lastError = error;
          this.logger.warn({ reqId: requestId }, `${deployment.id} attempt ${attempt + 1} failed: ${error.message}`);
          if (error.quotaExhausted) {
            break; // this model cannot answer now; its fallbacks may
          }
          if (!error.retryable) {
            throw toWardenError(error);
          }
          if (attempt < numRetries) {
            await sleep(this.backoff(attempt, error.answer.retryAfterMs), signal);
          }
        }
      }
    }
    throw toWardenError(lastError ?? new UpstreamError('connection', 'no deployment answered'));
  }

  private async attempt(
    deployment: ModelDeployment,
    request: UpstreamRequest,
    signal: AbortSignal,
  ): Promise<UpstreamResponse> {
    const timeoutMs = deployment.timeoutMs ?? this.config.router.timeoutMs;
    const controller = new AbortController();
    const forwardAbort = (): void => controller.abort(signal.reason);
    signal.addEventListener('abort', forwardAbort, { once: true });
    const timer = setTimeout(
      () =>
        controller.abort(
          new UpstreamError('timeout', `upstream ${deployment.id} did not answer within ${timeoutMs} ms`),
        ),
      timeoutMs,
    );
    const started = performance.now();
    const elapsed = (): number => (performance.now() - started) / 1000;
    try {
      // The timer covers the wait for the upstream's headers; after that the same timeout bounds each silence in the
      // body, so a stream may run long but never stall for longer.
      const response = await this.dispatch(request, {
        deployment,
        body: request.body,
        stream: request.stream,
        signal: controller.signal,
        idleTimeoutMs: timeoutMs,
      });
      this.metrics.upstreamDone(deployment.modelName, deployment.provider, 'ok', elapsed());
      return response;
    } catch (error) {
      this.metrics.upstreamDone(deployment.modelName, deployment.provider, 'error', elapsed());
      const reason: unknown = controller.signal.reason;
      if (controller.signal.aborted && reason instanceof UpstreamError) {
        throw reason;
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Natively when the deployment's provider speaks the request's API, else through chat completions when the
   * endpoint can translate, else a 400 naming the model.
   */
  private async dispatch(request: UpstreamRequest, call: ChatCall): Promise<UpstreamResponse> {
    const provider = this.providers.get(call.deployment.provider);
    const { operation } = request;
    if (operation === 'chat') {
      return provider.complete(call);
    }
    if (provider.nativeOperations.has(operation)) {
      return provider.forward({ ...call, operation, headers: request.headers });
    }
    if (request.viaChat) {
      const chatBody = request.viaChat.request(call.deployment);
      const answer = await provider.complete({ ...call, body: chatBody });
      // The chat answer's own text must never stand in for the translated answer.
      const chatAnswer =
        answer.kind === 'json' ? { kind: 'json' as const, body: answer.body, headers: answer.headers } : answer;
      return request.viaChat.answer(chatAnswer, call.deployment);
    }
    throw WardenError.invalidRequest(
      `Model ${call.deployment.modelName} (${call.deployment.provider}/${call.deployment.upstreamModel}) does not support ${ENDPOINT_PATHS[operation]}: choose a model of a provider that does.`,
      'model',
    );
  }

  private next(name: string): ModelDeployment {
    const group = this.groups.get(name)!;
    const cursor = this.cursors.get(name) ?? 0;
    this.cursors.set(name, (cursor + 1) % group.length);
    return group[cursor % group.length];
  }

  private backoff(attempt: number, retryAfterMs: number | undefined): number {
    const exponential = this.config.router.retryBackoffMs * 2 ** attempt;
    const jittered = exponential * (0.75 + Math.random() * 0.5);
    return Math.min(MAX_BACKOFF_MS, Math.max(retryAfterMs ?? 0, jittered));
  }
}

/**
 * The error the client gets once retries and fallbacks are spent. An upstream 4xx passes through with the
 * upstream's own `type`, `param` and `code` (clients branch on `context_length_exceeded` or `insufficient_quota`);
 * a 5xx becomes a 502. Rate-limit headers (`retry-after`, `x-ratelimit-*`) go back with it.
 */
function toWardenError(error: UpstreamError): WardenError {
  const headers = error.answer.headers ?? {};
  switch (error.failure) {
    case 'timeout':
      return new WardenError(WardenErrorCode.UpstreamTimeout, error.message);
    case 'connection':
    case 'invalid_response':
      return new WardenError(WardenErrorCode.UpstreamUnreachable, error.message, { headers });
    case 'http': {
      const status = error.status ?? 502;
      if (status >= 500) {
        return new WardenError(WardenErrorCode.UpstreamError, `upstream answered HTTP ${status}: ${error.message}`, {
          status: 502,
          headers,
        });
      }
      const { details = {} } = error.answer;
      return new WardenError(WardenErrorCode.UpstreamError, error.message, {
        status,
        headers,
        param: details.param ?? null,
        upstream: { type: details.type, code: details.code },
      });
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
