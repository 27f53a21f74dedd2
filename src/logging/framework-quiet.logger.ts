import type { LoggerService } from '@nestjs/common';

/** Nest's own start-up chatter: a line per module, controller and route (about 60 lines for Warden). */
const FRAMEWORK_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

/**
 * Nest's logger, with the framework's start-up lines moved to debug level unless `--debug` or `--detailed_debug`
 * asked for them: by default the CLI prints a short banner instead. Warden's own lines pass through unchanged.
 */
export class FrameworkQuietLogger implements LoggerService {
  constructor(
    private readonly inner: LoggerService,
    private readonly showFramework: boolean,
  ) {}

  log(message: unknown, ...rest: unknown[]): void {
    if (!this.showFramework && isFrameworkLine(rest)) {
      this.inner.debug?.(message, ...rest);
      return;
    }
    this.inner.log(message, ...rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.inner.error(message, ...rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.inner.warn(message, ...rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.inner.debug?.(message, ...rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.inner.verbose?.(message, ...rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    (this.inner.fatal ?? this.inner.error).call(this.inner, message, ...rest);
  }
}

/** Nest passes the context as the last argument. */
function isFrameworkLine(rest: readonly unknown[]): boolean {
  const context = rest.at(-1);
  return typeof context === 'string' && FRAMEWORK_CONTEXTS.has(context);
}
