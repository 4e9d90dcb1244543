// Plain SVG axes (a few ticks and labels), enough for these charts without d3-axis.
export function axisBottom(svg, x, y, format) {
  const g = svg.append("g").attr("class", "axis");
  for (const t of x.ticks(6)) {
    g.append("text").attr("x", x(t)).attr("y", y + 16).attr("text-anchor", "middle").text(format(t));
  }
  g.append("line").attr("x1", x.range()[0]).attr("x2", x.range()[1]).attr("y1", y).attr("y2", y);
}

export function axisLeft(svg, y, x) {
  const g = svg.append("g").attr("class", "axis");
  for (const t of y.ticks(4)) {
    g.append("text").attr("x", x - 4).attr("y", y(t) + 4).attr("text-anchor", "end").text(String(t));
  }
}

export function axisRight(svg, y, x) {
  const g = svg.append("g").attr("class", "axis goldstein-axis");
  for (const t of [-10, -5, 0, 5, 10]) {
    g.append("text").attr("x", x + 4).attr("y", y(t) + 4).text(String(t));
  }
}
