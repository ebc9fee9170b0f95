// Counts down the speaking time of whoever has the floor; without it the page shows the limit.
(function () {
  "use strict";
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function show(timer) {
    var calledAt = Date.parse(timer.dataset.calledAt);
    var limit = parseInt(timer.dataset.limit, 10);
    if (isNaN(calledAt) || isNaN(limit)) { return; }
    var left = Math.round(limit - (Date.now() - calledAt) / 1000);
    var sign = left < 0 ? "−" : "";
    var abs = Math.abs(left);
    timer.textContent = sign + Math.floor(abs / 60) + ":" + pad(abs % 60);
    timer.classList.toggle("over", left < 0);
  }
  function tick() {
    // Looked up on every tick: the live room may have replaced the timer since.
    document.querySelectorAll(".timer[data-called-at]").forEach(show);
  }
  function start() {
    tick();
    window.setInterval(tick, 1000);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
