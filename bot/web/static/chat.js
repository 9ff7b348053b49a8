// The live part of the chat page. No libraries, no build step.
// Messages are added to the role="log" region once each, so screen readers announce each
// once; status (writing, reconnecting) goes to the role="status" region. Nothing the person
// writes is lost: unsent messages wait in an outbox (kept across reloads) and are sent again
// with the same id when the connection is back; the server keeps each id once.
"use strict";
(function () {
  var root = document.documentElement;
  var $ = function (id) { return document.getElementById(id); };
  var transcript = $("transcript"), statusBox = $("status"), form = $("composer"), input = $("message");
  var errorBox = $("message-error"), picker = $("language"), easyRead = $("easy-read");
  var words = JSON.parse($("words").textContent);
  var maxChars = parseInt(root.dataset.maxChars, 10) || 2000;
  var store = safeStorage();
  var socket = null, retryDelay = 1000, retryTimer = null, lastId = 0, connected = false;
  var seen = {};  // message ids already shown
  var outbox = JSON.parse(store.getItem("chat.outbox") || "[]");
  var language = { code: root.dataset.code, lang: root.lang, dir: root.dir, easy_read: root.dataset.easyRead === "true" };
  var PHONE = /(\b0\d{3} ?\d{3} ?\d{4}\b|\b116 ?123\b|\b999\b|\b111\b|\b101\b)/g;

  function safeStorage() {
    try { localStorage.setItem("chat.test", "1"); localStorage.removeItem("chat.test"); return localStorage; }
    catch (e) { var memory = {}; return { getItem: function (k) { return memory[k] || null; },
      setItem: function (k, v) { memory[k] = String(v); }, removeItem: function (k) { delete memory[k]; } }; }
  }
  function saveOutbox() { store.setItem("chat.outbox", JSON.stringify(outbox)); }
  function newId() {
    var bytes = new Uint8Array(12); crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function setStatus(text) { if (statusBox.textContent !== text) statusBox.textContent = text; }

  // Text with phone numbers as tap-to-call links; built with DOM nodes, never innerHTML.
  function withPhoneLinks(element, text) {
    var parts = text.split(PHONE);
    parts.forEach(function (part, i) {
      if (i % 2 === 1) {
        var link = document.createElement("a");
        link.href = "tel:" + part.replace(/ /g, "");
        link.textContent = part;
        element.appendChild(link);
      } else if (part) {
        element.appendChild(document.createTextNode(part));
      }
    });
  }
  // The emergency numbers in the page's own words become tap-to-call links too.
  function linkPhoneTexts() {
    document.querySelectorAll(".phone-text").forEach(function (element) {
      var text = element.textContent; element.textContent = ""; withPhoneLinks(element, text);
    });
  }
  function paragraphs(container, text) {
    text.split(/\n+/).forEach(function (line) {
      if (!line.trim()) return;
      var p = document.createElement("p");
      withPhoneLinks(p, line);
      container.appendChild(p);
    });
  }

  function authorLabel(author) { return author === "person" ? words.you : author === "staff" ? words.staff : words.assistant; }

  function buildMessage(message) {
    var custom = message.custom || {};
    var article = document.createElement("div");
    article.className = "message message-" + (message.author || "assistant");
    var lang = message.author === "person" ? language.lang : (custom.language || language.lang);
    article.lang = lang;
    article.dir = custom.direction || (message.author === "person" ? "auto" : language.dir);
    if (message.id) article.dataset.id = message.id;
    if (message.client_id) article.dataset.clientId = message.client_id;
    var who = document.createElement("p");
    who.className = "who";
    who.textContent = authorLabel(message.author);
    article.appendChild(who);
    var body = document.createElement("div");
    paragraphs(body, message.text || "");
    article.appendChild(body);
    if (message.buttons && message.buttons.length) {
      var list = document.createElement("ul");
      list.className = "options";
      list.setAttribute("aria-label", words.options);
      message.buttons.forEach(function (button) {
        var item = document.createElement("li");
        var b = document.createElement("button");
        b.type = "button";
        b.className = "button";
        b.textContent = button.title;
        b.addEventListener("click", function () { say(button.payload, button.title); input.focus(); });
        item.appendChild(b);
        list.appendChild(item);
      });
      article.appendChild(list);
    }
    return article;
  }

  function show(message) {
    if (message.id && seen[message.id]) return;
    if (message.client_id) {  // our own message coming back from the server: it is kept
      outbox = outbox.filter(function (item) { return item.id !== message.client_id; });
      saveOutbox();
      var mine = transcript.querySelector('[data-client-id="' + message.client_id + '"]');
      if (mine) { markSent(mine, message.id); return; }
    }
    if (message.id) { seen[message.id] = true; lastId = Math.max(lastId, message.id); }
    transcript.appendChild(buildMessage(message));
    input.scrollIntoView({ block: "nearest" });
  }
  function markSent(element, id) {
    if (id) { element.dataset.id = id; seen[id] = true; lastId = Math.max(lastId, id); }
    var pending = element.querySelector(".pending");
    if (pending) pending.remove();
    outbox = outbox.filter(function (item) { return item.id !== element.dataset.clientId; });
    saveOutbox();
  }
  function showPending(item) {
    var element = buildMessage({ author: "person", text: item.shown || item.text, client_id: item.id });
    var note = document.createElement("p");
    note.className = "pending";
    note.textContent = words.not_sent;
    element.appendChild(note);
    transcript.appendChild(element);
  }

  function send(frame) {
    if (socket && connected && socket.readyState === WebSocket.OPEN) { socket.send(JSON.stringify(frame)); return true; }
    return false;
  }
  function say(text, shown) {
    var item = { type: "say", id: newId(), text: text };
    if (shown) item.shown = shown;
    outbox.push(item);
    saveOutbox();
    showPending(item);
    send(item);
  }

  function showError(text) {
    errorBox.textContent = text;
    errorBox.hidden = !text;
    form.setAttribute("aria-invalid", text ? "true" : "false");
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    if (!text.trim()) { showError(words.empty); input.focus(); return; }
    if (text.length > maxChars) { showError(words.too_long); input.focus(); return; }  // the text stays in the box
    showError("");
    say(text);
    input.value = "";
    input.focus();
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) { event.preventDefault(); form.requestSubmit(); }
  });

  // Language, Easy Read and text size -----------------------------------------------------
  function applyLanguage(event, words_) {
    language = event;
    root.lang = event.lang;
    root.dir = event.dir;
    root.dataset.code = event.code;
    easyRead.setAttribute("aria-pressed", event.easy_read ? "true" : "false");
    picker.value = event.easy_read ? "en" : event.code;
    $("privacy-link").href = "/privacy?lang=" + encodeURIComponent(event.code);
    if (words_) {
      words = words_;
      document.querySelectorAll("[data-i18n]").forEach(function (element) {
        var text = words[element.dataset.i18n];
        if (text !== undefined) element.textContent = text;
      });
      linkPhoneTexts();
    }
  }
  function followLanguage(event) {
    if (event.code === root.dataset.code) { applyLanguage(event, null); return; }
    fetch("/web/interface/" + encodeURIComponent(event.code))
      .then(function (r) { return r.json(); })
      .then(function (data) { applyLanguage(event, data.words); })
      .catch(function () { applyLanguage(event, null); });
  }
  picker.addEventListener("change", function () { send({ type: "language", code: picker.value }); });
  easyRead.addEventListener("click", function () {
    var on = easyRead.getAttribute("aria-pressed") !== "true";
    send({ type: "language", code: on ? "en-easy" : "en" });
  });
  var textSize = parseInt(store.getItem("chat.textSize") || "100", 10);
  function applyTextSize() { root.style.fontSize = textSize + "%"; store.setItem("chat.textSize", String(textSize)); }
  $("smaller").addEventListener("click", function () { textSize = Math.max(100, textSize - 25); applyTextSize(); });
  $("larger").addEventListener("click", function () { textSize = Math.min(200, textSize + 25); applyTextSize(); });
  applyTextSize();

  // Help that is always there ---------------------------------------------------------------
  $("talk-to-person").addEventListener("click", function () { say("/talk_to_person", words.talk_to_person); input.focus(); });
  var toggle = $("emergency-toggle"), emergency = $("emergency");
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    emergency.hidden = !open;
  });
  linkPhoneTexts();

  // Save and print --------------------------------------------------------------------------
  $("save").addEventListener("click", function () {
    var lines = [words.saved_title, new Date().toLocaleString(language.lang), ""];
    transcript.querySelectorAll(".message").forEach(function (m) {
      var who = m.querySelector(".who").textContent;
      var text = Array.prototype.map.call(m.querySelectorAll("div > p"), function (p) { return p.textContent; }).join("\n");
      lines.push(who + ": " + text, "");
    });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([lines.join("\n")], { type: "text/plain;charset=utf-8" }));
    link.download = "conversation.txt";
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
  $("print").addEventListener("click", function () { window.print(); });

  // The connection ---------------------------------------------------------------------------
  function handle(event) {
    if (event.type === "session") {
      store.setItem("chat.token", event.token);
      connected = true;
      retryDelay = 1000;
      followLanguage(event.language);
      setStatus("");
    } else if (event.type === "history") {
      transcript.setAttribute("aria-busy", "true");  // a restored conversation is not read out again
      event.messages.forEach(show);
      transcript.setAttribute("aria-busy", "false");
      outbox.forEach(function (item) {
        if (!transcript.querySelector('[data-client-id="' + item.id + '"]')) showPending(item);
        send(item);
      });
    } else if (event.type === "message") {
      show(event.message);
    } else if (event.type === "status") {
      statusBox.dataset.state = event.state;
      setStatus(event.state === "typing" ? words.typing : event.state === "waiting_person" ? words.waiting_person
        : event.state === "with_person" ? words.with_person : "");
    } else if (event.type === "language") {
      followLanguage(event);
    } else if (event.type === "error" && event.text) {
      showError(event.text);
    }
  }
  function connect() {
    clearTimeout(retryTimer);
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + "/web/socket");
    socket.addEventListener("open", function () {
      socket.send(JSON.stringify({ type: "hello", token: store.getItem("chat.token"), after: lastId,
        hint: root.dataset.code }));  // the page's language: from ?lang= or the browser's preference
    });
    socket.addEventListener("message", function (message) {
      try { handle(JSON.parse(message.data)); } catch (e) { /* a frame we do not understand is ignored */ }
    });
    socket.addEventListener("close", function () {
      var wasConnected = connected;
      connected = false;
      if (wasConnected || outbox.length) setStatus(words.reconnecting);
      retryTimer = setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 15000);
    });
  }
  window.addEventListener("online", function () { if (!connected) { retryDelay = 1000; connect(); } });
  connect();
})();
