import { Controller, Get, UseFilters } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import { GuardrailRegistry } from '../guardrails/guardrail.registry';
import { HealthCheckFilter } from './health-check.filter';

/** Liveness and readiness probes (LiteLLM's paths), unauthenticated so orchestrators can call them. */
@Controller('health')
@UseFilters(HealthCheckFilter)
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly registry: GuardrailRegistry,
  ) {}

  /** The process is up and its event loop answers. */
  @Get('liveliness')
  liveliness(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 503 unless the database answers and the guardrail set is loaded. */
  @Get('readiness')
  @HealthCheck()
  readiness(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2000 }),
      () => ({ guardrails: { status: 'up', loaded: this.registry.snapshot().list.length } }),
    ]);
  }
}
