import { ApiError, describeUserErrors, type Api, type UserError } from './api.js';
import { h } from './dom.js';
import { href } from './router.js';

/** A link shown with a notice: what the shopper can do about it. */
export interface NoticeAction {
  href: string;
  label: string;
}

/** What every page gets: the API, and the notice area above the page. */
export interface Shop {
  api: Api;
  /** Shows a message above the page; errors are announced to screen readers at once. */
  notify(message: string, kind?: 'info' | 'error', action?: NoticeAction): void;
  /** Shows the payload's `errors` (if any); true when there were some. */
  showUserErrors(errors: readonly UserError[]): boolean;
  /** Shows a thrown error: an ApiError's sentence (with a way to sign in again where that is the remedy), else a generic one. */
  showFailure(error: unknown): void;
  /** Removes the notices shown, so an action's outcome is not read next to an earlier one's. */
  clearNotices(): void;
  /** A message to show after the next navigation (e.g. "Signed out"). */
  flash(message: string): void;
  /** Re-reads who is signed in and the cart count in the header. */
  refreshHeader(): Promise<void>;
}

export function createNotices(region: HTMLElement) {
  let pending: string[] = [];
  const notify = (message: string, kind: 'info' | 'error' = 'info', action?: NoticeAction) => {
    region.append(
      h(
        'p',
        { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status', 'data-kind': kind },
        message,
        action ? [' ', h('a', { href: action.href, 'data-testid': 'notice-action' }, action.label)] : null,
      ),
    );
  };
  return {
    notify,
    showUserErrors(errors: readonly UserError[]): boolean {
      for (const message of describeUserErrors(errors)) notify(message, 'error');
      return errors.length > 0;
    },
    showFailure(error: unknown): void {
      if (error instanceof ApiError && error.code === 'REAUTHENTICATION_REQUIRED') {
        // A password or email change needs a recent sign-in: sign in, then come back to this page.
        notify(error.message, 'error', { href: href('/sign-in', { then: location.hash.replace(/^#/, '').split('?')[0] }), label: 'Sign in again' });
        return;
      }
      notify(error instanceof ApiError ? error.message : 'Something went wrong. Please try again.', 'error');
      if (!(error instanceof ApiError)) console.error(error);
    },
    clearNotices(): void {
      region.replaceChildren();
    },
    flash(message: string): void {
      pending.push(message);
    },
    /** Clears the area for a new page, keeping flashed messages. */
    reset(): void {
      region.replaceChildren();
      for (const message of pending) notify(message);
      pending = [];
    },
  };
}
