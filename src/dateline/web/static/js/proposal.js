// The proposal page: a matrix of actors by day, each cell the position held, with its evidence.
import { api, esc, link, setMain } from "./util.js";

function cellClass(stances) {
  const positions = new Set(stances.map((s) => s.position));
  return positions.size === 1 ? `pos-${[...positions][0]}` : "pos-mixed";
}

function matrixHtml(matrix) {
  const cells = new Map(matrix.cells.map((c) => [`${c.actor_id}|${c.day}`, c]));
  const head = `<tr><th class="actor">actor</th>${matrix.days.map((d) => `<th>${esc(d)}</th>`).join("")}</tr>`;
  const rows = matrix.actors.map((a) => `<tr><th class="actor">${link.actor(a.id, a.name)}</th>${matrix.days.map((d) => {
    const cell = cells.get(`${a.id}|${d}`);
    if (!cell) return "<td></td>";
    const label = [...new Set(cell.stances.map((s) => s.position))].join(" / ");
    return `<td class="pos ${cellClass(cell.stances)}" data-cell="${esc(`${a.id}|${d}`)}" title="${esc(label)}">${esc(label)}</td>`;
  }).join("")}</tr>`);
  return `<table class="matrix" id="matrix">${head}${rows.join("")}</table>`;
}

function evidenceHtml(cell, names) {
  return cell.stances.map((s) => `<div class="record"><h3>${esc(names[cell.actor_id] || cell.actor_id)}: <span class="pill pos-${esc(s.position)}">${esc(s.position)}</span> on ${esc(cell.day)}</h3>
    ${s.conditions.length ? `<p>Conditions: ${esc(s.conditions.join("; "))}</p>` : ""}
    ${s.quotes.map((q) => `<blockquote>${esc(q.text)}</blockquote><p class="muted">${esc(q.speaker || "")}</p>`).join("")}
    ${s.spans.map((sp) => `<blockquote>${esc(sp.text)}</blockquote>`).join("")}
    <p>${link.article(s.article_id, s.article_title)} <span class="muted">confidence ${Number(s.confidence).toFixed(2)}</span></p></div>`).join("");
}

export async function renderProposal(id) {
  const data = await api(`/api/proposals/${encodeURIComponent(id)}`);
  const p = data.proposal;
  const names = data.actor_names;
  const main = setMain(`
    <h1 id="proposal-label">${esc(p.label)}</h1>
    <p class="muted"><span class="pill">${esc(p.kind)}</span> proposed by ${p.proposed_by.map((a) => link.actor(a, names[a])).join(", ") || "-"}
      &middot; in ${p.article_ids.length} articles</p>
    ${p.terms.length ? `<p>Terms: ${esc(p.terms.join("; "))}</p>` : ""}
    <h2>Who stands where, over time</h2>
    <div class="legend">${["support", "oppose", "conditional", "noncommittal"].map((k) => `<span><i class="pos-${k}"></i>${k}</span>`).join("")}</div>
    ${data.matrix.actors.length ? matrixHtml(data.matrix) : '<p class="muted">No stances recorded yet.</p>'}
    <div class="card" id="evidence-panel"><p class="muted">Click a cell to see the words that show the stance.</p></div>`);
  const cells = new Map(data.matrix.cells.map((c) => [`${c.actor_id}|${c.day}`, c]));
  main.querySelector("#matrix")?.addEventListener("click", (event) => {
    const td = event.target.closest("td[data-cell]");
    if (td) main.querySelector("#evidence-panel").innerHTML = evidenceHtml(cells.get(td.dataset.cell), names);
  });
}
