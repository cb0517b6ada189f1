"""Date expressions in Arabic news, resolved against the day of publication.

All words live in `resources/dates.yaml`; this module holds the logic: one pass over
`doc.tokens` with set lookups on `Token.forms` and small look-arounds; phrases are looked
up only where their first word occurs.

Conventions (`precision` is ACLED's time_precision: 1 day, 2 week, 3 month):

- Coded day (`date`) of a span: the middle day of [date_from, date_to], rounded down; a
  whole calendar month is coded on the 15th. When publication falls inside the span, the
  middle of the part up to publication is taken instead, so a current span is never coded
  after publication. `date` always lies within [date_from, date_to].
- Weekdays ("الخميس", "يوم الخميس"): the most recent such day on or before publication;
  with الماضي/الفائت/المنصرم strictly before (a Thursday's "الخميس الماضي" is 7 days back);
  with المقبل/القادم strictly after.
- "ليلة الخميس" is coded Thursday. "ليلة الخميس/الجمعة" (one night over two days) is coded
  the day it began (ACLED codes the start day), Thursday, with date_to the Friday; the
  Friday is the most recent Friday on or before publication. Both stay precision 1.
- "الليلة الماضية" (last night) is the night that began the day before publication: pub - 1.
- "الساعات الماضية": publication day. "اليومين الماضيين": pub-2..pub, precision 2.
  "الأيام الماضية": pub-7..pub, precision 2.
- "الأسبوع الماضي": pub-8..pub, precision 2, which holds both readings (the last 7 days and
  most of the previous calendar week). Calendar weeks run Saturday-Friday (ACLED's week) for
  "هذا الأسبوع" and for parts of weeks ("مطلع الأسبوع الماضي").
- Parts of a month: مطلع/أوائل days 1-10, منتصف 11-20, أواخر/نهاية 21-end, precision 2.
  A bare "مطلع/نهاية الأسبوع/الشهر" whose part has not begun yet is read as the previous one.
- "منذ/قبل N أيام": pub-N, precision 1 up to 6 days, else precision 2 (pub-N ± 3 days);
  N weeks: pub-7N ± 3, precision 2; N months: pub-30N ± 15, precision 3; "قبل أيام": pub-7..pub-1.
- A month without a year: the most recent such month not after publication; with الماضي the
  most recent one strictly before publication's month; with الجاري publication's. A day and a
  month without a year: the most recent such day not after publication (strictly before
  with الماضي). Either needs publication.
- Years alone ("عام 2011", "العام الماضي"): precision 3 with `date` None and date_from/date_to
  Jan 1/Dec 31, so the event stage can tell background history from a current event.
- Hijri dates use the tabular (arithmetic) Islamic calendar, which can differ by a day or
  two from the observed (moon-sighting) calendar.
- `relative` is True when publication was needed. Without publication, relative
  expressions are still found, with date/date_from/date_to None.
"""

from __future__ import annotations

from marsad.model import DateMention, Document
from marsad.stages.dates.calendar import hijri_to_gregorian
from marsad.stages.dates.cursor import Cursor
from marsad.stages.dates.explicit import ExplicitReader
from marsad.stages.dates.lexicon import Lexicon, lexicon
from marsad.stages.dates.published import parse_published
from marsad.stages.dates.scanner import Scanner


def find_dates(doc: Document, lex: Lexicon | None = None) -> list[DateMention]:
    """Every date expression in doc (after `arabic.analyse`), resolved against `doc.published`.

    Sets `doc.dates` (sorted by start) and returns it.
    """
    if not doc.tokens:
        doc.dates = []
        return doc.dates
    cur = Cursor(doc, lex or lexicon())
    found = Scanner(cur, ExplicitReader(cur)).run()
    found.sort(key=lambda m: m.start)
    doc.dates = found
    return found


class DateFinder:
    """The dates stage: date expressions resolved against the publication day, with ACLED's precision."""

    name = "dates"
    requires = ("text",)
    provides = ("dates",)

    def __init__(self) -> None:
        # a bad dates.yaml fails when the pipeline is built, not on the first article; a cached pipeline brings it
        self.lexicon = lexicon()

    def __call__(self, doc: Document) -> Document:
        find_dates(doc, self.lexicon)
        return doc


__all__ = ["DateFinder", "find_dates", "parse_published", "hijri_to_gregorian"]
