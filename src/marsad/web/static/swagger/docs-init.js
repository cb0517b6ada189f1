// The API documentation page: Swagger UI over the desk's own OpenAPI description (served, not fetched).
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
