// The live room: when the floor or the list changes, fetch the server-rendered list and show it.
// Without JavaScript (or without a socket) the page is the same list; reloading shows changes.
(function () {
  "use strict";
  var room = document.getElementById("live");
  if (!room || !("WebSocket" in window)) { return; }
  var delay = 1000;

  function refresh() {
    fetch(room.dataset.fragment, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html !== null) { room.innerHTML = html; } });
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + room.dataset.socket);
    socket.onopen = function () { delay = 1000; room.dataset.live = "connected"; };
    // The first message is the state on connecting: refreshing then also catches a change
    // made between loading the page and opening the socket.
    socket.onmessage = refresh;
    socket.onclose = function (event) {
      room.dataset.live = "closed";
      if (event.code === 4404) { return; }  // not a room this person may watch
      window.setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }
  connect();
})();
