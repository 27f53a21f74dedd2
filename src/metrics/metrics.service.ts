import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { GuardrailMode } from '../guardrails/guardrail.types';
import type { InterventionAction } from '../guardrails/intervention-action';

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export type GuardrailCheckResult = 'pass' | 'flagged' | 'error';

const POOL_STATES = ['connected', 'free', 'running', 'pending'] as const;
type PoolState = (typeof POOL_STATES)[number];

/** Guardrail names are configured, so few; the bound only guards against an unbounded admin churn. */
const MAX_CACHED_CHILDREN = 10_000;

type GuardrailCheckChildren = Record<GuardrailCheckResult, Counter.Internal> & {
  duration: Histogram.Internal<'guardrail' | 'mode'>;
};

/**
 * Warden's Prometheus metrics, in a registry of its own (several apps in one process, as in tests, do not collide).
 * Label values are bounded: routes are route patterns, models are configured names, guardrails configured names.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  private readonly requests = new Counter({
    name: 'warden_requests_total',
    help: 'HTTP requests answered, by route pattern, model and status code',
    labelNames: ['route', 'model', 'status'] as const,
    registers: [this.registry],
  });

  private readonly requestDuration = new Histogram({
    name: 'warden_request_duration_seconds',
    help: 'Time from request received to response sent (streams: to the last byte)',
    labelNames: ['route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly upstreamDuration = new Histogram({
    name: 'warden_upstream_duration_seconds',
    help: 'Upstream call time until the answer (streams: until the headers), by model, provider and outcome',
    labelNames: ['model', 'provider', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly guardrailChecks = new Counter({
    name: 'warden_guardrail_checks_total',
    help: 'Guardrail checks by guardrail, mode and result (pass, flagged, error)',
    labelNames: ['guardrail', 'mode', 'result'] as const,
    registers: [this.registry],
  });

  private readonly guardrailDuration = new Histogram({
    name: 'warden_guardrail_duration_seconds',
    help: 'Guardrail check time by guardrail and mode',
    labelNames: ['guardrail', 'mode'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly guardrailCacheLookups = new Counter({
    name: 'warden_guardrail_cache_lookups_total',
    help: 'Verdict cache lookups of guardrails with cache_ttl_seconds, by guardrail and result (hit, miss)',
    labelNames: ['guardrail', 'result'] as const,
    registers: [this.registry],
  });

  private readonly guardrailFailureLogs = new Counter({
    name: 'warden_guardrail_failure_logs_total',
    help: 'Guardrail failures by guardrail and whether their warning line was written or rate-limited (suppressed)',
    labelNames: ['guardrail', 'logged'] as const,
    registers: [this.registry],
  });

  /** Per guardrail and mode, the labelled children: prom-client hashes a label object on every unlabelled call. */
  private readonly checkChildren = new Map<string, GuardrailCheckChildren>();

  private readonly violations = new Counter({
    name: 'warden_violations_total',
    help: 'Violations recorded, by action (blocked, monitored, masked, error)',
    labelNames: ['action'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'warden_' });
  }

  /** Reports a value sampled at scrape time (the violation queue depth). */
  gauge(name: string, help: string, sample: () => number): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.set(sample());
      },
    });
  }

  requestDone(route: string, model: string, status: number, seconds: number): void {
    this.requests.inc({ route, model, status: String(status) });
    this.requestDuration.observe({ route }, seconds);
  }

  upstreamDone(model: string, provider: string, outcome: 'ok' | 'error', seconds: number): void {
    this.upstreamDuration.observe({ model, provider, outcome }, seconds);
  }

  guardrailChecked(guardrail: string, mode: GuardrailMode, result: GuardrailCheckResult, seconds: number): void {
    const key = `${guardrail}\u0000${mode}`;
    let children = this.checkChildren.get(key);
    if (children === undefined) {
      if (this.checkChildren.size >= MAX_CACHED_CHILDREN) {
        this.checkChildren.clear();
      }
      children = {
        pass: this.guardrailChecks.labels(guardrail, mode, 'pass'),
        flagged: this.guardrailChecks.labels(guardrail, mode, 'flagged'),
        error: this.guardrailChecks.labels(guardrail, mode, 'error'),
        duration: this.guardrailDuration.labels(guardrail, mode),
      };
      this.checkChildren.set(key, children);
    }
    children[result].inc();
    children.duration.observe(seconds);
  }

  guardrailCacheLookup(guardrail: string, result: 'hit' | 'miss'): void {
    this.guardrailCacheLookups.inc({ guardrail, result });
  }

  guardrailFailureLogged(guardrail: string, logged: boolean): void {
    this.guardrailFailureLogs.inc({ guardrail, logged: logged ? 'logged' : 'suppressed' });
  }

  /** Vendor connection pools, one per origin, sampled at scrape time. */
  vendorPools(sample: () => ReadonlyArray<{ origin: string } & Record<PoolState, number>>): void {
    new Gauge({
      name: 'warden_vendor_pool_connections',
      help: 'Vendor HTTP pools per origin: connections (connected, free) and requests (running, pending = queued)',
      labelNames: ['origin', 'state'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const pool of sample()) {
          for (const state of POOL_STATES) {
            this.set({ origin: pool.origin, state }, pool[state]);
          }
        }
      },
    });
  }

  violationRecorded(action: InterventionAction): void {
    this.violations.inc({ action });
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
