import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { ModelsService, type ModelEntry, type ModelList } from './models.service';

@Controller()
@UseGuards(ApiKeyGuard)
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  @Get(['v1/models', 'models'])
  list(): ModelList {
    return this.models.list();
  }

  // A name with a slash (`openai/gpt-4o`) arrives URL-encoded, as the SDKs send it, and is decoded here.
  @Get(['v1/models/:id', 'models/:id'])
  retrieve(@Param('id') id: string): ModelEntry {
    return this.models.retrieve(id);
  }
}
