// Loads the comment form's script (comments.js: proof of work, in-place submit) on the first use of the form instead of
// with the page: evaluating it at load was an 82 ms simulated long task on mobile Lighthouse (bench/README.md).
// Bundled into public.js. The form names the hashed script URL in data-script.

/** After this long without the script, a waiting submission is posted as a plain form (as without JavaScript). */
const LOAD_TIMEOUT_MS = 8000;

export function loadCommentsOnFirstUse(form: HTMLFormElement): void {
  const url = form.dataset.script;
  if (!url) return;
  let loading: Promise<void> | undefined;
  let settled = false;
  const load = (): Promise<void> =>
    (loading ??= import(url).then(
      () => {
        settled = true;
      },
      () => {
        settled = true; // offline or blocked: the form stays a normal POST
      },
    ));

  // Focus, pointer and keys inside the form mean the reader is about to write; comments.ts starts the proof of work
  // at once when the focus is already in the form by the time it has loaded.
  for (const type of ['focusin', 'pointerdown', 'keydown', 'input'] as const) form.addEventListener(type, () => void load(), { once: true, passive: true });

  // Sent before the script is there: hold the submission, then hand it over, so it is still sent in place with the
  // proof of work (a plain POST would count as "no proof of work" in the spam score and leave the page). If the script
  // does not come, or does not take the submission, the form is posted as without JavaScript: never lost.
  let waiting = false;
  form.addEventListener('submit', (event) => {
    if (settled) return; // comments.ts has its own listener now (or failed to load: the plain POST goes)
    event.preventDefault();
    if (waiting) return; // a second press while the first waits
    waiting = true;
    const timedOut = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), LOAD_TIMEOUT_MS));
    void Promise.race([load(), timedOut]).then((outcome) => {
      waiting = false;
      if (outcome === 'timeout') {
        settled = true; // whatever arrives later must not send it a second time
        form.submit();
        return;
      }
      // comments.ts cancels the event it handles in place; if nobody did, post the form.
      if (form.dispatchEvent(new Event('submit', { cancelable: true }))) form.submit();
    });
  });
}
