import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ChatModule } from './chat/chat.module';
import { OpenAiErrorFilter } from './common/openai-error.filter';
import { WardenConfigModule } from './config/config.module';
import type { WardenConfig } from './config/config.schema';
import { ModelsModule } from './models/models.module';

@Module({})
export class AppModule {
  static forRoot(config: WardenConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [WardenConfigModule.forRoot(config), ModelsModule, ChatModule],
      providers: [{ provide: APP_FILTER, useClass: OpenAiErrorFilter }],
    };
  }
}
