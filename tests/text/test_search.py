"""LIKE patterns for searching Arabic as written."""

from marsad.text.search import like_pattern


def test_variants_become_wildcards_and_wildcards_characters():
    assert like_pattern("اريحا") == like_pattern("أريحا") == "%_ريح_%"
    assert like_pattern("مدينة إدلب") == "%مدين_ _دلب%"
    assert like_pattern("قرى") == like_pattern("قري") == "%قر_%"
    assert like_pattern("يبرود") == "%يبرود%"  # a yaa that does not end a word stays
    assert like_pattern("50%_x") == "%50\\%\\_x%"
