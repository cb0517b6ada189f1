"""The event lexicon (`resources/events.yaml`): trigger words, weapons, casualty words and cue lists.

Loaded once; every word list is also indexed in one `TaggedMatcher`, so that the events stage finds all
of them in a single pass over an article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from marsad.resource_files import ResourceError, load_yaml, on_clear
from marsad.text.matcher import PhraseMatcher, TaggedMatcher, phrase_key, word_set


@dataclass
class TriggerEntry:
    id: str
    event_type: str
    sub_event_type: str
    strength: float
    generic: bool = False
    territory: bool = False
    modifier: str | None = None
    refine_by_weapons: bool = False  # "قصف": air strike or shelling by the weapon words near it
    participants: bool = False  # "المتظاهرون": the people, not the act


@dataclass
class EventLexicon:
    triggers: PhraseMatcher[TriggerEntry]
    weapons: PhraseMatcher[str]
    killed: PhraseMatcher[str]
    wounded: PhraseMatcher[str]
    killed_or_wounded: PhraseMatcher[str]
    persons: frozenset[str]
    cues: dict[str, PhraseMatcher[str]]
    non_conflict: frozenset[str]
    protest_actions: PhraseMatcher[str]
    topic_nouns: frozenset[str]
    combined: TaggedMatcher = field(default_factory=TaggedMatcher)
    wounded_single: frozenset[str] = frozenset()  # the one-word wounded forms

    def __post_init__(self) -> None:
        """Index every word list once more in one matcher, so one pass over a text finds them all."""
        lists: dict[str, PhraseMatcher] = {"trigger": self.triggers, "weapon": self.weapons, "killed": self.killed,
                                           "wounded": self.wounded, "both": self.killed_or_wounded,
                                           "action": self.protest_actions}
        lists.update({f"cue:{name}": m for name, m in self.cues.items()})
        for tag, matcher in lists.items():
            self.combined.tags.add(tag)
            for entries in matcher._index.values():
                for key, payload in entries:
                    self.combined.add(tag, " ".join(key), payload)
        self.wounded_single = frozenset(key[0] for entries in self.wounded._index.values() for key, _ in entries
                                        if len(key) == 1)

    @classmethod
    def from_data(cls, data: dict, source: str = "events.yaml") -> EventLexicon:
        from marsad.evaluate.scorer import SUB_TO_TYPE  # the ACLED type table lives with the scorer

        triggers = PhraseMatcher[TriggerEntry]()
        for n, row in enumerate(data.get("triggers") or [], 1):
            try:
                entry = TriggerEntry(
                    id=str(row["id"]), event_type=row["event_type"], sub_event_type=row["sub_event_type"],
                    strength=float(row.get("strength", 0.5)), generic=bool(row.get("generic")),
                    territory=bool(row.get("territory") or row.get("generic_territory")),
                    modifier=row.get("modifier"), refine_by_weapons=row.get("refine_by") == "weapons",
                    participants=bool(row.get("participants")),
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise ResourceError(f"{source}: trigger #{n}: {exc}") from exc
            if SUB_TO_TYPE.get(entry.sub_event_type) != entry.event_type:
                raise ResourceError(f"{source}: trigger {entry.id}: '{entry.event_type} / {entry.sub_event_type}'"
                                    " is not an ACLED event type and sub-type")
            for form in row.get("forms") or []:
                triggers.add(str(form), entry)
        weapons = PhraseMatcher[str]()
        for sub, forms in (data.get("weapons") or {}).items():
            for form in forms or []:
                weapons.add(str(form), sub)
        cas = data.get("casualties") or {}

        def matcher(words: list[str] | None, tag: str) -> PhraseMatcher[str]:
            return PhraseMatcher((str(w), tag) for w in words or [])

        cues = {name: matcher(words, name) for name, words in (data.get("cues") or {}).items()}
        return cls(
            triggers=triggers, weapons=weapons,
            killed=matcher(cas.get("killed"), "killed"), wounded=matcher(cas.get("wounded"), "wounded"),
            killed_or_wounded=matcher(cas.get("killed_or_wounded"), "both"),
            persons=word_set(cas.get("persons") or []), cues=cues,
            non_conflict=word_set(data.get("non_conflict_context") or []),
            protest_actions=matcher(data.get("protest_actions"), "action"),
            topic_nouns=frozenset(" ".join(phrase_key(w)) for w in data.get("topic_nouns") or []),
        )


@lru_cache(maxsize=1)
def builtin_event_lexicon() -> EventLexicon:
    return EventLexicon.from_data(load_yaml("events.yaml"))


on_clear(builtin_event_lexicon.cache_clear)
