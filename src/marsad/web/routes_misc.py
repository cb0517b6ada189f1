"""/api: extract, documents, export, lexicon searches, stats, sessions and the user's resource overlay."""

from __future__ import annotations

import re
import threading
import time
from typing import Any, Literal

from fastapi import APIRouter, Body, Depends, Path, Query, Request, Response

from marsad.services import auth, lookup
from marsad.services.review import Desk
from marsad.store.database import EventStore
from marsad.store.event_query import EventQuery
from marsad.web import models as m
from marsad.web.routes_events import ERRORS, event_query
from marsad.web.security import SESSION_COOKIE, ApiError, Settings, analyst, current_session, get_store, viewer

router = APIRouter(prefix="/api")
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
EXPORT_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8",
                "geojson": "application/geo+json; charset=utf-8", "parquet": "application/vnd.apache.parquet"}
_PIPELINE_LOCK = threading.Lock()


def _pipeline(request: Request) -> Any:
    """The extraction pipeline, built once per server (it takes a moment) and run one document at a time."""
    state = request.app.state
    with _PIPELINE_LOCK:
        if getattr(state, "pipeline", None) is None:
            from marsad.pipeline import Pipeline

            state.pipeline = Pipeline.default(gazetteer=state.settings.gazetteer)
        return state.pipeline


def _document(article: m.ArticleIn, default_id: str) -> Any:
    from marsad.model import Document
    from marsad.stages.dates import parse_published

    try:
        published = parse_published(article.published)
    except ValueError as exc:
        raise ApiError(422, str(exc), "published") from None
    return Document(article.id or default_id, article.text, published, article.title, article.url, article.outlet)


@router.post("/extract", response_model=m.ExtractOut, tags=["extract"], responses=ERRORS)
def extract(article: m.ArticleIn, request: Request, _: auth.Session = Depends(viewer)) -> Any:
    """Events of one article, with the evidence of every field; nothing is stored."""
    from marsad.io.serialize import result_record
    from marsad.services.extraction import extract_document

    doc = _document(article, "doc")
    pipeline = _pipeline(request)
    with _PIPELINE_LOCK:
        outcome = extract_document(doc, pipeline)
    return result_record(outcome.result, outcome.error)


@router.post("/documents", response_model=m.IngestedOut, tags=["documents"], responses=ERRORS)
def add_documents(request: Request, body: m.ArticleIn | m.DocumentsIn = Body(...),
                  store: EventStore = Depends(get_store), _: auth.Session = Depends(analyst)) -> Any:
    """Ingest one article or a small batch: the same dedup and ids as `marsad ingest`."""
    from marsad.services.ingestion import ingest_documents

    articles = body.documents if isinstance(body, m.DocumentsIn) else [body]
    docs = [_document(a, f"api-{int(time.time())}-{n}") for n, a in enumerate(articles)]
    pipeline = _pipeline(request)
    results, counts = [], {"new": 0, "known": 0, "failed": 0}
    for doc in docs:
        with _PIPELINE_LOCK:
            s = ingest_documents([doc], store, pipeline, "api")
        counts["new"] += s.new
        counts["known"] += s.known
        counts["failed"] += s.failed
        if s.failed:
            results.append({"id": doc.id, "error": str(s.problems[0]) if s.problems else "failed"})
        else:
            results.append({"id": doc.id, "new": bool(s.new), "document_id": s.document_ids[0] if s.new else None,
                            "events": s.events, "merged": s.merged})
    return {"results": results, **counts}


@router.get("/documents/{document_id}", response_model=m.DocumentOut, tags=["documents"], responses=ERRORS)
def get_document(document_id: int = Path(ge=0, le=2**53), store: EventStore = Depends(get_store),
                 _: auth.Session = Depends(viewer)) -> Any:
    """An article: text, metadata, every evidence span and the events it supports."""
    return Desk(store).document(document_id)


@router.get("/documents/{document_id}/explain", tags=["documents"], responses=ERRORS)
def explain_document(request: Request, document_id: int = Path(ge=0, le=2**53), store: EventStore = Depends(get_store),
                     _: auth.Session = Depends(viewer)) -> dict[str, Any]:
    """The extractor's decision trace on a stored article: every candidate, its trigger, decision and why."""
    from marsad.stages.events.explain import explain_document as explain

    doc = Desk(store).stored_document(document_id)
    pipeline = _pipeline(request)
    with _PIPELINE_LOCK:
        return explain(doc, pipeline).to_dict()


@router.get("/export", tags=["export"], responses={**ERRORS, 200: {"content": {t: {} for t in EXPORT_TYPES.values()}}})
def export(format: Literal["csv", "jsonl", "geojson", "parquet"] = "csv",
           filename: str | None = Query(None, max_length=100, description="name of the file to save, no folders"),
           query: EventQuery = Depends(event_query), store: EventStore = Depends(get_store),
           _: auth.Session = Depends(viewer)) -> Response:
    """The filtered events exactly as `marsad export` writes them, stamped with the snapshot time and filters."""
    from marsad.web.exporting import export_bytes

    if filename is not None and not SAFE_NAME.match(filename):
        raise ApiError(422, "a file name is letters, digits, '.', '_' or '-' (no folders)", "filename")
    snapshot = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    data, summary = export_bytes(store, query, format)
    name = filename or f"marsad-events-{snapshot.replace(':', '')}.{format}"
    return Response(data, media_type=EXPORT_TYPES[format], headers={
        "content-disposition": f'attachment; filename="{name}"', "x-marsad-snapshot": snapshot,
        "x-marsad-filters": _header_json(query.as_dict()), "x-marsad-events": str(summary.written),
        "x-marsad-summary": summary.message()})


def _header_json(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=True, default=str)


@router.get("/gazetteer/search", tags=["lexicons"])
def gazetteer_search(request: Request, q: str = Query(..., min_length=1, max_length=100),
                     limit: int = Query(20, ge=1, le=lookup.MAX_RESULTS),
                     _: auth.Session = Depends(viewer)) -> list[dict[str, Any]]:
    """Places whose Arabic or English name matches."""
    return lookup.search_places(q, limit, request.app.state.settings.gazetteer)


@router.get("/actors/search", tags=["lexicons"])
def actors_search(q: str = Query(..., min_length=1, max_length=100), limit: int = Query(20, ge=1, le=50),
                  _: auth.Session = Depends(viewer)) -> list[dict[str, Any]]:
    """Actors whose Arabic or English name (or alias) matches."""
    return lookup.search_actors(q, limit)


@router.get("/taxonomy", tags=["lexicons"])
def taxonomy(_: auth.Session = Depends(viewer)) -> dict[str, list[str]]:
    """ACLED's event types and their sub-event types."""
    from marsad.acled.taxonomy import EVENT_TYPES

    return {k: list(v) for k, v in EVENT_TYPES.items()}


@router.get("/stats", tags=["stats"])
def stats(store: EventStore = Depends(get_store), _: auth.Session = Depends(viewer)) -> dict[str, Any]:
    """Documents, events, reports; events by type, month, admin1, status; the commonest actors."""
    return Desk(store).stats()


@router.get("/config", tags=["session"])
def config(request: Request) -> dict[str, Any]:
    """What the web app needs to know: the tile server the user configured (if any)."""
    settings: Settings = request.app.state.settings
    return {"tiles": settings.tiles, "version": request.app.version}


# --- sessions ---------------------------------------------------------------------------------------

@router.get("/session", response_model=m.SessionOut, tags=["session"], responses=ERRORS)
def session(store: EventStore = Depends(get_store), s: auth.Session = Depends(current_session)) -> Any:
    """Who you are, your role and the CSRF token to send with every change."""
    return {"user": s.user, "role": s.role, "csrf": s.csrf, "auth": auth.has_users(store)}


@router.post("/login", response_model=m.SessionOut, tags=["session"], responses=ERRORS)
def login(body: m.LoginIn, request: Request, response: Response, store: EventStore = Depends(get_store)) -> Any:
    origin = request.headers.get("origin")
    if origin is not None and origin != f"{request.url.scheme}://{request.headers.get('host', '')}":
        raise ApiError(403, f"requests from {origin} are not accepted")
    try:
        token, s = auth.login(store, body.name, body.password)
    except auth.AuthError as exc:
        raise ApiError(401, str(exc)) from None
    response.set_cookie(SESSION_COOKIE, token, max_age=auth.SESSION_SECONDS, httponly=True, samesite="strict",
                        secure=request.app.state.settings.cookie_secure(), path="/")
    return {"user": s.user, "role": s.role, "csrf": s.csrf, "auth": True}


@router.post("/logout", tags=["session"], responses=ERRORS)
def logout(request: Request, response: Response, store: EventStore = Depends(get_store),
           _: auth.Session = Depends(current_session)) -> dict[str, bool]:
    auth.logout(store, request.cookies.get(SESSION_COOKIE))
    response.delete_cookie(SESSION_COOKIE, path="/")
    return {"ok": True}
