/**
 * Reading Monaco's rendered DOM: the text of an editor's visible lines, and the screen box
 * of a word on a line, measured with a DOM Range (what a user would point the mouse at).
 */
import type { Locator } from 'playwright-core';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Text as Monaco renders it (non-breaking spaces) back to plain text. */
export function plain(s: string | null | undefined): string {
  return (s ?? '').replace(/\u00a0/g, ' ');
}

/** The rendered lines of `editor`, top to bottom (the fixture files fit in the viewport). */
export async function renderedText(editor: Locator): Promise<string> {
  const lines = await editor.locator('.view-lines .view-line').evaluateAll((els) =>
    els
      .map((el) => ({ top: parseFloat((el as HTMLElement).style.top || '0'), text: el.textContent ?? '' }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text),
  );
  return plain(lines.join('\n'));
}

/**
 * Screen box of the last `needle` on the first rendered line of `editor` matching `line`
 * (searching from the first line matching `after`, when given), or null.
 */
export async function textBoxIn(editor: Locator, line: RegExp, needle: string, after?: RegExp): Promise<Box | null> {
  await editor.locator('.view-lines').waitFor({ state: 'visible' });
  return editor.locator('.view-lines').evaluate(
    (root, a: { line: string; needle: string; after: string | null }) => {
      const lineRe = new RegExp(a.line);
      const afterRe = a.after ? new RegExp(a.after) : null;
      const lines = Array.from(root.querySelectorAll<HTMLElement>('.view-line')).sort(
        (x, y) => parseFloat(x.style.top || '0') - parseFloat(y.style.top || '0'),
      );
      let armed = afterRe === null;
      for (const el of lines) {
        const text = (el.textContent ?? '').replace(/\u00a0/g, ' ');
        if (!armed) {
          if (afterRe?.test(text)) armed = true;
          continue;
        }
        if (!lineRe.test(text)) continue;
        // Find the needle inside the line's text nodes and measure it with a DOM Range.
        const nodes: Text[] = [];
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
        const full = nodes.map((n) => (n.data ?? '').replace(/\u00a0/g, ' ')).join('');
        const at = full.lastIndexOf(a.needle);
        if (at < 0) return null;
        let offset = 0;
        const range = document.createRange();
        let startSet = false;
        for (const n of nodes) {
          const len = n.data.length;
          if (!startSet && at < offset + len) {
            range.setStart(n, at - offset);
            startSet = true;
          }
          if (startSet && at + a.needle.length <= offset + len) {
            range.setEnd(n, at + a.needle.length - offset);
            break;
          }
          offset += len;
        }
        const r = range.getBoundingClientRect();
        return { x: r.left, y: r.top, width: r.width, height: r.height };
      }
      return null;
    },
    { line: line.source, needle, after: after?.source ?? null },
  );
}
