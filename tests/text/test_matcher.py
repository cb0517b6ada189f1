"""The phrase matcher: proclitics on every word, longest match first, one pass for several lexicons."""

from marsad.model import Document
from marsad.text import analyse
from marsad.text.matcher import PhraseMatcher, TaggedMatcher, longest_first


def _doc(text: str) -> Document:
    return analyse(Document("t", text))


def _spans(matches):
    return [(m.token_start, m.token_end, m.payload, m.clitic) for m in matches]


def test_words_may_carry_proclitics_and_the_longest_match_wins():
    m = PhraseMatcher([("قصف", "shelling"), ("قصف جوي", "air"), ("قصف جوي روسي", "russian"), ("حمص", "homs")])
    doc = _doc("والقصف الجوي الروسي على حمص. قصف جوي")
    assert _spans(m.find(doc.tokens)) == [(0, 3, "russian", "وال"), (4, 5, "homs", ""), (5, 7, "air", "")]
    every = _spans(m.find_all(doc.tokens))
    assert (0, 1, "shelling", "وال") in every and (0, 2, "air", "وال") in every and len(every) == 6


def test_the_form_index_finds_the_same_matches_as_the_token_scan():
    m = PhraseMatcher([("قصف", 1), ("قصف جوي", 2), ("قصف جوي روسي", 3), ("حمص", 4), ("ريف حمص", 5), ("جوي", 6)])
    doc = _doc("قصف جوي روسي على ريف حمص ثم قصف جوي على حمص وقصف")
    for start, end in ((0, None), (0, 3), (1, 9), (5, 12), (11, 12)):
        scanned = m.find_all(doc.tokens, start, end)
        indexed = m.find_all(doc.tokens, start, end, form_index=doc.form_index)
        assert sorted(_spans(scanned)) == sorted(_spans(indexed)), (start, end)
        assert all(start <= x.token_start and x.token_end <= (end or len(doc.tokens)) for x in scanned)
    assert _spans(m.find(doc.tokens, 0, 2)) == [(0, 2, 2, "")]  # a phrase never runs past `end`


def test_longest_first_prefers_long_then_left_and_keeps_text_order():
    m = PhraseMatcher([("ا ب", "ab"), ("ب ج", "bc"), ("ج", "c"), ("د", "d")])
    doc = _doc("ا ب ج د")
    assert _spans(m.find(doc.tokens)) == [(0, 2, "ab", ""), (2, 3, "c", ""), (3, 4, "d", "")]
    assert longest_first([]) == []


def test_tagged_matcher_gives_each_lexicon_its_own_matches():
    weapons = PhraseMatcher([("صاروخ", "missile"), ("قذيفه هاون", "mortar")])
    places = PhraseMatcher([("حمص", "homs"), ("ريف حمص", "rural")])
    tagged = TaggedMatcher()
    tagged.add_matcher("weapon", weapons)
    tagged.add_matcher("place", places)
    tagged.add("verb", "سقط", "fell")
    doc = _doc("سقطت قذيفة هاون وصاروخ على ريف حمص")
    found = tagged.find(doc.tokens, doc.form_index)
    assert set(found) == {"weapon", "place", "verb"}
    assert _spans(found["weapon"]) == _spans(weapons.find(doc.tokens))
    assert _spans(found["place"]) == _spans(places.find(doc.tokens)) == [(5, 7, "rural", "")]
    assert found["verb"] == []  # "سقطت" is not "سقط"
    assert [k for k, _ in weapons.entries()] == [("صاروخ",), ("قذيفه", "هاون")]
