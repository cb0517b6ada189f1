"""Time per character on long documents: the whole pipeline and each stage, from 1 KB to 200 KB.

The documents repeat a report written for this benchmark (several incidents, places, dates, actors and
death counts, in the style of a daily conflict report) until they reach each size; two more inputs repeat
one short sentence 1,000 times (a worst case for death counting). A stage whose cost grows faster than
the document shows as a rising time per character.

    python bench/long_documents.py            # 1, 2, 5, 10, 20, 50, 100, 200 KB
    python bench/long_documents.py --sizes 1 50 --repeat 3
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date

from marsad.model import Document
from marsad.pipeline import Pipeline

ARTICLE = """\
قتل ثلاثة مدنيين وأصيب خمسة آخرون، صباح اليوم الأربعاء، بقصف مدفعي لقوات النظام على بلدة كفرنبل \
في ريف إدلب الجنوبي، بحسب ما أفاد مراسلنا. وشنت طائرات حربية روسية غارات على أطراف مدينة أريحا، \
ما أسفر عن دمار في ممتلكات المدنيين.
وفي ريف حلب الشمالي، اندلعت اشتباكات عنيفة بين فصائل المعارضة وقوات سوريا الديمقراطية على محور مارع، \
قتل خلالها أربعة عناصر من الفصائل. واعتقلت دورية من فرع الأمن العسكري ستة شبان في حي الخالدية \
بمدينة حمص أمس، واقتادتهم إلى جهة مجهولة.
وخرج مئات المتظاهرين في ساحة السير وسط مدينة السويداء مطالبين بتحسين الأوضاع المعيشية، فيما هدد \
محافظ المدينة باتخاذ إجراءات بحق المحتجين. وانفجرت عبوة ناسفة بسيارة عسكرية على طريق درعا - دمشق، \
ما أدى إلى مقتل عنصرين من قوات النظام.
وفي دير الزور، انشق نحو عشرين عنصرا من قوات النظام في مدينة الميادين خلال الأسبوع الماضي، واختطف \
مسلحون مجهولون شابا من أبناء بلدة داعل في ريف درعا الأوسط. ونفت وزارة الدفاع أن تكون طائراتها قد \
قصفت مستشفى في المنطقة.
"""
SENTENCES = {"killed_in_homs": "ومقتل 3 مدنيين في حمص ", "million": "قتل مليون "}
PUBLISHED = date(2021, 3, 3)


def document(size_kb: float) -> str:
    """The article repeated to about `size_kb` thousand characters."""
    n = max(1, round(size_kb * 1000 / len(ARTICLE)))
    return "\n".join([ARTICLE] * n)


def timed(pipeline: Pipeline, text: str, repeat: int) -> tuple[float, dict[str, float]]:
    """Best-of-`repeat` seconds for the whole pipeline, and each stage's seconds in that run."""
    best: tuple[float, dict[str, float]] | None = None
    for _ in range(repeat):
        doc = Document("bench", text, published=PUBLISHED)
        stages: dict[str, float] = {}
        t0 = time.process_time()
        for stage in pipeline.stages:
            s0 = time.process_time()
            doc = stage(doc)
            stages[stage.name] = time.process_time() - s0
        total = time.process_time() - t0
        if best is None or total < best[0]:
            best = (total, stages)
    assert best is not None
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 5, 10, 20, 50, 100, 200],
                    help="document sizes in thousands of characters")
    ap.add_argument("--repeat", type=int, default=2, help="runs per size (the fastest counts)")
    args = ap.parse_args(argv)
    pipeline = Pipeline.default()
    timed(pipeline, ARTICLE, 1)  # load the lexicons first
    names = [s.name for s in pipeline.stages]
    print(f"microseconds of CPU time per character (best of {args.repeat} runs)")
    print(f"{'input':>18} {'chars':>8} {'seconds':>8} {'total':>7} " + " ".join(f"{n[:9]:>9}" for n in names))
    rows = [(f"article {kb:g} KB", document(kb)) for kb in args.sizes]
    rows += [(f"{name} x1000", s * 1000) for name, s in SENTENCES.items()]
    for label, text in rows:
        total, stages = timed(pipeline, text, args.repeat)
        per = 1e6 / len(text)
        print(f"{label:>18} {len(text):>8} {total:>8.3f} {total * per:>7.2f} "
              + " ".join(f"{stages[n] * per:>9.2f}" for n in names))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
