"""The scorer behind `marsad evaluate`."""

from marsad.evaluate.scorer import actor_ok, fold_name, match_events, score

GOLD_EVENT = {
    "event_type": "Battles", "sub_event_type": "Armed clash", "sub_event_type_alt": [], "event_date": "2021-02-25",
    "actor1": ["Islamic State", "تنظيم الدولة", "التنظيم"], "actor2": ["Liwa al-Quds", "لواء القدس"],
    "location": {"admin1": ["Homs", "Hims"], "latitude": 34.74, "longitude": 38.5, "near_km": 40},
    "fatalities": [0, 9], "optional": False,
}


def system_event(**over):
    ev = {"event_type": "Battles", "sub_event_type": "Armed clash", "event_date": "2021-02-25",
          "actor1": {"name": "Islamic State (Syria)", "name_ar": "تنظيم الدولة", "text": "التنظيم"},
          "actor2": {"name": "Liwa al-Quds", "text": "لواء القدس"},
          "location": {"admin1": "Homs", "latitude": 34.7, "longitude": 38.45}, "fatalities": 0}
    ev.update(over)
    return ev


def test_fold_name():
    assert fold_name("Al-Quds Brigade") == "quds brigade"
    assert fold_name("تنظيم الدولة الإسلامية") == fold_name("تنظيم الدوله الاسلاميه")
    assert fold_name(None) == ""


def test_actor_matches_on_name_or_text():
    assert actor_ok({"name": "X", "text": "التنظيم"}, GOLD_EVENT["actor1"])
    assert not actor_ok({"name": "Hezbollah"}, GOLD_EVENT["actor1"])
    assert actor_ok(None, [])


def test_perfect_match():
    summary, per_doc = score({"d": {"events": [GOLD_EVENT]}}, {"d": {"events": [system_event()]}})
    assert summary["f1"] == 1.0 and summary["fully_correct_rows"] == 1
    assert summary["attribute_accuracy_on_matched"]["location"] == 1.0


def test_wrong_type_cannot_match_and_counts_twice():
    summary, _ = score({"d": {"events": [GOLD_EVENT]}},
                       {"d": {"events": [system_event(event_type="Protests", sub_event_type="Peaceful protest")]}})
    assert summary["matched"] == 0 and summary["precision"] == 0.0 and summary["recall"] == 0.0


def test_optional_gold_is_neither_reward_nor_penalty():
    opt = dict(GOLD_EVENT, optional=True)
    summary, _ = score({"d": {"events": [opt]}}, {"d": {"events": [system_event()]}})
    # the match with an optional event is neither a true nor a false positive
    assert summary["matched"] == 0 and summary["system_events_on_gold_docs"] == 0
    assert summary["gold_events"] == 0


def test_fatality_range_and_date_span():
    g = dict(GOLD_EVENT, event_date=None, date_from="2021-02-20", date_to="2021-03-01")
    summary, _ = score({"d": {"events": [g]}}, {"d": {"events": [system_event(fatalities=9)]}})
    acc = summary["attribute_accuracy_on_matched"]
    assert acc["date"] == 1.0 and acc["fatalities"] == 1.0
    summary, _ = score({"d": {"events": [g]}}, {"d": {"events": [system_event(fatalities=10)]}})
    assert summary["attribute_accuracy_on_matched"]["fatalities"] == 0.0


def test_best_pairs_first():
    far = system_event(location={"admin1": "Aleppo", "latitude": 36.2, "longitude": 37.1})
    pairs = match_events([GOLD_EVENT], [far, system_event()])
    assert pairs == [(0, 1)]


def test_missing_document_counts_as_nothing_extracted():
    summary, _ = score({"d": {"events": [GOLD_EVENT]}}, {})
    assert summary["missing_documents"] == 1 and summary["recall"] == 0.0
