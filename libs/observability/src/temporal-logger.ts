import type { Logger as TemporalLogger, LogLevel as TemporalLogLevel, LogMetadata } from '@temporalio/common';
import type { Logger } from 'pino';

const LEVELS: Record<TemporalLogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * The Temporal SDK's logger (Runtime.install({ logger })) written as pino JSON lines: the worker's own messages, the
 * workflow and activity context loggers and, with log forwarding, the native Core's. Metadata (workflowId,
 * activityType, …) become fields; symbol keys (the SDK's timestamp and source markers) are dropped.
 */
export class PinoTemporalLogger implements TemporalLogger {
  constructor(private readonly logger: Logger) {}

  log(level: TemporalLogLevel, message: string, meta?: LogMetadata): void {
    const pinoLevel = LEVELS[level] ?? 'info';
    if (!this.logger.isLevelEnabled(pinoLevel)) return;
    this.logger[pinoLevel]({ ...(meta ? Object.fromEntries(Object.entries(meta)) : {}) }, message);
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}

/** The Temporal SDK's level name for a pino level (the Core's log filter and forwarding take these). */
export function temporalLevelOf(level: string): TemporalLogLevel {
  switch (level) {
    case 'trace':
      return 'TRACE';
    case 'debug':
      return 'DEBUG';
    case 'info':
      return 'INFO';
    case 'warn':
      return 'WARN';
    default:
      return 'ERROR';
  }
}
