"""Short fixture articles for the batch tests: several event kinds in several towns, some told alike."""

import json

from marsad.model import Document

TOWNS = ["أريحا", "سراقب", "معرة النعمان", "كفرنبل", "جسر الشغور", "سرمين", "بنش", "تفتناز", "دوما", "حرستا"]
TEMPLATES = ["قتل {n} مدنيين في قصف جوي على بلدة {t} في ريف إدلب أمس.",
             "اشتباكات بين فصائل المعارضة وقوات النظام قرب {t} أسفرت عن مقتل {n} عناصر.",
             "اعتقلت قوات الأمن {n} شبان في مدينة {t} بعد مداهمة منازلهم.",
             "خرج المئات في مظاهرة في {t} للمطالبة بالإفراج عن المعتقلين."]


def documents(n: int) -> list[Document]:
    return [Document(f"d{k}", TEMPLATES[k % len(TEMPLATES)].format(n=k % 9 + 2, t=TOWNS[k % len(TOWNS)]),
                     "2021-03-02", where=f"test:{k}") for k in range(n)]


def write_jsonl(path, docs):
    path.write_text("".join(json.dumps({"id": d.id, "text": d.text, "published": "2021-03-02"}, ensure_ascii=False)
                            + "\n" for d in docs), encoding="utf-8")
    return path
