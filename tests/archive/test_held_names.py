"""An update finds the corpus names an article holds from what it held in the earlier build plus the names new
since (kg.archive.stream.HeldNames): the same names, in the same order, as a scan of the text."""

from __future__ import annotations

from kg.archive.stream import HeldNames, NameFinder

TEXT = "李东林到星火机电公司调研，星火机电和株洲所签约，王立新出席。"


def test_names_added_since_the_earlier_build_are_found_as_a_scan_finds_them():
    earlier = {"星火机电": ("ORG", None), "李东林": ("PER", None), "湘江": ("LOC", None)}
    now = {**earlier, "株洲所": ("ORG", None), "王立新": ("PER", None), "王": ("PER", None), "北京": ("LOC", None)}
    before = list(NameFinder(earlier).find(TEXT))
    held = HeldNames(now, list(earlier.items()))
    assert held.new is not None
    assert list(held.of(TEXT, before).items()) == list(NameFinder(now).find(TEXT).items())


def test_changed_earlier_names_fall_back_to_the_scan():
    earlier = {"星火机电": ("ORG", None), "湘江": ("LOC", None)}
    now = {"星火机电": ("LOC", None), "株洲所": ("ORG", None)}  # a value changed: the earlier lists do not hold
    held = HeldNames(now, list(earlier.items()))
    assert held.new is None
    assert held.of(TEXT, ["湘江"]) == NameFinder(now).find(TEXT)
