"""Actors stage: find armed groups, forces and generic actors and normalise their names.

The lexicon (`resources/actors.yaml`) holds each actor's ACLED-style name, Arabic
aliases, `inter` code and parent. Descriptors such as ميليشيا or عناصر are
absorbed into a mention without blocking it, and a bare reference such as
التنظيم resolves to the organisation the article is about.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from marsad.model import Actor, ActorMention, Document, Token
from marsad.resource_files import ResourceError, load_yaml, on_clear
from marsad.text import normalize
from marsad.text.clitics import is_definite, respell_article, without_article, written_letters
from marsad.text.matcher import PhraseMatcher, phrase_key, word_set


@dataclass
class Reference:
    form: str
    candidates: list[str]
    default: str | None


@dataclass
class ActorLexicon:
    actors: dict[str, Actor] = field(default_factory=dict)
    matcher: PhraseMatcher[str] = field(default_factory=PhraseMatcher)
    descriptors: frozenset[str] = frozenset()
    references: PhraseMatcher[Reference] = field(default_factory=PhraseMatcher)
    ambiguous: frozenset[str] = frozenset()
    country_bound: frozenset[str] = frozenset()
    rank: dict[str, int] = field(default_factory=dict)  # actor id -> its position in the lexicon
    nationality: dict[str, list[str]] = field(default_factory=dict)  # "روسية" -> ["RU-ARMY"]
    force_qualifiers: frozenset[str] = frozenset()
    nationality_heads: frozenset[str] = frozenset()  # attack nouns that a nationality adjective may follow
    not_actor: PhraseMatcher[str] = field(default_factory=PhraseMatcher)

    @classmethod
    def from_data(cls, data: dict, source: str = "actors.yaml") -> ActorLexicon:
        lex = cls()
        if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
            raise ResourceError(f"{source}: expected a mapping with an 'actors' list")
        for n, row in enumerate(data["actors"], 1):
            try:
                active = row.get("active")
                actor = Actor(
                    id=str(row["id"]), name=str(row["name"]), name_ar=str(row.get("name_ar") or ""),
                    inter=int(row["inter"]), country=row.get("country"), side=row.get("side"),
                    parent=row.get("parent"), generic=row.get("generic"),
                    active=(active[0], active[1]) if isinstance(active, list) and len(active) == 2 else None,
                )
            except (KeyError, TypeError, ValueError) as exc:
                problem = f"no field {exc}" if isinstance(exc, KeyError) else str(exc)
                raise ResourceError(f"{source}: actor #{n} ({row.get('id', '?')}): {problem}") from None
            lex.actors[actor.id] = actor
            lex.rank.setdefault(actor.id, len(lex.rank))
            names = [actor.name_ar, *(row.get("aliases_ar") or []), *(row.get("aliases_en") or [])]
            for alias in {a for a in names if a}:
                lex.matcher.add(str(alias), actor.id)
        lex.descriptors = word_set(data.get("descriptors") or [])
        lex.ambiguous = frozenset(" ".join(phrase_key(a)) for a in data.get("ambiguous_aliases") or [])
        lex.country_bound = frozenset(" ".join(phrase_key(a)) for a in data.get("country_bound_aliases") or [])
        lex.not_actor = PhraseMatcher((p, p) for p in data.get("not_actor_phrases") or [])
        lex.nationality = {normalize(k): [str(i) for i in v] for k, v in (data.get("nationality_forces") or {}).items()}
        for adjective, ids in lex.nationality.items():
            unknown = [i for i in ids if i not in lex.actors]
            if unknown:
                raise ResourceError(f"{source}: nationality_forces '{adjective}' names unknown actors {unknown}")
        lex.force_qualifiers = word_set(data.get("force_qualifiers") or [])
        lex.nationality_heads = word_set(data.get("nationality_heads") or [])
        for ref in data.get("references") or []:
            lex.references.add(ref["form"], Reference(ref["form"], list(ref.get("candidates") or []),
                                                      ref.get("default")))
        return lex

    def ancestors(self, actor_id: str) -> list[str]:
        """The actor and its parents, nearest first."""
        out, seen = [], set()
        while actor_id and actor_id not in seen and actor_id in self.actors:
            seen.add(actor_id)
            out.append(actor_id)
            actor_id = self.actors[actor_id].parent or ""
        return out


@lru_cache(maxsize=1)
def builtin_actor_lexicon() -> ActorLexicon:
    return ActorLexicon.from_data(load_yaml("actors.yaml"))


on_clear(builtin_actor_lexicon.cache_clear)


def surface_without_clitic(token: Token, clitic: str) -> tuple[int, str]:
    """Original start offset of a token once its proclitics are removed, and the text from there.

    "ولواء" with clitic "و" -> "لواء". The text is always a slice of the original: when a written لل
    hides the article ("للدفاع", ل + ال) the slice keeps the لل ("للدفاع"), since "الدفاع" is not written.
    """
    if not clitic:
        return token.start, token.text
    form = token.forms[token.clitics.index(clitic)] if clitic in token.clitics else ""
    n_letters = written_letters(clitic)
    skipped = 0
    last_letter = 0
    for k, ch in enumerate(token.text):
        if skipped == n_letters and not unicodedata.category(ch).startswith("M"):
            rest = token.text[k:]
            k = last_letter if respell_article(form, rest) != rest else k  # لل -> keep both letters
            return token.start + k, token.text[k:]
        if ch.isalpha():
            skipped += 1
            last_letter = k
    return token.start, token.text


def actor_name(actor: Actor, country: str | None) -> str:
    """ACLED name of an actor; generic actors take the country ("Civilians (Syria)")."""
    if "{country}" in actor.name:
        return actor.name.replace("{country}", country) if country else actor.name.replace(" ({country})", "")
    return actor.name


class ActorNameFinder:
    """The actor-names stage: every span of the text an actor alias matches, with the actors it may name.

    Kept apart from choosing actors because the places stage needs these spans first: a place inside a
    longer actor name ("لواء القدس", "حماة الديار") is part of the name, not a place.
    """

    name = "actor_names"
    requires = ("text",)
    provides = ("actor_names",)

    def __init__(self, lexicon: ActorLexicon | None = None) -> None:
        self.lexicon = lexicon or builtin_actor_lexicon()

    def __call__(self, doc: Document) -> Document:
        by_span: dict[tuple[int, int], tuple[list[str], str]] = {}
        for m in self.lexicon.matcher.find_all(doc.tokens, form_index=doc.form_index or None):
            span = (m.token_start, m.token_end)
            ids, clitic = by_span.setdefault(span, ([], m.clitic))
            if len(m.clitic) < len(clitic):  # keep the article in the text: "السكان", not "سكان"
                by_span[span] = (ids, m.clitic)
            if m.payload not in ids:
                ids.append(m.payload)
        doc.actor_names = by_span
        return doc


class ActorFinder:
    """The actors stage: `doc -> doc` with `doc.actors` filled, from the names found and the article's country."""

    name = "actors"
    requires = ("text", "actor_names", "places", "country")
    provides = ("actors",)

    def __init__(self, lexicon: ActorLexicon | None = None) -> None:
        self.lexicon = lexicon or builtin_actor_lexicon()

    def __call__(self, doc: Document) -> Document:
        toks = doc.tokens
        lex = self.lexicon
        year = doc.published.year if doc.published else None
        found: list[ActorMention] = []
        by_span = {span: (list(ids), clitic) for span, (ids, clitic) in doc.actor_names.items()}
        # a country's name is also its state acting ("إسرائيل شنت غارة"): only other places hide an actor
        place_tokens = {i for p in doc.places if p.place.kind != "country" for i in range(p.token_start, p.token_end)}
        taken: set[int] = set()
        for m in lex.not_actor.find(toks, form_index=doc.form_index or None):
            taken.update(range(m.token_start, m.token_end))
        for span in sorted(by_span, key=lambda s: (-(s[1] - s[0]), s[0])):
            if any(i in taken for i in range(*span)):
                continue
            ids, clitic = by_span[span]
            ids.sort(key=self.lexicon.rank.__getitem__)  # lexicon order breaks ties, run after run
            if self._common_word_use(toks, span, clitic):
                continue
            if doc.country and self._alias_of(toks, span, clitic) in lex.country_bound:
                ids = [i for i in ids if lex.actors[i].country in (doc.country, None) or lex.actors[i].generic]
                if not ids:
                    continue  # "الفصائل" in an article about Gaza: not the Syrian factions
            actor = self._choose(ids, doc.country, year)
            if actor is None:
                continue
            # a name inside a place name ("مخيم اليرموك") is the place, unless the actor name is longer
            if all(i in place_tokens for i in range(*span)) and not actor.generic and span[1] - span[0] == 1:
                continue
            taken.update(range(*span))
            found.append(self._mention(doc, actor, span[0], span[1], clitic, taken=taken))
        found.extend(self._national_forces(doc, taken, year))
        found.sort(key=lambda a: a.start)
        found = self._resolve_references(doc, found, taken)
        doc.actors = found
        return doc

    def _national_forces(self, doc: Document, taken: set[int], year: int | None) -> list[ActorMention]:
        """"طائرات حربية روسية": a force noun, optional qualifiers, then a nationality adjective."""
        lex = self.lexicon
        toks = doc.tokens
        out = []
        heads = lex.descriptors | lex.nationality_heads
        starts = sorted({i for f in heads & doc.form_index.keys() for i, _ in doc.form_index[f]}) \
            if doc.form_index else [i for i, t in enumerate(toks) if any(f in heads for f in t.forms)]
        for i in starts:
            tok = toks[i]
            if i in taken:
                continue
            j = i + 1
            while j < len(toks) and j - i <= 3 and toks[j].sentence == tok.sentence and j not in taken:
                adjective = next((lex.nationality[f] for f in toks[j].forms if f in lex.nationality), None)
                if adjective is not None:
                    actor = self._choose(adjective, doc.country, year)
                    if actor is not None:
                        taken.update(range(i, j + 1))
                        # keep the article, drop و/ب/ل: "والطائرات الروسية" -> "الطائرات الروسية"
                        clitic = next(c for f, c in zip(tok.forms, tok.clitics) if f in heads)
                        clitic = without_article(clitic)
                        if clitic not in tok.clitics:
                            clitic = ""
                        out.append(self._mention(doc, actor, i, j + 1, clitic, taken=taken))
                    break
                if not any(f in lex.force_qualifiers for f in toks[j].forms):
                    break
                j += 1
        return out

    @staticmethod
    def _alias_of(toks: list[Token], span: tuple[int, int], clitic: str) -> str:
        """The normalised alias a match stands for (its first word without the stripped proclitics)."""
        first = toks[span[0]]
        form = first.forms[first.clitics.index(clitic)] if clitic in first.clitics else first.norm
        return " ".join([form] + [t.norm for t in toks[span[0] + 1:span[1]]])

    def _common_word_use(self, toks: list[Token], span: tuple[int, int], clitic: str) -> bool:
        """"النظام الغذائي": an ambiguous alias followed by a definite adjective is the ordinary word."""
        first = toks[span[0]]
        name = self._alias_of(toks, span, clitic)
        if name not in self.lexicon.ambiguous or span[1] >= len(toks):
            return False
        nxt = toks[span[1]]
        return nxt.sentence == first.sentence and is_definite(nxt.norm)

    def _choose(self, ids: list[str], country: str | None, year: int | None) -> Actor | None:
        actors = [self.lexicon.actors[i] for i in ids]

        def score(a: Actor) -> float:
            s = 0.0
            if country and a.country == country:
                s += 2
            if year and a.active:
                lo, hi = a.active
                if (lo is None or lo <= year) and (hi is None or year <= hi):
                    s += 3
            if a.generic:
                s -= 0.5
            return s

        return max(actors, key=score) if actors else None

    def _mention(self, doc: Document, actor: Actor, ts: int, te: int, clitic: str,
                 via_reference: bool = False, taken: set[int] | frozenset[int] = frozenset()) -> ActorMention:
        toks = doc.tokens
        name_start, _ = surface_without_clitic(toks[ts], clitic)
        mstart = name_start
        j = ts - 1
        # absorb descriptors before the name into the evidence span ("ميليشيا", "عناصر")
        while j >= 0 and ts - j <= 2 and toks[j].sentence == toks[ts].sentence and j not in taken and any(
                f in self.lexicon.descriptors for f in toks[j].forms):
            mstart = toks[j].start
            j -= 1
        end = toks[te - 1].end
        # the text is the name, a slice of the original; descriptors are a span of the evidence of their own
        return ActorMention(mstart, end, doc.text[name_start:end], actor, actor_name(actor, doc.country), ts, te,
                            via_reference, descriptor_end=toks[ts - 1].end if mstart < name_start else None)

    def _resolve_references(self, doc: Document, found: list[ActorMention], taken: set[int]) -> list[ActorMention]:
        refs = [m for m in self.lexicon.references.find(doc.tokens, form_index=doc.form_index or None)
                if not any(i in taken for i in range(m.token_start, m.token_end))]
        if not refs:
            return found
        out = list(found)
        for m in refs:
            ref = m.payload
            cands = set(ref.candidates)
            before = [a for a in found if a.actor.id in cands and a.token_start < m.token_start]
            anywhere = [a for a in found if a.actor.id in cands]
            target = before[-1].actor if before else (anywhere[0].actor if anywhere else None)
            if target is None:
                continue  # nothing in the article says which organisation is meant
            out.append(self._mention(doc, target, m.token_start, m.token_end, m.clitic, via_reference=True))
        out.sort(key=lambda a: a.start)
        return out
