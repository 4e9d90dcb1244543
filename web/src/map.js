// Located events on a world map (Natural Earth shapes from the world-atlas package, no tile server),
// clustered by the API on a grid; a click (or Enter) on a cluster lists its events.
import { geoEqualEarth, geoPath } from "d3-geo";
import { scaleSqrt } from "d3-scale";
import { select } from "d3-selection";
import { feature } from "topojson-client";
import world from "world-atlas/countries-110m.json";
import { activate } from "./state.js";

const countries = feature(world, world.objects.countries);

export function drawMap(svgNode, places, onPlace) {
  const width = 640;
  const height = 330;
  const svg = select(svgNode).attr("viewBox", `0 0 ${width} ${height}`);
  svg.selectAll("*").remove();
  const projection = geoEqualEarth().fitSize([width, height], { type: "Sphere" });
  const path = geoPath(projection);
  svg.append("path").attr("class", "sphere").attr("d", path({ type: "Sphere" }));
  svg.append("g").attr("class", "countries").selectAll("path").data(countries.features).join("path")
    .attr("d", path);
  const total = places.reduce((n, p) => n + p.events, 0);
  svgNode.dataset.total = String(total);
  svgNode.dataset.clusters = String(places.length);
  const r = scaleSqrt().domain([0, Math.max(1, ...places.map((p) => p.events))]).range([0, 22]);
  const marks = svg.append("g").attr("class", "clusters").selectAll("g").data(places).join("g")
    .attr("class", "cluster").attr("tabindex", 0).attr("role", "button")
    .attr("aria-label", (p) => `${p.place ?? "?"}${p.places > 1 ? ` and ${p.places - 1} more places` : ""}: `
      + `${p.events} events`)
    .attr("transform", (p) => `translate(${projection([p.lon, p.lat]).join(",")})`);
  marks.append("circle").attr("r", (p) => Math.max(3, r(p.events)));
  marks.append("title").text((p) => `${p.place ?? "?"} (${p.country ?? "?"}): ${p.events} events`);
  marks.each(function (p) {
    activate(this, () => onPlace(p));
  });
}
