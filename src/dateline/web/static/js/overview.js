// The overview: counts, the timeline of events by type, the map of event places, the latest
// stories (or, before stories are built, the latest articles), proposals and top actors.
import { drawMap, drawTimeline } from "./charts.js";
import { api, day, esc, link, plural, setMain } from "./util.js";

export async function renderOverview() {
  const [stats, timeline, places, stories, articles, proposals] = await Promise.all([
    api("/api/stats"), api("/api/events/timeline?grain=day"), api("/api/places?with_events=true&limit=200"),
    api("/api/stories?limit=10"), api("/api/articles?limit=10"), api("/api/proposals?limit=10"),
  ]);
  const c = stats.counts;
  const main = setMain(`
    <h1>Overview</h1>
    <p class="muted" id="counts">${c.articles} articles &middot; ${c.quotes} quotes &middot; ${c.events} events &middot;
      ${c.actors} actors &middot; ${c.places} places &middot; ${c.proposals} proposals</p>
    <h2>Events by type over time</h2><div id="timeline"></div>
    <div class="grid">
      <section><h2>Where events happened</h2><div id="map"></div></section>
      <section><h2 id="latest-title"></h2><ul class="plain" id="latest"></ul></section>
    </div>
    <div class="grid">
      <section><h2>Proposals</h2><ul class="plain" id="proposals"></ul></section>
      <section><h2>Most mentioned actors</h2><ul class="plain" id="actors"></ul></section>
    </div>`);
  drawTimeline(main.querySelector("#timeline"), timeline.items);
  const points = places.items.map((p) => ({ lat: p.lat, lon: p.lon, label: p.name, count: p.event_count, href: `/search?q=${encodeURIComponent(p.name)}` }));
  await drawMap(main.querySelector("#map"), points);
  renderLatest(main, stories, articles);
  main.querySelector("#proposals").innerHTML = proposals.items.map((p) =>
    `<li>${link.proposal(p.id, p.label)} <span class="pill">${esc(p.kind)}</span> <span class="muted">${plural(p.stance_count, "stance")}, ${plural(p.article_count, "article")}</span></li>`).join("") || '<li class="muted">None yet.</li>';
  main.querySelector("#actors").innerHTML = stats.top_actors.map((a) =>
    `<li>${link.actor(a.id, a.name)} <span class="muted">${esc(a.kind)} ${esc(a.country || "")} &middot; ${plural(a.mentions, "mention")} in ${plural(a.articles, "article")}</span></li>`).join("");
}

function renderLatest(main, stories, articles) {
  const title = main.querySelector("#latest-title");
  const list = main.querySelector("#latest");
  if (stories.items.length) {
    title.textContent = "Latest stories";
    list.innerHTML = stories.items.map((s) => `<li><strong>${plural(s.article_count, "report")}</strong> &middot; ${day(s.latest)}<br>${
      s.articles.map((a) => link.article(a.id, a.title || a.id)).join(" &middot; ")}</li>`).join("");
    return;
  }
  title.textContent = "Latest articles";
  list.innerHTML = articles.items.map((a) => `<li class="latest-article">${link.article(a.id, a.title || a.id)}<br>
    <span class="muted">${esc(a.publisher || "")} &middot; ${day(a.published_at)} &middot; ${plural(a.quote_count, "quote")}, ${plural(a.event_count, "event")}</span></li>`).join("")
    || '<li class="muted">No articles stored yet: run <code>dateline ingest</code>.</li>';
}
