"""Tokens and sentences keep their original offsets; the language test."""

from marsad.model import Document
from marsad.text import analyse, arabic_share


def test_tokens_and_sentences_keep_original_offsets():
    text = ("انشق قرابة 50 عنصراً من ميليشيات الدفاع الوطني ولواء القدس.\n"
            "وأفاد مراسل حلب اليوم في حمص، أن دوريات داهمت شققاً.")
    doc = analyse(Document("t", text))
    assert [s.paragraph for s in doc.sentences] == [0, 1]
    assert len(doc.sentences) == 2
    for tok in doc.tokens:
        assert text[tok.start:tok.end] == tok.text
    lw = next(t for t in doc.tokens if t.text == "ولواء")
    assert "لواء" in lw.forms and lw.sentence == 0
    assert doc.tokens[-1].sentence == 1


def test_form_index_lists_every_form_in_token_order():
    doc = analyse(Document("t", "القصف على حمص. والقصف قصف عنيف\n\n  \nقصف"))
    assert doc.form_index["قصف"] == [(0, "ال"), (3, "وال"), (4, ""), (6, "")]
    assert doc.form_index["والقصف"] == [(3, "")]
    for form, places in doc.form_index.items():
        for i, clitic in places:
            assert doc.tokens[i].clitics[doc.tokens[i].forms.index(form)] == clitic
    assert sum(len(v) for v in doc.form_index.values()) == sum(len(t.forms) for t in doc.tokens)


def test_blank_lines_make_no_sentence_but_count_paragraphs():
    doc = analyse(Document("t", "قصف على حمص.\n\n\nقتل مدني"))
    assert [(s.paragraph, s.first_token, s.last_token) for s in doc.sentences] == [(0, 0, 3), (1, 3, 5)]
    assert [t.sentence for t in doc.tokens] == [0, 0, 0, 1, 1]
    assert analyse(Document("t", "")).tokens == [] and analyse(Document("t", " \n ")).sentences == []


def test_arabic_share():
    assert arabic_share("قتل ثلاثة مدنيين") > 0.9
    assert arabic_share("The quick brown fox") == 0.0
    assert arabic_share("") == 0.0
