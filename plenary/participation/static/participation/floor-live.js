// The live room: each message carries the room as the server rendered it, in this page's
// language; it replaces the room in place, without asking the server for anything.
// Without JavaScript (or without a socket) the page is the same room; reloading shows changes.
(function () {
  "use strict";
  var room = document.getElementById("live");
  if (!room || !("WebSocket" in window)) { return; }
  var delay = 1000;

  function show(event) {
    var state;
    try { state = JSON.parse(event.data); } catch (error) { return; }
    if (typeof state.html !== "string") { return; }
    room.innerHTML = state.html;
    room.dataset.status = state.status || "";
    room.dataset.underDiscussion = (state.under_discussion && state.under_discussion.eid) || "";
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + room.dataset.socket);
    socket.onopen = function () { delay = 1000; room.dataset.live = "connected"; };
    // The first message is the room on connecting: showing it also catches a change made
    // between loading the page and opening the socket.
    socket.onmessage = show;
    socket.onclose = function (event) {
      room.dataset.live = "closed";
      if (event.code === 4404) { return; }  // not a room this person may watch
      window.setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }
  connect();
})();
