import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AdminModule } from './admin/admin.module';
import { EndpointsModule } from './endpoints/endpoints.module';
import { OpenAiErrorFilter } from './common/openai-error.filter';
import { WardenConfigModule } from './config/config.module';
import type { WardenConfig } from './config/config.schema';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { KeysModule } from './keys/keys.module';
import { LoggingModule, type LoggingOptions } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { ModelsModule } from './models/models.module';
import { UiModule } from './ui/ui.module';
import { ViolationsAdminModule } from './violations/admin/violations-admin.module';

@Module({})
export class AppModule {
  static forRoot(
    config: WardenConfig,
    logging: LoggingOptions = { detailedDebug: false, silent: false },
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        WardenConfigModule.forRoot(config),
        LoggingModule.forRoot(logging),
        MetricsModule,
        DatabaseModule,
        ModelsModule,
        EndpointsModule,
        HealthModule,
        AdminModule,
        KeysModule,
        ViolationsAdminModule,
        UiModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: OpenAiErrorFilter }],
    };
  }
}
