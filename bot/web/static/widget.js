// The embeddable chat: one line on any council page,
//   <script src="https://<gateway>/widget.js" defer></script>
// adds a "Chat about care and support" button that opens the chat in a panel (an iframe of
// the full page, so the page's own styles cannot break it). Escape or the close button
// closes it and puts focus back on the button.
"use strict";
(function () {
  var script = document.currentScript;
  var origin = new URL(script.src).origin;
  var lang = (document.documentElement.lang || "en").split("-")[0];
  var words = { open: "Chat about care and support", close: "Close chat" };
  var style = document.createElement("style");
  style.textContent =
    ".sc-chat-open{position:fixed;inset-block-end:1rem;inset-inline-end:1rem;z-index:2147483000;font:700 1rem/1.25 system-ui,sans-serif;" +
    "min-height:2.75rem;padding:.625rem 1rem;background:#00703c;color:#fff;border:.125rem solid #fff;border-radius:.25rem;cursor:pointer}" +
    ".sc-chat-open:focus-visible,.sc-chat-close:focus-visible{outline:.1875rem solid #0b0c0c;box-shadow:0 0 0 .375rem #fd0}" +
    ".sc-chat-panel{position:fixed;inset-block-end:0;inset-inline-end:0;z-index:2147483001;width:min(30rem,100vw);height:min(42rem,100vh);" +
    "display:flex;flex-direction:column;background:#fff;border:.125rem solid #0b0c0c;box-shadow:0 0 1rem rgba(0,0,0,.3)}" +
    ".sc-chat-panel[hidden]{display:none}.sc-chat-panel iframe{flex:1;border:0;width:100%}" +
    ".sc-chat-close{align-self:flex-end;margin:.25rem;min-height:2.75rem;padding:.5rem .875rem;font:1rem system-ui,sans-serif;" +
    "background:#fff;color:#0b0c0c;border:.125rem solid #505a5f;border-radius:.25rem;cursor:pointer}";
  document.head.appendChild(style);

  var open = document.createElement("button");
  open.type = "button";
  open.className = "sc-chat-open";
  open.textContent = words.open;
  open.setAttribute("aria-expanded", "false");
  var panel = document.createElement("div");
  panel.className = "sc-chat-panel";
  panel.hidden = true;
  panel.setAttribute("role", "region");
  panel.setAttribute("aria-label", words.open);
  var close = document.createElement("button");
  close.type = "button";
  close.className = "sc-chat-close";
  close.textContent = words.close;
  panel.appendChild(close);
  open.setAttribute("aria-controls", panel.id = "sc-chat-panel");

  function show() {
    if (!panel.querySelector("iframe")) {
      var frame = document.createElement("iframe");
      frame.src = origin + "/?embed=1&lang=" + encodeURIComponent(lang);
      frame.title = words.open;
      panel.appendChild(frame);
    }
    panel.hidden = false;
    open.setAttribute("aria-expanded", "true");
    close.focus();
  }
  function hide() {
    panel.hidden = true;
    open.setAttribute("aria-expanded", "false");
    open.focus();
  }
  open.addEventListener("click", function () { panel.hidden ? show() : hide(); });
  close.addEventListener("click", hide);
  panel.addEventListener("keydown", function (event) { if (event.key === "Escape") hide(); });
  // The button's words in the page's language, from the same catalogs as the chat.
  fetch(origin + "/web/interface/" + encodeURIComponent(lang))
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (data) {
      if (!data) return;
      words = { open: data.words.open_chat, close: data.words.close_chat };
      open.textContent = words.open; close.textContent = words.close; panel.setAttribute("aria-label", words.open);
    })
    .catch(function () { /* English words stay */ });
  function mount() { document.body.appendChild(open); document.body.appendChild(panel); }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
