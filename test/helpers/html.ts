// Small helpers to read server-rendered HTML in tests.
import { parse, type HTMLElement } from 'node-html-parser';

export function html(body: string): HTMLElement {
  return parse(body);
}

export function attr(root: HTMLElement, selector: string, name: string): string | undefined {
  return root.querySelector(selector)?.getAttribute(name);
}
