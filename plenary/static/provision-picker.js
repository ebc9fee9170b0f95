// Adds a filter box above each provision picker ("Filter the list", its hint as placeholder):
// typing a number, a title or words keeps only the provisions that match. Without this script the picker is a plain list that works as is.
(function () {
  "use strict";
  function normal(text) {
    return text.toLocaleLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }
  function attach(picker) {
    var select = picker.tagName === "SELECT" ? picker : picker.querySelector("select");
    if (!select || picker.querySelector("input[type=search]")) return;
    var input = document.createElement("input");
    input.type = "search";
    input.id = select.id + "-filter";
    input.setAttribute("aria-controls", select.id);
    var label = document.createElement("label");
    label.htmlFor = input.id;
    label.textContent = picker.dataset.filterLabel || "Filter";
    input.className = "provision-filter";
    label.className = "visually-hidden";
    input.placeholder = picker.dataset.filterHint || "";
    select.parentNode.insertBefore(label, select);
    select.parentNode.insertBefore(input, select);
    input.addEventListener("input", function () {
      var words = normal(input.value).split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) return;
        var group = option.parentNode.label || "";
        var text = normal(group + " " + option.text);
        option.hidden = !words.every(function (w) { return text.indexOf(w) !== -1; });
      });
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
        group.hidden = !Array.prototype.some.call(group.children, function (o) { return !o.hidden; });
      });
    });
  }
  function attachAll(root) {
    Array.prototype.forEach.call(root.querySelectorAll("[data-provision-picker]"), attach);
  }
  document.addEventListener("DOMContentLoaded", function () { attachAll(document); });
  document.addEventListener("htmx:afterSwap", function (event) { attachAll(event.target); });
})();
