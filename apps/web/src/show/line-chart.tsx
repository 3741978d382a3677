/**
 * The fast-forward's curves on the big screen: recharts draws them, with our round ticks (steps
 * are whole numbers) and tick labels sized for the back of the room.
 */
import { CartesianGrid, LineChart as Chart, Line, ReferenceDot, XAxis, YAxis } from 'recharts';

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

const AXIS = '#475569';
const TICK = { fill: '#334155' };

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
  const last = points.at(-1);
  const yTicks = niceTicks(y0, y1, 4);
  // Steps are whole numbers: rounded ticks, each once.
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
      {/* The tick labels grow with the screen (CSS beats SVG's font-size attribute); the plot is
          capped by the screen's height so two charts and the boundary fit without scrolling. */}
      <div aria-hidden="true" className="mt-1 [&_.recharts-text]:text-[clamp(15px,1.1vw,22px)]">
        <Chart
          data={points as { x: number; y: number }[]}
          responsive
          // Wide on a projector; taller on a phone, where five tick labels would touch.
          className="aspect-[2.4] max-sm:aspect-[1.6]"
          style={{ width: '100%', maxHeight: '24vh' }}
          margin={{ top: 12, right: 28, bottom: 4, left: 4 }}
          accessibilityLayer={false}
        >
          <CartesianGrid vertical={false} stroke="#e2e8f0" strokeWidth={1.5} />
          <XAxis
            dataKey="x"
            type="number"
            domain={[x0, x1]}
            ticks={xTicks}
            interval={0}
            tickFormatter={(t: number) => t.toLocaleString('en')}
            stroke={AXIS}
            strokeWidth={1.5}
            tick={TICK}
            height={56}
            label={{ value: 'training step', position: 'insideBottomRight', fill: TICK.fill }}
          />
          <YAxis
            type="number"
            domain={[y0, y1]}
            ticks={yTicks}
            interval={0}
            tickFormatter={formatY}
            stroke={AXIS}
            strokeWidth={1.5}
            tick={TICK}
            width={76}
          />
          <Line
            dataKey="y"
            type="linear"
            stroke={color}
            strokeWidth={4}
            dot={false}
            isAnimationActive={false}
          />
          {last && <ReferenceDot x={last.x} y={last.y} r={6} fill={color} stroke="none" />}
        </Chart>
      </div>
    </figure>
  );
}
