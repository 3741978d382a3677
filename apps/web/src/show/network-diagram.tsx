import type { ProjectorView } from '@backprop/contract';
import type { Matrix, Value } from '@backprop/mlp-core';
import { type BrickName, highlightedRegions, type Region } from './bricks.ts';
import { NEGATIVE, NEUTRAL, POSITIVE } from './palette.ts';

/** Negative links are dashed too, so colour is not the only cue. */
const ZERO = NEUTRAL;

const W = 900;
const H = 600;
const TOP = 70; // room for the column headings
const BOTTOM = 80; // room for the "asked" / "from" tags, two rows
const COLUMN_X = { inputs: 120, hidden: 450, outputs: 780 } as const;
const NODE_R = 30;
/** Weight labels only while they fit without overlapping. */
const MAX_LABELLED_HIDDEN = 4;
/** Weight labels' type, in viewBox units (about 20 px on a 1080p projector's question screen). */
const LABEL_FONT = 23;
const LABEL_PAD = 5;

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const intersects = (a: Box, b: Box, gap = 3) =>
  a.x0 < b.x1 + gap && b.x0 < a.x1 + gap && a.y0 < b.y1 + gap && b.y0 < a.y1 + gap;

/** Positions along a link tried for its label, the middle first. */
const ALONG = [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8, 0.16, 0.84];

interface PlacedLabel {
  key: string;
  x: number;
  y: number;
  box: Box;
  text: string;
  w: number;
}

/** Steps the search may take before it settles for the least overlap (a few hundred suffice). */
const SEARCH_BUDGET = 200_000;

/**
 * Weight labels on their links, none over another, a node or a heading: a depth-first search
 * over the positions along each link (the middle first), so a label moves aside when a later one
 * needs its place. If no such layout exists (never seen at up to 4 hidden units, the most that are
 * labelled), each label takes the position it overlaps least.
 */
function placeLabels(links: readonly Link[], obstacles: readonly Box[]): PlacedLabel[] {
  const items = links.flatMap((l) => {
    if (l.w === null) return [];
    const w = l.w;
    const text = weightText(w);
    const width = text.length * LABEL_FONT * 0.62 + 2 * LABEL_PAD;
    const height = LABEL_FONT * 1.25;
    const all = ALONG.map((t): PlacedLabel => {
      const x = l.from.x + t * (l.to.x - l.from.x);
      const y = l.from.y + t * (l.to.y - l.from.y);
      const box = { x0: x - width / 2, y0: y - height / 2, x1: x + width / 2, y1: y + height / 2 };
      return { key: l.key, x, y, box, text, w };
    });
    const free = all.filter((c) => !obstacles.some((o) => intersects(c.box, o)));
    return [{ all, free }];
  });
  const chosen: PlacedLabel[] = [];
  let budget = SEARCH_BUDGET;
  const search = (i: number): boolean => {
    const item = items[i];
    if (!item) return true;
    for (const c of item.free) {
      if (--budget < 0) return false;
      if (chosen.some((p) => intersects(p.box, c.box))) continue;
      chosen.push(c);
      if (search(i + 1)) return true;
      chosen.pop();
    }
    return false;
  };
  if (search(0)) return chosen;
  const placed: PlacedLabel[] = [];
  const overlap = (box: Box) =>
    [...obstacles, ...placed.map((p) => p.box)].reduce((sum, o) => {
      if (!intersects(box, o)) return sum;
      const w = Math.min(box.x1, o.x1) - Math.max(box.x0, o.x0);
      const h = Math.min(box.y1, o.y1) - Math.max(box.y0, o.y0);
      return sum + Math.max(1, w) * Math.max(1, h);
    }, 0);
  for (const { all } of items) {
    const best = all.reduce((a, b) => (overlap(b.box) < overlap(a.box) ? b : a));
    placed.push(best);
  }
  return placed;
}

interface Node {
  x: number;
  y: number;
  label: string;
  bias?: boolean;
}

function column(x: number, count: number, labels: (i: number) => string, withBias: boolean) {
  const top = TOP + (withBias ? 70 : 20);
  const bottom = H - BOTTOM - 20;
  const gap = count > 1 ? Math.min(170, (bottom - top) / (count - 1)) : 0;
  const mid = (top + bottom) / 2;
  const nodes: Node[] = Array.from({ length: count }, (_, i) => ({
    x,
    y: mid + (i - (count - 1) / 2) * gap,
    label: labels(i),
  }));
  return { nodes, bias: withBias ? { x, y: TOP + 25, label: '1', bias: true } : null };
}

const asMatrix = (v: Value | undefined): Matrix | null => (Array.isArray(v) ? v : null);

function weightText(w: number): string {
  const t = w.toFixed(3);
  return w > 0 ? `+${t}` : t === '-0.000' ? '0.000' : t.replace('-', '−');
}

interface Link {
  from: Node;
  to: Node;
  w: number | null;
  key: string;
  label: string;
  targetIndex: number;
}

function linkStyle(w: number | null, maxAbs: number) {
  if (w === null) return { stroke: ZERO, width: 1.5, dash: '2 6' };
  const width = 1.5 + (9 * Math.abs(w)) / (maxAbs || 1);
  if (w > 0) return { stroke: POSITIVE, width, dash: undefined };
  if (w < 0) return { stroke: NEGATIVE, width, dash: '10 6' };
  return { stroke: ZERO, width: 1.5, dash: undefined };
}

const REGION_BOX: Record<Region, { x0: number; x1: number; title: string }> = {
  inputs: { x0: COLUMN_X.inputs - 70, x1: COLUMN_X.inputs + 70, title: 'inputs' },
  W1: { x0: COLUMN_X.inputs + 75, x1: COLUMN_X.hidden - 75, title: 'W1' },
  hidden: { x0: COLUMN_X.hidden - 70, x1: COLUMN_X.hidden + 70, title: 'hidden' },
  W2: { x0: COLUMN_X.hidden + 75, x1: COLUMN_X.outputs - 75, title: 'W2' },
  outputs: { x0: COLUMN_X.outputs - 70, x1: COLUMN_X.outputs + 70, title: 'outputs' },
};

interface NetworkDiagramProps {
  network: ProjectorView['network'];
  known: ProjectorView['known'];
  asked: BrickName | null;
  inputs: readonly BrickName[];
  /** Print each link's weight (off for the small diagram beside a reveal). */
  weights?: boolean;
  /** The colour legend under the drawing. */
  legend?: boolean;
}

/**
 * The network as the deck draws it: inputs x1 x2, the hidden units, the two outputs, each link
 * carrying its weight of the current step (blue solid positive, orange dashed negative, thicker
 * for larger |w|), the bias units when the network has them, and the layer of the asked brick and
 * of the bricks it is computed from marked with a band and a tag.
 */
export function NetworkDiagram({
  network,
  known,
  asked,
  inputs,
  weights = true,
  legend = true,
}: NetworkDiagramProps) {
  const hidden = network.hidden;
  const W1 = asMatrix(known.W1);
  const W2 = asMatrix(known.W2);
  const b1 = asMatrix(known.b1);
  const b2 = asMatrix(known.b2);
  const inCol = column(COLUMN_X.inputs, 2, (i) => `x${i + 1}`, network.bias);
  const hidCol = column(COLUMN_X.hidden, hidden, (i) => String(i + 1), network.bias);
  const outCol = column(COLUMN_X.outputs, 2, (i) => String(i), false);

  const links: Link[] = [];
  inCol.nodes.forEach((from, i) => {
    hidCol.nodes.forEach((to, j) => {
      links.push({
        from,
        to,
        w: W1?.[i]?.[j] ?? null,
        key: `W1-${i}-${j}`,
        label: `W1[${i + 1},${j + 1}]`,
        targetIndex: j,
      });
    });
  });
  if (inCol.bias) {
    const from = inCol.bias;
    hidCol.nodes.forEach((to, j) => {
      links.push({
        from,
        to,
        w: b1?.[0]?.[j] ?? null,
        key: `b1-${j}`,
        label: `b1[${j + 1}]`,
        targetIndex: j,
      });
    });
  }
  hidCol.nodes.forEach((from, i) => {
    outCol.nodes.forEach((to, j) => {
      links.push({
        from,
        to,
        w: W2?.[i]?.[j] ?? null,
        key: `W2-${i}-${j}`,
        label: `W2[${i + 1},${j + 1}]`,
        targetIndex: j,
      });
    });
  });
  if (hidCol.bias) {
    const from = hidCol.bias;
    outCol.nodes.forEach((to, j) => {
      links.push({
        from,
        to,
        w: b2?.[0]?.[j] ?? null,
        key: `b2-${j}`,
        label: `b2[${j + 1}]`,
        targetIndex: j,
      });
    });
  }
  const maxAbs = Math.max(0, ...links.map((l) => Math.abs(l.w ?? 0)));
  const labelled = weights && hidden <= MAX_LABELLED_HIDDEN;
  const regions = highlightedRegions(asked, inputs);
  const nodeBoxes: Box[] = [...inCol.nodes, ...hidCol.nodes, ...outCol.nodes].map((n) => ({
    x0: n.x - NODE_R,
    y0: n.y - NODE_R,
    x1: n.x + NODE_R,
    y1: n.y + NODE_R,
  }));
  const biasBoxes: Box[] = [inCol.bias, hidCol.bias]
    .flatMap((n) => (n ? [n] : []))
    .map((n) => ({ x0: n.x - 24, y0: n.y - 24, x1: n.x + 60, y1: n.y + 24 }));
  const frame: Box[] = [
    { x0: 0, y0: 0, x1: W, y1: TOP - 10 },
    { x0: 0, y0: H - BOTTOM + 10, x1: W, y1: H },
  ];
  const placed = labelled ? placeLabels(links, [...nodeBoxes, ...biasBoxes, ...frame]) : [];

  const description = [
    `A ${2}-${hidden}-${2} ${network.activation} network${network.bias ? ' with biases' : ', no biases'}.`,
    ...[...regions.entries()].map(
      ([region, { role, names }]) =>
        `${REGION_BOX[region].title}: ${role === 'asked' ? 'asked' : 'computed from'} ${names.join(', ')}.`,
    ),
  ].join(' ');

  return (
    <figure className="m-0 flex h-full min-h-0 flex-col" data-testid="network-diagram">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="xMidYMid meet"
        className="block min-h-0 w-full flex-1"
        role="img"
        aria-labelledby="network-title network-desc"
      >
        <title id="network-title">The network and the weights of this step</title>
        <desc id="network-desc">{description}</desc>
        {[...regions.entries()].map(([region, { role }]) => {
          const box = REGION_BOX[region];
          const isAsked = role === 'asked';
          return (
            <rect
              key={region}
              data-region={region}
              data-highlight={role}
              x={box.x0}
              y={TOP - 8}
              width={box.x1 - box.x0}
              height={H - TOP + 4}
              rx={18}
              fill={isAsked ? '#fef3c7' : '#e0f2fe'}
              stroke={isAsked ? '#b45309' : '#0369a1'}
              strokeWidth={isAsked ? 4 : 2.5}
              strokeDasharray={isAsked ? undefined : '8 6'}
            />
          );
        })}
        <g fontSize={24} fontWeight={700} fill="#0f172a" textAnchor="middle">
          <text x={COLUMN_X.inputs} y={34}>
            inputs X
          </text>
          <text x={COLUMN_X.hidden} y={34}>
            hidden z1 → h1
          </text>
          <text x={COLUMN_X.outputs} y={34}>
            outputs z2 → h2
          </text>
        </g>
        <g>
          {links.map((l) => {
            const s = linkStyle(l.w, maxAbs);
            return (
              <line
                key={l.key}
                data-link={l.key}
                x1={l.from.x}
                y1={l.from.y}
                x2={l.to.x}
                y2={l.to.y}
                stroke={s.stroke}
                strokeWidth={s.width}
                strokeDasharray={s.dash}
                strokeLinecap="round"
              >
                <title>
                  {l.label} = {l.w === null ? 'not known' : l.w.toFixed(8)}
                </title>
              </line>
            );
          })}
        </g>
        {placed.length > 0 && (
          <g fontSize={LABEL_FONT} fontFamily="ui-monospace, monospace" fontWeight={700}>
            {placed.map((p) => (
              <g key={p.key} data-weight-label={p.key}>
                <rect
                  x={p.box.x0}
                  y={p.box.y0}
                  width={p.box.x1 - p.box.x0}
                  height={p.box.y1 - p.box.y0}
                  rx={6}
                  fill="#ffffff"
                  fillOpacity={0.94}
                  stroke={p.w < 0 ? NEGATIVE : p.w > 0 ? POSITIVE : NEUTRAL}
                  strokeWidth={1.5}
                />
                <text
                  x={p.x}
                  y={p.y}
                  dominantBaseline="central"
                  textAnchor="middle"
                  fill={p.w < 0 ? '#9a3412' : p.w > 0 ? '#1e3a8a' : '#334155'}
                >
                  {p.text}
                </text>
              </g>
            ))}
          </g>
        )}
        {[...inCol.nodes, ...hidCol.nodes, ...outCol.nodes].map((n) => (
          <g key={`${n.x}-${n.y}`}>
            <circle cx={n.x} cy={n.y} r={NODE_R} fill="#ffffff" stroke="#0f172a" strokeWidth={3} />
            <text
              x={n.x}
              y={n.y + 7}
              textAnchor="middle"
              fontSize={24}
              fontWeight={700}
              fill="#0f172a"
            >
              {n.label}
            </text>
          </g>
        ))}
        {[inCol.bias, hidCol.bias].map(
          (n, i) =>
            n && (
              <g key={`bias-${i}`}>
                <rect
                  x={n.x - 24}
                  y={n.y - 24}
                  width={48}
                  height={48}
                  rx={6}
                  fill="#f1f5f9"
                  stroke="#0f172a"
                  strokeWidth={2.5}
                />
                <text x={n.x} y={n.y + 7} textAnchor="middle" fontSize={20} fontWeight={700}>
                  1
                </text>
                <text x={n.x + 32} y={n.y + 7} fontSize={20} fill="#334155">
                  {i === 0 ? 'b1' : 'b2'}
                </text>
              </g>
            ),
        )}
        <text x={COLUMN_X.outputs + 38} y={outCol.nodes[0]!.y + 7} fontSize={20} fill="#334155">
          class 0
        </text>
        <text x={COLUMN_X.outputs + 38} y={outCol.nodes[1]!.y + 7} fontSize={20} fill="#334155">
          class 1
        </text>
        {[...regions.entries()].map(([region, { role, names }]) => {
          const box = REGION_BOX[region];
          const isAsked = role === 'asked';
          // One line per brick, stacked up from the band's foot: the asked one first.
          const lines = names.map((name, i) =>
            isAsked && i === 0 ? `asked ${name}` : `from ${name}`,
          );
          return (
            <text
              key={region}
              data-region-tag={region}
              x={(box.x0 + box.x1) / 2}
              textAnchor="middle"
              fontSize={18}
              fontFamily="ui-monospace, monospace"
              fontWeight={700}
              fill={isAsked ? '#78350f' : '#0c4a6e'}
            >
              {lines.map((line, i) => (
                <tspan
                  key={line}
                  x={(box.x0 + box.x1) / 2}
                  y={H - 14 - (lines.length - 1 - i) * 22}
                >
                  {line}
                </tspan>
              ))}
            </text>
          );
        })}
      </svg>
      <figcaption
        className={
          legend
            ? 'mt-[0.4rem] flex flex-wrap items-center gap-x-[1.2rem] gap-y-[0.2rem] text-[0.95rem] text-slate-800'
            : 'sr-only'
        }
      >
        <span className="inline-flex items-center gap-2">
          <svg viewBox="0 0 44 12" className="h-[0.75em] w-[2.75em]" aria-hidden="true">
            <line x1="2" y1="6" x2="42" y2="6" stroke={POSITIVE} strokeWidth="5" />
          </svg>
          positive weight (solid blue)
        </span>
        <span className="inline-flex items-center gap-2">
          <svg viewBox="0 0 44 12" className="h-[0.75em] w-[2.75em]" aria-hidden="true">
            <line
              x1="2"
              y1="6"
              x2="42"
              y2="6"
              stroke={NEGATIVE}
              strokeWidth="5"
              strokeDasharray="10 6"
            />
          </svg>
          negative weight (dashed orange)
        </span>
        <span>thicker = larger |w|</span>
        {regions.size > 0 && (
          <span>asked: the brick asked · from: the bricks it is computed from</span>
        )}
        {weights && !labelled && <span>{hidden} hidden units: the values are in the tables</span>}
      </figcaption>
    </figure>
  );
}
