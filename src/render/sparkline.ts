// Compact one-line charts for text media: a series of counts as block characters, squeezed to
// a maximum width by summing neighbouring buckets. Pure.

const BLOCKS = '▁▂▃▄▅▆▇█';

/** Sums runs of `k` neighbours so the series fits in `width` characters. */
export function squeeze(series: readonly number[], width: number): number[] {
  const k = Math.max(1, Math.ceil(series.length / Math.max(1, width)));
  if (k === 1) return [...series];
  const out: number[] = [];
  for (let i = 0; i < series.length; i += k) {
    out.push(series.slice(i, i + k).reduce((a, b) => a + b, 0));
  }
  return out;
}

/** One block per value, scaled to the series' own maximum; a blank for zero. */
export function sparkline(series: readonly number[]): string {
  const max = Math.max(0, ...series);
  return series
    .map((v) => {
      if (v <= 0 || max === 0) return ' ';
      const i = Math.min(BLOCKS.length - 1, Math.floor((v / max) * (BLOCKS.length - 1) + 0.5));
      return BLOCKS[Math.max(0, i)] ?? ' ';
    })
    .join('');
}

/** What every report says when a fixed --bucket had to be doubled to keep the series bounded. */
export const BUCKET_WIDENED = '--bucket widened to keep the chart bounded';
