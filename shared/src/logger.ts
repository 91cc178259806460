import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  service: string;
  level: string;
  /** Where lines go; tests pass a stream to assert on what was logged. */
  destination?: NodeJS.WritableStream;
}

/**
 * One JSON line per event, with the service name on every line. Credentials that could
 * reach a log through a request object are redacted by path, as a second line of defence:
 * code never logs a token on purpose.
 */
export function createLogger({ service, level, destination }: LoggerOptions): Logger {
  const options = {
    level,
    base: { service },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        'headers.cookie',
        'token',
        'sessionToken',
        'password',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}
