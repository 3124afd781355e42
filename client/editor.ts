// The editor's enhancements (admin pages only): live Markdown preview from the server, the slug filled in from the
// title until it is edited by hand, and character counters. Without this script the "Preview" button does the same.
import { slugify } from '../src/features/articles/text.ts';

const PREVIEW_DELAY_MS = 350;

function setupPreview(form: HTMLFormElement, pane: HTMLElement): void {
  const source = document.getElementById(pane.dataset.previewFor ?? '');
  if (!(source instanceof HTMLTextAreaElement)) return;
  const url = form.dataset.previewUrl ?? '/admin/content/preview';
  const csrf = form.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? '';
  const status = form.querySelector<HTMLElement>(`[data-preview-status="${source.id}"]`);
  let timer: number | undefined;
  let sequence = 0;

  const refresh = async () => {
    const mine = ++sequence;
    try {
      const response = await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': csrf },
        body: new URLSearchParams({ markdown: source.value, kind: pane.dataset.kind ?? 'article' }),
      });
      const html = await response.text();
      // An older answer arriving after a newer one must not overwrite it.
      if (mine !== sequence) return;
      if (response.ok) {
        pane.innerHTML = html; // server-rendered Markdown with raw HTML disabled
        if (status) status.textContent = '';
      } else if (status) {
        status.innerHTML = response.status === 422 ? html : '';
      }
    } catch {
      // Offline or signed out: the preview simply stays as it was; the Preview button still works.
    }
  };

  source.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void refresh(), PREVIEW_DELAY_MS);
  });
}

function setupSlug(slug: HTMLInputElement): void {
  const title = document.getElementById(slug.dataset.slugFrom ?? '');
  if (!(title instanceof HTMLInputElement)) return;
  // A saved article keeps its address unless the writer changes it; a new one follows the title.
  let automatic = slug.dataset.slugAuto === '1' && (slug.value === '' || slug.value === slugify(title.value));
  title.addEventListener('input', () => {
    if (automatic) slug.value = slugify(title.value);
  });
  slug.addEventListener('input', () => {
    // Emptied by hand: follow the title again from its next change (the server fills an empty slug from the title too).
    automatic = slug.value.trim() === '';
  });
}

function setupCounter(counter: HTMLElement): void {
  const field = document.getElementById(counter.dataset.countFor ?? '');
  if (!(field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement)) return;
  const max = Number(counter.dataset.max);
  const template = counter.dataset.template ?? '{n} / {max}';
  const update = () => {
    const n = field.value.replace(/\r\n?/g, '\n').length;
    counter.textContent = template.replace('{n}', String(n)).replace('{max}', String(max));
    counter.classList.toggle('over', n > max);
  };
  field.addEventListener('input', update);
  update();
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-editor]')) {
  for (const pane of form.querySelectorAll<HTMLElement>('[data-preview-for]')) setupPreview(form, pane);
  for (const slug of form.querySelectorAll<HTMLInputElement>('input[data-slug-from]')) setupSlug(slug);
  for (const counter of form.querySelectorAll<HTMLElement>('[data-count-for]')) setupCounter(counter);
}
