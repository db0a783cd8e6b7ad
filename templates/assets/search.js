/* tei-edition: the search page. Pagefind's script (in the site's pagefind/ folder) searches the
   index of this page's language; each result is a passage (paragraph, note, table) with its
   document, its print page and its words in context, linked to the passage itself.
   Without this script the page says that search needs JavaScript and links to the contents. */
const form = document.querySelector("form.search-form");
const input = form.querySelector("input[name=q]");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const filterBox = document.getElementById("search-filters");
const text = form.dataset;

// Characters of scripts written without spaces (Chinese, Japanese): each is a word of the index
// (search_index.py, words_apart), so a query is split into them, and an excerpt's are joined again.
const UNSPACED = "\\u3005-\\u3007\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}";
const BETWEEN_UNSPACED = new RegExp(`(?<=[${UNSPACED}])(?=[${UNSPACED}])`, "gu");
const SPACE_BETWEEN_UNSPACED = new RegExp(`([${UNSPACED}](?:</mark>)?) (?=(?:<mark>)?[${UNSPACED}])`, "gu");

// An excerpt as text, with only Pagefind's <mark> kept as markup: nothing else of it becomes HTML.
function excerptNodes(excerpt) {
  const joined = excerpt.replace(SPACE_BETWEEN_UNSPACED, "$1");
  const parsed = new DOMParser().parseFromString(`<p>${joined}</p>`, "text/html").body;
  const out = document.createDocumentFragment();
  parsed.querySelectorAll("p")[0].childNodes.forEach((node) => {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.appendChild(mark);
    } else {
      out.appendChild(document.createTextNode(node.textContent));
    }
  });
  return out;
}

// A result's address, relative to the site's root as this page reaches it.
function passageUrl(url) {
  return new URL(text.root + url.replace(/^\/+/, ""), location.href).href;
}

async function start() {
  if (!text.bundle) return;  // the edition has no index: the page says so
  // (from this page: import() alone would read it from this script's folder, which is the site's root
  // only where the site stands at its host's root)
  const pagefind = await import(new URL(text.bundle, location.href).href);
  await pagefind.options({ excerptLength: 24 });
  // A large edition's index comes in parts (each named by its entry file), searched as one: they
  // share the bundle's script.
  for (const part of (text.parts || "").split(" ").filter(Boolean)) {
    await pagefind.mergeIndex(new URL(".", new URL(part, location.href)).href, { excerptLength: 24 });
  }
  const several = Boolean(filterBox.querySelector("select[name=document]"));

  let latest = 0;
  async function run() {
    const query = input.value.trim();
    // Each passage's meta lists its document and the register entries it mentions ("person:karakhan").
    const chosen = [...filterBox.querySelectorAll("select")].map((select) => select.value).filter(Boolean);
    const ticket = ++latest;
    if (!query) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    const search = await pagefind.search(query.replace(BETWEEN_UNSPACED, " "));
    const found = await Promise.all(search.results.slice(0, 200).map((result) => result.data()));
    if (ticket !== latest) return;  // a newer search has started
    const results = found.filter((data) => {
      const tokens = (data.meta.filters || "").split(" ");
      return chosen.every((value) => tokens.includes(value));
    }).slice(0, 50);
    list.replaceChildren(...results.map((data) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = passageUrl(data.meta.target || data.url);
      link.textContent = data.meta.unit || data.meta.title;
      item.appendChild(link);
      // Where it is: its print page, and its document when the edition has several.
      const where = [data.meta.page, several ? data.meta.title : ""].filter(Boolean).join(" · ");
      if (where) {
        const place = document.createElement("span");
        place.className = "search-page";
        place.textContent = ` · ${where}`;
        item.appendChild(place);
      }
      const excerpt = document.createElement("p");
      excerpt.className = "search-excerpt";
      excerpt.appendChild(excerptNodes(data.excerpt));
      item.appendChild(excerpt);
      return item;
    }));
    status.textContent = results.length ? text.found.replace("{count}", String(results.length)) : text.none;
  }

  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  filterBox.addEventListener("change", run);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    history.replaceState(null, "", `?q=${encodeURIComponent(input.value)}`);
    run();
  });
  const asked = new URLSearchParams(location.search).get("q");
  if (asked) {
    input.value = asked;
    run();
  }
}

start();
