import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { VirtualKeyEntity } from './virtual-key.entity';

/** Virtual key rows. Times are set here (SQLite's CURRENT_TIMESTAMP has whole seconds). */
@Injectable()
export class KeyStore {
  constructor(@InjectRepository(VirtualKeyEntity) private readonly repository: Repository<VirtualKeyEntity>) {}

  list(): Promise<VirtualKeyEntity[]> {
    return this.repository.find({ order: { createdAt: 'ASC', alias: 'ASC' } });
  }

  findById(id: string): Promise<VirtualKeyEntity | null> {
    return this.repository.findOneBy({ id });
  }

  findByHash(keyHash: string): Promise<VirtualKeyEntity | null> {
    return this.repository.findOneBy({ keyHash });
  }

  findByAlias(alias: string): Promise<VirtualKeyEntity | null> {
    return this.repository.findOneBy({ alias });
  }

  create(fields: Omit<VirtualKeyEntity, 'createdAt' | 'updatedAt'>): Promise<VirtualKeyEntity> {
    const now = new Date();
    return this.repository.save(this.repository.create({ ...fields, createdAt: now, updatedAt: now }));
  }

  /** Writes the changed fields; undefined when the key was deleted meanwhile. */
  async update(id: string, changes: Partial<VirtualKeyEntity>): Promise<VirtualKeyEntity | undefined> {
    const { metadata, ...rest } = changes;
    // The update types a JSON column's value as a partial entity; a plain object is what it stores.
    const values = metadata === undefined ? rest : { ...rest, metadata: metadata as object };
    const result = await this.repository.update({ id }, { ...values, updatedAt: new Date() });
    return result.affected ? ((await this.findById(id)) ?? undefined) : undefined;
  }

  /** False when the row was already gone. */
  async remove(id: string): Promise<boolean> {
    const result = await this.repository.delete({ id });
    return Boolean(result.affected);
  }

  /** PostgreSQL only: tells the other instances sharing this database that keys changed. */
  async notify(channel: string, payload: string): Promise<void> {
    await this.repository.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }
}
