"""The places stages stay n log n on long articles: the same answers as testing every pair, without it."""

import random

from marsad.geo.geodesy import haversine_km
from marsad.stages.places.choice import GeoContext
from marsad.stages.places.settle import inside_longer_spans


def test_inside_longer_spans_is_the_pairwise_test():
    rng = random.Random(3)
    for _ in range(3000):
        longer = [(a, a + rng.randint(1, 4)) for a in (rng.randint(0, 12) for _ in range(rng.randint(0, 6)))]
        spans = [(a, a + rng.randint(1, 3)) for a in (rng.randint(0, 12) for _ in range(rng.randint(0, 6)))]
        pairwise = [any(s <= ps and pe <= e and e - s > pe - ps for s, e in longer) for ps, pe in spans]
        assert inside_longer_spans(spans, longer) == pairwise


def test_nearest_point_within_reach_is_the_nearest_of_all():
    rng = random.Random(5)
    for _ in range(300):
        ctx = GeoContext()
        for k in range(rng.randint(0, 30)):
            lat, lon = rng.choice([(36.0, 36.6), (35.9, 36.7), (33.5, 36.3)]) if k % 3 else \
                (rng.uniform(32, 37.5), rng.uniform(35.5, 42))
            start = rng.randint(0, 10)
            ctx.points.append((lat, lon, (start, start + 1)))
        lat, lon, start = rng.uniform(32, 37.5), rng.uniform(35.5, 42), rng.randint(0, 10)
        every = [haversine_km(lat, lon, a, b) for a, b, span in ctx.points if span[0] != start]
        got = ctx.nearest(lat, lon, start, 80.0)
        if every and min(every) <= 80.0:
            assert got == min(every)
        else:
            assert got is None or got > 80.0
