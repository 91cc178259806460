import type { HeaderViewer } from './account-types.js';
import { h } from './dom.js';
import type { Shop } from './shop.js';

/**
 * The banner above every page while a signed-in customer has not followed the link sign-up
 * emailed them, with a button to send it again. An unverified account shops as any other; the
 * banner only asks. It goes once the header's next read says the address is verified.
 */
export function createVerifyBanner(container: HTMLElement, getShop: () => Shop) {
  const resend = async (button: HTMLButtonElement, email: string) => {
    const shop = getShop();
    button.disabled = true;
    try {
      const { resendVerificationEmail } = await shop.api('ResendVerificationEmail');
      // EMAIL_ALREADY_VERIFIED (followed on another device meanwhile): its sentence, and the header's read hides the banner.
      if (shop.showUserErrors(resendVerificationEmail.errors)) await shop.refreshHeader();
      else shop.notify(`We have sent a new link to ${email}.`);
    } catch (error) {
      shop.showFailure(error);
    } finally {
      button.disabled = false;
    }
  };

  return {
    show(customer: HeaderViewer['customer']): void {
      container.hidden = !customer || customer.emailVerified;
      if (!customer || customer.emailVerified) {
        container.replaceChildren();
        return;
      }
      const button: HTMLButtonElement = h(
        'button',
        { type: 'button', class: 'link', 'data-testid': 'resend-verification', onclick: () => void resend(button, customer.email) },
        'Send the link again',
      );
      container.replaceChildren(
        h('p', { 'data-testid': 'verify-banner' }, `Please confirm your email address: follow the link we sent to ${customer.email}. `, button),
      );
    },
  };
}
