'use client';
/**
 * Share correct per quantity as a bar chart, the hardest bar in a darker colour and labelled.
 * The table under it carries the same numbers for screen readers, so the chart is decorative.
 */
import type { ReportQuantity } from '@backprop/contract';
import {
  Bar,
  BarChart,
  type BarShapeProps,
  CartesianGrid,
  LabelList,
  Rectangle,
  XAxis,
  YAxis,
} from 'recharts';

export function ReportChart({
  quantities,
  hardest,
}: {
  quantities: ReportQuantity[];
  hardest: string | null;
}) {
  const data = quantities.map((q) => ({
    quantity: q.quantity,
    percent: Math.round(q.correctShare * 1000) / 10,
  }));
  // Horizontal bars: quantity names read left to right, and a phone scrolls down, not sideways.
  const height = 40 + data.length * 32;
  return (
    <div aria-hidden="true" data-testid="report-chart">
      <BarChart
        data={data}
        layout="vertical"
        responsive
        style={{ width: '100%', height }}
        margin={{ top: 8, right: 48, bottom: 8, left: 8 }}
        accessibilityLayer={false}
      >
        <CartesianGrid horizontal={false} stroke="#cbd5e1" />
        <XAxis
          type="number"
          domain={[0, 100]}
          ticks={[0, 25, 50, 75, 100]}
          unit="%"
          stroke="#334155"
        />
        <YAxis
          type="category"
          dataKey="quantity"
          width={96}
          stroke="#334155"
          tick={{ fontFamily: 'ui-monospace, monospace', fontSize: 12 }}
          interval={0}
        />
        <Bar
          dataKey="percent"
          isAnimationActive={false}
          shape={(props: BarShapeProps) => (
            <Rectangle
              {...props}
              fill={data[props.index]?.quantity === hardest ? '#9a3412' : '#4338ca'}
            />
          )}
        >
          <LabelList dataKey="percent" position="right" formatter={(v) => `${String(v)}%`} />
        </Bar>
      </BarChart>
    </div>
  );
}
