// Logging: pino, JSON to standard error. Nothing sensitive goes in: no
// request bodies, no record content, no names, no keys (the Authorization
// header and cookies are redacted should a request ever be logged whole).
import pino, { type LoggerOptions } from 'pino';

export function loggerOptions(): LoggerOptions {
  return {
    level: process.env.LOG_LEVEL ?? 'info',
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'], censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split('?')[0] }),
    },
  };
}

export const log = pino(loggerOptions(), pino.destination(2));
