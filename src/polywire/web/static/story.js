// The desk's story page follows its story live: poll the small JSON beside the page (the
// story's shown state, each language's state and verdict, and the nav's review-queue count,
// handed to queue.js) every second and a half; when the story
// changes, fetch the page again and swap in the story's state and every language section that
// changed, leaving alone a section someone is typing in or has typed into. (An embargo's
// countdown is countdown.js.)
(function () {
  "use strict";
  var head = document.getElementById("story-head");
  if (!head) { return; }
  var url = head.getAttribute("data-live");
  var last = null;
  function busy(section) {
    var active = document.activeElement;
    if (active && active !== document.body && section.contains(active)) { return true; }
    return Array.prototype.some.call(section.querySelectorAll("input, textarea"), function (field) {
      return field.type !== "hidden" && field.value !== field.defaultValue;
    });
  }
  function swap(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var state = fresh.getElementById("story-state");
    var shown = document.getElementById("story-state");
    if (state && shown) {
      shown.className = state.className;
      shown.textContent = state.textContent;
    }
    ["story-meta", "history"].forEach(function (id) {  // a new version: its line, its history
      var arrived = fresh.getElementById(id), here = document.getElementById(id);
      if (arrived && here && arrived.outerHTML !== here.outerHTML) {
        here.replaceWith(document.adoptNode(arrived));
      }
    });
    var languages = document.getElementById("languages");
    var arrived = fresh.getElementById("languages");
    var sections = languages.querySelectorAll("section.translation");
    if (arrived && arrived.querySelectorAll("section.translation").length !== sections.length) {
      if (!Array.prototype.some.call(sections, busy)) { languages.replaceWith(document.adoptNode(arrived)); }
      return;
    }
    fresh.querySelectorAll("section.translation").forEach(function (section) {
      var here = document.getElementById(section.id);
      if (!here) { return; }
      if (here.outerHTML === section.outerHTML || busy(here)) { return; }
      here.replaceWith(document.adoptNode(section));
    });
  }
  function refresh() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (data) {
        if (data === null) { return null; }
        document.dispatchEvent(new CustomEvent("polywire:queue", { detail: data.needs_review }));
        delete data.needs_review;  // another story joining the queue is no change to this one
        var story = JSON.stringify(data);
        if (story === last) { return null; }
        last = story;  // the first answer fetches the page too: it may have changed since it loaded
        return fetch(window.location.pathname, { credentials: "same-origin" })
          .then(function (answer) { return answer.ok ? answer.text() : null; })
          .then(function (html) { if (html) { swap(html); } });
      })
      .catch(function () { /* offline for a moment: try again on the next tick */ });
  }
  refresh();
  window.setInterval(refresh, 1500);
})();
