import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WARDEN_CONFIG } from '../config/config.module';
import type { WardenConfig } from '../config/config.schema';
import { dataSourceOptions } from './data-source';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [WARDEN_CONFIG],
      useFactory: (config: WardenConfig) => ({
        ...dataSourceOptions(config.general.databaseUrl),
        retryAttempts: 3,
        retryDelay: 1000,
      }),
    }),
  ],
})
export class DatabaseModule {}
