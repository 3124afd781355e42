// Back-office calendar enhancements. Without this script every appointment is a link to its page with a Move form;
// with it, that page opens in a side panel, and appointments can be dragged to another time or resource (or their
// lower edge dragged to change the length). The server re-checks every move and answers with the reason it refuses.
const MINUTE = 60_000;

function init(): void {
  const calendar = document.getElementById('calendar');
  const panel = document.getElementById('cal-panel');
  const status = document.getElementById('cal-status');
  document.body.classList.add('js');
  if (!calendar || !panel || !status) return;
  const panelBody = panel.querySelector<HTMLElement>('.cal-panel-body')!;
  const closeButton = panel.querySelector<HTMLButtonElement>('.cal-panel-close')!;
  const csrf = calendar.dataset.csrf;
  const rowMinutes = Number(calendar.dataset.rowMinutes ?? '5');
  let opener: HTMLElement | null = null;

  const say = (text: string) => {
    status.textContent = text;
  };

  const closePanel = () => {
    panel.hidden = true;
    panelBody.replaceChildren();
    opener?.focus();
    opener = null;
  };

  const openPanel = async (link: HTMLAnchorElement) => {
    opener = link;
    // The panel header: the page then links to the intake instead of showing (and auditing) it.
    const response = await fetch(link.href, { credentials: 'same-origin', headers: { accept: 'text/html', 'x-rehab-panel': '1' } });
    if (!response.ok) {
      window.location.href = link.href;
      return;
    }
    const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
    const detail = doc.getElementById('appointment-detail');
    if (!detail) {
      window.location.href = link.href;
      return;
    }
    panelBody.replaceChildren(document.importNode(detail, true));
    panel.hidden = false;
    const heading = panelBody.querySelector<HTMLElement>('h2');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  };

  closeButton.addEventListener('click', closePanel);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !panel.hidden) closePanel();
  });

  const rowHeight = (col: HTMLElement): number => {
    const value = parseFloat(getComputedStyle(col).gridAutoRows);
    return Number.isFinite(value) && value > 0 ? value : 5.6;
  };

  const move = async (id: string, body: { start: string; end?: string; resources?: string[] }): Promise<boolean> => {
    say(calendar.dataset.saving ?? '…');
    const response = await fetch(`/api/v1/appointments/${id}/move`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf ?? '' },
      body: JSON.stringify(body),
    });
    if (response.ok) {
      window.location.reload();
      return true;
    }
    let reason = String(response.status);
    try {
      const problem = (await response.json()) as { title?: string; errors?: Record<string, string> };
      reason = problem.errors ? Object.values(problem.errors).join(' ') : (problem.title ?? reason);
    } catch {
      // keep the status code as the reason
    }
    say((calendar.dataset.failed ?? '{reason}').replace('{reason}', reason));
    return false;
  };

  // Drag state: one appointment at a time, by mouse, pen or touch.
  interface Drag {
    link: HTMLAnchorElement;
    source: HTMLElement;
    mode: 'move' | 'resize';
    x: number;
    y: number;
    rows: number;
    target: HTMLElement | null;
    active: boolean;
    pointerId: number;
  }
  let drag: Drag | null = null;
  let suppressClick = false;

  for (const link of calendar.querySelectorAll<HTMLAnchorElement>('.cal-appt.movable')) {
    const handle = document.createElement('span');
    handle.className = 'cal-resize';
    handle.setAttribute('aria-hidden', 'true');
    link.append(handle);
    // A link is natively draggable (drag-and-drop of its URL), which would cancel our pointer events.
    link.draggable = false;
  }
  calendar.addEventListener('dragstart', (event) => event.preventDefault());

  calendar.addEventListener('pointerdown', (event) => {
    if (!csrf || event.button !== 0) return;
    const target = event.target as HTMLElement;
    const link = target.closest<HTMLAnchorElement>('.cal-appt.movable');
    const source = link?.closest<HTMLElement>('.cal-col');
    if (!link || !source) return;
    drag = { link, source, mode: target.classList.contains('cal-resize') ? 'resize' : 'move', x: event.clientX, y: event.clientY, rows: 0, target: source, active: false, pointerId: event.pointerId };
  });

  calendar.addEventListener('pointermove', (event) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!drag.active) {
      if (Math.abs(dx) < 5 && Math.abs(dy) < 5) return;
      drag.active = true;
      drag.link.classList.add('dragging');
      drag.link.setPointerCapture(event.pointerId);
    }
    event.preventDefault();
    drag.rows = Math.round(dy / rowHeight(drag.source));
    const px = drag.rows * rowHeight(drag.source);
    if (drag.mode === 'resize') {
      drag.link.style.setProperty('min-height', `${drag.link.getBoundingClientRect().height}px`);
      drag.link.style.setProperty('margin-bottom', `${-px}px`);
      drag.link.style.setProperty('height', `calc(100% + ${px}px)`);
      return;
    }
    drag.link.style.setProperty('transform', `translate(${dx}px, ${px}px)`);
    drag.link.style.setProperty('pointer-events', 'none');
    const under = document.elementFromPoint(event.clientX, event.clientY)?.closest<HTMLElement>('.cal-col') ?? null;
    drag.link.style.removeProperty('pointer-events');
    if (under !== drag.target) {
      drag.target?.classList.remove('cal-drop');
      under?.classList.add('cal-drop');
      drag.target = under;
    }
  });

  const reset = (d: Drag) => {
    d.link.classList.remove('dragging');
    for (const p of ['transform', 'min-height', 'margin-bottom', 'height', 'pointer-events']) d.link.style.removeProperty(p);
    d.target?.classList.remove('cal-drop');
  };

  calendar.addEventListener('pointerup', (event) => {
    const d = drag;
    drag = null;
    if (!d?.active || event.pointerId !== d.pointerId) return;
    suppressClick = true;
    const start = Number(d.link.dataset.start);
    const end = Number(d.link.dataset.end);
    const shiftMs = d.rows * rowMinutes * MINUTE;
    const id = d.link.dataset.id!;
    let body: { start: string; end?: string; resources?: string[] };
    if (d.mode === 'resize') {
      if (d.rows === 0) return reset(d);
      body = { start: new Date(start).toISOString(), end: new Date(end + shiftMs).toISOString() };
    } else {
      const target = d.target ?? d.source;
      const dayShift = Number(target.dataset.visibleStart) - Number(d.source.dataset.visibleStart);
      if (d.rows === 0 && target === d.source) return reset(d);
      body = { start: new Date(start + dayShift + shiftMs).toISOString() };
      if (target.dataset.resource !== d.source.dataset.resource) body.resources = [target.dataset.resource!];
    }
    void move(id, body).then((ok) => {
      if (!ok) reset(d);
    });
  });

  calendar.addEventListener('pointercancel', () => {
    if (drag) reset(drag);
    drag = null;
  });

  calendar.addEventListener('click', (event) => {
    const link = (event.target as HTMLElement).closest<HTMLAnchorElement>('a.cal-appt');
    if (!link) return;
    event.preventDefault();
    if (suppressClick) {
      suppressClick = false;
      return;
    }
    void openPanel(link);
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
