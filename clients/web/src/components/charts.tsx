/** Two small inline-SVG charts: no chart library for a bar chart and a list of meters. */

export interface Point {
  label: string;
  value: number;
}

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((m) => m >= value)!;
}

/** Vertical bars over time, with a few y gridlines and sparse x labels. */
export function BarChart({ data, format, title }: { data: Point[]; format(value: number): string; title: string }) {
  const width = 640;
  const height = 240;
  const pad = { top: 12, right: 8, bottom: 28, left: 64 };
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const max = niceMax(Math.max(0, ...data.map((d) => d.value)));
  const step = innerW / Math.max(1, data.length);
  const barW = Math.max(2, step * 0.7);
  const labelEvery = Math.ceil(data.length / 8);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
      {[0, 0.25, 0.5, 0.75, 1].map((f) => {
        const y = pad.top + innerH * (1 - f);
        return (
          <g key={f}>
            <line className="grid" x1={pad.left} x2={width - pad.right} y1={y} y2={y} />
            <text className="axis" x={pad.left - 6} y={y + 3} textAnchor="end">
              {format(max * f)}
            </text>
          </g>
        );
      })}
      {data.map((d, i) => {
        const h = (d.value / max) * innerH;
        const x = pad.left + i * step + (step - barW) / 2;
        return (
          <g key={d.label}>
            <rect className="bar" x={x} y={pad.top + innerH - h} width={barW} height={Math.max(0, h)} rx={2}>
              <title>
                {d.label}: {format(d.value)}
              </title>
            </rect>
            {i % labelEvery === 0 && (
              <text className="axis" x={x + barW / 2} y={height - 8} textAnchor="middle">
                {d.label}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

/** Horizontal meters from 0 to 1 (occupancy), one per row. */
export function Meters({
  rows,
  title,
  format = (value) => `${Math.round(value * 100)} %`,
}: {
  rows: { label: string; value: number; detail: string }[];
  title: string;
  /** The share as text, in the reader's locale (e.g. "45 %", "45%"). */
  format?(value: number): string;
}) {
  const width = 420;
  const rowH = 30;
  const labelW = 130;
  const height = Math.max(rowH, rows.length * rowH);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
      {rows.map((row, i) => {
        const y = i * rowH;
        const barW = (width - labelW - 100) * Math.min(1, Math.max(0, row.value));
        return (
          <g key={row.label} transform={`translate(0 ${y})`}>
            <text x={0} y={rowH / 2 + 4} fontSize={11} fill="currentColor">
              {row.label}
            </text>
            <rect x={labelW} y={8} width={width - labelW - 100} height={rowH - 16} rx={6} fill="#e2e8f0" />
            <rect className="bar" x={labelW} y={8} width={barW} height={rowH - 16} rx={6} />
            <text className="axis" x={width - 94} y={rowH / 2 + 4}>
              {format(row.value)} · {row.detail}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
