/* The site's search, in the header's search box.
 *
 * The index (data/search-index.json, written by the generator from the curated data) and the
 * engine (vendor/minisearch.js) are fetched only when the reader focuses or opens search, so a
 * page view pays nothing for search until then. Matching: exact words first, then prefixes and,
 * for words of 5+ letters, one typo (two for 8+); "Huawei's" is read as "Huawei"; Chinese is cut
 * into overlapping pairs of characters on both sides, so a two- or three-character word matches
 * inside a longer name, and traditional characters are read as simplified.
 * The results are a listbox the keyboard drives (arrows, Enter, Escape); text goes in as text.
 */
(function () {
  "use strict";
  var input = document.querySelector(".md-search__input");
  var list = document.querySelector(".md-search-result__list");
  var meta = document.querySelector(".md-search-result__meta");
  var toggle = document.getElementById("__search");
  var here = document.currentScript && document.currentScript.src;
  if (!input || !list || !meta || !toggle || !here) return;
  var base = new URL("../", here);
  var MAX_RESULTS = 10;
  var HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
  var engine = null;
  var traditional = {};
  var loading = null;
  var active = -1;

  function load() {
    if (!loading) {
      loading = Promise.all([
        window.MiniSearch ? Promise.resolve() : new Promise(function (resolve, reject) {
          var script = document.createElement("script");
          script.src = new URL("javascripts/vendor/minisearch.js", base).href;
          script.onload = resolve;
          script.onerror = reject;
          document.head.appendChild(script);
        }),
        fetch(new URL("data/search-index.json", base).href).then(function (r) {
          if (!r.ok) throw new Error("search index: HTTP " + r.status);
          return r.json();
        }),
      ]).then(function (loaded) { build(loaded[1]); });
      loading.catch(function () { meta.textContent = "Search could not be loaded."; });
    }
    return loading;
  }

  /* Words for search, the same way for the index and the query. */
  function tokenize(text) {
    var words = [];
    var normal = text.normalize("NFKC").toLowerCase().replace(/[\s\S]/g, function (c) {
      return traditional[c] || c;
    });
    var runs = normal.match(/[\u3400-\u9fff\uf900-\ufaff]+|[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) || [];
    runs.forEach(function (run) {
      if (HAN.test(run)) {
        if (run.length === 1) words.push(run);
        for (var i = 0; i + 1 < run.length; i++) words.push(run.slice(i, i + 2));
      } else {
        run = run.replace(/['’]s$/, "");
        words.push(run);
        if (/['’]/.test(run)) words.push(run.replace(/['’]/g, ""));
      }
    });
    return words;
  }

  function build(index) {
    traditional = index.traditional || {};
    engine = new window.MiniSearch({
      fields: ["t", "n", "x"],
      storeFields: ["t", "n", "s", "k", "u", "r"],
      tokenize: tokenize,
      processTerm: function (term) { return term; },
      searchOptions: {
        boost: { t: 4, n: 4, x: 1 },
        prefix: function (term) { return term.length >= 3 && !HAN.test(term); },
        fuzzy: function (term) {
          if (HAN.test(term)) return 0;
          return term.length >= 8 ? 2 : term.length >= 5 ? 1 : 0;
        },
        weights: { fuzzy: 0.3, prefix: 0.4 },
        boostDocument: function (_id, _term, stored) { return stored ? stored.r : 1; },
      },
    });
    engine.addAll(index.entries.map(function (entry, i) { entry.id = i; return entry; }));
  }

  /* Whole-name matches first: a title or name equal to the query, then one that holds it. */
  function closeness(result, query) {
    var wanted = tokenize(query).join(" ");
    var title = tokenize(result.t).join(" ");
    var names = tokenize(result.n || "").join(" ");
    if (title === wanted) return 3;
    if ((" " + names + " ").indexOf(" " + wanted + " ") >= 0) return 2.5;
    if ((" " + title + " ").indexOf(" " + wanted + " ") >= 0) return 1.6;
    return 1;
  }

  function search(query) {
    var results = engine.search(query).map(function (r) {
      r.score *= closeness(r, query);
      return r;
    });
    results.sort(function (a, b) { return b.score - a.score; });
    return results.slice(0, MAX_RESULTS);
  }

  function option(result, i) {
    var item = document.createElement("li");
    item.className = "md-search-result__item";
    item.setAttribute("role", "none");
    var link = document.createElement("a");
    link.className = "md-search-result__link site-search-result";
    link.href = new URL(result.u, base).href;
    link.id = "site-search-option-" + i;
    link.setAttribute("role", "option");
    link.setAttribute("aria-selected", "false");
    link.tabIndex = -1;
    var kind = document.createElement("span");
    kind.className = "site-search-kind";
    kind.textContent = result.k;
    var title = document.createElement("span");
    title.className = "site-search-title";
    title.textContent = result.t;
    link.append(kind, title);
    if (result.s && result.s !== result.t) {
      var snippet = document.createElement("span");
      snippet.className = "site-search-snippet";
      snippet.textContent = result.s;
      link.append(snippet);
    }
    item.append(link);
    return item;
  }

  function show() {
    var query = input.value.trim();
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (!query) {
      list.replaceChildren();
      meta.textContent = "Type to start searching";
      return;
    }
    if (!engine) {
      meta.textContent = "Loading search…";
      load().then(show);
      return;
    }
    var results = search(query);
    list.replaceChildren.apply(list, results.map(option));
    meta.textContent = results.length === 0 ? "No matching pages"
      : results.length === 1 ? "1 matching page" : results.length + " matching pages";
    input.setAttribute("aria-expanded", results.length ? "true" : "false");
  }

  function choose(i) {
    var options = list.querySelectorAll("[role=option]");
    if (!options.length) return;
    active = (i + options.length) % options.length;
    options.forEach(function (o, j) { o.setAttribute("aria-selected", j === active ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", options[active].id);
    options[active].scrollIntoView({ block: "nearest" });
  }

  function open() {
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    load();
  }

  function close() {
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
    input.blur();
  }

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.addEventListener("focus", open);
  input.addEventListener("input", show);
  input.addEventListener("keydown", function (event) {
    var options = list.querySelectorAll("[role=option]");
    if (event.key === "ArrowDown") { event.preventDefault(); choose(active + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); choose(active - 1); }
    else if (event.key === "Enter") {
      event.preventDefault();
      var target = options[active >= 0 ? active : 0];
      if (target) window.location.href = target.href;
    } else if (event.key === "Escape") { event.preventDefault(); close(); }
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked) { load(); if (document.activeElement !== input) input.focus(); }
  });
  input.form.addEventListener("submit", function (event) { event.preventDefault(); });
  input.form.addEventListener("reset", function () { setTimeout(show, 0); });
  document.addEventListener("keydown", function (event) {
    // "/" or "s" opens search from anywhere but a text field, as Material's own search did.
    var typing = /^(input|textarea|select)$/i.test(event.target.tagName) || event.target.isContentEditable;
    if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "/" || event.key === "s")) {
      event.preventDefault();
      input.focus();
    }
  });
})();
