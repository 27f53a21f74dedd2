import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { GuardrailsModule } from '../guardrails/guardrails.module';
import { HealthController } from './health.controller';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), GuardrailsModule],
  controllers: [HealthController],
})
export class HealthModule {}
