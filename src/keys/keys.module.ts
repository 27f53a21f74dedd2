import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GuardrailsModule } from '../guardrails/guardrails.module';
import { KeysAdminController } from './admin/keys-admin.controller';
import { KeysAdminService } from './admin/keys-admin.service';
import { KeyRegistry } from './key.registry';
import { KeyStore } from './key.store';
import { KeySync } from './key.sync';
import { LiteLlmKeysController } from './litellm/litellm-keys.controller';
import { LiteLlmKeysService } from './litellm/litellm-keys.service';
import { VirtualKeyEntity } from './virtual-key.entity';

/**
 * Virtual keys: the admin API (`/admin/keys`), LiteLLM's `/key/*` routes, and the in-memory registry the auth guards
 * read. Global so that every controller's guard can reach the registry without each module importing this one.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([VirtualKeyEntity]), GuardrailsModule],
  controllers: [KeysAdminController, LiteLlmKeysController],
  providers: [KeyRegistry, KeyStore, KeySync, KeysAdminService, LiteLlmKeysService],
  exports: [KeyRegistry],
})
export class KeysModule {}
