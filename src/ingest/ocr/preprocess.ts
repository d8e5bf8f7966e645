/**
 * Image clean-up steps that may help OCR, each measured by `scripts/bench/ocr-bench.ts` (see
 * bench/results.md, "OCR (issue 14)") and used only where they lower the error rate: grey conversion
 * that drops red ink (the red seal and "ĐẾN" stamp of Vietnamese offices are red, the text is black)
 * and deskewing by projection profiles are used; Otsu binarisation is kept for the benchmark only.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';

/** A grey image, one byte per pixel (0 black … 255 white), row by row. */
export interface GreyImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/**
 * Decodes a PNG/JPEG into grey (other formats are refused: the canvas decoder crashes on TIFF). `luma` is the usual brightness; `red` takes the red channel only, in
 * which red ink is as light as the paper and disappears while black text stays black.
 */
export async function decodeGrey(image: Uint8Array, mode: 'luma' | 'red' = 'luma'): Promise<GreyImage> {
  if (!isPngOrJpeg(image)) throw new Error('only PNG and JPEG images can be decoded here');
  const source = await loadImage(Buffer.from(image.buffer, image.byteOffset, image.byteLength));
  const canvas = createCanvas(source.width, source.height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, source.width, source.height);
  context.drawImage(source, 0, 0);
  const rgba = context.getImageData(0, 0, source.width, source.height).data;
  const pixels = new Uint8Array(source.width * source.height);
  for (let i = 0; i < pixels.length; i += 1) {
    const [r, g, b] = [rgba[i * 4], rgba[i * 4 + 1], rgba[i * 4 + 2]];
    pixels[i] = mode === 'red' ? r : Math.round(0.299 * r + 0.587 * g + 0.114 * b);
  }
  return { width: source.width, height: source.height, pixels };
}

/** PNG bytes of a grey image. */
export function encodeGreyPng(image: GreyImage): Uint8Array {
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  const data = context.createImageData(image.width, image.height);
  for (let i = 0; i < image.pixels.length; i += 1) {
    const v = image.pixels[i];
    data.data[i * 4] = v;
    data.data[i * 4 + 1] = v;
    data.data[i * 4 + 2] = v;
    data.data[i * 4 + 3] = 255;
  }
  context.putImageData(data, 0, 0);
  return new Uint8Array(canvas.toBuffer('image/png'));
}

/** The Otsu threshold of a grey image: the level that best separates ink from paper. */
export function otsuThreshold(image: GreyImage): number {
  const histogram = new Float64Array(256);
  for (const v of image.pixels) histogram[v] += 1;
  const total = image.pixels.length;
  let sum = 0;
  for (let v = 0; v < 256; v += 1) sum += v * histogram[v];
  let background = 0;
  let backgroundSum = 0;
  let best = 0;
  let threshold = 127;
  for (let v = 0; v < 256; v += 1) {
    background += histogram[v];
    if (background === 0) continue;
    const foreground = total - background;
    if (foreground === 0) break;
    backgroundSum += v * histogram[v];
    const meanB = backgroundSum / background;
    const meanF = (sum - backgroundSum) / foreground;
    const between = background * foreground * (meanB - meanF) ** 2;
    if (between > best) {
      best = between;
      threshold = v;
    }
  }
  return threshold;
}

/** Black and white by the Otsu threshold. */
export function binarize(image: GreyImage): GreyImage {
  const t = otsuThreshold(image);
  return { ...image, pixels: image.pixels.map((v) => (v <= t ? 0 : 255)) };
}

/**
 * The rotation (degrees, as {@link rotate} takes it, within ±`maxDegrees`) that makes the text lines
 * of a skewed page horizontal: the angle at which the row sums of dark pixels vary most (lines and the
 * gaps between them then fall in separate rows). Works on a reduced image; about 0.1° precision.
 */
export function estimateSkew(image: GreyImage, maxDegrees = 5): number {
  const step = Math.max(1, Math.round(image.width / 800));
  const t = otsuThreshold(image);
  const points: Array<[number, number]> = [];
  for (let y = 0; y < image.height; y += step) {
    for (let x = 0; x < image.width; x += step) if (image.pixels[y * image.width + x] <= t) points.push([x, y]);
  }
  const score = (degrees: number): number => {
    const tan = Math.tan((degrees * Math.PI) / 180);
    const rows = new Float64Array(Math.ceil(image.height / step) * 2 + 8);
    const offset = Math.ceil(image.height / step / 2);
    for (const [x, y] of points) {
      const row = Math.round((y + x * tan) / step) - offset + Math.floor(rows.length / 2);
      if (row >= 0 && row < rows.length) rows[row] += 1;
    }
    let s = 0;
    for (let i = 1; i < rows.length; i += 1) s += (rows[i] - rows[i - 1]) ** 2;
    return s;
  };
  let best = 0;
  let bestScore = -1;
  for (let d = -maxDegrees; d <= maxDegrees + 1e-9; d += 0.5) {
    const s = score(d);
    if (s > bestScore) [best, bestScore] = [d, s];
  }
  for (let d = best - 0.5; d <= best + 0.5 + 1e-9; d += 0.1) {
    const s = score(d);
    if (s > bestScore) [best, bestScore] = [d, s];
  }
  return Math.round(best * 10) / 10;
}

/** The image turned by `degrees` about its centre (white fill), to undo a measured skew. */
export function rotate(image: GreyImage, degrees: number): GreyImage {
  const source = createCanvas(image.width, image.height);
  const sourceContext = source.getContext('2d');
  const data = sourceContext.createImageData(image.width, image.height);
  for (let i = 0; i < image.pixels.length; i += 1) {
    data.data.fill(image.pixels[i], i * 4, i * 4 + 3);
    data.data[i * 4 + 3] = 255;
  }
  sourceContext.putImageData(data, 0, 0);
  const target = createCanvas(image.width, image.height);
  const context = target.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, image.width, image.height);
  context.translate(image.width / 2, image.height / 2);
  context.rotate((degrees * Math.PI) / 180);
  context.drawImage(source, -image.width / 2, -image.height / 2);
  const rgba = context.getImageData(0, 0, image.width, image.height).data;
  const pixels = new Uint8Array(image.pixels.length);
  for (let i = 0; i < pixels.length; i += 1) pixels[i] = rgba[i * 4];
  return { ...image, pixels };
}

/** What {@link prepareForOcr} did to an image. */
export interface Prepared {
  image: Uint8Array;
  /** Rotation applied to straighten the page, degrees (0 when none). */
  deskewed: number;
}

/** Below this skew (degrees) a page is left as it is: the recogniser copes, and rotating blurs. */
const MIN_DESKEW_DEGREES = 0.3;

/**
 * The clean-up the OCR engines apply before recognition, each step kept because it lowered the error
 * rate in the benchmark (bench/results.md, "OCR (issue 14)"): red-channel grey (drops red seals) and
 * deskew. Otsu binarisation is not applied: at the 200 dpi the loader renders, it raised the error
 * (0.16 → 0.31 % CER on clean pages, 1.06 → 2.32 % on degraded ones); tesseract binarises by itself.
 * Formats the canvas cannot decode (TIFF) are passed through unchanged; the recogniser reads them itself.
 */
export async function prepareForOcr(image: Uint8Array): Promise<Prepared> {
  // Only PNG and JPEG go to the canvas decoder: given a TIFF, @napi-rs/canvas crashes the process
  // (segmentation fault) instead of throwing.
  if (!isPngOrJpeg(image)) return { image, deskewed: 0 };
  let grey: GreyImage;
  try {
    grey = await decodeGrey(image, 'red');
  } catch {
    return { image, deskewed: 0 };
  }
  const angle = estimateSkew(grey);
  const straight = Math.abs(angle) >= MIN_DESKEW_DEGREES ? rotate(grey, angle) : grey;
  return { image: encodeGreyPng(straight), deskewed: Math.abs(angle) >= MIN_DESKEW_DEGREES ? angle : 0 };
}

/** True for PNG or JPEG bytes (by their signatures). */
export function isPngOrJpeg(bytes: Uint8Array): boolean {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b);
  return png || (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff);
}
