// The nav's review-queue count, kept live on the pages that poll JSON (live.js, story.js): each
// answer carries the count, and the poll hands it over as a "polywire:queue" event. Only the
// number in the link is replaced, so the label stays in the page's language.
(function () {
  "use strict";
  var link = document.getElementById("needs-review");
  if (!link) { return; }
  document.addEventListener("polywire:queue", function (event) {
    var count = event.detail, shown = link.getAttribute("data-count");
    if (typeof count !== "number" || String(count) === shown) { return; }
    link.textContent = link.textContent.replace(shown, String(count));
    link.setAttribute("data-count", String(count));
    link.classList.toggle("waiting", count > 0);
  });
})();
