// The router: one HTML shell, the view chosen by the address.
import { renderActor } from "./actor.js";
import { renderArticle } from "./article.js";
import { renderOverview } from "./overview.js";
import { renderProposal } from "./proposal.js";
import { renderSearch } from "./search.js";
import { esc, setMain } from "./util.js";

const ROUTES = [
  [/^\/$/, () => renderOverview()],
  [/^\/search$/, () => renderSearch(new URLSearchParams(location.search).get("q") || "")],
  [/^\/article\/([^/]+)$/, (id) => renderArticle(id)],
  [/^\/actor\/([^/]+)$/, (id) => renderActor(id)],
  [/^\/proposal\/([^/]+)$/, (id) => renderProposal(id)],
];

async function route() {
  const path = location.pathname;
  const input = document.getElementById("search-input");
  input.value = new URLSearchParams(location.search).get("q") || "";
  for (const [pattern, view] of ROUTES) {
    const match = path.match(pattern);
    if (match) {
      try {
        await view(...match.slice(1).map(decodeURIComponent));
      } catch (error) {
        setMain(`<h1>Cannot show this page</h1><p class="error">${esc(error.message)}</p>`);
      }
      document.body.dataset.ready = "1";
      return;
    }
  }
  setMain("<h1>Not found</h1>");
  document.body.dataset.ready = "1";
}

route();
