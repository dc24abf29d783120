// Starts Swagger UI on /api/docs/ (a static file, so the page needs no inline script).
(function () {
  "use strict";
  var element = document.getElementById("swagger-ui");
  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : null;
  }
  window.ui = SwaggerUIBundle({
    url: element.getAttribute("data-schema-url"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: "BaseLayout",
    // A signed-in browser session may try staff endpoints: send Django's CSRF token with it.
    requestInterceptor: function (request) {
      var token = csrfToken();
      if (token) { request.headers["X-CSRFToken"] = token; }
      return request;
    }
  });
}());
