import { Injectable, Logger } from '@nestjs/common';
import type { LiveKey } from './live-key';

/**
 * The live virtual keys, by the SHA-256 of their secret. `replace` swaps a whole new map in one assignment, so a
 * request sees the keys before a change or after it, never a mix; the request path never reads the database.
 */
@Injectable()
export class KeyRegistry {
  private readonly logger = new Logger(KeyRegistry.name);
  private byHash: ReadonlyMap<string, LiveKey> = new Map();

  find(keyHash: string): LiveKey | undefined {
    return this.byHash.get(keyHash);
  }

  get size(): number {
    return this.byHash.size;
  }

  replace(entries: Iterable<readonly [string, LiveKey]>): void {
    const next = new Map(entries);
    const changed = next.size !== this.byHash.size;
    this.byHash = next;
    if (changed) {
      this.logger.log(`virtual keys loaded: ${next.size}`);
    }
  }
}
