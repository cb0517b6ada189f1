"""The review desk: one ASGI app serving the HTTP API (OpenAPI 3 at /openapi.json, /docs) and the web app.

Every screen of the web app is backed by an API call a script could make (as Datasette's pages have JSON
twins). The web layer is thin: it parses, checks rights and calls `marsad.services`; answers are JSON,
errors are `{"error": ..., "field": ...}` with the status that fits, never a traceback.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from marsad import __version__
from marsad.services.edits import FieldError
from marsad.services.review import NotFound
from marsad.store.database import EventStore, StoreBusyError
from marsad.store.review import VersionConflict, prepare_for_reading
from marsad.web import routes_events, routes_misc, routes_resources
from marsad.web.security import ApiError, BodyLimit, Settings, add_headers, security_headers

LOG = logging.getLogger("marsad.web")
STATIC = Path(str(resources.files("marsad.web") / "static"))
DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Marsad API</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/swagger/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/static/swagger/swagger-ui-bundle.js"></script>
<script src="/static/swagger/docs-init.js"></script></body></html>
"""


def _error(status: int, message: str, field: str | None = None, **extra: object) -> JSONResponse:
    return JSONResponse({"error": message, "field": field, **extra}, status_code=status)


def _validation_message(exc: RequestValidationError) -> tuple[str, str | None]:
    errors = list(exc.errors()) or [{"loc": (), "msg": "invalid request"}]
    if isinstance(exc.body, dict) and "documents" in exc.body:  # a batch: its errors, not the single article's
        errors = [e for e in errors if "DocumentsIn" in e.get("loc", ())] or errors
    err = errors[0]
    where = [str(p) for p in err.get("loc", ())]
    loc = [p for p in where if p not in ("body", "query", "path") and not p.startswith(("ArticleIn", "DocumentsIn"))]
    field = ".".join(loc) or ("body" if where[:1] == ["body"] else None)
    return (f"{field}: {err.get('msg')}" if field else str(err.get("msg"))), field


def add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.message, exc.field, **exc.extra)

    @app.exception_handler(FieldError)
    async def field_error(_: Request, exc: FieldError) -> JSONResponse:
        return _error(422, str(exc), exc.field)

    @app.exception_handler(NotFound)
    async def not_found(_: Request, exc: NotFound) -> JSONResponse:
        return _error(404, str(exc))

    @app.exception_handler(VersionConflict)
    async def conflict(request: Request, exc: VersionConflict) -> JSONResponse:
        from marsad.services.review import Desk

        store = EventStore(request.app.state.settings.db)
        try:
            current = Desk(store).event(exc.event_id)
        finally:
            store.close()
        return _error(409, str(exc), "version", current_version=exc.current, event=current)

    @app.exception_handler(StoreBusyError)
    async def busy(_: Request, exc: StoreBusyError) -> JSONResponse:
        return _error(503, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        message, field = _validation_message(exc)
        return _error(422, message, field)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        LOG.error("%s %s failed", request.method, request.url.path, exc_info=exc)
        return _error(500, f"internal error ({type(exc).__name__}); the server log has the details")


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(title="Marsad", version=__version__, docs_url=None, redoc_url=None,
                  description="Conflict events coded from Arabic news, ACLED-style, with the words behind every "
                              "field: review, edit, merge, split and export them.")
    app.state.settings = settings
    app.state.pipeline = None
    if Path(settings.db).exists():
        store = EventStore(settings.db)
        try:
            prepare_for_reading(store._execute, analyse=True)
        finally:
            store.close()
    app.include_router(routes_events.router)
    app.include_router(routes_misc.router)
    app.include_router(routes_resources.router)
    add_error_handlers(app)
    app.middleware("http")(add_headers(security_headers(settings.tiles)))
    hosts = settings.allowed_hosts()
    if hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts)
    app.add_middleware(BodyLimit, limit=settings.max_body)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(DOCS_PAGE)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    if STATIC.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
