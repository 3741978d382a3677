'use client';
import type { TrainingFrame } from '@backprop/contract';
import { xorData } from '@backprop/mlp-core';
import { useEffect, useMemo, useRef } from 'react';
import { NEGATIVE, POSITIVE } from './palette.ts';

const SIZE = 640;

/** The colour scale's ends: class 0 at P(class 1) = 0, undecided (white) at 0.5, class 1 at 1. */
const ORANGE = [251, 146, 60] as const;
const WHITE = [255, 255, 255] as const;
const BLUE = [96, 165, 250] as const;
const rgb = (c: readonly number[]) => `rgb(${c.join(' ')})`;

/** P(class 1) as a colour: orange for class 0, white at 0.5, blue for class 1. */
function tint(p: number): [number, number, number] {
  const q = Math.min(1, Math.max(0, p));
  const [from, to, t] = q < 0.5 ? [ORANGE, WHITE, q / 0.5] : [WHITE, BLUE, (q - 0.5) / 0.5];
  return [0, 1, 2].map((k) => Math.round(from[k]! + (to[k]! - from[k]!) * t)) as [
    number,
    number,
    number,
  ];
}

/** The background's colour scale, drawn with the same stops as the heat map, with the point markers. */
function ColourScale() {
  return (
    <div
      className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] items-center gap-x-3 text-base text-slate-800"
      data-testid="colour-scale"
    >
      <span className="font-semibold text-slate-900">P(class 1)</span>
      <div
        aria-hidden="true"
        className="h-5 rounded border border-slate-400"
        style={{
          background: `linear-gradient(to right, ${rgb(ORANGE)}, ${rgb(WHITE)}, ${rgb(BLUE)})`,
        }}
      />
      <span />
      <div className="flex justify-between tabular-nums">
        <span>0: class 0</span>
        <span>0.5</span>
        <span>1: class 1</span>
      </div>
    </div>
  );
}

interface DecisionBoundaryProps {
  frame: TrainingFrame;
  dataSeed: number;
  n: number;
}

/**
 * The network's P(class 1) over the plane as a heat map, with the XOR points on top (class 1 blue
 * discs, class 0 orange squares: shape and colour both tell them apart). The points are computed
 * here from the lesson's data seed, the grid comes with each frame; it redraws as frames arrive.
 */
export function DecisionBoundary({ frame, dataSeed, n }: DecisionBoundaryProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const data = useMemo(() => xorData(dataSeed, n), [dataSeed, n]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const R = frame.grid.length;
    const C = frame.grid[0]?.length ?? 0;
    if (R < 2 || C < 2) return;
    // The grid's samples sit on the extent's edges (column c at xMin + c·Δ): drawn as an R×C image
    // stretched so each sample's pixel centre lands on its point, smoothed in between.
    const image = new ImageData(C, R);
    frame.grid.forEach((row, r) => {
      row.forEach((p, c) => {
        const [red, green, blue] = tint(p);
        const i = 4 * (r * C + c);
        image.data[i] = red;
        image.data[i + 1] = green;
        image.data[i + 2] = blue;
        image.data[i + 3] = 255;
      });
    });
    const small = document.createElement('canvas');
    small.width = C;
    small.height = R;
    small.getContext('2d')?.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    const cellW = SIZE / (C - 1);
    const cellH = SIZE / (R - 1);
    ctx.drawImage(small, -cellW / 2, -cellH / 2, SIZE + cellW, SIZE + cellH);

    const { xMin, xMax, yMin, yMax } = frame.extent;
    const px = (x: number) => ((x - xMin) / (xMax - xMin)) * SIZE;
    const py = (y: number) => ((yMax - y) / (yMax - yMin)) * SIZE;
    for (let i = 0; i < data.n; i++) {
      const x = px(data.x[2 * i]!);
      const y = py(data.x[2 * i + 1]!);
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = '#ffffff';
      if (data.labels[i] === 1) {
        ctx.fillStyle = POSITIVE;
        ctx.beginPath();
        ctx.arc(x, y, 5.5, 0, 2 * Math.PI);
        ctx.fill();
        ctx.stroke();
      } else {
        ctx.fillStyle = NEGATIVE;
        ctx.fillRect(x - 5, y - 5, 10, 10);
        ctx.strokeRect(x - 5, y - 5, 10, 10);
      }
    }
    // The axes through the origin: XOR's label flips across them.
    ctx.strokeStyle = 'rgba(15, 23, 42, 0.45)';
    ctx.lineWidth = 1.5;
    ctx.setLineDash([6, 6]);
    ctx.beginPath();
    ctx.moveTo(px(0), 0);
    ctx.lineTo(px(0), SIZE);
    ctx.moveTo(0, py(0));
    ctx.lineTo(SIZE, py(0));
    ctx.stroke();
    ctx.setLineDash([]);
  }, [frame, data]);

  return (
    <figure
      className="m-0 rounded-2xl border-2 border-slate-300 bg-white p-4"
      data-testid="decision-boundary"
    >
      <figcaption className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <span className="text-xl font-bold">Decision boundary</span>
        <span className="flex flex-wrap gap-x-4 text-base text-slate-800">
          <span className="inline-flex items-center gap-2">
            <span
              aria-hidden="true"
              className="inline-block size-4 rounded-full border border-white"
              style={{ background: POSITIVE }}
            />
            class 1 (disc)
          </span>
          <span className="inline-flex items-center gap-2">
            <span
              aria-hidden="true"
              className="inline-block size-4 border border-white"
              style={{ background: NEGATIVE }}
            />
            class 0 (square)
          </span>
        </span>
      </figcaption>
      <canvas
        ref={canvasRef}
        width={SIZE}
        height={SIZE}
        data-step={frame.step}
        className="mt-2 aspect-square h-auto w-full rounded-lg border border-slate-400"
        role="img"
        aria-label={`The network's prediction over the plane after ${frame.step.toLocaleString('en')} steps, with the ${data.n} XOR points: ${Math.round(frame.accuracy * 100)}% classified right.`}
      />
      <ColourScale />
    </figure>
  );
}
