// The filters live in the URL's query string, so a view can be shared and the back button works.
export const FILTERS = ["since", "until", "actor", "country", "dyad", "type", "cameo", "quad", "modality", "q"];

export function readFilters(search = window.location.search) {
  const params = new URLSearchParams(search);
  const out = {};
  for (const key of FILTERS) {
    const value = params.get(key);
    if (value) out[key] = value;
  }
  return out;
}

export function query(filters, extra = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) {
    if (value !== undefined && value !== null && value !== "") params.set(key, value);
  }
  return params.toString();
}

export function pushFilters(filters) {
  const qs = query(filters);
  window.history.pushState(null, "", qs ? `?${qs}` : window.location.pathname);
}

export async function getJSON(path, filters = {}, extra = {}) {
  const qs = query(filters, extra);
  const response = await fetch(qs ? `${path}?${qs}` : path);
  const body = await response.json();
  if (!response.ok) throw new Error(`${body.code || response.status}: ${body.message || response.statusText}`);
  return body;
}

// Okabe and Ito's palette, told apart with every common colour-vision deficiency.
export const QUAD_COLOURS = { 1: "#0072B2", 2: "#56B4E9", 3: "#E69F00", 4: "#D55E00" };
export const QUAD_NAMES = { 1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict",
  4: "Material conflict" };
export const COOPERATION = "#0072B2";
export const CONFLICT = "#D55E00";

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(child ?? ""));
  return node;
}

// A keyboard user activates an SVG mark (tabindex=0, role=button) with Enter or Space, as a button.
export function activate(node, handler) {
  node.addEventListener("click", handler);
  node.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      handler(event);
    }
  });
}

export function actorLabel(actor) {
  if (!actor) return "—";
  return actor.name ? `${actor.name} (${actor.code ?? "?"})` : actor.code ?? "—";
}
