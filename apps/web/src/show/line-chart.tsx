/**
 * A small line chart in hand-written SVG. A fast-forward sends at most 30 frames, so two curves of
 * 30 points need no chart library: a polyline, a few ticks and a label, rendered like the rest of
 * the page (server-safe, scales with the viewBox, no canvas to keep in sync, no added weight).
 */

interface LineChartProps {
  title: string;
  /** What the values are over, e.g. "all 300 points". */
  subtitle?: string;
  /** Points in order of x. */
  points: readonly { x: number; y: number }[];
  /** Fixed y range (e.g. 0..1 for accuracy); otherwise from 0 to the largest value. */
  yDomain?: readonly [number, number];
  formatY: (y: number) => string;
  color: string;
  testId: string;
}

const W = 480;
const H = 200;
const PAD = { left: 64, right: 30, top: 14, bottom: 40 };

/** About `count` round ticks (1, 2, 2.5 or 5 times a power of ten apart) covering min..max. */
export function niceTicks(min: number, max: number, count: number): number[] {
  if (max <= min) return [min];
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) ticks.push(t);
  return ticks;
}

export function LineChart({
  title,
  subtitle,
  points,
  yDomain,
  formatY,
  color,
  testId,
}: LineChartProps) {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x0 = xs.length > 0 ? Math.min(...xs) : 0;
  const x1 = xs.length > 1 ? Math.max(...xs) : x0 + 1;
  const [y0, y1] = yDomain ?? [0, Math.max(...ys, 1e-9) * 1.1];
  const sx = (x: number) => PAD.left + ((x - x0) / (x1 - x0 || 1)) * (W - PAD.left - PAD.right);
  const sy = (y: number) =>
    H - PAD.bottom - ((y - y0) / (y1 - y0 || 1)) * (H - PAD.top - PAD.bottom);
  const last = points.at(-1);
  const line = points.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ');
  const yTicks = niceTicks(y0, y1, 4);
  // Steps are whole numbers: rounded ticks, each once (they are React keys too).
  const xTicks = [...new Set(niceTicks(x0, x1, 4).map((t) => Math.round(t)))];
  return (
    <figure
      className="m-0 rounded-2xl border-2 border-slate-300 bg-white p-3"
      data-testid={testId}
      data-points={points.length}
    >
      <figcaption className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="text-xl font-bold">
          {title}
          {subtitle && <span className="font-semibold text-slate-700"> · {subtitle}</span>}
        </span>
        {last && (
          <span
            className="font-mono text-3xl font-bold tabular-nums"
            data-testid={`${testId}-value`}
          >
            {formatY(last.y)}
          </span>
        )}
      </figcaption>
      {/* Capped by the screen's height so two charts and the boundary fit without scrolling. */}
      <svg viewBox={`0 0 ${W} ${H}`} className="mt-1 h-auto max-h-[24vh] w-full" aria-hidden="true">
        {yTicks.map((t) => (
          <g key={`y${t}`}>
            <line
              x1={PAD.left}
              x2={W - PAD.right}
              y1={sy(t)}
              y2={sy(t)}
              stroke="#e2e8f0"
              strokeWidth={1.5}
            />
            <text x={PAD.left - 8} y={sy(t) + 5} textAnchor="end" fontSize={15} fill="#334155">
              {formatY(t)}
            </text>
          </g>
        ))}
        {xTicks.map((t) => (
          <text
            key={`x${t}`}
            x={sx(t)}
            y={H - PAD.bottom + 22}
            textAnchor="middle"
            fontSize={15}
            fill="#334155"
          >
            {t.toLocaleString('en')}
          </text>
        ))}
        <text x={W - PAD.right} y={H - 4} textAnchor="end" fontSize={14} fill="#334155">
          training step
        </text>
        <line
          x1={PAD.left}
          x2={PAD.left}
          y1={PAD.top}
          y2={H - PAD.bottom}
          stroke="#475569"
          strokeWidth={1.5}
        />
        <line
          x1={PAD.left}
          x2={W - PAD.right}
          y1={H - PAD.bottom}
          y2={H - PAD.bottom}
          stroke="#475569"
          strokeWidth={1.5}
        />
        {points.length > 1 && (
          <polyline
            points={line}
            fill="none"
            stroke={color}
            strokeWidth={4}
            strokeLinejoin="round"
            strokeLinecap="round"
          />
        )}
        {last && <circle cx={sx(last.x)} cy={sy(last.y)} r={6} fill={color} />}
      </svg>
    </figure>
  );
}
