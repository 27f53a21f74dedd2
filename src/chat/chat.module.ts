import { Module } from '@nestjs/common';
import { GuardrailsModule } from '../guardrails/guardrails.module';
import { ModelsModule } from '../models/models.module';
import { ChatController } from './chat.controller';
import { ChatPipeline } from './chat.pipeline';

@Module({
  imports: [ModelsModule, GuardrailsModule],
  controllers: [ChatController],
  providers: [ChatPipeline],
})
export class ChatModule {}
