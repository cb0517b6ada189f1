"""Reading pages and feeds: dates from metadata only, encodings, RSS and Atom."""

from datetime import date

import pytest

from marsad.io.sources import arabic_date_in_text, decode_page, document_from_html, page_date, parse_feed

ARTICLE = ("قصفت قوات النظام بالمدفعية الثقيلة بلدة كفرنبل في ريف إدلب الجنوبي، ما أدى إلى مقتل ثلاثة مدنيين وإصابة "
           "آخرين بجروح، بحسب الدفاع المدني الذي قال إن فرقه انتشلت الجثث من تحت الأنقاض وسط استمرار القصف.")


@pytest.mark.parametrize("html, expected", [
    ('<meta property="article:published_time" content="2021-03-02T09:00:00+00:00">', date(2021, 3, 2)),
    # content before property; 23:30 UTC is already the next day in Syria
    ('<meta content="2021-03-02T23:30:00+00:00" property="article:published_time">', date(2021, 3, 3)),
    ('<meta name="date" content="2020-07-21">', date(2020, 7, 21)),
    ('<script type="application/ld+json">{"datePublished": "2019-05-01T10:00:00+03:00"}</script>', date(2019, 5, 1)),
    ('<time datetime="2018-04-20T20:29:44+00:00">20 نيسان</time>', date(2018, 4, 20)),
    ("<p>نشر في 20 نيسان 2018</p>", None),  # a date in the text is not metadata
])
def test_page_date_only_from_metadata(html, expected):
    assert page_date(html) == expected


def test_arabic_date_in_text_when_no_metadata():
    assert arabic_date_in_text("وقع الهجوم في 18 شباط 2021 في ريف إدلب.") == date(2021, 2, 18)
    assert arabic_date_in_text("وقع الهجوم أمس في ريف إدلب.") is None  # relative: nothing to resolve against


def test_decode_page_by_header_meta_or_detection():
    body = f'<html><head><meta charset="windows-1256"></head><body><p>{ARTICLE}</p></body></html>'.encode("cp1256")
    assert "كفرنبل" in decode_page(body)
    assert "كفرنبل" in decode_page(ARTICLE.encode("cp1256"), "text/html; charset=windows-1256")
    assert "كفرنبل" in decode_page(ARTICLE.encode("utf-8"))


def test_document_from_html_keeps_the_article_not_the_boilerplate():
    html = (f'<html dir="rtl"><head><title>قصف كفرنبل</title><meta property="og:site_name" content="موقع">'
            f'<meta name="date" content="2021-03-02"></head><body><nav>الرئيسية | اتصل بنا</nav>'
            f'<article><p>{ARTICLE}</p></article><footer>جميع الحقوق محفوظة</footer></body></html>')
    doc = document_from_html(html, "page.html", url="https://example.org/a")
    assert "كفرنبل" in doc.text and "جميع الحقوق" not in doc.text
    assert doc.published == date(2021, 3, 2) and doc.outlet == "موقع" and doc.url == "https://example.org/a"


def test_page_without_text_is_a_clear_error():
    with pytest.raises(ValueError, match="no article text"):
        document_from_html("<html><body><nav>الرئيسية</nav></body></html>", "empty.html")


def test_rss_and_atom_entries():
    rss = b"""<?xml version="1.0"?><rss><channel><item><title>a</title><link>https://x.org/1</link>
    <pubDate>Tue, 02 Mar 2021 08:00:00 +0000</pubDate><description>short</description></item></channel></rss>"""
    atom = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>b</title>
    <link href="https://x.org/2"/><updated>2021-03-02T08:00:00Z</updated><content>long text</content></entry></feed>"""
    assert parse_feed(rss) == [{"title": "a", "link": "https://x.org/1", "date": "Tue, 02 Mar 2021 08:00:00 +0000",
                                "text": "short"}]
    entry = parse_feed(atom)[0]
    assert entry["link"] == "https://x.org/2" and entry["text"] == "long text"


def test_broken_or_foreign_xml_is_refused():
    with pytest.raises(ValueError, match="not a valid feed"):
        parse_feed(b"<rss><channel><item>")
    with pytest.raises(ValueError, match="not an RSS or Atom feed"):
        parse_feed(b"<html><body>x</body></html>")
