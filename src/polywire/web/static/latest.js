// The public "latest" list, fed by the stream: every story released in the list's language and
// sector arrives as a Server-Sent Event from /newsroom/stream (the frames desktops get, without
// a token) and goes on top; a correction replaces its headline, a withdrawal takes it off. The
// stream starts where the page's list was read, and the browser resumes it after a break. A list
// shows each story once: on the all-languages list, another language of a story listed already
// changes nothing.
(function () {
  "use strict";
  var list = document.getElementById("latest");
  if (!list) { return; }
  var LONGEST = 50;  // as many as the page lists

  function itemFor(story) {
    var item = document.createElement("li");
    item.setAttribute("data-story", story.story_id);
    var link = document.createElement("a");
    link.href = "/news/" + story.language + "/" + story.story_id;
    link.lang = story.language;
    link.hreflang = story.language;
    link.dir = "auto";
    var when = document.createElement("small");
    when.className = "meta";
    item.append(link, " ", when);
    return item;
  }

  function show(story) {
    var item = list.querySelector('li[data-story="' + CSS.escape(story.story_id) + '"]');
    if (story.pubstatus === "canceled") {
      if (item) { item.remove(); }
      return;
    }
    if (!item) {
      item = itemFor(story);
      // "2026-11-25T09:30:12.345+00:00" → "2026-11-25 09:30 UTC"
      item.querySelector("small").textContent =
        story.language + " · " + story.created.slice(0, 16).replace("T", " ") + " UTC";
    }
    var link = item.querySelector("a");
    if (link.lang !== story.language) { return; }  // listed in another language
    link.textContent = story.headline;
    var empty = list.querySelector("li.muted");
    if (empty) { empty.remove(); }
    list.prepend(item);
    while (list.children.length > LONGEST) { list.lastElementChild.remove(); }
  }

  var stream = new EventSource(list.getAttribute("data-stream"));
  stream.addEventListener("released", function (event) { show(JSON.parse(event.data)); });
})();
