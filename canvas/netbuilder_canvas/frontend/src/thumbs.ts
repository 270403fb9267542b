// Small pictures on the nodes: values quantised to 0–255 (base64) between lo and hi, drawn on a <canvas>.
import type { Thumb } from "./types";

const BLUE = [37, 99, 235];
const WHITE = [255, 255, 255];
const ORANGE = [249, 115, 22];
const DARK = [30, 58, 138];

function mix(a: number[], b: number[], t: number): number[] {
  return [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * t));
}

/** A level 0–255 as a colour: diverging blue–white–orange (TensorFlow Playground's look) or white → dark blue. */
export function colour(level: number, diverging: boolean): number[] {
  const t = level / 255;
  if (!diverging) return mix(WHITE, DARK, t);
  return t < 0.5 ? mix(BLUE, WHITE, t * 2) : mix(WHITE, ORANGE, (t - 0.5) * 2);
}

function levels(b64: string): Uint8Array {
  const text = atob(b64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

export function paint(canvas: HTMLCanvasElement, thumb: Thumb): void {
  canvas.width = thumb.w;
  canvas.height = thumb.h;
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const values = levels(thumb.v);
  const image = ctx.createImageData(thumb.w, thumb.h);
  for (let i = 0; i < thumb.w * thumb.h; i++) {
    const [r, g, b] = colour(values[i] ?? 128, thumb.diverging);
    image.data[i * 4] = r;
    image.data[i * 4 + 1] = g;
    image.data[i * 4 + 2] = b;
    image.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
}
