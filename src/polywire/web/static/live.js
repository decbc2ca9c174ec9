// Live refresh of the stories table: poll the JSON beside the page and update each row's
// states in place, and the nav's review-queue count (queue.js). It polls rather than follows the stream: the states it shows (translating,
// needs review, delivered …) change as jobs finish, and only releases are on the event log.
(function () {
  "use strict";
  var table = document.getElementById("stories");
  if (!table) { return; }
  var url = table.getAttribute("data-live");
  function pill(language, state, delivered) {
    var span = document.createElement("span");
    span.className = "pill state-" + state;
    span.title = language + ": " + state;
    span.textContent = language + " · " + state.replace("_", " ") +
      (delivered ? " · " + delivered + " delivered" : "");
    return span;
  }
  function refresh() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        document.dispatchEvent(new CustomEvent("polywire:queue", { detail: data.needs_review }));
        data.stories.forEach(function (story) {
          var row = table.querySelector('tr[data-story="' + story.id + '"]');
          if (!row) { return; }
          var state = row.querySelector(".state");
          state.className = "state state-" + story.state;
          state.textContent = story.state;
          var cell = row.querySelector(".langs");
          cell.replaceChildren.apply(cell, Object.keys(story.languages).map(function (lang) {
            return pill(lang, story.languages[lang], story.delivered[lang]);
          }));
        });
        var known = table.querySelectorAll("tr[data-story]").length;
        if (data.stories.length > known) { window.location.reload(); }
      })
      .catch(function () { /* offline for a moment: try again on the next tick */ });
  }
  window.setInterval(refresh, 2000);
})();
