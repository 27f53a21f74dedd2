import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WARDEN_CONFIG } from '../config/config.module';
import type { WardenConfig } from '../config/config.schema';
import { MetricsService } from '../metrics/metrics.service';
import { GuardrailEntity } from './guardrail.entity';
import { GuardrailRegistry } from './guardrail.registry';
import { GuardrailRunner } from './guardrail.runner';
import { GuardrailStore } from './guardrail.store';
import { GuardrailSync } from './guardrail.sync';
import { DuringCallStrategy } from './modes/during-call.strategy';
import { PostCallStrategy } from './modes/post-call.strategy';
import { PreCallStrategy } from './modes/pre-call.strategy';
import { VerdictCache } from './verdict-cache/verdict-cache';
import { PooledVendorHttpClient } from './vendors/vendor-http.client';

@Module({
  imports: [TypeOrmModule.forFeature([GuardrailEntity])],
  providers: [
    {
      provide: PooledVendorHttpClient,
      useFactory: (config: WardenConfig, metrics: MetricsService) => {
        const client = new PooledVendorHttpClient(config.general.vendorHttp);
        metrics.vendorPools(() => client.stats());
        return client;
      },
      inject: [WARDEN_CONFIG, MetricsService],
    },
    {
      provide: VerdictCache,
      useFactory: (config: WardenConfig, metrics: MetricsService) => {
        const cache = new VerdictCache(config.general.verdictCache);
        metrics.gauge(
          'warden_guardrail_cache_entries',
          'Vendor answers held by the verdict cache',
          () => cache.entries,
        );
        metrics.gauge('warden_guardrail_cache_bytes', 'Estimated bytes held by the verdict cache', () => cache.bytes);
        return cache;
      },
      inject: [WARDEN_CONFIG, MetricsService],
    },
    GuardrailRegistry,
    GuardrailRunner,
    GuardrailStore,
    GuardrailSync,
    PreCallStrategy,
    DuringCallStrategy,
    PostCallStrategy,
  ],
  exports: [
    PooledVendorHttpClient,
    VerdictCache,
    GuardrailRegistry,
    GuardrailRunner,
    GuardrailStore,
    GuardrailSync,
    PreCallStrategy,
    DuringCallStrategy,
    PostCallStrategy,
  ],
})
export class GuardrailsModule {}
