"""Which stored reports are one incident, kept up to date as reports arrive, change or are pinned by an
analyst: the regrouping half of the event store (`EventStore` mixes it in).

The rule of what makes two reports one incident, and what the merged event says, is `store/merge.py`;
here the reports a change can touch are found (the same sub-type, a day either side, and everything linked
to them), regrouped, and the resulting events written, with their ids, aliases and ACLED numbers.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import timedelta
from typing import Any

from marsad.acled.rows import cnty_number
from marsad.store import review
from marsad.store.ids import report_event_id
from marsad.store.merge import (
    DATE_SLACK_DAYS,
    Report,
    distance_km,
    group_reports,
    merged_record,
    representative,
    same_incident,
)

REGROUP_LIMIT = 60  # linked reports regrouped exactly for each new one; past it, new reports are placed


def now() -> tuple[str, int]:
    t = time.time()
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)), int(t)


class IncidentGrouping:
    """Regrouping of reports into events; needs the store's `_execute`, `_records` and hooks."""

    _execute: Callable[..., sqlite3.Cursor]
    _records: dict[tuple[int, int], tuple[str, dict[str, Any]]]
    record_hooks: list[Callable[..., dict[str, Any]]]
    rekey_hooks: list[Callable[..., None]]

    def _reports(self, where: str, params: Iterable[Any] = ()) -> Iterator[Report]:
        for r in self._execute("SELECT r.document_id, r.position, r.record, r.sort_key, r.country, r.event_id, "
                               f"d.ext_id FROM reports r JOIN documents d ON d.id = r.document_id WHERE {where}",
                               params):
            key = (r["document_id"], r["position"])
            rec = self._records.get(key)
            if rec is None or rec[0] != r["record"]:
                rec = self._records[key] = (r["record"], json.loads(r["record"]))
            yield Report(r["document_id"], r["position"], rec[1], r["sort_key"], r["ext_id"], r["country"],
                         r["event_id"])

    def _candidates(self, report: Report, windows: dict[tuple[str, str], list[Report]]) -> list[Report]:
        """The stored reports that could be the same incident (same sub-event type, a day either side); each
        day's reports are read once per regrouping."""
        day = report.day
        if day is None:
            return []
        sub = report.record["sub_event_type"]
        out = []
        for k in range(-DATE_SLACK_DAYS, DATE_SLACK_DAYS + 1):
            d = (day + timedelta(days=k)).isoformat()
            if (sub, d) not in windows:
                windows[(sub, d)] = list(self._reports("r.sub_event_type = ? AND r.event_date = ?", (sub, d)))
            out.extend(windows[(sub, d)])
        return out

    def _regroup(self, seeds: list[Report], old_events: Iterable[str] = ()) -> None:
        """Regroup every report that the seeds (new or changed reports) and the old events' reports can link
        to, directly or through others, and store the resulting events."""
        region: dict[tuple[int, int], Report] = {r.key: r for r in seeds}
        windows: dict[tuple[str, str], list[Report]] = {}
        frontier = list(seeds)
        for eid in old_events:
            frontier.extend(self._reports("r.event_id = ?", (eid,)))
        done: set[tuple[int, int]] = set()
        expanded: set[str] = set(old_events)
        while frontier:
            r = frontier.pop()
            if r.key in done:
                continue
            done.add(r.key)
            region.setdefault(r.key, r)
            if len(region) > REGROUP_LIMIT:
                return self._place_greedily(seeds, old_events, windows)
            for c in self._candidates(r, windows):
                if c.key not in region and same_incident(r, c):
                    region[c.key] = c
                    frontier.append(c)
                    if c.event_id and c.event_id not in expanded:
                        expanded.add(c.event_id)
                        frontier.extend(m for m in self._reports("r.event_id = ?", (c.event_id,))
                                        if m.key not in region)
        before = {r.event_id for r in region.values() if r.event_id} | set(old_events)
        after = self._pinned(region)  # reports an analyst merged or split stay where the analyst put them
        pinned = {r.key for g in after.values() for r in g}
        for group in group_reports(r for r in region.values() if r.key not in pinned):
            after.setdefault(_founder_id(group), []).extend(group)
        for eid, group in after.items():
            self._write_event(eid, group)
        for old in before - set(after):
            if review.analyst_owned(self._execute, old):
                continue  # an event an analyst edited, reviewed, merged or split is never dropped
            new = next((eid for eid, g in after.items() if any(r.event_id == old for r in g)), None)
            self._execute("DELETE FROM events WHERE event_id = ?", (old,))
            if new is not None:
                self._execute("INSERT OR REPLACE INTO event_aliases VALUES (?, ?)", (old, new))
                for hook in self.rekey_hooks:
                    hook(self, old, new)

    def _pinned(self, region: dict[tuple[int, int], Report]) -> dict[str, list[Report]]:
        out: dict[str, list[Report]] = {}
        for r in region.values():
            eid = review.pinned_event(self._execute, r.document_id, r.record["sub_event_type"],
                                      r.record.get("event_date"))
            if eid:
                out.setdefault(eid, []).append(r)
        return out

    def _place_greedily(self, seeds: list[Report], old_events: Iterable[str],
                        windows: dict[tuple[str, str], list[Report]]) -> None:
        """Past REGROUP_LIMIT linked reports (a district shelled every day), regrouping all of them for every
        new article costs too much: each new report joins the nearest event whose every report it links (or
        founds one), and existing events stay as they are. Only here can the order of ingest matter."""
        for eid in old_events:  # a reprocessed document's former events: what is left of them
            rest = list(self._reports("r.event_id = ?", (eid,)))
            if rest:
                self._write_event(eid, rest)
            else:
                self._execute("DELETE FROM events WHERE event_id = ?", (eid,))
        for s in sorted(seeds, key=lambda r: r.sort_key):
            options = {c.event_id for c in self._candidates(s, windows) if c.event_id and same_incident(s, c)}
            best: tuple[float, str, str, list[Report]] | None = None
            for eid in options:
                members = list(self._reports("r.event_id = ?", (eid,)))
                if all(same_incident(s, m) for m in members):
                    km = min(distance_km(s, m) for m in members)
                    if best is None or (km, members[0].sort_key) < best[:2]:
                        best = (km, min(m.sort_key for m in members), eid, members)
            if best is None:
                self._write_event(_founder_id([s]), [s])
            else:
                self._write_event(best[2], [*best[3], s])
            for w in windows.values():  # the window copies of this report now know its event
                for c in w:
                    if c.key == s.key:
                        c.event_id = s.event_id

    def _write_event(self, event_id: str, reports: list[Report]) -> None:
        """Store the event of these reports: its merged record (after the hooks) and flat columns; unchanged
        events are not touched (a no-change reprocess changes nothing, not even a timestamp)."""
        rec = merged_record(reports)
        for hook in self.record_hooks:
            rec = hook(self, event_id, rec)
        best = representative(reports)
        for r in reports:
            if r.event_id != event_id:
                self._execute("UPDATE reports SET event_id = ? WHERE document_id = ? AND position = ?",
                              (event_id, r.document_id, r.position))
                self._execute("UPDATE evidence SET event_id = ? WHERE document_id = ? AND position = ?",
                              (event_id, r.document_id, r.position))
                r.event_id = event_id
        text = json.dumps(rec, ensure_ascii=False)
        row = self._execute("SELECT record, evidence_document, cnty_number FROM events WHERE event_id = ?",
                            (event_id,)).fetchone()
        if row is not None and row["record"] == text and row["evidence_document"] == best.document:
            return
        stamp, _ = now()
        if row is None:
            self._execute("INSERT INTO events (event_id, event_type, sub_event_type, created_at, updated_at) "
                          "VALUES (?,?,?,?,?)", (event_id, rec["event_type"], rec["sub_event_type"], stamp, stamp))
        if row is None or row["cnty_number"] is None:
            number = cnty_number(event_id)
            while self._execute("SELECT 1 FROM events WHERE cnty_number = ?", (number,)).fetchone():
                number += 1  # a rare clash of derived numbers: the next free one, kept from then on
            self._execute("UPDATE events SET cnty_number = ? WHERE event_id = ?", (number, event_id))
        a1, a2, loc = rec.get("actor1") or {}, rec.get("actor2") or {}, rec.get("location") or {}
        self._execute(
            "UPDATE events SET event_type=?, sub_event_type=?, event_date=?, time_precision=?, actor1=?, actor1_id=?,"
            " inter1=?, actor2=?, actor2_id=?, inter2=?, assoc_actor_1=?, assoc_actor_2=?, country=?, admin1=?,"
            " admin2=?, admin3=?, location=?, place_id=?, latitude=?, longitude=?, geo_precision=?, fatalities=?,"
            " notes=?, confidence=?, updated_at=?, record=?, evidence_document=? WHERE event_id=?",
            (rec["event_type"], rec["sub_event_type"], rec["event_date"], rec["time_precision"],
             a1.get("name"), a1.get("id"), a1.get("inter"), a2.get("name"), a2.get("id"), a2.get("inter"),
             json.dumps([a["name"] for a in rec.get("assoc_actor_1") or []], ensure_ascii=False),
             json.dumps([a["name"] for a in rec.get("assoc_actor_2") or []], ensure_ascii=False),
             loc.get("country") or best.country, loc.get("admin1"), loc.get("admin2"), loc.get("admin3"),
             loc.get("name"), loc.get("place_id"), loc.get("latitude"), loc.get("longitude"),
             loc.get("geo_precision"), rec["fatalities"], rec.get("notes"), rec["confidence"], stamp, text,
             best.document, event_id))
        review.apply_edits(self._execute, event_id)  # the analyst's fields win over the machine's

    def refresh(self, event_id: str) -> None:
        """Recompute one event from its reports (after a hook's data changed, e.g. an analyst's edit)."""
        reports = list(self._reports("r.event_id = ?", (event_id,)))
        if reports:
            self._write_event(event_id, reports)

    _refresh = refresh  # the name the review services use

    def resolve(self, event_id: str) -> str:
        """The current id of an event known by an older id (or the id itself)."""
        for _ in range(20):
            row = self._execute("SELECT event_id FROM event_aliases WHERE old_id = ?", (event_id,)).fetchone()
            if row is None:
                break
            event_id = row[0]
        return event_id


def _founder_id(group: list[Report]) -> str:
    """An event's id: that of its earliest report (the group is sorted by sort key)."""
    founder = group[0]
    return report_event_id(founder.sort_key.split("|")[1], founder.position, founder.record["sub_event_type"])
