// Public pages' only script: marks the WhatsApp button "answering now" from the hours in its data attributes, and
// loads the comment form's script when the reader starts using the form.
import { loadCommentsOnFirstUse } from './comments-loader.ts';
import { isOpenAt, isOpenAtOffset, type WeeklyHours } from '../src/features/settings/weekly-hours.ts';

function updateWhatsAppStatus(): void {
  const button = document.querySelector<HTMLElement>('.wa-float');
  const status = button?.querySelector<HTMLElement>('[data-wa-status]');
  if (!button || !status) return;
  try {
    const hours = JSON.parse(button.dataset.waHours ?? '[]') as WeeklyHours;
    // Zones without daylight saving come with their fixed offset: loading the browser's time-zone data for Intl costs a
    // long task on slow phones (see bench/README.md, Lighthouse).
    const offset = button.dataset.waOffset;
    const open = offset !== undefined && offset !== '' ? isOpenAtOffset(hours, Number(offset), Date.now()) : isOpenAt(hours, button.dataset.waTz ?? 'Europe/Istanbul', Date.now());
    button.classList.toggle('is-open', open);
    status.textContent = (open ? button.dataset.waOpen : button.dataset.waClosed) ?? '';
  } catch {
    // Keep the server-rendered hours text.
  }
}

updateWhatsAppStatus();
setInterval(updateWhatsAppStatus, 60_000);

for (const form of Array.from(document.querySelectorAll<HTMLFormElement>('form.comment-form[data-script]'))) loadCommentsOnFirstUse(form);
