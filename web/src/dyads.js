// Actors as nodes and events as weighted edges, coloured by cooperation and conflict, laid out by a
// force simulation run to rest before drawing (the same data always gives the same picture); and a
// table of the top dyads with the change against the previous period.
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation } from "d3-force";
import { scaleLinear } from "d3-scale";
import { select } from "d3-selection";
import { activate, CONFLICT, COOPERATION, el } from "./state.js";

const NODE_R = 9;

// Where the edge meets the target node's circle, so that the arrow head is seen.
function rim(l, axis) {
  const dx = l.target.x - l.source.x;
  const dy = l.target.y - l.source.y;
  const len = Math.hypot(dx, dy) || 1;
  return l.target[axis] - ((axis === "x" ? dx : dy) / len) * (NODE_R + 2);
}

export function drawDyads(svgNode, tableNode, body, onDyad) {
  const width = 640;
  const height = 300;
  const dyads = body.dyads;
  const svg = select(svgNode).attr("viewBox", `0 0 ${width} ${height}`);
  svg.selectAll("*").remove();
  svgNode.dataset.edges = String(dyads.length);
  const nodes = new Map();
  for (const d of dyads) {
    for (const [code, name] of [[d.source_code, d.source_name], [d.target_code, d.target_name]]) {
      const n = nodes.get(code) ?? { id: code, name, events: 0 };
      n.events += d.events;
      nodes.set(code, n);
    }
  }
  const links = dyads.map((d) => ({ source: d.source_code, target: d.target_code, dyad: d }));
  const sim = forceSimulation([...nodes.values()])
    .force("link", forceLink(links).id((n) => n.id).distance(90))
    .force("charge", forceManyBody().strength(-260))
    .force("collide", forceCollide(28))
    .force("center", forceCenter(width / 2, height / 2)).stop();
  for (let i = 0; i < 300; i += 1) sim.tick();
  for (const n of nodes.values()) {
    n.x = Math.max(40, Math.min(width - 40, n.x));
    n.y = Math.max(20, Math.min(height - 20, n.y));
  }
  const w = scaleLinear().domain([0, Math.max(1, ...dyads.map((d) => d.events))]).range([1, 9]);
  svg.append("defs").html(`<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9"
    markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0L10,5L0,10z" fill="#333"/></marker>`);
  svg.append("g").selectAll("line").data(links).join("line")
    .attr("class", "edge").attr("x1", (l) => l.source.x).attr("y1", (l) => l.source.y)
    .attr("x2", (l) => rim(l, "x")).attr("y2", (l) => rim(l, "y")).attr("stroke-width", (l) => w(l.dyad.events))
    .attr("stroke", (l) => (l.dyad.conflict > l.dyad.cooperation ? CONFLICT : COOPERATION))
    .attr("stroke-dasharray", (l) => (l.dyad.conflict > l.dyad.cooperation ? "6 3" : null))
    .attr("marker-end", "url(#arrow)")
    .append("title").text((l) => `${l.dyad.source_code} → ${l.dyad.target_code}: ${l.dyad.events} events`);
  const node = svg.append("g").selectAll("g").data([...nodes.values()]).join("g").attr("class", "node")
    .attr("transform", (n) => `translate(${n.x},${n.y})`);
  node.append("circle").attr("r", NODE_R);
  node.append("text").attr("y", -13).attr("text-anchor", "middle").text((n) => n.id);

  const caption = tableNode.querySelector("caption");
  caption.textContent = body.period
    ? `${body.period.since} to ${body.period.until}, against ${body.previous.since} to ${body.previous.until}`
    : "No dated events match the filters";
  const tbody = tableNode.querySelector("tbody");
  tbody.replaceChildren(...dyads.map((d) => {
    const change = d.change > 0 ? `▲ +${d.change}` : d.change < 0 ? `▼ ${d.change}` : "0";
    const row = el("tr", { tabindex: 0, role: "button",
      "aria-label": `Filter on ${d.source_code} to ${d.target_code}` },
    el("td", {}, el("span", { class: "name" }, `${d.source_name ?? ""} `), d.source_code),
    el("td", {}, el("span", { class: "name" }, `${d.target_name ?? ""} `), d.target_code),
    el("td", { class: "num" }, String(d.events)), el("td", { class: "num" }, String(d.previous)),
    el("td", { class: `num ${d.change > 0 ? "up" : d.change < 0 ? "down" : ""}` }, change),
    el("td", { class: "num" }, d.goldstein === null ? "—" : d.goldstein.toFixed(1)));
    activate(row, () => onDyad(`${d.source_code}:${d.target_code}`));
    return row;
  }));
}
