import { Inject, Injectable } from '@nestjs/common';
import { WARDEN_CONFIG } from '../config/config.module';
import type { WardenConfig } from '../config/config.schema';

export interface ModelList {
  object: 'list';
  data: Array<{ id: string; object: 'model'; created: number; owned_by: string }>;
}

@Injectable()
export class ModelsService {
  private readonly startedAt = Math.floor(Date.now() / 1000);

  constructor(@Inject(WARDEN_CONFIG) private readonly config: WardenConfig) {}

  /** One entry per public model name (a load-balanced group is one model to the client). */
  list(): ModelList {
    const names = [...new Set(this.config.models.map((m) => m.modelName))];
    return {
      object: 'list',
      data: names.map((id) => ({ id, object: 'model', created: this.startedAt, owned_by: 'warden' })),
    };
  }
}
