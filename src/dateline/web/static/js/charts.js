// The overview's charts: a map of places on offline world borders (d3-geo + world-atlas), and a
// stacked timeline of events by type.  Both are plain SVG.
import { esc, TYPE_COLORS } from "./util.js";

let worldPromise = null;

function world() {
  worldPromise ??= fetch("/static/vendor/countries-110m.json").then((r) => r.json())
    .then((topo) => window.topojson.feature(topo, topo.objects.countries));
  return worldPromise;
}

function extentOf(points) {
  const lons = points.map((p) => p.lon), lats = points.map((p) => p.lat);
  const pad = 6;
  const [w, e] = [Math.max(-180, Math.min(...lons) - pad), Math.min(180, Math.max(...lons) + pad)];
  const [s, n] = [Math.max(-85, Math.min(...lats) - pad), Math.min(85, Math.max(...lats) + pad)];
  return { type: "Polygon", coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

// points: [{lat, lon, label, count, href}]
export async function drawMap(container, points, { width = 800, height = 420 } = {}) {
  const located = points.filter((p) => p.lat != null && p.lon != null);
  const countries = await world();
  const projection = window.d3.geoEquirectangular();
  projection.fitExtent([[4, 4], [width - 4, height - 4]], located.length ? extentOf(located) : { type: "Sphere" });
  const path = window.d3.geoPath(projection);
  const shapes = countries.features.map((f) => `<path class="country" d="${path(f) || ""}"><title>${esc(f.properties.name)}</title></path>`);
  const dots = located.map((p) => {
    const [x, y] = projection([p.lon, p.lat]);
    const r = 3 + 2 * Math.sqrt(p.count || 1);
    return `<a href="${esc(p.href || "#")}"><circle class="place-dot" data-name="${esc(p.label)}" cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r.toFixed(1)}"><title>${esc(p.label)} (${p.count || 1})</title></circle></a>`;
  });
  container.innerHTML = `<svg class="map" viewBox="0 0 ${width} ${height}" role="img" aria-label="Map of places">${shapes.join("")}${dots.join("")}</svg>`;
}

// items: [{period, type, count}]
export function drawTimeline(container, items, { width = 1100, height = 220 } = {}) {
  if (!items.length) {
    container.innerHTML = '<p class="muted">No dated events yet.</p>';
    return;
  }
  const periods = [...new Set(items.map((i) => i.period))].sort();
  const types = [...new Set(items.map((i) => i.type))].sort();
  const totals = new Map(periods.map((p) => [p, 0]));
  items.forEach((i) => totals.set(i.period, totals.get(i.period) + i.count));
  const max = Math.max(...totals.values());
  const [left, bottom, top] = [30, 30, 10];
  const band = (width - left - 10) / periods.length;
  const scale = (height - bottom - top) / max;
  const bars = [];
  const stack = new Map(periods.map((p) => [p, 0]));
  for (const item of items.slice().sort((a, b) => types.indexOf(a.type) - types.indexOf(b.type))) {
    const x = left + periods.indexOf(item.period) * band;
    const h = item.count * scale;
    const y = height - bottom - stack.get(item.period) - h;
    stack.set(item.period, stack.get(item.period) + h);
    bars.push(`<rect class="bar" data-type="${esc(item.type)}" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(1, band - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="${TYPE_COLORS[item.type] || "#999"}"><title>${esc(item.period)} ${esc(item.type)}: ${item.count}</title></rect>`);
  }
  const step = Math.ceil(periods.length / 10);
  const labels = periods.filter((_, i) => i % step === 0).map((p) => `<text x="${(left + periods.indexOf(p) * band).toFixed(1)}" y="${height - 12}">${esc(p)}</text>`);
  const axis = `<text x="2" y="${top + 8}">${max}</text><text x="2" y="${height - bottom}">0</text>`;
  const legend = types.map((t) => `<span><i style="background:${TYPE_COLORS[t] || "#999"}"></i>${esc(t)}</span>`).join("");
  container.innerHTML = `<svg class="timeline" viewBox="0 0 ${width} ${height}" role="img" aria-label="Events by type over time">${axis}${bars.join("")}${labels.join("")}</svg><div class="legend">${legend}</div>`;
}
