// Articles per day as a small line: days between the first and last activity count as zero when absent.
import type { StorySummary } from '../api.js';
import { useI18n } from '../i18n.js';

const DAY = 86_400_000;
const MAX_DAYS = 90;

/** Daily counts from the first to the last active day (the last MAX_DAYS days when the story is longer). */
export function dailySeries(activity: StorySummary['activity']): number[] {
  const points = activity
    .map((p) => ({ time: Date.parse(p.date.slice(0, 10)), count: p.count }))
    .filter((p) => !Number.isNaN(p.time))
    .sort((a, b) => a.time - b.time);
  if (points.length === 0) return [];
  const last = points[points.length - 1].time;
  const first = Math.max(points[0].time, last - (MAX_DAYS - 1) * DAY);
  const series = new Array<number>(Math.round((last - first) / DAY) + 1).fill(0);
  for (const p of points) if (p.time >= first) series[Math.round((p.time - first) / DAY)] += p.count;
  return series;
}

export function Sparkline({ activity, width = 120, height = 28 }: { activity: StorySummary['activity']; width?: number; height?: number }) {
  const { t, num } = useI18n();
  const series = dailySeries(activity);
  if (series.length === 0) return null;
  const max = Math.max(...series, 1);
  const pad = 2;
  const x = (i: number) => (series.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (series.length - 1));
  const y = (v: number) => height - pad - (v / max) * (height - 2 * pad);
  const line = series.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const total = series.reduce((a, b) => a + b, 0);
  const label = `${t('list.activity')}: ${num(total)}`;
  return (
    <svg class="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} dir="ltr">
      <title>{label}</title>
      <line x1={pad} x2={width - pad} y1={height - pad} y2={height - pad} class="sparkline-base" />
      {series.length > 1 && <polyline points={line} class="sparkline-line" />}
      {series.map((v, i) => (v > 0 ? <circle key={i} cx={x(i)} cy={y(v)} r={series.length > 30 ? 1.2 : 2} class="sparkline-dot" /> : null))}
    </svg>
  );
}
