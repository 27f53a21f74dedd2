import { Module } from '@nestjs/common';
import { ModelRouter } from './model-router.service';
import { ModelsController } from './models.controller';
import { ModelsService } from './models.service';
import { ProviderRegistry } from './providers/provider.registry';
import { UpstreamHttpClient } from './providers/upstream-http.client';

@Module({
  controllers: [ModelsController],
  providers: [UpstreamHttpClient, ProviderRegistry, ModelRouter, ModelsService],
  exports: [ModelRouter],
})
export class ModelsModule {}
