import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One email the local SMTP server took. */
export interface ReceivedMail {
  id: number;
  /** The envelope's recipients (RCPT TO), lower-cased. */
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Every http(s) link in the text part, in order. */
  links: string[];
  receivedAt: Date;
}

export interface LocalMailbox {
  /** The port it listens on, on 127.0.0.1. */
  readonly port: number;
  /** The last messages, oldest first. */
  messages(): ReceivedMail[];
  /**
   * The first message (already here, or arriving within `timeoutMs`) that matches; rejects
   * naming what it waited for. For tests and tools that wait on a condition, never a sleep.
   */
  waitFor(matches: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  stop(): Promise<void>;
}

/** Messages kept; older ones are dropped. */
const KEEP = 100;
/** Account emails are a few kilobytes; anything much larger is not ours. */
const MAX_MESSAGE_BYTES = 1024 * 1024;
const LINK = /https?:\/\/[^\s<>"]+/g;

/**
 * A real SMTP server on loopback (smtp-server) that keeps the last messages in memory: what
 * `npm start` sends identity's email to, and what tests read it from. It accepts any sender
 * and recipient, without TLS or authentication, and listens only on 127.0.0.1.
 */
export async function startLocalMailbox({ port = 0, onMail }: { port?: number; onMail?: (mail: ReceivedMail) => void } = {}): Promise<LocalMailbox> {
  const kept: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  let nextId = 1;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    banner: 'shopgraph local mailbox',
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const text = parsed.text ?? '';
          const mail: ReceivedMail = {
            id: nextId++,
            to: session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase()),
            subject: parsed.subject ?? '',
            text,
            html: typeof parsed.html === 'string' ? parsed.html : '',
            links: text.match(LINK) ?? [],
            receivedAt: new Date(),
          };
          kept.push(mail);
          if (kept.length > KEEP) kept.shift();
          onMail?.(mail);
          for (const wake of waiters) wake();
          callback();
        })
        .catch((error: unknown) => callback(error as Error));
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = (server.server.address() as AddressInfo).port;

  return {
    port: address,
    messages: () => [...kept],
    waitFor(matches, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = kept.find(matches);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching email arrived within ${timeoutMs} ms (${kept.length} kept: ${kept.map((mail) => `${mail.to.join(',')}: ${mail.subject}`).join('; ')})`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
