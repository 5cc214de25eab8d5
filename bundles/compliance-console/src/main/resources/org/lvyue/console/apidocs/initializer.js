// Swagger UI on the product's own description; nothing is fetched from elsewhere (no online validator).
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    validatorUrl: null,
    // the credentials stay in the page: a reload asks for them again
    persistAuthorization: false
  });
});
