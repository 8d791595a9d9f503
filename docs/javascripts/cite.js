/* "Cite this": the citation in the page names the statement, the site and the permanent
   address; when a reader opens it, this adds the date they accessed it, as citation styles ask.
   Without scripts the citation is complete but for that date. */
(function () {
  "use strict";
  var format = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric" });

  function addAccessDate(details) {
    var samp = details.querySelector(".fact-cite-text samp");
    if (!samp || samp.hasAttribute("data-accessed")) return;
    var today = format.format(new Date());
    samp.setAttribute("data-accessed", today);
    samp.textContent = samp.textContent.trim() + " Accessed " + today + ".";
  }

  document.addEventListener(
    "toggle",
    function (event) {
      var details = event.target;
      if (details instanceof HTMLDetailsElement && details.open && details.classList.contains("fact-cite")) {
        addAccessDate(details);
      }
    },
    true
  );
})();
