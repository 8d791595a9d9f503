/* Timeline filters: progressive enhancement.
 *
 * Without JavaScript the timeline page shows every event and the filter form
 * stays hidden. Here the form is revealed; choosing a topic or an actor hides
 * the events that do not match, hides year groups left empty, updates the
 * count, and mirrors the choice in the address (?topic=…&actor=…) so a
 * filtered view can be shared. Works with Material's instant navigation
 * (document$ emits on every page swap) and without it.
 */
(function () {
  "use strict";

  function setUp(root) {
    var form = root.querySelector("form.timeline-filters");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "true";

    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var output = form.querySelector("output.timeline-count");
    var lists = Array.prototype.slice.call(root.querySelectorAll("ol.timeline"));
    var events = Array.prototype.slice.call(root.querySelectorAll("li.timeline-event"));

    function wordsOf(element, attribute) {
      return (element.getAttribute("data-" + attribute) || "").split(/\s+/).filter(Boolean);
    }

    // The heading that opens a year group, if the list has one right before it.
    function headingOf(list) {
      var previous = list.previousElementSibling;
      return previous && /^H[1-6]$/.test(previous.tagName) ? previous : null;
    }

    // Its entries in the table of contents (Material renders one in the sidebar
    // and one inside the navigation drawer for small screens).
    function tocEntriesOf(heading) {
      if (!heading || !heading.id) return [];
      var escaped = window.CSS && CSS.escape ? CSS.escape(heading.id) : heading.id;
      var links = document.querySelectorAll('.md-nav--secondary a[href="#' + escaped + '"]');
      return Array.prototype.map.call(links, function (link) { return link.parentElement; });
    }

    function readQuery() {
      var params = new URLSearchParams(window.location.search);
      selects.forEach(function (select) {
        var wanted = params.get(select.name) || "";
        var known = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; });
        select.value = known ? wanted : "";
      });
    }

    function writeQuery() {
      var params = new URLSearchParams(window.location.search);
      selects.forEach(function (select) {
        if (select.value) params.set(select.name, select.value);
        else params.delete(select.name);
      });
      var query = params.toString();
      var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      window.history.replaceState(window.history.state, "", address);
    }

    function apply() {
      var shown = 0;
      events.forEach(function (event) {
        var matches = selects.every(function (select) {
          return !select.value || wordsOf(event, select.dataset.filter).indexOf(select.value) !== -1;
        });
        event.hidden = !matches;
        if (matches) shown += 1;
      });
      lists.forEach(function (list) {
        var empty = !list.querySelector("li.timeline-event:not([hidden])");
        var heading = headingOf(list);
        list.hidden = empty;
        if (heading) heading.hidden = empty;
        tocEntriesOf(heading).forEach(function (entry) { entry.hidden = empty; });
      });
      var filtered = selects.some(function (select) { return select.value; });
      if (output) {
        output.textContent = filtered
          ? "Showing " + shown + " of " + events.length + " events"
          : "Showing all " + events.length + " events";
      }
    }

    readQuery();
    apply();
    form.hidden = false;
    form.addEventListener("change", function () {
      apply();
      writeQuery();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  }

  function run() { setUp(document); }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(run);  // Material: fires on load and after each instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
