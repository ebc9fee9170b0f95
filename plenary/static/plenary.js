// What every page does with JavaScript on; without it every page works the same, only plainer.
// - The header's menu folds behind a button on narrow screens.
// - A form that comes back refused puts the focus on its first message.
// - Each moment shown in a session's time zone also says the reader's own time.
(function () {
  "use strict";

  function menu() {
    var header = document.querySelector("header.site");
    var toggle = header && header.querySelector(".menu-toggle");
    if (!toggle) { return; }
    toggle.hidden = false;
    header.classList.add("js-menu");
    toggle.addEventListener("click", function () {
      var open = header.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  // The message about the whole form (it comes first), else the first field with a message.
  var REFUSED = ".form-errors, [aria-invalid='true']";

  function focusRefusal(form) {
    var target = form && form.querySelector(REFUSED);
    if (target) { target.focus(); }
  }

  // Each table scrolls in its own box when it is wider than the screen; the box can then be
  // reached and scrolled with the keyboard, and is named after the table's caption.
  function scrollBoxes(root) {
    root.querySelectorAll("main table").forEach(function (table) {
      var box = table.parentElement;
      if (!box.classList.contains("table-scroll")) {
        box = document.createElement("div");
        box.className = "table-scroll";
        table.parentNode.insertBefore(box, table);
        box.appendChild(table);
      }
      if (box.scrollWidth > box.clientWidth + 1) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        var caption = table.querySelector("caption");
        box.setAttribute("aria-label", (caption && caption.textContent.trim()) || document.body.dataset.tableLabel);
      }
    });
  }

  function readerTime(element) {
    if (element.dataset.readerDone) { return; }
    element.dataset.readerDone = "1";
    var moment = new Date(element.getAttribute("datetime"));
    if (isNaN(moment.getTime())) { return; }
    var reader = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!reader || reader === element.dataset.zone) { return; }
    // The page's language, with the reader's own conventions for it (en-GB, fr-CH…); English
    // otherwise as UN documents write it.
    var lang = document.documentElement.lang || "en";
    var own = navigator.language || "";
    if (own.toLowerCase().indexOf(lang.toLowerCase()) === 0) { lang = own; }
    else if (lang === "en") { lang = "en-GB"; }
    var zoned = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short", timeZone: element.dataset.zone });
    var local = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });
    // The same wall-clock time in both zones needs no second statement.
    if (zoned.format(moment) === local.format(moment)) { return; }
    var span = document.createElement("span");
    span.className = "reader-time";
    span.textContent = " " + element.dataset.readerLabel.replace("%s", local.format(moment));
    element.insertAdjacentElement("afterend", span);
  }

  function readerTimes(root) {
    root.querySelectorAll("time[data-zone][data-reader-label]").forEach(readerTime);
  }

  function start() {
    menu();
    scrollBoxes(document);
    readerTimes(document);
    var refused = document.querySelector("form .form-errors, form [aria-invalid='true']");
    focusRefusal(refused && refused.closest("form"));
    document.body.addEventListener("htmx:load", function (event) {
      var element = event.detail.elt;
      readerTimes(element);
      if (element.querySelectorAll) { scrollBoxes(element); }
      if (element.matches && element.matches("form")) { focusRefusal(element); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
