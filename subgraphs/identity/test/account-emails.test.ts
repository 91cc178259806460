import { describe, expect, it } from 'vitest';
import { accountEmails, accountLink } from '../src/mail/account-emails.js';
import { MAIL_STRINGS } from '../src/mail/mail-strings.js';

describe('account emails', () => {
  const emails = accountEmails('en');
  const url = accountLink('https://shop.example', 'reset-password', 'T0ken_-');

  it('when a reset link is sent, then the token is in the fragment, and both parts carry the link and the lifetime', () => {
    expect(url).toBe('https://shop.example/#/reset-password/T0ken_-');
    const mail = emails.passwordReset('ada@example.com', 'Ada', url, 30);
    expect(mail).toMatchObject({ to: 'ada@example.com', subject: MAIL_STRINGS.en.passwordReset.subject });
    expect(mail.text).toContain(`\n\n${url}\n\n`);
    expect(mail.text).toContain('30 minutes');
    expect(mail.html).toContain(`<a href="${url}">`);
  });

  it('when a name or an address holds markup, then the HTML part shows it as text', () => {
    const mail = emails.emailChanged('ada@example.com', '<script>alert(1)</script>', 'new"@example.com');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('new&quot;@example.com');
    // The plain text part is text already: it keeps the characters.
    expect(mail.text).toContain('<script>alert(1)</script>');
  });

  it('when any email is built, then no placeholder is left unfilled', () => {
    const all = [
      emails.passwordReset('a@example.com', 'Ada', url, 30),
      emails.verifyEmail('a@example.com', 'Ada', url, 24),
      emails.confirmNewEmail('a@example.com', 'Ada', url, 24),
      emails.emailChanged('a@example.com', 'Ada', 'b@example.com'),
      emails.passwordChanged('a@example.com', 'Ada'),
    ];
    for (const mail of all) expect(`${mail.subject}${mail.text}${mail.html}`).not.toMatch(/\{\w+\}/);
  });
});
