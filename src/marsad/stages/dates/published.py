"""The day an article was published, as the date rules count from it (the local calendar day)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from marsad.acled.outlets import outlet_zone
from marsad.stages.dates.lexicon import lexicon


def parse_published(value: str | date | None, outlet: str | None = None) -> date | None:
    """ISO date or date-time of the input record -> the LOCAL calendar day of publication.

    Feed timestamps are often UTC; reports are local, so a time just after midnight UTC may already
    be the next local day. Local is the time zone of the outlet's country when Marsad knows the outlet
    (outlets.tsv), else dates.yaml's `local_utc_offset_hours`. A naive date-time is taken as local.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        return value
    else:
        text = str(value).strip()
        if not text:
            return None
        try:
            if len(text) == 10:
                return date.fromisoformat(text)
            dt = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            raise ValueError(f"not an ISO 8601 date or date-time: {value!r}") from None
    if dt.tzinfo is not None:
        try:
            dt = dt.astimezone(outlet_zone(outlet) or timezone(timedelta(hours=lexicon().utc_offset)))
        except OverflowError:  # 9999-12-31T23:00Z is a day past the calendar's end in local time
            raise ValueError(f"date-time out of the calendar's range: {value!r}") from None
    return dt.date()
