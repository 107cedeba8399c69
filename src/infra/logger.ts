import pino, { type Logger } from 'pino';

export type { Logger };

/** Pretty lines in a terminal, JSON everywhere else (files, containers, CI). */
export function createLogger(options: { level?: string; pretty?: boolean } = {}): Logger {
  const pretty = options.pretty ?? Boolean(process.stdout.isTTY);
  return pino({
    level: options.level ?? 'info',
    // Secrets never reach the log, whatever a caller passes in.
    redact: {
      paths: ['token', '*.token', 'secret', '*.secret', 'signature', '*.signature', 'password', '*.password', 'headers.authorization'],
      censor: '[redacted]',
    },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } } } : {}),
  });
}

/** A logger that drops everything: for tests and benchmarks. */
export const silentLogger: Logger = pino({ level: 'silent' });
