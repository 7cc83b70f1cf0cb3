// The search page: articles and quotes holding every word of the query.
import { api, day, esc, link, setMain } from "./util.js";

export async function renderSearch(q) {
  if (!q.trim()) {
    setMain('<h1>Search</h1><p class="muted">Type words in the box above.</p>');
    return;
  }
  const data = await api(`/api/search?q=${encodeURIComponent(q)}&limit=50`);
  setMain(`
    <h1>Search: ${esc(data.q)}</h1>
    <div class="grid">
      <section><h2>Articles (${data.articles.total})</h2><ul class="plain" id="article-hits">${data.articles.items.map((a) =>
        `<li>${link.article(a.id, a.title)} <span class="muted">${esc(a.publisher || "")} ${day(a.published_at)}</span></li>`).join("") || '<li class="muted">None.</li>'}</ul></section>
      <section><h2>Quotes (${data.quotes.total})</h2><ul class="plain" id="quote-hits">${data.quotes.items.map((q) =>
        `<li><blockquote>${esc(q.record.text)}</blockquote>${q.record.speaker ? link.actor(q.record.speaker.actor_id, q.record.speaker.text) : ""}
        &middot; ${link.article(q.article_id, q.article_title)}</li>`).join("") || '<li class="muted">None.</li>'}</ul></section>
    </div>`);
}
