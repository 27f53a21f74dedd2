import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './src/database/data-source';

/**
 * For the TypeORM CLI: `npx typeorm -d dist/ormconfig.js migration:run` (or migration:generate / revert).
 * Uses DATABASE_URL (postgres://...) or the default SQLite file, like the gateway.
 */
export default new DataSource(dataSourceOptions(process.env.DATABASE_URL));
