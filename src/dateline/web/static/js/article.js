// The article view: the text with every record's evidence highlighted; a click shows the records
// under the pointer, with links to the actor and proposal pages.
import { drawMap } from "./charts.js";
import { api, day, esc, link, setMain } from "./util.js";

const LAYER_LABEL = { quote: "Quote", speaker: "Speaker", cue: "Cue", actor: "Actor", place: "Place", time: "Time", event: "Event" };

function marksOf(record) {
  const marks = [];
  const add = (span, kind, layer, index) => span && span.end > span.start && marks.push({ start: span.start, end: span.end, kind, layer, index });
  record.actors.forEach((a, i) => a.mentions.forEach((s) => add(s, "actor", "actors", i)));
  record.quotes.forEach((q, i) => {
    add(q.span, "quote", "quotes", i);
    if (q.speaker) add(q.speaker.span, "speaker", "quotes", i);
    if (q.cue) add(q.cue.span, "cue", "quotes", i);
  });
  record.places.forEach((p, i) => p.mentions.forEach((m) => add(m.span, "place", "places", i)));
  record.times.forEach((t, i) => add(t.span, "time", "times", i));
  record.events.forEach((e, i) => add(e.evidence, "event", "events", i));
  return marks;
}

export function highlight(text, marks) {
  const cuts = new Set([0, text.length]);
  marks.forEach((m) => { cuts.add(m.start); cuts.add(m.end); });
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  const parts = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const [a, b] = [points[k], points[k + 1]];
    const covering = marks.map((m, i) => [m, i]).filter(([m]) => m.start <= a && m.end >= b);
    const piece = esc(text.slice(a, b));
    if (!covering.length) { parts.push(piece); continue; }
    const kinds = [...new Set(covering.map(([m]) => m.kind))].join(" ");
    parts.push(`<span class="hl ${kinds}" data-marks="${covering.map(([, i]) => i).join(",")}">${piece}</span>`);
  }
  return parts.join("");
}

function names(record) {
  return Object.fromEntries([...record.actors.map((a) => [a.id, a.name]), ...record.places.map((p) => [p.id, p.name]),
    ...record.proposals.map((p) => [p.id, p.label])]);
}

function actorsList(ids, known) {
  return ids.map((id) => link.actor(id, known[id] || id)).join(", ") || "-";
}

const DESCRIBE = {
  quotes: (q, n) => [["kind", esc(q.kind)], ["speaker", q.speaker ? link.actor(q.speaker.actor_id, q.speaker.actor_id ? n[q.speaker.actor_id] || q.speaker.text : q.speaker.text) : esc(q.source_description || "unattributed")],
    ["cue", esc(q.cue?.lemma || "-")], ["channel", esc(q.channel ? `${q.channel.kind} ${q.channel.name || ""}` : "-")], ["said on", esc(q.said_on?.value || "-")], ["text", `<blockquote>${esc(q.text)}</blockquote>`]],
  actors: (a) => [["name", link.actor(a.id, a.name)], ["kind", esc(a.kind)], ["country", esc(a.country || "-")], ["sector", esc(a.sector || "-")], ["aliases", esc(a.aliases.join(", ") || "-")]],
  places: (p) => [["name", esc(p.name)], ["feature", esc(p.feature)], ["country", esc(p.country || "-")], ["lat, lon", p.lat == null ? "-" : `${p.lat.toFixed(3)}, ${p.lon.toFixed(3)}`], ["precision", p.precision]],
  times: (t) => [["value", esc(t.value)], ["type", esc(t.type)], ["granularity", esc(t.granularity || "-")], ["anchor", esc(t.anchor)]],
  events: (e, n) => [["type", esc(e.type)], ["source", actorsList(e.source, n)], ["target", actorsList(e.target, n)], ["place", esc(n[e.place_id] || e.place_id || "-")],
    ["when", esc(e.when?.value || "-")], ["contexts", esc(e.contexts.join(", ") || "-")], ["proposal", e.proposal_id ? link.proposal(e.proposal_id, n[e.proposal_id]) : "-"], ["evidence", esc(e.evidence.text)]],
};

function recordHtml(layer, rec, known) {
  const rows = DESCRIBE[layer](rec, known).map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join("");
  const conf = rec.confidence != null ? ` <span class="pill">${Number(rec.confidence).toFixed(2)}</span>` : "";
  return `<div class="record" data-layer="${layer}"><h3>${esc(layer.replace(/s$/, ""))}${conf}</h3><dl>${rows}</dl>
    <details><summary>record</summary><pre>${esc(JSON.stringify(rec, null, 2))}</pre></details></div>`;
}

// Below this, an attribution is more often an attitude or an action than speech: shown, but dimmed.
const CLEAR_SPEECH = 0.6;

function quoteItem(q, known) {
  const who = q.speaker
    ? link.actor(q.speaker.actor_id, (q.speaker.actor_id && known[q.speaker.actor_id]) || q.speaker.text)
    : esc(q.source_description || "unattributed");
  const via = q.via.length ? ` <span class="muted">via ${esc(q.via.join(", "))}</span>` : "";
  const dim = q.confidence < CLEAR_SPEECH ? ' class="weak" title="low confidence"' : "";
  return `<li${dim}>${who} <span class="pill">${esc(q.kind)}</span> <span class="muted">${Number(q.confidence).toFixed(2)}</span>${via}: <blockquote>${esc(q.text)}</blockquote></li>`;
}

export async function renderArticle(id) {
  const record = await api(`/api/articles/${encodeURIComponent(id)}`);
  const a = record.article;
  const marks = marksOf(record);
  const known = names(record);
  const main = setMain(`
    <h1 id="article-title">${esc(a.title || a.id)}</h1>
    <p class="muted">${esc(a.publisher || "")} &middot; ${day(a.published_at)} &middot; ${esc(a.authors.join(", "))}
      ${a.url ? `&middot; <a href="${esc(a.url)}" rel="noreferrer">source</a>` : ""}</p>
    <div class="legend">${Object.entries(LAYER_LABEL).map(([k, v]) => `<span><i class="hl ${k}"></i>${v}</span>`).join("")}</div>
    <div class="article-layout">
      <div id="article-text">${highlight(a.text, marks)}</div>
      <aside class="card" id="record-panel"><p class="muted">Click a highlighted passage to see its record.</p></aside>
    </div>
    <h2>Quotes</h2><ul class="plain" id="quotes">${record.quotes.map((q) => quoteItem(q, known)).join("") || '<li class="muted">None.</li>'}</ul>
    <div class="grid">
      <section><h2>Places</h2><div id="article-map"></div></section>
      <section><h2>Proposals and stances</h2><ul class="plain" id="proposals">${record.proposals.map((p) => `<li>${link.proposal(p.id, p.label)} <span class="pill">${esc(p.kind)}</span></li>`).join("")}${record.stances.map((s) => `<li>${link.actor(s.actor_id, known[s.actor_id])} <span class="pill pos-${esc(s.position)}">${esc(s.position)}</span> ${esc(known[s.proposal_id] || s.proposal_id)}</li>`).join("") || ""}</ul></section>
    </div>`);
  main.querySelector("#article-text").addEventListener("click", (event) => showMarks(event, main, marks, record, known));
  const points = record.places.map((p) => ({ lat: p.lat, lon: p.lon, label: p.name, count: p.mentions.length, href: `/search?q=${encodeURIComponent(p.name)}` }));
  await drawMap(main.querySelector("#article-map"), points, { width: 600, height: 360 });
}

function showMarks(event, main, marks, record, known) {
  const target = event.target.closest(".hl");
  if (!target) return;
  main.querySelectorAll(".hl.selected").forEach((el) => el.classList.remove("selected"));
  target.classList.add("selected");
  const picked = target.dataset.marks.split(",").map((i) => marks[Number(i)])
    .sort((x, y) => (x.end - x.start) - (y.end - y.start));
  const seen = new Set();
  const html = picked.filter((m) => !seen.has(`${m.layer}:${m.index}`) && seen.add(`${m.layer}:${m.index}`))
    .map((m) => recordHtml(m.layer, record[m.layer][m.index], known)).join("");
  main.querySelector("#record-panel").innerHTML = html;
}
