/**
 * Every word identity's emails say, per locale: translating the emails is adding a locale
 * here. `{name}`-style placeholders are filled by account-emails.ts (and HTML-escaped there).
 */
export const MAIL_STRINGS = {
  en: {
    greeting: 'Hello {name},',
    signature: '— shopgraph',
    passwordReset: {
      subject: 'Reset your shopgraph password',
      intro: 'Someone, hopefully you, asked to reset the password of your shopgraph account. This link works once, for the next {minutes} minutes:',
      action: 'Choose a new password',
      outro: 'If you did not ask, ignore this email: your password stays as it is.',
    },
    verifyEmail: {
      subject: 'Confirm your email address',
      intro: 'Welcome to shopgraph. Please confirm that this address is yours (the link works for {hours} hours):',
      action: 'Confirm my email address',
      outro: 'If you did not create an account, ignore this email.',
    },
    confirmNewEmail: {
      subject: 'Confirm your new email address',
      intro: 'You asked to sign in to shopgraph with this address from now on. The change takes effect when you follow this link (it works for {hours} hours):',
      action: 'Use this address',
      outro: 'If you did not ask for this, ignore this email: nothing changes.',
    },
    emailChanged: {
      subject: 'Your shopgraph email address was changed',
      intro: 'Your shopgraph account now signs in with {newEmail}, and its emails go there.',
      outro: 'If you did not make this change, reset your password from the sign-in page right away and contact us.',
    },
    passwordChanged: {
      subject: 'Your shopgraph password was changed',
      intro: 'The password of your shopgraph account was just changed, and every device signed in to it was signed out.',
      outro: 'If you did not make this change, reset your password from the sign-in page right away and contact us.',
    },
  },
} as const;

export type MailLocale = keyof typeof MAIL_STRINGS;
export const DEFAULT_MAIL_LOCALE: MailLocale = 'en';
