import { Controller, Get, UseGuards } from '@nestjs/common';
import { MasterKeyGuard } from '../auth/master-key.guard';
import { ModelsService, type ModelList } from './models.service';

@Controller()
@UseGuards(MasterKeyGuard)
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  @Get(['v1/models', 'models'])
  list(): ModelList {
    return this.models.list();
  }
}
