/** One email, in plain text and simple HTML (the HTML part is optional for a client to show). */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * How identity sends email. One implementation talks SMTP (smtp-mailer.ts); a test or a tool
 * may pass another. `send` resolves once the server has taken the message, and rejects when
 * it has not.
 */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /** Closes pooled connections; no send after it. */
  close(): Promise<void>;
}
