// The comment form, improved: solves the proof-of-work challenge in the background (ALTCHA-style, SHA-256 through
// crypto.subtle — no third-party code), then sends the form in place through the JSON API and shows the waiting
// comment to its author. Without this script the form is a normal POST and still works (with a higher spam score).
// Loaded on the first use of the form by client/comments-loader.ts (part of public.js), as an ES module.

interface Challenge {
  algorithm: string;
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

const encoder = new TextEncoder();

function hex(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Finds n in 0..max with SHA-256(salt + n) = challenge; a few hashes at a time so the page stays responsive. */
async function solve(c: Challenge): Promise<number | undefined> {
  const batch = 200;
  for (let start = 0; start <= c.maxnumber; start += batch) {
    const end = Math.min(start + batch, c.maxnumber + 1);
    const hashes = await Promise.all(
      Array.from({ length: end - start }, (_v, i) => crypto.subtle.digest('SHA-256', encoder.encode(c.salt + String(start + i)))),
    );
    const found = hashes.findIndex((h) => hex(h) === c.challenge);
    if (found >= 0) return start + found;
  }
  return undefined;
}

interface Solved {
  payload: string;
}

async function fetchAndSolve(url: string): Promise<Solved | undefined> {
  if (!globalThis.crypto?.subtle) return undefined;
  const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  if (!response.ok) return undefined;
  const c = (await response.json()) as Challenge;
  if (c.algorithm !== 'SHA-256') return undefined;
  const number = await solve(c);
  if (number === undefined) return undefined;
  return { payload: btoa(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number, salt: c.salt, signature: c.signature })) };
}

function field(form: HTMLFormElement, name: string): HTMLInputElement | HTMLTextAreaElement | undefined {
  const el = form.elements.namedItem(name);
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el : undefined;
}

function clearErrors(form: HTMLFormElement): void {
  for (const el of Array.from(form.querySelectorAll('.js-error'))) el.remove();
  for (const el of Array.from(form.querySelectorAll('[aria-invalid="true"]'))) el.removeAttribute('aria-invalid');
}

function showErrors(form: HTMLFormElement, status: HTMLElement, errors: Record<string, string>, fallback: string): void {
  const general: string[] = [];
  let first: HTMLElement | undefined;
  for (const [name, message] of Object.entries(errors)) {
    const input = field(form, name);
    if (!input || input.type === 'hidden') {
      general.push(message);
      continue;
    }
    const p = document.createElement('p');
    p.className = 'bk-error js-error';
    p.id = `${input.id}-jserror`;
    p.textContent = message;
    input.insertAdjacentElement('beforebegin', p);
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby') ?? '', p.id].join(' ').trim());
    first ??= input;
  }
  status.textContent = general.join(' ') || (first ? '' : fallback);
  status.className = 'comment-status is-error';
  (first ?? status).focus?.();
}

/** The author's own comment, shown right away (textContent only: never parsed as markup). */
function showOwn(form: HTMLFormElement, id: number | undefined, name: string, body: string, awaiting: string): void {
  const list = document.querySelector('.comment-list');
  const article = document.createElement('article');
  article.className = 'comment is-awaiting';
  if (typeof id === 'number') article.id = `own-${id}`;
  article.setAttribute('aria-label', name);
  const meta = document.createElement('p');
  meta.className = 'comment-meta';
  const author = document.createElement('span');
  author.className = 'comment-author';
  author.textContent = name;
  meta.append(author);
  const note = document.createElement('p');
  note.className = 'comment-awaiting';
  note.textContent = awaiting;
  const text = document.createElement('div');
  text.className = 'comment-body';
  for (const para of body.split(/\n{2,}/)) {
    const p = document.createElement('p');
    p.className = 'is-plain';
    p.textContent = para;
    text.append(p);
  }
  article.append(meta, note, text);
  if (list) {
    const li = document.createElement('li');
    li.append(article);
    list.append(li);
  } else {
    form.insertAdjacentElement('beforebegin', article);
  }
  document.querySelector('.comments-empty')?.remove();
}

function enhance(form: HTMLFormElement): void {
  const status = form.querySelector<HTMLElement>('.comment-status');
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (!status || !button) return;
  status.tabIndex = -1;
  const { api = '/api/v1/comments', challenge = '/api/v1/comments/challenge', sending = '', sent = '', network = '', awaiting = '', tooMany = '' } = form.dataset;
  let solving: Promise<Solved | undefined> | undefined;
  // Start the work once the reader shows interest, so idle page views cost nothing.
  const start = () => {
    solving ??= fetchAndSolve(challenge).catch(() => undefined);
  };
  form.addEventListener('focusin', start, { once: true });
  form.addEventListener('input', start, { once: true });
  // Loaded because the reader focused the form: that focusin came before this script did.
  if (form.contains(document.activeElement)) start();

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      start();
      clearErrors(form);
      button.disabled = true;
      status.className = 'comment-status';
      status.textContent = sending;
      try {
        const solved = await solving;
        solving = undefined; // a challenge is good for one comment only
        const value = (name: string) => field(form, name)?.value ?? '';
        const checked = (name: string) => (field(form, name) as HTMLInputElement | undefined)?.checked ?? false;
        const parent = value('parentId');
        const payload = {
          article: value('article'),
          locale: value('locale'),
          name: value('name'),
          email: value('email'),
          body: value('body'),
          ...(parent ? { parentId: Number(parent) } : {}),
          notifyOnReply: checked('notifyOnReply'),
          consent: checked('consent'),
          website: value('website'),
          ...(solved ? { altcha: solved.payload } : {}),
        };
        const response = await fetch(api, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify(payload),
        });
        if (response.status === 202) {
          const accepted = (await response.json().catch(() => ({}))) as { id?: number };
          showOwn(form, accepted.id, payload.name, payload.body.trim(), awaiting);
          form.reset();
          status.className = 'comment-status is-done';
          status.textContent = sent;
          status.focus();
          return;
        }
        const problem = (await response.json().catch(() => ({}))) as { errors?: Record<string, string> };
        showErrors(form, status, problem.errors ?? {}, response.status === 429 ? tooMany : network);
      } catch {
        status.className = 'comment-status is-error';
        status.textContent = network;
      } finally {
        button.disabled = false;
      }
    })();
  });
}

for (const form of Array.from(document.querySelectorAll<HTMLFormElement>('form.comment-form'))) enhance(form);
