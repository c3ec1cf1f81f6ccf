// The search page: asks Pagefind's index in the browser and shows the results in our own markup.
//
// The page's HTML (templates/search.html) holds the form, the status line and
// an empty list; this module shows the form, reads and writes the query in the
// address (?q=...&category=...&year=...&sort=...), so a search can be
// bookmarked, shared and reached from the header's search box, and renders
// each result as text: nothing from the index is ever parsed into live HTML.

const root = document.querySelector("[data-search]");
const form = root.querySelector(".search-form");
const field = form.elements.q;
const selects = {category: form.elements.category, year: form.elements.year, sort: form.elements.sort};
const status = root.querySelector(".search-status");
const help = root.querySelector(".search-help");
const list = root.querySelector(".search-results");
const more = root.querySelector(".search-more");
const perPage = Number(root.dataset.perPage) || 10;
const TYPING_PAUSE_MS = 250;

const SORTS = {newest: {date: "desc"}, oldest: {date: "asc"}};

let pagefind = null;
let latest = 0;          // number of the newest search; older answers are dropped
let results = [];        // Pagefind's results of the current search, not yet all shown
let shown = 0;

function quote(text) {
  return `\u201c${text}\u201d`;
}

function plural(count, one, many) {
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
}

// A Pagefind excerpt is text with <mark> around the matched words. It is
// rebuilt from text nodes, so that a page's text can never become markup.
function excerptNodes(excerpt) {
  const parsed = document.createElement("template");
  parsed.innerHTML = excerpt;  // a template's content is inert: nothing loads or runs
  const nodes = [];
  for (const node of parsed.content.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(node.textContent));
    }
  }
  return nodes;
}

function sameSite(url) {
  const resolved = new URL(url, document.baseURI);
  return resolved.origin === location.origin ? resolved.href : null;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function resultItem(data) {
  const item = element("li", "search-result");
  const heading = element("h2", "search-result__title");
  const link = element("a", null, data.meta.title || data.url);
  link.href = sameSite(data.url) || "#";
  heading.append(link);
  item.append(heading);
  const facts = [data.meta.date, data.meta.category].filter(Boolean);
  if (facts.length) {
    item.append(element("p", "search-result__meta", facts.join(" \u00b7 ")));
  }
  const excerpt = element("p", "search-result__excerpt");
  excerpt.append(...excerptNodes(data.excerpt || ""));
  item.append(excerpt);
  return item;
}

function wanted() {
  const filters = {};
  if (selects.category.value) filters.category = selects.category.value;
  if (selects.year.value) filters.year = selects.year.value;
  return {term: field.value.trim(), filters, sort: SORTS[selects.sort.value]};
}

function describe(term, filters) {
  const parts = [];
  const phrase = term.match(/^"(.+)"$/);
  if (phrase) parts.push(`for the phrase ${quote(phrase[1])}`);
  else if (term) parts.push(`for ${quote(term)}`);
  if (filters.category) parts.push(`in ${filters.category}`);
  if (filters.year) parts.push(`from ${filters.year}`);
  return parts.join(" ");
}

function remember() {
  const params = new URLSearchParams();
  if (field.value.trim()) params.set("q", field.value.trim());
  for (const [name, select] of Object.entries(selects)) {
    if (select.value) params.set(name, select.value);
  }
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

function restore() {
  const params = new URLSearchParams(location.search);
  field.value = params.get("q") || "";
  for (const [name, select] of Object.entries(selects)) {
    const value = params.get(name) || "";
    // Only a value the page offers; anything else falls back to "all".
    select.value = [...select.options].some((option) => option.value === value) ? value : "";
  }
}

async function showMore() {
  const number = latest;
  const batch = results.slice(shown, shown + perPage);
  const data = await Promise.all(batch.map((result) => result.data()));
  if (number !== latest) return null;
  const items = data.map(resultItem);
  list.append(...items);
  shown += batch.length;
  more.hidden = shown >= results.length;
  return items[0] || null;
}

async function search() {
  const number = ++latest;
  const {term, filters, sort} = wanted();
  remember();
  if (!term && !Object.keys(filters).length) {
    results = [];
    list.replaceChildren();
    more.hidden = true;
    help.hidden = true;
    status.textContent = "";
    return;
  }
  status.textContent = "Searching\u2026";
  const found = await pagefind.search(term || null, {filters, sort});
  if (number !== latest || found === null) return;
  results = found.results;
  shown = 0;
  list.replaceChildren();
  await showMore();
  if (number !== latest) return;
  const about = describe(term, filters);
  if (results.length) {
    status.textContent = `${plural(results.length, "post", "posts")} ${about}.`;
    help.hidden = true;
  } else {
    status.textContent = `Nothing found ${about}.`;
    help.hidden = false;
  }
}

let pause = null;

function searchSoon() {
  clearTimeout(pause);
  pause = setTimeout(search, TYPING_PAUSE_MS);
}

function searchNow(event) {
  if (event) event.preventDefault();
  clearTimeout(pause);
  search();
}

async function start() {
  restore();
  form.hidden = false;
  try {
    // The bundle's address may be relative to the page (RELATIVE_URLS).
    const bundle = new URL(root.dataset.bundle, document.baseURI);
    pagefind = await import(new URL("pagefind.js", bundle).href);
    await pagefind.init();
  } catch (error) {
    form.hidden = true;  // a box that cannot search would only mislead
    status.textContent = "Search could not start: its index did not load. " +
      "Every post is still listed in the archives and under topics.";
    help.hidden = false;
    return;
  }
  field.addEventListener("input", searchSoon);
  form.addEventListener("submit", searchNow);
  for (const select of Object.values(selects)) select.addEventListener("change", searchNow);
  more.addEventListener("click", async () => {
    // Keyboard users land on the first new result rather than at the button.
    const first = await showMore();
    first?.querySelector("a")?.focus();
  });
  await search();
}

start();
