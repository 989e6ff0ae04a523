/**
 * Reading the traffic-path panel as a person sees it on screen, inside VS Code: how large its
 * smallest node label is drawn, whether part of the path is out of view and what the panel
 * says about it. The same measures as the browser test (test/webview/readable.test.ts), taken
 * in the real workbench at the size the panel really opens in.
 */
import type { Frame } from 'playwright-core';

export interface PanelReading {
  /** The canvas on screen, in CSS pixels (1:1 with the screen at zoom 100%). */
  width: number;
  height: number;
  /** Node labels drawn. */
  labels: number;
  /** The smallest label's font size on screen: its font size times the zoom it is drawn at. */
  minLabelPx: number;
  /** The smallest label's text box height on screen (a 12 px font's line box is about 14 px). */
  minLabelBoxPx: number;
  /** Whether some node lies (partly) outside the canvas. */
  hidden: boolean;
  /** What the panel says about hidden nodes ('' when it says nothing). */
  hint: string;
}

/** Waits until the panel has fitted the path to its current size, then reads it. */
export async function readPanel(frame: Frame): Promise<PanelReading> {
  // The panel marks the size it last fitted to on the canvas: wait until that is its size now.
  await frame.waitForFunction(() => {
    const svg = document.querySelector('svg.pp-canvas');
    if (!svg || document.querySelectorAll('.pp-nodes .pp-label').length === 0) return false;
    const r = svg.getBoundingClientRect();
    return svg.getAttribute('data-fitted') === `${Math.round(r.width)}x${Math.round(r.height)}`;
  });
  return frame.evaluate(() => {
    const canvas = document.querySelector('svg.pp-canvas')!.getBoundingClientRect();
    const labels = [...document.querySelectorAll<SVGGraphicsElement>('.pp-nodes .pp-label')].filter((l) => l.getBBox().height > 0);
    const onScreen = labels.map((l) => {
      const box = l.getBoundingClientRect();
      return { font: parseFloat(getComputedStyle(l).fontSize) * (box.height / l.getBBox().height), box: box.height };
    });
    let hidden = false;
    for (const n of document.querySelectorAll('.pp-nodes .pp-box')) {
      const r = n.getBoundingClientRect();
      if (r.left < canvas.left - 1 || r.top < canvas.top - 1 || r.right > canvas.right + 1 || r.bottom > canvas.bottom + 1) hidden = true;
    }
    const hint = document.querySelector<HTMLElement>('.pp-hint');
    return {
      width: Math.round(canvas.width),
      height: Math.round(canvas.height),
      labels: labels.length,
      minLabelPx: Math.min(...onScreen.map((s) => s.font)),
      minLabelBoxPx: Math.min(...onScreen.map((s) => s.box)),
      hidden,
      hint: !hint || hint.hidden ? '' : (hint.textContent ?? ''),
    };
  });
}
