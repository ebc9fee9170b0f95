// Starts the bundled Swagger UI on /api/docs from the settings the page carries as JSON, so
// that the page needs no inline script. Writes from "Try it out" send the CSRF token when
// the reader is signed in (API tokens go in the Authorize dialog).
"use strict";
(function () {
  var settings = JSON.parse(document.getElementById("swagger-settings").textContent);
  var csrfToken = document.body.dataset.csrfToken;
  settings.dom_id = "#swagger-ui";
  settings.presets = [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset];
  settings.requestInterceptor = function (request) {
    if (csrfToken) {
      request.headers["X-CSRFToken"] = csrfToken;
    }
    return request;
  };
  window.ui = SwaggerUIBundle(settings);

  // Each operation's summary is a button that also holds a link to the operation: a control
  // inside a control, which screen readers cannot reach. The button already opens it and
  // updates the address (deep linking), so the inner link gives up its href.
  function unnest() {
    document.querySelectorAll(".opblock-summary-control a[href]").forEach(function (link) {
      link.removeAttribute("href");
    });
  }
  new MutationObserver(unnest).observe(document.getElementById("swagger-ui"), {
    childList: true,
    subtree: true,
  });
})();
