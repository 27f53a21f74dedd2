import { Module } from '@nestjs/common';
import { ModelsModule } from '../models/models.module';
import { ChatController } from './chat.controller';
import { ChatPipeline } from './chat.pipeline';

@Module({
  imports: [ModelsModule],
  controllers: [ChatController],
  providers: [ChatPipeline],
})
export class ChatModule {}
