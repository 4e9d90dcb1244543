// The dashboard: every view follows one set of filters, kept in the URL.
import { drawDyads } from "./dyads.js";
import { openEvidence } from "./evidence.js";
import { drawMap } from "./map.js";
import { actorLabel, el, FILTERS, getJSON, pushFilters, query, readFilters } from "./state.js";
import { drawTimeline } from "./timeline.js";

const $ = (selector) => document.querySelector(selector);
const form = $("#filters");
const status = $("#status");
const dialog = $("#evidence");
let filters = readFilters();
let generation = 0;

function fillForm() {
  for (const key of FILTERS) {
    if (key === "quad") {
      const chosen = (filters.quad ?? "").split(",");
      for (const box of form.querySelectorAll("input[name=quad]")) box.checked = chosen.includes(box.value);
    } else {
      form.elements[key].value = filters[key] ?? "";
    }
  }
}

function readForm() {
  const out = {};
  for (const key of FILTERS) {
    if (key === "quad") {
      const chosen = [...form.querySelectorAll("input[name=quad]:checked")].map((b) => b.value);
      if (chosen.length) out.quad = chosen.join(",");
    } else {
      const value = form.elements[key].value.trim();
      if (value) out[key] = key === "country" ? value.toUpperCase() : value;
    }
  }
  return out;
}

function setFilters(next) {
  filters = next;
  pushFilters(filters);
  fillForm();
  refresh();
}

function eventRow(e) {
  const open = el("button", { type: "button", class: "open", "data-event": String(e.event_id),
    onclick: () => showEvidence(e.event_id) }, "Open");
  return el("tr", {}, el("td", {}, e.date ?? "—"), el("td", {}, actorLabel(e.source)),
    el("td", {}, `${e.plover?.type ?? ""} ${e.cameo}`), el("td", {}, actorLabel(e.target)),
    el("td", {}, e.location ? e.location.name : "—"), el("td", {}, open));
}

async function showEvidence(eventId) {
  try {
    await openEvidence(dialog, eventId);
  } catch (error) {
    status.textContent = error.message;
  }
}

async function showPlace(place) {
  const body = await getJSON("/events", filters, { near: `${place.lat},${place.lon},${place.km}`, limit: 20 });
  $("#place-events").replaceChildren(el("h3", {}, `${place.place ?? "?"}: ${body.total} events`),
    el("ul", {}, ...body.events.map((e) => el("li", {}, `${e.date ?? "undated"} ${actorLabel(e.source)} → `
      + `${e.plover?.type ?? e.cameo} → ${actorLabel(e.target)} `,
    el("button", { type: "button", onclick: () => showEvidence(e.event_id) }, "Evidence")))));
}

async function refresh() {
  const mine = ++generation;
  const bucket = $("#bucket").value;
  status.textContent = "Loading…";
  document.body.dataset.state = "loading";
  for (const a of document.querySelectorAll("#export a")) {
    a.href = `/export?${query(filters, { format: a.dataset.format })}`;
  }
  try {
    const [volume, places, dyads, events] = await Promise.all([
      getJSON("/stats/volume", filters, { bucket }),
      getJSON("/stats/places", filters, { cell: 2 }),
      getJSON("/stats/dyads", filters, { limit: 15 }),
      getJSON("/events", filters, { limit: 25 }),
    ]);
    if (mine !== generation) return; // a newer filter's answers are on their way
    drawTimeline($("#timeline svg"), volume.volume, volume.bucket, (since, until) => setFilters({ ...filters, since, until }));
    drawMap($("#map svg"), places.places, showPlace);
    drawDyads($("#dyads svg"), $("#dyad-table"), dyads, (dyad) => setFilters({ ...filters, dyad }));
    $("#timeline svg").dataset.bucket = volume.bucket;
    $("#event-table tbody").replaceChildren(...events.events.map(eventRow));
    $("#place-events").replaceChildren();
    status.textContent = `${events.total} events match`;
    document.body.dataset.state = "ready";
  } catch (error) {
    if (mine !== generation) return;
    status.textContent = error.message;
    document.body.dataset.state = "error";
  }
}

async function codeArticle(event) {
  event.preventDefault();
  const data = new FormData(event.target);
  const out = $("#code-result");
  const text = data.get("text").trim();
  if (!text && !data.get("url")) {
    out.textContent = "Paste the article's text, or its URL alone for the server to fetch it.";
    return;
  }
  const article = text ? { text } : {}; // a URL alone: the server fetches the page
  for (const key of ["url", "date"]) if (data.get(key)) article[key] = data.get(key);
  out.textContent = "Coding…";
  const response = await fetch("/articles", { method: "POST", body: JSON.stringify(article),
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${data.get("token")}` } });
  const body = await response.json();
  if (!response.ok) {
    out.textContent = `${body.code}: ${body.message}`;
    return;
  }
  out.replaceChildren(el("p", {}, `${body.status}: ${body.doc_id}, ${body.events.length} events`),
    el("ul", {}, ...body.events.map((e) => el("li", {}, `${e.date ?? "undated"} ${e.source_code ?? "?"} → `
      + `${e.plover_type ?? e.cameo} → ${e.target_code ?? "?"}: “${e.sentence}” `,
    el("button", { type: "button", onclick: () => showEvidence(e.event_id) }, "Evidence")))));
  refresh();
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  setFilters(readForm());
});
$("#reset").addEventListener("click", () => setFilters({}));
$("#bucket").addEventListener("change", refresh);
$("#code-form").addEventListener("submit", codeArticle);
window.addEventListener("popstate", () => {
  filters = readFilters();
  fillForm();
  refresh();
});
fillForm();
refresh();
