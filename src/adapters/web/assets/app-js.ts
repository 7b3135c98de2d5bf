/**
 * The console's only script, served as /console/assets/app.js (the CSP
 * allows scripts from the console's own origin only). Everything works
 * without it; with it: the composer completes command names and shows their
 * argument hints, sends without reloading, forms show their errors in place,
 * and new posts arrive live over server-sent events.
 */
export const APP_JS = String.raw`"use strict";
(function () {
  var list = document.getElementById("messages");
  var composer = document.getElementById("composer");

  function parse(markup) { return new DOMParser().parseFromString(markup, "text/html"); }
  function scrollDown() { if (list) list.lastElementChild && list.lastElementChild.scrollIntoView({ block: "end" }); }
  function firstField(root) { return root && root.querySelector("input:not([type=hidden]), select, textarea"); }

  /** Adds messages not shown yet; returns the ones added. */
  function addMessages(items) {
    var added = [];
    items.forEach(function (item) {
      if (!item.id || document.getElementById(item.id)) return;
      list.appendChild(document.importNode(item, true));
      added.push(document.getElementById(item.id));
    });
    if (added.length) {
      var empty = document.getElementById("empty-note");
      if (empty) empty.remove();
      scrollDown();
    }
    return added;
  }

  function syncFrom(doc) {
    // The sidebar too: a command may have made a project (a new dashboard) or a channel.
    var nav = document.querySelector("nav.sidebar"), freshNav = doc.querySelector("nav.sidebar");
    if (nav && freshNav && !nav.contains(document.activeElement)) nav.replaceWith(document.importNode(freshNav, true));
    var fresh = doc.getElementById("messages");
    if (!fresh || !list) return [];
    return addMessages(Array.prototype.slice.call(fresh.children));
  }

  function post(form) {
    return fetch(form.action, { method: "POST", body: new URLSearchParams(new FormData(form)), credentials: "same-origin", headers: { accept: "text/html" } })
      .then(function (res) { return res.text().then(function (text) { return { status: res.status, doc: parse(text) }; }); });
  }

  function focusNewForm(added) {
    for (var i = 0; i < added.length; i++) {
      var field = firstField(added[i] && added[i].querySelector("form.reply-form"));
      if (field) { field.focus(); return true; }
    }
    return false;
  }

  if (list) {
    scrollDown();
    // Forms and buttons inside messages: errors replace the form in place.
    list.addEventListener("submit", function (event) {
      var form = event.target;
      if (!(form instanceof HTMLFormElement)) return;
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      if (button) button.disabled = true;
      post(form).then(function (r) {
        if (button) button.disabled = false;
        if (r.status === 422 && form.id) {
          var again = r.doc.getElementById(form.id);
          if (again) {
            form.replaceWith(document.importNode(again, true));
            var replaced = document.getElementById(form.id);
            var invalid = replaced.querySelector("[aria-invalid=true]") || firstField(replaced);
            if (invalid) invalid.focus();
            return;
          }
        }
        var added = syncFrom(r.doc);
        if (!focusNewForm(added) && composer) composer.querySelector("input[name=text]").focus();
      }).catch(function () { if (button) button.disabled = false; form.submit(); });
    });

    if (window.EventSource && list.dataset.events) {
      var source = new EventSource(list.dataset.events);
      source.addEventListener("message", function (event) {
        try { syncFrom(parse("<ol id=\"messages\">" + JSON.parse(event.data) + "</ol>")); } catch (e) { /* ignore a malformed event */ }
      });
    }
  }

  if (!composer) return;
  var input = composer.querySelector("input[name=text]");
  var box = document.getElementById("composer-suggestions");
  var hint = document.getElementById("composer-hint");
  var defaultHint = hint.textContent;
  var commands = [];
  var active = -1;
  fetch("/console/assets/commands.json", { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (c) { commands = c; });

  function options() { return Array.prototype.slice.call(box.querySelectorAll("[role=option]")); }
  function close() { box.hidden = true; box.textContent = ""; active = -1; input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant"); }
  function setActive(i) {
    var opts = options();
    if (!opts.length) return;
    active = (i + opts.length) % opts.length;
    opts.forEach(function (o, j) { o.setAttribute("aria-selected", j === active ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", opts[active].id);
  }
  function accept(i) {
    var opts = options();
    var chosen = opts[i < 0 ? 0 : i];
    if (!chosen) return false;
    input.value = chosen.dataset.name + " ";
    close();
    update();
    return true;
  }
  function update() {
    var typed = input.value.replace(/^\s+/, "").replace(/\s+/g, " ").toLowerCase();
    var exact = null;
    commands.forEach(function (c) { if ((typed === c.name || typed.indexOf(c.name + " ") === 0) && (!exact || c.name.length > exact.name.length)) exact = c; });
    hint.textContent = exact ? exact.usage + " — " + exact.summary + (exact.example ? " (e.g. " + exact.example + ")" : "") : defaultHint;
    var matches = typed && !exact ? commands.filter(function (c) { return c.name.indexOf(typed) === 0; }) : [];
    if (!matches.length && typed && !exact) matches = commands.filter(function (c) { return c.name.indexOf(typed.split(" ")[0]) === 0 && typed.indexOf(" ") < 0; });
    box.textContent = "";
    active = -1;
    if (!matches.length) { close(); return; }
    matches.slice(0, 12).forEach(function (c, i) {
      var li = document.createElement("li");
      li.id = "composer-option-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.dataset.name = c.name;
      var name = document.createElement("strong");
      name.textContent = c.name;
      var usage = document.createElement("span");
      usage.textContent = " " + c.usage.slice(c.name.length);
      li.appendChild(name);
      li.appendChild(usage);
      li.addEventListener("mousedown", function (e) { e.preventDefault(); accept(i); input.focus(); });
      box.appendChild(li);
    });
    box.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }
  input.addEventListener("input", update);
  input.addEventListener("blur", function () { setTimeout(close, 100); });
  input.addEventListener("keydown", function (e) {
    var open = !box.hidden;
    if (e.key === "ArrowDown" && open) { e.preventDefault(); setActive(active + 1); }
    else if (e.key === "ArrowUp" && open) { e.preventDefault(); setActive(active - 1); }
    else if (e.key === "Tab" && open && !e.shiftKey) { if (accept(active)) e.preventDefault(); }
    else if (e.key === "Enter" && open && active >= 0) { e.preventDefault(); accept(active); }
    else if (e.key === "Escape" && open) { e.preventDefault(); close(); }
  });

  composer.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!input.value.trim()) return;
    var body = new URLSearchParams(new FormData(composer));
    input.value = "";
    close();
    hint.textContent = defaultHint;
    fetch(composer.action, { method: "POST", body: body, credentials: "same-origin", headers: { accept: "text/html" } })
      .then(function (res) { return res.text(); })
      .then(function (text) {
        var added = syncFrom(parse(text));
        if (!focusNewForm(added)) input.focus();
      });
  });
})();
`;
