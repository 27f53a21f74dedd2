import { Module } from '@nestjs/common';
import { GuardrailsModule } from '../guardrails/guardrails.module';
import { ModelsModule } from '../models/models.module';
import { ViolationsModule } from '../violations/violations.module';
import { EndpointsController } from './endpoints.controller';
import { GuardrailPipeline } from './pipeline';

@Module({
  imports: [ModelsModule, GuardrailsModule, ViolationsModule],
  controllers: [EndpointsController],
  providers: [GuardrailPipeline],
})
export class EndpointsModule {}
