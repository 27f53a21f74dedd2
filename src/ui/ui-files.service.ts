import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { WardenError } from '../common/warden.error';
import { uiDirectory } from './ui-directory';
import { isServableAsset, notBuiltPage, uiFile, type UiFile } from './ui-file';

/**
 * The built admin UI (dist/ui: index.html and assets/), read once at startup and served from memory, so a request
 * never touches the disk and a name outside the build can never be read.
 */
@Injectable()
export class UiFilesService implements OnModuleInit {
  private page: UiFile = notBuiltPage();
  private assets: ReadonlyMap<string, UiFile> = new Map();

  async onModuleInit(): Promise<void> {
    const directory = uiDirectory();
    const index = await readFile(join(directory, 'index.html')).catch(() => undefined);
    if (index === undefined) {
      return;
    }
    const names = (await readdir(join(directory, 'assets')).catch(() => [])).filter(isServableAsset);
    const files = await Promise.all(
      names.map(async (name) => [name, uiFile(name, await readFile(join(directory, 'assets', name)))] as const),
    );
    this.page = uiFile('index.html', index);
    this.assets = new Map(files);
  }

  index(): UiFile {
    return this.page;
  }

  asset(name: string): UiFile {
    const file = this.assets.get(name);
    if (!file) {
      throw WardenError.notFound(`No admin UI asset named ${JSON.stringify(name.slice(0, 64))}.`);
    }
    return file;
  }
}
