// Small helpers shared by the views: escaping, fetching JSON, links.
export function esc(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

export async function api(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) {
    const error = body.error || {};
    throw new Error(`${error.code || response.status}: ${error.message || "request failed"}`);
  }
  return body;
}

export const link = {
  article: (id, text) => `<a href="/article/${encodeURIComponent(id)}">${esc(text || id)}</a>`,
  actor: (id, text) => (id ? `<a href="/actor/${encodeURIComponent(id)}">${esc(text || id)}</a>` : esc(text)),
  proposal: (id, text) => `<a href="/proposal/${encodeURIComponent(id)}">${esc(text || id)}</a>`,
};

// "1 report", "2 reports": a count with its noun in the right number.
export function plural(count, noun, many = `${noun}s`) {
  return `${count} ${Number(count) === 1 ? noun : many}`;
}

export function day(value) {
  return value ? String(value).slice(0, 10) : "undated";
}

export function setMain(html) {
  const main = document.getElementById("main");
  main.innerHTML = html;
  return main;
}

export const TYPE_COLORS = {
  AGREE: "#2e8b57", CONSULT: "#1f77b4", SUPPORT: "#17becf", CONCEDE: "#9edae5", COOPERATE: "#98df8a",
  AID: "#bcbd22", RETREAT: "#c5b0d5", REQUEST: "#9467bd", ACCUSE: "#ff9896", REJECT: "#d62728",
  THREATEN: "#e377c2", PROTEST: "#f7b6d2", SANCTION: "#8c564b", MOBILIZE: "#ff7f0e", COERCE: "#7f7f7f",
  ASSAULT: "#8b0000",
};
