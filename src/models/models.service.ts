import { Inject, Injectable } from '@nestjs/common';
import { WardenError, WardenErrorCode } from '../common/warden.error';
import { WARDEN_CONFIG } from '../config/config.module';
import type { WardenConfig } from '../config/config.schema';

export interface ModelEntry {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

export interface ModelList {
  object: 'list';
  data: ModelEntry[];
}

@Injectable()
export class ModelsService {
  private readonly startedAt = Math.floor(Date.now() / 1000);

  constructor(@Inject(WARDEN_CONFIG) private readonly config: WardenConfig) {}

  /** One entry per public model name (a load-balanced group is one model to the client). */
  list(): ModelList {
    const names = [...new Set(this.config.models.map((m) => m.modelName))];
    return { object: 'list', data: names.map((id) => this.entry(id)) };
  }

  /** `GET /v1/models/{id}` (the SDKs' `models.retrieve`); 404 in the OpenAI shape for a name not configured. */
  retrieve(id: string): ModelEntry {
    if (!this.config.models.some((m) => m.modelName === id)) {
      throw new WardenError(
        WardenErrorCode.NotFound,
        `The model '${id}' does not exist. Call /v1/models to list them.`,
        {
          param: 'model',
        },
      );
    }
    return this.entry(id);
  }

  private entry(id: string): ModelEntry {
    return { id, object: 'model', created: this.startedAt, owned_by: 'warden' };
  }
}
