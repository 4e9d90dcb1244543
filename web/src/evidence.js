// An event's evidence: its article with the sentence highlighted and the source, trigger, target and
// place marked, the other articles of its story, and the source URL.
import { actorLabel, el, getJSON } from "./state.js";

function markedText(text, marks) {
  const sentence = marks.find((m) => m.kind === "sentence");
  if (!sentence) return [text];
  const inner = marks.filter((m) => m.kind !== "sentence").sort((a, b) => a.start - b.start);
  const parts = [];
  let at = sentence.start;
  for (const m of inner) {
    parts.push(text.slice(at, m.start), el("span", { class: `m-${m.kind}`, title: m.kind }, text.slice(m.start, m.end)));
    at = m.end;
  }
  parts.push(text.slice(at, sentence.end));
  return [text.slice(0, sentence.start), el("mark", { class: "sentence" }, ...parts), text.slice(sentence.end)];
}

function link(url) {
  return url ? el("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, url) : "no URL (a file or pasted text)";
}

export async function openEvidence(dialog, eventId) {
  const body = await getJSON(`/events/${eventId}/evidence`);
  const ev = body.event;
  const a = body.article;
  dialog.dataset.eventId = String(eventId);
  dialog.querySelector("#evidence-h").textContent =
    `${actorLabel(ev.source)} → ${ev.plover?.type ?? ev.cameo} → ${actorLabel(ev.target)}`;
  dialog.querySelector(".meta").replaceChildren(
    el("p", {}, `${ev.date ?? "undated"} · CAMEO ${ev.cameo} · Goldstein ${ev.goldstein ?? "—"} · ${ev.modality}`
      + ` · ${ev.location ? `${ev.location.name} (${ev.location.country ?? "?"})` : "no place"}`),
    el("p", {}, `${a.title ?? a.doc_id} — ${a.outlet} ${a.published ?? ""}`),
    el("p", { class: "source-url" }, "Source: ", link(a.source_uri ?? a.url)),
  );
  const article = dialog.querySelector(".article");
  article.replaceChildren(...markedText(a.text, body.marks));
  const story = dialog.querySelector(".story");
  story.replaceChildren(...(body.story.length ? body.story.map((s) => el("li", {},
    `${s.outlet}: ${s.title ?? s.doc_id} `, link(s.url))) : [el("li", {}, "none: this article is the only one")]));
  if (!dialog.open) dialog.showModal();
  article.querySelector("mark")?.scrollIntoView({ block: "center" });
}
