import { describe, expect, it } from 'vitest';
import { createCanvas } from '@napi-rs/canvas';
import { binarize, decodeGrey, estimateSkew, otsuThreshold, rotate, type GreyImage } from './preprocess.js';

/** A page of dark bars (text lines) on white, optionally drawn turned by `degrees`. */
function page(degrees: number, ink = '#111'): Uint8Array {
  const canvas = createCanvas(800, 1000);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, 800, 1000);
  context.translate(400, 500);
  context.rotate((degrees * Math.PI) / 180);
  context.fillStyle = ink;
  for (let y = -400; y < 400; y += 40) context.fillRect(-300, y, 600, 14);
  return new Uint8Array(canvas.toBuffer('image/png'));
}

describe('preprocess', () => {
  it('finds the rotation that straightens a page turned by a few degrees', async () => {
    for (const degrees of [2, -3.5]) {
      const grey = await decodeGrey(page(degrees));
      const correction = estimateSkew(grey);
      expect(Math.abs(correction + degrees), `turned ${degrees}°, correction ${correction}°`).toBeLessThanOrEqual(0.2);
      expect(Math.abs(estimateSkew(rotate(grey, correction)))).toBeLessThanOrEqual(0.2);
    }
  });

  it('reports no skew for a straight page', async () => {
    expect(estimateSkew(await decodeGrey(page(0)))).toBe(0);
  });

  it('makes red ink vanish in the red channel while black text stays', async () => {
    const red = await decodeGrey(page(0, '#d01010'), 'red');
    const black = await decodeGrey(page(0, '#111'), 'red');
    const dark = (g: GreyImage) => g.pixels.filter((v) => v < 128).length;
    expect(dark(red)).toBe(0);
    expect(dark(black)).toBeGreaterThan(50_000);
    expect(dark(await decodeGrey(page(0, '#d01010'), 'luma'))).toBeGreaterThan(50_000);
  });

  it('binarises between ink and paper', () => {
    const image: GreyImage = { width: 4, height: 1, pixels: new Uint8Array([20, 40, 200, 230]) };
    const t = otsuThreshold(image);
    expect(t).toBeGreaterThanOrEqual(40);
    expect(t).toBeLessThan(200);
    expect([...binarize(image).pixels]).toEqual([0, 0, 255, 255]);
  });
});

describe('prepareForOcr', () => {
  it('passes a TIFF through untouched (the canvas decoder would crash on it) and cleans a PNG', async () => {
    const { prepareForOcr } = await import('./preprocess.js');
    const tiff = new Uint8Array([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0, 0, 0]);
    expect((await prepareForOcr(tiff)).image).toBe(tiff);
    const prepared = await prepareForOcr(page(2));
    expect(Math.abs(prepared.deskewed + 2)).toBeLessThanOrEqual(0.2);
    // Straightened: measuring the result again finds no skew.
    expect(Math.abs(estimateSkew(await decodeGrey(prepared.image)))).toBeLessThanOrEqual(0.2);
  });
});
