import { Inject, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { WARDEN_CONFIG } from '../config/config.module';
import type { WardenConfig } from '../config/config.schema';
import { GuardrailsModule } from '../guardrails/guardrails.module';
import { GuardrailTestService } from './guardrail-test.service';
import { GuardrailsAdminController } from './guardrails-admin.controller';
import { GuardrailsAdminService } from './guardrails-admin.service';
import { GuardrailsListController } from './guardrails-list.controller';

/** The admin REST API for guardrails (`/admin/guardrails`) and LiteLLM's `GET /guardrails/list` alias. */
@Module({
  imports: [GuardrailsModule],
  controllers: [GuardrailsAdminController, GuardrailsListController],
  providers: [GuardrailsAdminService, GuardrailTestService],
})
export class AdminModule implements OnModuleInit {
  constructor(@Inject(WARDEN_CONFIG) private readonly config: WardenConfig) {}

  onModuleInit(): void {
    if (this.config.general.masterKey === undefined) {
      new Logger('Admin').warn(
        'no master key is set: the admin API (/admin) is open to anyone who can reach this port; set general_settings.master_key',
      );
    }
  }
}
