/** The panel's first view: readable before complete, centred on the Service. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { READABLE_SCALE, fitView, fitsReadably, initialView, unionOf } from '../../webview/src/render/view';

const onScreen = (
  v: { k: number; x: number; y: number },
  r: { x: number; y: number; w: number; h: number },
  vp: { w: number; h: number },
) => {
  const x0 = r.x * v.k + v.x;
  const y0 = r.y * v.k + v.y;
  return x0 >= 0 && y0 >= 0 && x0 + r.w * v.k <= vp.w && y0 + r.h * v.k <= vp.h;
};

describe('panel view', () => {
  it('a path that fits is shown whole, centred, never enlarged', () => {
    const v = initialView({ w: 600, h: 300 }, { w: 1200, h: 800 }, { x: 250, y: 100, w: 100, h: 50 });
    assert.deepEqual(v, { k: 1, x: 300, y: 250 });
    assert.deepEqual(v, fitView({ w: 600, h: 300 }, { w: 1200, h: 800 }));
  });

  it('a path that fits only shrunk a little is fitted', () => {
    const v = initialView({ w: 1000, h: 300 }, { w: 966, h: 800 }, { x: 400, y: 100, w: 100, h: 50 });
    assert.equal(v.k, 0.95);
    // Labels would be under 11 px at 0.8: the panel stays readable instead.
    assert.equal(initialView({ w: 1000, h: 300 }, { w: 816, h: 800 }, { x: 400, y: 100, w: 100, h: 50 }).k, READABLE_SCALE);
  });

  it('a wide path in a narrow panel stays readable and shows the Service', () => {
    // The e2e workspace's web Service: 2,477 × 403 px in a half-width panel.
    const picture = { w: 2477, h: 403 };
    const viewport = { w: 540, h: 470 };
    const service = { x: 1340, y: 120, w: 190, h: 60 };
    assert.ok(fitView(picture, viewport).k < 0.25, 'fitting would shrink the labels to a few pixels');
    const v = initialView(picture, viewport, service);
    assert.ok(v.k >= READABLE_SCALE, `scale ${v.k}`);
    assert.ok(onScreen(v, service, viewport), 'the Service box is on screen');
  });

  it('near an end of the picture, no blank space is shown past it', () => {
    const picture = { w: 3000, h: 400 };
    const viewport = { w: 600, h: 500 };
    const v = initialView(picture, viewport, { x: 20, y: 100, w: 100, h: 50 });
    assert.ok(v.x <= 8 && v.x >= 0, `left edge at ${v.x}`);
    const w = initialView(picture, viewport, { x: 2900, y: 100, w: 90, h: 50 });
    assert.ok(Math.abs(w.x + picture.w * w.k - (viewport.w - 8)) < 1e-9, 'right edge at the viewport edge');
  });

  it('a path too wide to read whole opens at the readable scale, not larger, so the hops around the focus show too', () => {
    const v = initialView({ w: 4000, h: 300 }, { w: 500, h: 900 }, { x: 2000, y: 100, w: 100, h: 50 });
    assert.equal(v.k, READABLE_SCALE);
    assert.equal(fitsReadably({ w: 4000, h: 300 }, { w: 500, h: 900 }), false);
    assert.equal(fitsReadably({ w: 600, h: 300 }, { w: 1200, h: 800 }), true);
  });

  it('unionOf spans every box', () => {
    assert.deepEqual(
      unionOf([
        { x: 10, y: 20, w: 5, h: 5 },
        { x: 0, y: 30, w: 40, h: 10 },
      ]),
      { x: 0, y: 20, w: 40, h: 20 },
    );
    assert.equal(unionOf([]), undefined);
  });
});
