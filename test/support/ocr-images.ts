/**
 * Image helpers for OCR tests: crops of a rendered page as PNG or JPEG (@napi-rs/canvas), and as an
 * uncompressed 8-bit grey TIFF (no TIFF encoder ships with the canvas, and the format is simple).
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';

/** A region of an image in pixels. */
export interface Crop {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Grey pixels of a crop of a PNG/JPEG image, row by row. */
export async function greyCrop(image: Uint8Array, crop: Crop): Promise<{ width: number; height: number; grey: Uint8Array }> {
  const source = await loadImage(Buffer.from(image));
  const canvas = createCanvas(crop.width, crop.height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, crop.width, crop.height);
  context.drawImage(source, -crop.x, -crop.y);
  const rgba = context.getImageData(0, 0, crop.width, crop.height).data;
  const grey = new Uint8Array(crop.width * crop.height);
  for (let i = 0; i < grey.length; i += 1) grey[i] = Math.round(0.299 * rgba[i * 4] + 0.587 * rgba[i * 4 + 1] + 0.114 * rgba[i * 4 + 2]);
  return { width: crop.width, height: crop.height, grey };
}

/** A crop of an image encoded as PNG or JPEG. */
export async function encodeCrop(image: Uint8Array, crop: Crop, type: 'image/png' | 'image/jpeg'): Promise<Uint8Array> {
  const source = await loadImage(Buffer.from(image));
  const canvas = createCanvas(crop.width, crop.height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, crop.width, crop.height);
  context.drawImage(source, -crop.x, -crop.y);
  return new Uint8Array(type === 'image/png' ? canvas.toBuffer('image/png') : canvas.toBuffer('image/jpeg', 90));
}

/** A baseline little-endian TIFF: one strip of uncompressed 8-bit grey pixels (black is 0). */
export function greyTiff(width: number, height: number, grey: Uint8Array): Uint8Array {
  // [tag, type (3 = SHORT, 4 = LONG), value]; 273 StripOffsets is filled in below.
  const entries: Array<[number, number, number]> = [
    [256, 3, width], [257, 3, height], [258, 3, 8], [259, 3, 1], [262, 3, 1],
    [273, 4, 0], [277, 3, 1], [278, 3, height], [279, 4, grey.length],
  ];
  const ifdSize = 2 + entries.length * 12 + 4;
  const dataOffset = 8 + ifdSize;
  const out = Buffer.alloc(dataOffset + grey.length);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(8, 4);
  out.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, value], i) => {
    const at = 10 + i * 12;
    out.writeUInt16LE(tag, at);
    out.writeUInt16LE(type, at + 2);
    out.writeUInt32LE(1, at + 4);
    const v = tag === 273 ? dataOffset : value;
    if (type === 3) out.writeUInt16LE(v, at + 8);
    else out.writeUInt32LE(v, at + 8);
  });
  out.writeUInt32LE(0, 10 + entries.length * 12);
  out.set(grey, dataOffset);
  return new Uint8Array(out);
}
