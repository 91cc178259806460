import type { MailMessage } from './mailer.js';
import { DEFAULT_MAIL_LOCALE, MAIL_STRINGS, type MailLocale } from './mail-strings.js';

type Strings = (typeof MAIL_STRINGS)[MailLocale];

/** The storefront page a link opens, with the token in the fragment: it never reaches a server log or a Referer. */
export type AccountLinkPage = 'reset-password' | 'verify-email';

export function accountLink(storefrontUrl: string, page: AccountLinkPage, token: string): string {
  return `${storefrontUrl}/#/${page}/${token}`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');

/** Plain text and the same paragraphs as simple HTML; every value is escaped in the HTML. */
function compose(
  strings: Strings,
  to: string,
  subject: string,
  name: string,
  paragraphs: { intro: string; outro: string; action?: { label: string; url: string } },
  values: Record<string, string>,
): MailMessage {
  const greeting = fill(strings.greeting, { name });
  const intro = fill(paragraphs.intro, values);
  const outro = fill(paragraphs.outro, values);
  const { action } = paragraphs;
  const text = [greeting, intro, ...(action ? [action.url] : []), outro, strings.signature].join('\n\n') + '\n';
  const html = [
    '<!doctype html><html><body style="font-family: sans-serif; line-height: 1.5">',
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    ...(action ? [`<p><a href="${escapeHtml(action.url)}">${escapeHtml(action.label)}</a></p>`, `<p style="font-size: small">${escapeHtml(action.url)}</p>`] : []),
    `<p>${escapeHtml(outro)}</p>`,
    `<p>${escapeHtml(strings.signature)}</p>`,
    '</body></html>',
  ].join('\n');
  return { to, subject, text, html };
}

/** The emails identity sends about an account, in one locale. */
export function accountEmails(locale: MailLocale = DEFAULT_MAIL_LOCALE) {
  const strings = MAIL_STRINGS[locale];
  return {
    passwordReset(to: string, name: string, url: string, minutes: number): MailMessage {
      const s = strings.passwordReset;
      return compose(strings, to, s.subject, name, { intro: s.intro, outro: s.outro, action: { label: s.action, url } }, { minutes: String(minutes) });
    },
    verifyEmail(to: string, name: string, url: string, hours: number): MailMessage {
      const s = strings.verifyEmail;
      return compose(strings, to, s.subject, name, { intro: s.intro, outro: s.outro, action: { label: s.action, url } }, { hours: String(hours) });
    },
    confirmNewEmail(to: string, name: string, url: string, hours: number): MailMessage {
      const s = strings.confirmNewEmail;
      return compose(strings, to, s.subject, name, { intro: s.intro, outro: s.outro, action: { label: s.action, url } }, { hours: String(hours) });
    },
    emailChanged(to: string, name: string, newEmail: string): MailMessage {
      const s = strings.emailChanged;
      return compose(strings, to, s.subject, name, { intro: s.intro, outro: s.outro }, { newEmail });
    },
    passwordChanged(to: string, name: string): MailMessage {
      const s = strings.passwordChanged;
      return compose(strings, to, s.subject, name, { intro: s.intro, outro: s.outro }, {});
    },
  };
}

export type AccountEmails = ReturnType<typeof accountEmails>;
