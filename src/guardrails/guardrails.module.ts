import { HttpModule } from '@nestjs/axios';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GuardrailEntity } from './guardrail.entity';
import { GuardrailRegistry } from './guardrail.registry';
import { GuardrailRunner } from './guardrail.runner';
import { GuardrailStore } from './guardrail.store';
import { GuardrailSync } from './guardrail.sync';
import { DuringCallStrategy } from './modes/during-call.strategy';
import { PostCallStrategy } from './modes/post-call.strategy';
import { PreCallStrategy } from './modes/pre-call.strategy';
import { AxiosVendorHttpClient } from './vendors/vendor-http.client';

@Module({
  imports: [HttpModule, TypeOrmModule.forFeature([GuardrailEntity])],
  providers: [
    AxiosVendorHttpClient,
    GuardrailRegistry,
    GuardrailRunner,
    GuardrailStore,
    GuardrailSync,
    PreCallStrategy,
    DuringCallStrategy,
    PostCallStrategy,
  ],
  exports: [
    AxiosVendorHttpClient,
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
