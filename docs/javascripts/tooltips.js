/* Abbreviation tooltips, built as text.
 *
 * Material's `content.tooltips` builds its tooltips from `title` attributes as
 * HTML, and titles here carry contributors' text (a glossary term's name spells
 * out its abbreviation). So the site leaves that feature off (the build refuses
 * it) and shows its own: the title goes in with textContent, never as markup.
 * Any later hover card or link preview must do the same; a test scans this
 * folder for HTML sinks (innerHTML and the like).
 *
 * Pointing at an abbreviation, or focusing a link that holds one, shows its
 * expansion; Escape, moving away or losing focus hides it. While it shows, the
 * title moves to data-tooltip so the browser does not show a second tooltip.
 */
(function () {
  "use strict";

  var SELECTOR = ".md-typeset abbr[title]";
  var GAP = 4; // px between the abbreviation and its tooltip
  var tip = null;
  var owner = null;

  function hide() {
    if (!owner) return;
    owner.setAttribute("title", owner.getAttribute("data-tooltip"));
    owner.removeAttribute("data-tooltip");
    owner.removeAttribute("aria-describedby");
    tip.remove();
    tip = null;
    owner = null;
  }

  function place() {
    var box = owner.getBoundingClientRect();
    var room = document.documentElement.clientWidth;
    var left = box.left + box.width / 2 - tip.offsetWidth / 2;
    left = Math.max(GAP, Math.min(left, room - tip.offsetWidth - GAP));
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = box.bottom + window.scrollY + GAP + "px";
  }

  function show(target) {
    if (target === owner) return;
    hide();
    var text = target.getAttribute("title");
    if (!text) return;
    tip = document.createElement("div");
    tip.className = "site-tooltip";
    tip.id = "site-tooltip";
    tip.setAttribute("role", "tooltip");
    tip.textContent = text; // text, never markup
    target.setAttribute("data-tooltip", text);
    target.removeAttribute("title");
    target.setAttribute("aria-describedby", tip.id);
    owner = target;
    document.body.appendChild(tip);
    place();
  }

  function abbreviationAt(node) {
    if (!node || !node.closest) return null;
    return node.closest(SELECTOR) || (owner && owner.contains(node) ? owner : null);
  }

  document.addEventListener("mouseover", function (event) {
    if (tip && tip.contains(event.target)) return; // the pointer may rest on the tooltip
    var target = abbreviationAt(event.target);
    if (target) show(target);
    else hide();
  });
  document.addEventListener("mouseout", function (event) {
    if (!event.relatedTarget) hide(); // the pointer left the window
  });
  document.addEventListener("focusin", function (event) {
    var inside = event.target.querySelector ? event.target.querySelector(SELECTOR) : null;
    if (inside) show(inside);
    else hide();
  });
  document.addEventListener("focusout", hide);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });
})();
