/**
 * How an account's audience grew: dated observations (followers, views …) as one line per metric
 * in an SVG drawn here (no chart library), with the same figures as a table beside it for those
 * who do not see the chart. Each metric has its own scale: followers and views differ by orders
 * of magnitude, so each is drawn as a small chart of its own.
 */
import { useI18n } from "../../../i18n/index.tsx";

export interface Observation {
  observedOn: string;
  metric: string;
  value: number;
  note?: string | undefined;
}

const W = 560;
const H = 220;
const PAD = { left: 64, right: 16, top: 16, bottom: 40 };

const day = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000;

/** Round numbers for an axis from 0 to at least `max`. */
function ticks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / 4;
  const mag = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= rough) ?? rough;
  const out: number[] = [];
  for (let v = 0; v < max + step; v += step) out.push(Math.round(v));
  return out;
}

function MetricChart({ metric, points }: { metric: string; points: Observation[] }) {
  const { t, tv, date, number } = useI18n();
  const name = tv("evidence.metric", metric);
  const first = day(points[0]!.observedOn);
  const last = day(points[points.length - 1]!.observedOn);
  const span = Math.max(1, last - first);
  const yTicks = ticks(Math.max(...points.map((p) => p.value)));
  const top = yTicks[yTicks.length - 1] || 1;
  const x = (iso: string) => PAD.left + ((day(iso) - first) / span) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom);
  const line = points.map((p) => `${x(p.observedOn).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ");
  const id = `chart-${metric}`;
  const firstP = points[0]!;
  const lastP = points[points.length - 1]!;
  const summary = t("evidence.chart.summary", {
    metric: name,
    n: number(points.length),
    from: number(firstP.value),
    fromOn: date(firstP.observedOn),
    to: number(lastP.value),
    toOn: date(lastP.observedOn),
  });
  return (
    <figure className="audience-chart" data-metric={metric}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="audience-chart__svg"
      >
        <title id={`${id}-title`}>{name}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {yTicks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="audience-chart__grid" />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" className="audience-chart__label">
              {number(v)}
            </text>
          </g>
        ))}
        <line
          x1={PAD.left}
          x2={W - PAD.right}
          y1={H - PAD.bottom}
          y2={H - PAD.bottom}
          className="audience-chart__axis"
        />
        {[firstP, ...(points.length > 1 ? [lastP] : [])].map((p, i) => (
          <text
            key={p.observedOn}
            x={x(p.observedOn)}
            y={H - PAD.bottom + 18}
            textAnchor={points.length === 1 ? "middle" : i === 0 ? "start" : "end"}
            className="audience-chart__label"
          >
            {date(p.observedOn)}
          </text>
        ))}
        {points.length > 1 && <polyline points={line} className="audience-chart__line" fill="none" />}
        {points.map((p, i) => (
          <circle
            key={`${p.observedOn}-${i}`}
            cx={x(p.observedOn)}
            cy={y(p.value)}
            r={4.5}
            className="audience-chart__point"
            data-value={p.value}
          />
        ))}
      </svg>
      <figcaption className="audience-chart__caption">{summary}</figcaption>
    </figure>
  );
}

export function AudienceChart({ observations }: { observations: readonly Observation[] }) {
  const { t, tv, date, number } = useI18n();
  const metrics = [...new Set(observations.map((o) => o.metric))];
  const sorted = [...observations].sort(
    (a, b) => a.observedOn.localeCompare(b.observedOn) || a.metric.localeCompare(b.metric),
  );
  if (observations.length === 0) return <p>{t("evidence.observations.none")}</p>;
  return (
    <div className="audience">
      <div className="audience__charts">
        {metrics.map((m) => (
          <MetricChart key={m} metric={m} points={sorted.filter((o) => o.metric === m)} />
        ))}
      </div>
      <table className="usa-table usa-table--borderless usa-table--compact audience__table">
        <caption>{t("evidence.observations.table")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("evidence.observations.observedOn")}</th>
            <th scope="col">{t("evidence.observations.metric")}</th>
            <th scope="col" className="text-right">
              {t("evidence.observations.value")}
            </th>
            <th scope="col">{t("evidence.observations.note")}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((o, i) => (
            <tr key={`${o.observedOn}-${o.metric}-${i}`}>
              <td>{date(o.observedOn)}</td>
              <td>{tv("evidence.metric", o.metric)}</td>
              <td className="text-right">{number(o.value)}</td>
              <td>{o.note ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
