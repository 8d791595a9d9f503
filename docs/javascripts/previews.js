/* Link previews: pointing at (or tabbing to) a link to a glossary term, a
 * timeline event, a fact or an actor shows a short preview of it.
 *
 * The preview is read from the target page itself (fetched from this site,
 * parsed with DOMParser, which runs no scripts) and built with textContent
 * only: no markup is ever taken from the page, and no `title` attribute is
 * read at all, so nothing a contributor typed can become live markup here.
 *
 * Keyboard: the preview opens when a link gets keyboard focus and closes on
 * Escape or when focus moves on. Pointer: it opens after a short pause over a
 * link, stays while the pointer is over the link or the preview, and closes on
 * Escape. Touch: a tap follows the link as always; no preview gets in the way.
 * Without JavaScript links work as they always do.
 */
(function () {
  "use strict";

  // Where each kind's items live, relative to the site root: the generator's
  // addresses.py (tests/unit/test_previews_js.py keeps the two in step).
  var KINDS = [
    { kind: "term", path: /^glossary\/(?:[^/]+\/)?$/, anchored: true },
    { kind: "event", path: /^timeline\/(?:[^/]+\/)?$/, anchored: true },
    { kind: "fact", path: /^facts\/(?:[^/]+\/)?$/, anchored: true },
    { kind: "actor", path: /^actors\/[^/]+\/$/, anchored: false }
  ];
  var OPEN_DELAY = 350; // ms of pointing before a preview opens
  var CLOSE_DELAY = 250; // ms to move from the link onto the preview
  var MAX_TEXT = 320; // characters of body text

  var pages = new Map(); // page path -> Promise<Document | null>
  var box = null; // the one preview element
  var current = null; // the link whose preview is shown or pending
  var openTimer = 0;
  var closeTimer = 0;
  var dismissed = null; // a link whose preview Escape closed: not reopened until left

  function siteRoot() {
    var config = document.getElementById("__config");
    var base = ".";
    try {
      base = JSON.parse(config.textContent).base || ".";
    } catch (e) {
      /* no theme configuration: the page's own folder */
    }
    return new URL(base.replace(/\/?$/, "/"), window.location.href);
  }

  // What a link points at, if it is an item with a preview: {kind, url, id}.
  function targetOf(link) {
    if (!link.matches(".md-content a[href]") || link.closest(".headerlink, .site-preview")) return null;
    var url = new URL(link.href, window.location.href);
    var root = siteRoot();
    if (url.origin !== root.origin || url.pathname.indexOf(root.pathname) !== 0) return null;
    var path = url.pathname.slice(root.pathname.length);
    for (var i = 0; i < KINDS.length; i++) {
      var k = KINDS[i];
      if (!k.path.test(path)) continue;
      var id = decodeURIComponent(url.hash.slice(1));
      if (k.anchored && !id) return null;
      return { kind: k.kind, url: url, id: k.anchored ? id : "" };
    }
    return null;
  }

  function load(url) {
    var key = url.pathname;
    if (key === window.location.pathname) return Promise.resolve(document);
    if (!pages.has(key)) {
      pages.set(
        key,
        fetch(key, { credentials: "same-origin" })
          .then(function (response) {
            return response.ok ? response.text() : null;
          })
          .then(function (html) {
            return html === null ? null : new DOMParser().parseFromString(html, "text/html");
          })
          .catch(function () {
            return null;
          })
      );
    }
    return pages.get(key);
  }

  // The visible text of an element: hidden parts, permalinks and disclosures left out.
  function textOf(element) {
    if (!element) return "";
    var copy = element.cloneNode(true);
    Array.prototype.forEach.call(
      copy.querySelectorAll("[hidden], .headerlink, details, script, style, template"),
      function (node) {
        node.remove();
      }
    );
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function shorten(text) {
    if (text.length <= MAX_TEXT) return text;
    var cut = text.slice(0, MAX_TEXT);
    return cut.slice(0, Math.max(cut.lastIndexOf(" "), MAX_TEXT - 40)) + "…";
  }

  function firstText(elements) {
    for (var i = 0; i < elements.length; i++) {
      var text = textOf(elements[i]);
      if (text) return text;
    }
    return "";
  }

  function byId(doc, id) {
    return id ? doc.getElementById(id) : null;
  }

  // {label, name, meta, text} for the item, read from its page; null if it is not there.
  var READERS = {
    term: function (doc, id) {
      var heading = byId(doc, id);
      // A term is its heading and the definition right after it.
      var definition = heading && heading.matches(".term-name") && heading.nextElementSibling;
      if (!definition || !definition.matches(".term-definition")) return null;
      return {
        label: "Glossary",
        name: textOf(heading),
        meta: textOf(definition.querySelector(".term-names")),
        text: firstText(definition.querySelectorAll(":scope > p:not(.term-names)"))
      };
    },
    event: function (doc, id) {
      var heading = byId(doc, id);
      var item = heading && heading.closest(".timeline-event");
      if (!item) return null;
      return {
        label: "Timeline",
        name: textOf(heading),
        meta: textOf(item.querySelector(".event-date")),
        text: firstText(item.querySelectorAll(":scope > p:not(.event-date):not(.event-actors)"))
      };
    },
    fact: function (doc, id) {
      var card = byId(doc, id);
      if (!card || !card.matches(".fact-card")) return null;
      return {
        label: textOf(card.querySelector(".fact-kind")) || "Fact",
        name: "",
        meta: textOf(card.querySelector(".fact-label")).replace(/^\S+\s·\s/, ""),
        text: firstText(card.querySelectorAll(":scope > p")),
        outcome: textOf(card.querySelector(".forecast-verdict"))
      };
    },
    actor: function (doc) {
      var heading = doc.querySelector("article h1");
      if (!heading) return null;
      var article = heading.closest("article");
      var kind = textOf(article.querySelector(".actor-kind"));
      var meta = textOf(article.querySelector(".actor-meta"));
      return {
        label: kind || "Actor",
        name: textOf(heading),
        meta: kind && meta.indexOf(kind) === 0 ? meta.slice(kind.length).trim() : meta,
        text: firstText(article.querySelectorAll(".actor-description p, h1 ~ p:not(.actor-meta)"))
      };
    }
  };

  function previewBox() {
    if (box) return box;
    box = document.createElement("div");
    box.id = "site-preview";
    box.className = "site-preview";
    box.setAttribute("role", "tooltip");
    box.hidden = true;
    box.addEventListener("pointerenter", function () {
      clearTimeout(closeTimer);
    });
    box.addEventListener("pointerleave", function () {
      scheduleClose();
    });
    document.body.appendChild(box);
    return box;
  }

  function line(className, text) {
    var p = document.createElement("p");
    p.className = className;
    p.textContent = text;
    return p;
  }

  function fill(preview) {
    var element = previewBox();
    element.replaceChildren();
    element.appendChild(line("site-preview__label", preview.label));
    if (preview.name) element.appendChild(line("site-preview__name", preview.name));
    if (preview.meta) element.appendChild(line("site-preview__meta", preview.meta));
    if (preview.text) element.appendChild(line("site-preview__text", shorten(preview.text)));
    if (preview.outcome) element.appendChild(line("site-preview__outcome", preview.outcome));
  }

  function place(link) {
    var element = previewBox();
    var rect = link.getBoundingClientRect();
    var margin = 8;
    var width = element.offsetWidth;
    var height = element.offsetHeight;
    var left = Math.min(Math.max(rect.left, margin), window.innerWidth - width - margin);
    // An abbreviation inside the link has the theme's own tooltip just below it: go above, out of its way.
    var tooltipBelow = link.querySelector("abbr") !== null;
    var roomAbove = rect.top >= height + margin;
    var roomBelow = rect.bottom + margin + height <= window.innerHeight;
    var below = tooltipBelow ? !roomAbove : roomBelow || !roomAbove;
    var clearance = below && tooltipBelow ? 40 : 0; // px: room for that tooltip when it has to go below
    var top = below ? rect.bottom + margin + clearance : rect.top - height - margin;
    element.style.left = Math.max(left, margin) + window.scrollX + "px";
    element.style.top = top + window.scrollY + "px";
  }

  function open(link) {
    var target = targetOf(link);
    if (!target) return;
    current = link;
    load(target.url).then(function (doc) {
      if (current !== link || !doc) return;
      var preview = READERS[target.kind](doc, target.id);
      if (!preview || !(preview.name || preview.text)) return;
      fill(preview);
      var element = previewBox();
      element.hidden = false;
      place(link);
      link.setAttribute("aria-describedby", element.id);
    });
  }

  function close() {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    if (current) current.removeAttribute("aria-describedby");
    current = null;
    if (box) box.hidden = true;
  }

  function scheduleClose() {
    clearTimeout(closeTimer);
    closeTimer = setTimeout(close, CLOSE_DELAY);
  }

  function linkIn(event) {
    var element = event.target instanceof Element ? event.target.closest("a[href]") : null;
    return element && targetOf(element) ? element : null;
  }

  document.addEventListener("pointerover", function (event) {
    if (event.pointerType === "touch") return;
    var link = linkIn(event);
    if (!link || link === dismissed) return;
    clearTimeout(closeTimer);
    if (link === current) return;
    clearTimeout(openTimer);
    openTimer = setTimeout(function () {
      close();
      open(link);
    }, OPEN_DELAY);
  });

  document.addEventListener("pointerout", function (event) {
    var link = linkIn(event);
    if (!link || (event.relatedTarget instanceof Node && link.contains(event.relatedTarget))) return;
    if (link === dismissed) dismissed = null;
    clearTimeout(openTimer);
    if (link === current) scheduleClose();
  });

  document.addEventListener("focusin", function (event) {
    var link = linkIn(event);
    if (!link || !link.matches(":focus-visible")) return; // keyboard focus, not a click or a tap
    close();
    open(link);
  });

  document.addEventListener("focusout", function (event) {
    var link = linkIn(event);
    if (link && link === current) close();
    if (link === dismissed) dismissed = null;
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !current) return;
    dismissed = current;
    close();
  });

  // A tap or click anywhere else closes an open preview.
  document.addEventListener("pointerdown", function (event) {
    if (box && !box.hidden && !(event.target instanceof Node && box.contains(event.target))) close();
  });
})();
