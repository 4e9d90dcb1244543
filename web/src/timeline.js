// Events per day or week, stacked by quad class, with the mean Goldstein score as a line; brushing a
// range sets the date filter (as GDELT's volume timeline does).
import { brushX } from "d3-brush";
import { scaleLinear, scaleUtc } from "d3-scale";
import { select } from "d3-selection";
import { line, stack } from "d3-shape";
import { axisBottom, axisLeft, axisRight } from "./axis.js";
import { QUAD_COLOURS, QUAD_NAMES } from "./state.js";

const DAY = 86_400_000;
const iso = (t) => new Date(t).toISOString().slice(0, 10);

// The start of the period after the one starting at ``t`` (milliseconds, UTC).
function next(t, bucket) {
  if (bucket === "month") {
    const d = new Date(t);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return t + (bucket === "week" ? 7 : 1) * DAY;
}

export function drawTimeline(svgNode, rows, bucket, onRange) {
  const width = 640;
  const height = 260;
  const m = { top: 12, right: 40, bottom: 28, left: 40 };
  const svg = select(svgNode).attr("viewBox", `0 0 ${width} ${height}`);
  svg.selectAll("*").remove();
  const periods = new Map();
  for (const r of rows) {
    const p = periods.get(r.period) ?? { period: Date.parse(r.period), 1: 0, 2: 0, 3: 0, 4: 0, gsum: 0, gn: 0 };
    p[r.quad_class ?? 0] = (p[r.quad_class ?? 0] ?? 0) + r.events;
    if (r.goldstein !== null) {
      p.gsum += r.goldstein * r.scored;
      p.gn += r.scored;
    }
    periods.set(r.period, p);
  }
  const data = [...periods.values()].sort((a, b) => a.period - b.period);
  const total = rows.reduce((n, r) => n + r.events, 0);
  svgNode.dataset.total = String(total);
  svgNode.dataset.periods = String(data.length);
  if (!data.length) {
    svg.append("text").attr("x", width / 2).attr("y", height / 2).attr("text-anchor", "middle")
      .text("No dated events match the filters");
    return;
  }
  const last = data[data.length - 1].period;
  const x = scaleUtc().domain([data[0].period, next(last, bucket)])
    .range([m.left, width - m.right]);
  const series = stack().keys([1, 2, 3, 4])(data);
  const y = scaleLinear().domain([0, Math.max(1, ...series[3].map((d) => d[1]))]).nice()
    .range([height - m.bottom, m.top]);
  const g = scaleLinear().domain([-10, 10]).range([height - m.bottom, m.top]);
  const bars = svg.append("g");
  for (const s of series) {
    bars.append("g").attr("fill", QUAD_COLOURS[s.key]).selectAll("rect").data(s).join("rect")
      .attr("x", (d) => x(d.data.period) + 0.5)
      .attr("width", (d) => Math.max(1, x(next(d.data.period, bucket)) - x(d.data.period) - 1))
      .attr("y", (d) => y(d[1])).attr("height", (d) => y(d[0]) - y(d[1]))
      .append("title").text((d) => `${iso(d.data.period)}: ${d.data[s.key]} ${QUAD_NAMES[s.key]}`);
  }
  const scored = data.filter((d) => d.gn > 0);
  svg.append("path").attr("class", "goldstein").attr("fill", "none")
    .attr("d", line().x((d) => (x(d.period) + x(next(d.period, bucket))) / 2).y((d) => g(d.gsum / d.gn))(scored));
  const years = new Date(last).getUTCFullYear() - new Date(data[0].period).getUTCFullYear();
  axisBottom(svg, x, height - m.bottom, (t) => (years ? iso(t).slice(0, 7) : iso(t).slice(5)));
  axisLeft(svg, y, m.left);
  axisRight(svg, g, width - m.right);
  const brush = brushX().extent([[m.left, m.top], [width - m.right, height - m.bottom]]).on("end", (event) => {
    if (!event.selection || !event.sourceEvent) return;
    const [a, b] = event.selection.map((px) => x.invert(px).getTime());
    const since = Math.floor(a / DAY) * DAY;
    const until = Math.max(since, Math.ceil(b / DAY) * DAY - DAY);
    onRange(iso(since), iso(until));
  });
  svg.append("g").attr("class", "brush").call(brush);
}
