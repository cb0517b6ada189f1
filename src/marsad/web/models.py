"""The API's request and response shapes (they make /openapi.json, which schemathesis checks answers against)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

MAX_TEXT = 200_000
MAX_BATCH = 20
Id = Annotated[int, Field(ge=0, le=2**53)]  # ids, versions and offsets SQLite can hold


class Error(BaseModel):
    error: str
    field: str | None = None


class Conflict(Error):
    current_version: int
    event: dict[str, Any] | None = None


class Loose(BaseModel):
    model_config = ConfigDict(extra="allow")


class Source(Loose):
    document_id: int | None = None
    document: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None


class Review(BaseModel):
    status: Literal["unreviewed", "approved", "rejected"]
    reason: str | None = None
    by: str | None = None
    at: str | None = None


class EventOut(Loose):
    event_id: str
    event_type: str
    sub_event_type: str
    event_date: str | None = None
    fatalities: int
    version: int
    review: Review
    edited: list[str]
    sources: list[dict[str, Any]]


class EventDetail(EventOut):
    reports: list[dict[str, Any]]
    evidence: list[dict[str, Any]]
    edits: dict[str, Any]


class EventPageOut(BaseModel):
    events: list[EventOut]
    total: int
    counts: dict[str, int]
    offset: int
    limit: int | None


class ArticleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    published: str | None = Field(None, description="publication date, YYYY-MM-DD", max_length=40)
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=4000)
    outlet: str | None = Field(None, max_length=200)
    id: str | None = Field(None, max_length=200)


class DocumentsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    documents: list[ArticleIn] = Field(min_length=1, max_length=MAX_BATCH)


class IngestedOut(BaseModel):
    results: list[dict[str, Any]]
    new: int
    known: int
    failed: int


class ExtractOut(Loose):
    id: str
    events: list[dict[str, Any]]


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: Literal["approve", "reject", "reset"]
    reason: str | None = Field(None, max_length=2000)
    version: Id | None = None


class MergeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    event_ids: list[str] = Field(min_length=2, max_length=50)
    versions: dict[str, Id] | None = None


class SplitIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    document_ids: list[Id] = Field(min_length=1, max_length=200)
    version: Id | None = None


class SplitOut(BaseModel):
    event: EventDetail
    new_event: EventDetail


class EvidenceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    document_id: Id
    field: Literal["event", "actor1", "actor2", "location", "date", "fatalities", "assoc_actor_1",
                   "assoc_actor_2", "notes", "sub_event_type"]
    start: int = Field(ge=0, le=10_000_000)
    end: int = Field(ge=1, le=10_000_000)
    version: Id | None = None


class HistoryEntry(BaseModel):
    id: int
    user: str | None
    at: str
    action: str
    before: Any = None
    after: Any = None
    reason: str | None = None


class DocumentOut(Loose):
    id: int
    text: str
    evidence: list[dict[str, Any]]
    events: list[EventOut]


class LoginIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1000)


class SessionOut(BaseModel):
    user: str
    role: str
    csrf: str
    auth: bool


class OverlayIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["actor_alias", "place_alias", "place"]
    text: str = Field(min_length=1, max_length=200, description="the words of the article (Arabic)")
    target: str | None = Field(None, max_length=200, description="the actor or place id the words name")
    place: dict[str, Any] | None = Field(None, description="a new place: name, country, admin1, latitude, longitude")
    event_id: str | None = Field(None, max_length=64)
