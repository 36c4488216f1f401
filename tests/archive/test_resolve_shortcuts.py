"""The shortcuts that keep resolution fast on an archive (issue 21) answer exactly what the plain code answered."""

from __future__ import annotations

import random
from collections import Counter

from kg.resolve import resolver

NAMES = ["株洲", "株洲市", "株洲市委", "中车株洲所", "中车株洲电力机车研究所有限公司", "湖南省药品监督管理局", "省药监局",
         "华耘电子", "湖南华耘电子有限公司", "中共株洲市委", "市委", "湘潭经开区", "湘潭经济技术开发区", "中央",
         "中共中央办公厅", "炎陵红军标语博物馆", "炎陵县", "长沙市岳麓区", "岳麓区政府", "株机", "株", ""]


def test_the_abbreviation_prefilter_never_drops_an_abbreviation():
    for short in NAMES:
        for full in NAMES:
            if resolver.is_abbreviation(short, full):
                assert len(short) >= 2 and len(full) > len(short)
                assert full[0] == short[0] or resolver._strip_place_prefix(full)[:1] == short[0]


def test_memos_live_for_one_call_and_agree_with_the_plain_helpers():
    assert resolver._STRIPPED is None and resolver._SURFACES is None and resolver._READINGS is None
    plain = {name: resolver._strip_place_prefix(name) for name in NAMES}
    readings = {(name, leading): resolver._place_reading(name, leading) for name in NAMES for leading in (False, True)}
    resolver._STRIPPED, resolver._READINGS = {}, {}
    try:
        for _ in range(2):  # the second round answers from the memo
            assert {name: resolver._strip_place_prefix(name) for name in NAMES} == plain
            assert {k: resolver._place_reading(*k) for k in readings} == readings
    finally:
        resolver._STRIPPED = resolver._READINGS = None
    resolver.resolve([])
    assert resolver._STRIPPED is None and resolver._SURFACES is None and resolver._READINGS is None


def test_majority_is_counter_most_common():
    rng = random.Random(7)
    for _ in range(500):
        values = [rng.choice(["company", "gov", "media", None, ""]) for _ in range(rng.randint(0, 8))]
        counts = Counter(v for v in values if v)
        assert resolver._majority(iter(values)) == (counts.most_common(1)[0][0] if counts else None)


def test_leading_place_by_first_character_is_the_linear_scan():
    from kg.records import Entity

    places = [Entity(id=f"loc/{n}", type="LOC", name=n) for n in ("河南省", "驻马店市", "驻马店", "河南", "株洲市", "株洲")]
    ordered = sorted({(p.name, p.id): p for p in places}.items(), key=lambda kv: (-len(kv[0][0]), kv[0]))
    grouped: dict = {}
    for (form, _), p in ordered:
        grouped.setdefault(form[0], []).append((form, p))

    def linear(written):
        place, pos = None, 0
        while True:
            step = next(((form, p) for (form, _), p in ordered if written.startswith(form, pos)
                         and resolver._body_after_place(written, pos + len(form))), None)
            if step is None:
                return place
            pos += len(step[0])
            place = step[1]

    for written in ("河南省驻马店市委", "驻马店市委", "河南日报", "株洲市商务局", "株洲", "", "市委", "河南省驻马店"):
        assert resolver._leading_place(written, grouped) is linear(written)
