"""/api/resources: what the analyst taught the lexicons (the user's overlay), and suggestions to teach them."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request

from marsad.services import auth, corrections
from marsad.web import models as m
from marsad.web.routes_events import ERRORS
from marsad.web.security import ApiError, analyst, viewer

router = APIRouter(prefix="/api/resources", tags=["resources"])


@router.get("", responses=ERRORS)
def list_entries(_: auth.Session = Depends(viewer)) -> list[dict[str, Any]]:
    """Every entry the user's overlay adds to the package's lexicons."""
    return corrections.entries()


@router.get("/suggestion", responses=ERRORS)
def suggest(kind: Literal["actor", "place"], text: str = Query(..., min_length=1, max_length=200),
            target: str | None = Query(None, max_length=200), _: auth.Session = Depends(viewer)) -> dict[str, Any]:
    """Whether words set on a field are new for that actor or place (then the app offers to add them)."""
    return {"suggestion": corrections.suggestion(kind, text, target)}


@router.post("", responses=ERRORS)
def accept(body: m.OverlayIn, request: Request, _: auth.Session = Depends(analyst)) -> dict[str, Any]:
    """Add an alias (or a new place) to the user's overlay; the next extraction uses it."""
    out = corrections.accept(body.kind, body.text, body.target, body.place)
    request.app.state.pipeline = None  # rebuilt with the new entry on the next extraction
    return out


@router.delete("", responses=ERRORS)
def remove(request: Request, file: str = Query(..., max_length=200), id: str = Query(..., max_length=200),
           _: auth.Session = Depends(analyst)) -> dict[str, bool]:
    """Take an entry out of the user's overlay."""
    if not corrections.remove(file, id):
        raise ApiError(404, f"no entry {id!r} in the overlay's {file}")
    request.app.state.pipeline = None
    return {"removed": True}
