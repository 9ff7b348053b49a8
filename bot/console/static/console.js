// The console's live parts: the queue and a conversation refresh themselves every few
// seconds (new messages appear without reloading). Polling does not count as activity,
// so an idle console still signs out. The server sends escaped HTML.
"use strict";
(function () {
  var queue = document.querySelector("[data-poll='/console/queue.html']");
  var transcript = document.getElementById("transcript");
  function poll(url, apply) {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { if (r.status === 401) { location.href = "/console/sign-in"; return null; } return r.json(); })
      .then(function (data) { if (data) apply(data); })
      .catch(function () { /* try again next time */ });
  }
  if (queue) {
    var summary = document.getElementById("queue-summary");
    setInterval(function () {
      poll(queue.dataset.poll, function (data) {
        if (queue.innerHTML !== data.html) queue.innerHTML = data.html;
        if (summary.textContent !== data.summary) summary.textContent = data.summary;
      });
    }, 3000);
  }
  if (transcript) {
    var last = 0;
    transcript.querySelectorAll("[data-id]").forEach(function (li) { last = Math.max(last, +li.dataset.id); });
    var state = document.getElementById("item-state");
    setInterval(function () {
      poll(transcript.dataset.poll + "?after=" + last, function (data) {
        if (data.html) { transcript.insertAdjacentHTML("beforeend", data.html); last = data.last; }
        if (state && state.textContent.indexOf(data.state) !== 0) state.textContent = data.state;
      });
    }, 2000);
  }
})();
