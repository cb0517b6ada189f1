"""Notes stage: one English sentence per event, generated from its fields.

ACLED rows carry a short note; here it is written from the event's own fields,
so it never says more than the extraction found.
"""

from __future__ import annotations

from marsad.model import Document, Event

# How each sub-event type reads as a verb phrase: "{a1} {verb} {a2}".
VERBS = {
    "Armed clash": ("clashed with", "clashed"),
    "Government regains territory": ("regained territory from", "regained territory"),
    "Non-state actor overtakes territory": ("took territory from", "took territory"),
    "Air/drone strike": ("carried out an air/drone strike on", "carried out an air/drone strike"),
    "Shelling/artillery/missile attack": ("shelled", "carried out shelling"),
    "Remote explosive/landmine/IED": ("detonated an explosive device against", "detonated an explosive device"),
    "Suicide bomb": ("carried out a suicide bombing against", "carried out a suicide bombing"),
    "Grenade": ("threw a grenade at", "threw a grenade"),
    "Chemical weapon": ("used chemical weapons against", "used chemical weapons"),
    "Attack": ("attacked", "carried out an attack"),
    "Abduction/forced disappearance": ("abducted", "carried out an abduction"),
    "Sexual violence": ("committed sexual violence against", "committed sexual violence"),
    "Peaceful protest": ("protested against", "protested"),
    "Protest with intervention": ("protested and were dispersed by", "protested and were dispersed"),
    "Excessive force against protesters": ("protested and were met with force by", "protested and were met with force"),
    "Violent demonstration": ("rioted against", "rioted"),
    "Mob violence": ("attacked", "engaged in mob violence"),
    "Agreement": ("reached an agreement with", "reached an agreement"),
    "Arrests": ("arrested", "carried out arrests"),
    "Change to group/activity": ("changed activity in relation to",
                                 "changed group activity (defection, withdrawal or redeployment)"),
    "Disrupted weapons use": ("disrupted weapons use by", "disrupted weapons use"),
    "Headquarters or base established": ("established a base near", "established a base"),
    "Looting/property destruction": ("looted or destroyed property of", "looted or destroyed property"),
    "Non-violent transfer of territory": ("took over territory without fighting from",
                                          "took over territory without fighting"),
    "Other": ("acted against", "took action"),
}


def _date_phrase(ev: Event) -> str:
    if ev.event_date is None:
        return "On an unknown date"
    d = ev.event_date
    if ev.time_precision == 3:
        return f"In {d.strftime('%B %Y')}"
    if ev.time_precision == 2:
        return f"In the week of {d.day} {d.strftime('%B %Y')}"
    return f"On {d.day} {d.strftime('%B %Y')}"


def _place_phrase(ev: Event) -> str:
    loc = ev.location
    if loc is None:
        return ""
    where = loc.description or loc.name
    region = f" ({loc.admin1})" if loc.admin1 and loc.admin1 not in (loc.name, where) else ""
    if where.startswith(("about ", "near ", "between ", "the ")):
        return f" {'in ' if where.startswith('the ') else ''}{where}{region}"
    if loc.geo_precision == 3:
        return f" in the area of {where}{region}"
    if loc.geo_precision == 2:
        return f" near {where}{region}"
    return f" in {where}{region}"


def write_note(ev: Event) -> str:
    a1 = ev.actor1.name if ev.actor1 else "unidentified actors"
    transitive, intransitive = VERBS.get(ev.sub_event_type, ("acted against", "acted"))
    action = f"{transitive} {ev.actor2.name}" if ev.actor2 else intransitive
    note = f"{_date_phrase(ev)}, {a1} {action}{_place_phrase(ev)}."
    if ev.fatalities:
        note += f" {ev.fatalities} {'person was' if ev.fatalities == 1 else 'people were'} reported killed."
    return note


class NoteWriter:
    """The notes stage: fills `Event.notes`."""

    name = "notes"
    requires = ("events",)
    provides = ("notes",)

    def __call__(self, doc: Document) -> Document:
        for ev in doc.events:
            ev.notes = write_note(ev)
        return doc
