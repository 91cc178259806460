import { ApiError, describeUserErrors, type Api, type UserError } from './api.js';
import { h } from './dom.js';

/** What every page gets: the API, and the notice area above the page. */
export interface Shop {
  api: Api;
  /** Shows a message above the page; errors are announced to screen readers at once. */
  notify(message: string, kind?: 'info' | 'error'): void;
  /** Shows the payload's `errors` (if any); true when there were some. */
  showUserErrors(errors: readonly UserError[]): boolean;
  /** Shows a thrown error: an ApiError's sentence, else a generic one. */
  showFailure(error: unknown): void;
  /** A message to show after the next navigation (e.g. "Signed out"). */
  flash(message: string): void;
  /** Re-reads who is signed in and the cart count in the header. */
  refreshHeader(): Promise<void>;
}

export function createNotices(region: HTMLElement) {
  let pending: string[] = [];
  const notify = (message: string, kind: 'info' | 'error' = 'info') => {
    region.append(h('p', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status', 'data-kind': kind }, message));
  };
  return {
    notify,
    showUserErrors(errors: readonly UserError[]): boolean {
      for (const message of describeUserErrors(errors)) notify(message, 'error');
      return errors.length > 0;
    },
    showFailure(error: unknown): void {
      notify(error instanceof ApiError ? error.message : 'Something went wrong. Please try again.', 'error');
      if (!(error instanceof ApiError)) console.error(error);
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
