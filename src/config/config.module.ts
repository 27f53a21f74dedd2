import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import type { WardenConfig } from './config.schema';

export const WARDEN_CONFIG = Symbol('WARDEN_CONFIG');

/** Makes the validated, frozen config injectable; nothing else in the app reads the YAML or process.env. */
@Global()
@Module({})
export class WardenConfigModule {
  static forRoot(config: WardenConfig): DynamicModule {
    return {
      module: WardenConfigModule,
      imports: [ConfigModule.forRoot({ ignoreEnvFile: true, load: [() => ({ warden: config })] })],
      providers: [
        {
          provide: WARDEN_CONFIG,
          inject: [ConfigService],
          useFactory: (configService: ConfigService) => configService.getOrThrow<WardenConfig>('warden'),
        },
      ],
      exports: [WARDEN_CONFIG],
    };
  }
}
