/**
 * What the layout check looks for on a rendered page, run inside the browser: the page scrolls
 * sideways; two pieces of text overlap; text runs out of the box drawn around it; text is cut off
 * by a box that hides its overflow. Each finding names the text and where it is.
 */
import type { Page } from 'playwright-core';

export type LayoutFinding = { kind: 'overflow' | 'overlap' | 'spill' | 'clipped'; detail: string };

/** Runs in the page: keep it self-contained (no imports, no closures over test code). */
function inspect(): LayoutFinding[] {
  const findings: LayoutFinding[] = [];
  const vw = document.documentElement.clientWidth;
  const sw = document.documentElement.scrollWidth;
  const path = (el: Element | null): string => {
    const parts: string[] = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      const cls = [...e.classList].slice(0, 2).join('.');
      parts.unshift(`${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${cls ? `.${cls}` : ''}`);
    }
    return parts.join(' > ');
  };
  const snippet = (s: string) => JSON.stringify(s.trim().replace(/\s+/g, ' ').slice(0, 40));

  if (sw > vw + 1) {
    // Name the elements that reach past the edge, deepest first, so the cause is in the message.
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && (r.right > vw + 1 || r.left < -1) && e.children.length === 0;
      })
      .slice(0, 3)
      .map((e) => `${path(e)} ${snippet(e.textContent ?? '')}`);
    findings.push({
      kind: 'overflow',
      detail: `page is ${sw}px wide in a ${vw}px window: ${wide.join('; ')}`,
    });
  }

  const hidden = (el: Element): boolean => {
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return true;
    for (let e: Element | null = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.clipPath === 'inset(50%)' || s.clip === 'rect(0px, 0px, 0px, 0px)') return true;
      if (e.getAttribute('aria-hidden') === 'true' && e.getBoundingClientRect().width <= 1) return true;
    }
    return false;
  };
  type Piece = { el: Element; node: Text; rect: DOMRect };
  const pieces: Piece[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const skip = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'OPTION', 'TEMPLATE', 'TITLE']);
  const seen = new Map<Element, boolean>();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || skip.has(el.tagName) || !(n.textContent ?? '').trim()) continue;
    if (!seen.has(el)) seen.set(el, hidden(el));
    if (seen.get(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const rect of range.getClientRects()) {
      if (rect.width > 1 && rect.height > 1) pieces.push({ el, node: n as Text, rect });
    }
  }

  // Text that leaves a box hiding its overflow is cut off; text that leaves a drawn box (border
  // or background) spills, as a figure running past its card does.
  const boxOf = new Map<Element, { clip: Element | null; drawn: Element | null }>();
  const boxes = (el: Element) => {
    let found = boxOf.get(el);
    if (found) return found;
    let clip: Element | null = null;
    let drawn: Element | null = null;
    for (
      let e = el.parentElement ?? null, self: Element | null = el;
      self;
      self = e, e = e?.parentElement ?? null
    ) {
      if (self === document.body || self === document.documentElement) break;
      const s = getComputedStyle(self);
      if (s.overflowX === 'auto' || s.overflowX === 'scroll') break;
      if (!clip && (s.overflowX === 'hidden' || s.overflowX === 'clip')) clip = self;
      const bordered = parseFloat(s.borderInlineStartWidth) > 0 && parseFloat(s.borderInlineEndWidth) > 0;
      const filled = s.backgroundColor !== 'rgba(0, 0, 0, 0)' && s.backgroundColor !== 'transparent';
      if (!drawn && self !== el && (bordered || filled) && s.display !== 'inline') drawn = self;
      if (clip && drawn) break;
    }
    found = { clip, drawn };
    boxOf.set(el, found);
    return found;
  };
  const reported = new Set<Element>();
  for (const p of pieces) {
    if (reported.has(p.el)) continue;
    const { clip, drawn } = boxes(p.el);
    for (const [box, kind] of [
      [clip, 'clipped'],
      [drawn, 'spill'],
    ] as const) {
      if (!box) continue;
      const b = box.getBoundingClientRect();
      if (p.rect.right > b.right + 2 || p.rect.left < b.left - 2) {
        findings.push({
          kind,
          detail: `${snippet(p.node.textContent ?? '')} (${path(p.el)}) runs past ${path(box)}`,
        });
        reported.add(p.el);
        break;
      }
    }
  }

  // Overlap: two text runs from different nodes covering each other. Line boxes of Nastaliq are
  // taller than its line height, so neighbouring lines touch a little; demand half the height.
  pieces.sort((a, b) => a.rect.top - b.rect.top);
  const pairs = new Set<string>();
  for (let i = 0; i < pieces.length; i++) {
    const a = pieces[i]!;
    for (let j = i + 1; j < pieces.length; j++) {
      const b = pieces[j]!;
      if (b.rect.top >= a.rect.bottom) break;
      if (a.node === b.node) continue;
      const w = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
      const h = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
      if (w > 3 && h > Math.min(a.rect.height, b.rect.height) * 0.5) {
        const key = `${path(a.el)}|${path(b.el)}`;
        if (pairs.has(key)) continue;
        pairs.add(key);
        findings.push({
          kind: 'overlap',
          detail: `${snippet(a.node.textContent ?? '')} (${path(a.el)}) overlaps ${snippet(b.node.textContent ?? '')} (${path(b.el)})`,
        });
      }
    }
  }
  return findings.slice(0, 12);
}

export async function layoutFindings(page: Page): Promise<LayoutFinding[]> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // Two frames so a resize has been laid out and painted.
  await page.evaluate(
    () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
  );
  return page.evaluate(inspect);
}

/**
 * How many pixels of a closed select's chosen option are cut off (0 when it shows whole): the
 * option's text measured in the select's font against the room beside the drop-down arrow
 * (Chromium draws the arrow inside the box; 28 px allows for it).
 */
export async function selectClips(page: Page, selector: string): Promise<number> {
  return page.locator(selector).evaluate((el: HTMLSelectElement) => {
    const cs = getComputedStyle(el);
    const probe = document.createElement('span');
    probe.style.cssText = 'position:absolute;white-space:pre;visibility:hidden';
    probe.style.font = cs.font;
    probe.textContent = el.options[el.selectedIndex]?.text ?? '';
    document.body.append(probe);
    const text = probe.getBoundingClientRect().width;
    probe.remove();
    const room = el.clientWidth - Number.parseFloat(cs.paddingLeft) - Number.parseFloat(cs.paddingRight) - 28;
    return Math.max(0, Math.ceil(text - room));
  });
}
