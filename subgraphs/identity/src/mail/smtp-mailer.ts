import { createTransport } from 'nodemailer';
import type { MailConfig } from '../config.js';
import type { Mailer } from './mailer.js';

/**
 * Sends through one SMTP server with nodemailer: the local one `npm start` runs, or Amazon
 * SES's SMTP endpoint in production (SES SMTP credentials, STARTTLS on 587). nodemailer
 * writes the MIME (plain text and HTML alternatives, encoded headers) and speaks SMTP,
 * including STARTTLS and AUTH; a pooled transport keeps one connection warm between emails.
 */
export function createSmtpMailer(config: MailConfig): Mailer {
  const transport = createTransport({
    pool: true,
    maxConnections: 2,
    host: config.host,
    port: config.port,
    secure: config.tls === 'implicit',
    // 'starttls' means the upgrade is required: a server that does not offer it is refused,
    // rather than the links going out in the clear.
    requireTLS: config.tls === 'starttls',
    ignoreTLS: config.tls === 'none',
    ...(config.auth ? { auth: { user: config.auth.username, pass: config.auth.password } } : {}),
    connectionTimeout: config.timeoutMs,
    greetingTimeout: config.timeoutMs,
    socketTimeout: config.timeoutMs,
    // nodemailer's own logger would print envelopes and, at debug level, message bodies.
    logger: false,
    debug: false,
  });
  return {
    async send({ to, subject, text, html }) {
      await transport.sendMail({ from: config.from, to, subject, text, html });
    },
    async close() {
      transport.close();
    },
  };
}
