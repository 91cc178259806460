import { formValues, whileBusy } from '../dom.js';
import type { Shop } from '../shop.js';

/**
 * A form's submit handler for the account pages: clears the earlier notices, reads the fields
 * (before the controls are disabled: FormData skips disabled fields), runs `work` while the
 * form is busy so a double click sends one request, and shows what went wrong.
 */
export function onSubmit(shop: Shop, work: (values: Record<string, string>, form: HTMLFormElement) => Promise<void>): (event: Event) => void {
  return (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const values = formValues(form);
    shop.clearNotices();
    void whileBusy(form, async () => {
      try {
        await work(values, form);
      } catch (error) {
        shop.showFailure(error);
      }
    });
  };
}
