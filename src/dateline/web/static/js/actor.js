// The actor page: who it is, what it said, where it stood on each proposal over time, what it did.
import { api, day, esc, link, setMain } from "./util.js";

export async function renderActor(id) {
  const data = await api(`/api/actors/${encodeURIComponent(id)}`);
  const a = data.actor;
  setMain(`
    <h1 id="actor-name">${esc(a.name)}</h1>
    <p class="muted">${esc(a.kind)} &middot; ${esc(a.country || "no country")} &middot; ${esc(a.sector || "")}
      &middot; ${a.mention_count} mentions in ${a.article_count} articles</p>
    <p class="muted">Also called: ${esc(a.aliases.join(", ") || "-")}</p>
    <h2>Stances over time</h2>
    <table class="matrix" id="stances"><tr><th>day</th><th>proposal</th><th>position</th><th>conditions</th><th>article</th></tr>
      ${data.stances.map((s) => `<tr><td>${esc(s.record.as_of?.value || day(s.published_at))}</td><td>${link.proposal(s.record.proposal_id, s.proposal_label)}</td>
        <td class="pos pos-${esc(s.record.position)}">${esc(s.record.position)}</td><td>${esc(s.record.conditions.join("; "))}</td><td>${link.article(s.article_id, s.article_title)}</td></tr>`).join("")}
    </table>
    <h2>Quotes (${data.quotes.total})</h2>
    <ul class="plain" id="quotes">${data.quotes.items.map((q) => `<li><blockquote>${esc(q.record.text)}</blockquote>
      <span class="muted">${esc(q.record.cue?.lemma || "")} &middot; ${day(q.published_at)} &middot;</span> ${link.article(q.article_id, q.article_title)}</li>`).join("") || '<li class="muted">None.</li>'}</ul>
    <h2>Events (${data.events.total})</h2>
    <ul class="plain" id="events">${data.events.items.map((e) => `<li><span class="pill">${esc(e.record.type)}</span> ${esc(e.record.evidence.text)}
      <span class="muted">${esc(e.day || "")} ${esc(e.place?.name || "")}</span> ${link.article(e.article_id, e.article_title)}</li>`).join("") || '<li class="muted">None.</li>'}</ul>`);
}
