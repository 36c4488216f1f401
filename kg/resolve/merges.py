"""The merge passes of resolution: a cluster that is another name of a cluster of the same label sharing a document
with it (an abbreviation, the name without its leading place or its legal form, a bare event or place name) is merged
into it.

The passes run in a fixed order, each over its label's clusters in creation order, and a decision may read whether a
neighbour was merged already: a decision is made at a moment (pass, the cluster's position). `Merges.run` makes every
decision; `Merges.rerun` (kg/resolve/incremental.py) makes again only those of the clusters a change may have reached
and takes the others from the previous build, marking for a new decision every cluster that can read one that came
out otherwise (see its doc).
"""

from __future__ import annotations

import csv
import heapq
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from kg.extract import lexicon as lx
from kg.resolve.keys import Key

# the passes: (label, decision); pass n is made at moments (n, position)
LABELS = {1: "ORG", 2: "ORG", 3: "PROJECT", 4: "LOC", 5: "ORG", 6: "ORG", 7: "EVENT", 8: "EVENT", 9: "LOC", 10: "LOC"}


class MergeView:
    """What the passes read of the clusters: a cluster's position (creation order), its fullest name (`names`: a
    dict over every cluster but persons'), its articles, whether its name is complete, and its neighbours (the
    clusters of its label in its documents)."""

    names: dict[Key, str]

    def position(self, k: Key) -> tuple:
        raise NotImplementedError

    def articles(self, k: Key) -> set:
        raise NotImplementedError

    def qualified(self, k: Key) -> bool:
        """Whether one of its mentions was qualified (市委 → 株洲市委)."""
        raise NotImplementedError

    def neighbours(self, k: Key) -> Iterable[Key]:
        raise NotImplementedError


class Merges:
    def __init__(self, view: MergeView, known: dict):
        self.view, self.known = view, known
        self.decided: dict[Key, tuple[Key, int]] = {}  # key → (the key it is merged into, the pass)
        # a full run decides in order: what is decided was decided before now (and clusters that no neighbour can
        # match are skipped, found over every cluster); a rerun holds decisions to come too
        self.in_order = True
        self._memo: dict[tuple[str, Key], object] = {}
        self._decide = {1: self._abbreviation, 2: self._stripped, 3: self._stripped, 4: self._stripped,
                        5: self._legal_form, 6: self._weak_tail, 7: self._event_equal, 8: self._event_short,
                        9: self._area, 10: self._place}

    # ------------------------------------------------------------------ moments

    def merged(self, o: Key, now: tuple) -> bool:
        """Whether `o` was merged before the moment `now` ((pass, position))."""
        d = self.decided.get(o)
        return d is not None and (d[1] < now[0] or d[1] == now[0] and self.view.position(o) < now[1])

    def merged_at(self, now: tuple) -> Callable[[Key], bool]:
        """merged(·, now) as a one-argument test (a full run's: the dict's own, no Python frame per call)."""
        if self.in_order:
            return self.decided.__contains__
        return lambda o: self.merged(o, now)

    def merged_before(self, o: Key, p: int) -> bool:
        """Whether `o` was merged before pass `p` started."""
        d = self.decided.get(o)
        return d is not None and d[1] < p

    def root(self, k: Key, now: tuple | None = None) -> Key:
        """Follow merges made before `now` (all of them: None) to the cluster a key ended up in (cycle-safe)."""
        seen = set()
        while k not in seen:
            d = self.decided.get(k)
            if d is None or now is not None and not self.in_order and not self.merged(k, now):
                return k
            seen.add(k)
            k = d[0]
        return k

    # ------------------------------------------------------------------ runs

    def run(self, keys: list[Key]) -> None:
        """Every decision, `keys` being every cluster in creation order."""
        by_label: dict[str, list[Key]] = {}
        for k in keys:
            by_label.setdefault(k[0], []).append(k)
        for p, label in LABELS.items():
            skip = self._skipped(p, by_label.get(label, []))
            for k in by_label.get(label, []):
                if k in skip or k in self.decided:
                    continue
                now = (p, self.view.position(k))
                target = self._decide[p](k, now)
                if target is not None:
                    self.decided[k] = (target, p)

    def rerun(self, old: dict[Key, tuple[Key, int]], dirty: set[Key], readers: Callable[[Key], set[Key]],
              live: Callable[[Key], bool]) -> set[Key]:
        """The decisions of the previous build (`old`), made again for the `dirty` clusters and for every cluster that
        can read a decision that came out otherwise: a cluster reads its neighbours' (merged yet?) and, through
        root(), every key merged into one of them. `readers(k)`: the clusters that may read k's decision; `live(k)`:
        whether k is still a cluster. A clean cluster's decision read the same inputs as before at the same moment
        (its own data, its neighbours' names, their decisions before that moment), so it stands. Returns the
        clusters whose decision changed."""
        self.in_order = False
        self.decided = {k: d for k, d in old.items() if k not in dirty and live(k)}
        changed: set[Key] = set()
        for p, label in LABELS.items():
            heap = [(self.view.position(k), k) for k in dirty if k[0] == label and live(k)]
            heapq.heapify(heap)
            done: set[Key] = set()
            while heap:
                pos, k = heapq.heappop(heap)
                if k in done or self.merged(k, (p, pos)):
                    continue
                done.add(k)
                target = self._decide[p](k, (p, pos))
                if target is not None:
                    self.decided[k] = (target, p)
                before = old.get(k)
                if target != (before[0] if before is not None and before[1] == p else None):
                    changed.add(k)
                    self._reach(readers(k), (p, pos), old, dirty, heap, label)
        return changed

    def _reach(self, keys: set[Key], now: tuple, old: dict, dirty: set, heap: list, label: str) -> None:
        """Mark `keys` dirty from the moment `now` on: a decision they made before it stands, a later one is made
        again (this pass's, when still to come, through `heap`)."""
        for r in keys - dirty:
            dirty.add(r)
            d = old.get(r)
            if d is not None and (d[1], self.view.position(r)) > now:
                self.decided.pop(r, None)
            if r[0] == label and self.view.position(r) > now[1]:
                heapq.heappush(heap, (self.view.position(r), r))

    def _skipped(self, p: int, keys: list[Key]) -> set[Key]:
        """Clusters whose decision in pass `p` is known to be none without reading their neighbours: a name no
        other name of the label strips to (passes 2-4), a plain company name no other body has (pass 5)."""
        if not self.in_order or p not in (2, 3, 4, 5):
            return set()
        from kg.resolve.resolver import _strip_place_prefix

        if p == 5:
            shared = Counter(self._plain_org(k) for k in keys)
            return {k for k in keys if shared[self._plain_org(k)] < 2}
        names = {k: self.view.names[k] for k in keys}
        stripped = {short for name in names.values() if (short := _strip_place_prefix(name)) != name}
        return {k for k in keys if names[k] not in stripped}

    # ------------------------------------------------------------------ the passes

    def _abbreviation(self, k: Key, now: tuple) -> Key | None:
        """A short ORG name whose characters appear in order in exactly one longer ORG of its documents."""
        from kg.extract.places import leading_division
        from kg.resolve.resolver import _strip_place_prefix, is_abbreviation

        name = k[1]
        # a complete name (株洲市委, a lexicon name) is not an abbreviation of something else, but 省药监局 is one of
        # 湖南省药品监督管理局: same place, same kind of body (last character), more than a bare 市委
        complete = name.endswith(_suffixes()) or self.view.qualified(k)
        if len(name) > 8 or name in self.known or (complete and len(_strip_place_prefix(name)) < 3):
            return None
        division = leading_division(name)
        if complete and division and len(name) - len(division) < 3:
            return None  # 曹妃甸区委: a district's committee in full, not 曹妃甸工业区党工委 written short
        # (is_abbreviation is false unless the longer name, or it without its leading place, opens alike: asked first)
        targets = [o for o in self.view.neighbours(k) if len(name) >= 2 and len(o[1]) > len(name)
                   and (o[1][0] == name[0] or _strip_place_prefix(o[1])[:1] == name[0]) and is_abbreviation(name, o[1])
                   and (not complete or (o[1][:2] == name[:2] and _same_kind(name, o[1])))]
        if targets:
            best = min(len(o[1]) for o in targets)
            shortest = [o for o in targets if len(o[1]) == best]
            if len(shortest) == 1:
                return shortest[0]
        return None

    def _stripped(self, k: Key, now: tuple) -> Key | None:
        """轨道交通产业协会 ↔ 株洲市轨道交通产业协会: a name equal to a longer one minus its leading place."""
        from kg.resolve.resolver import _strip_place_prefix

        names, merged = self.view.names, self.merged_at(now)
        name = names[k]
        longer = [o for o in self.view.neighbours(k) if not merged(o) and len(names[o]) > len(name)
                  and _strip_place_prefix(names[o]) == name]
        return longer[0] if len(longer) == 1 else None

    def _legal_form(self, k: Key, now: tuple) -> Key | None:
        """Companies: 湖南银力混凝土公司 ~ 湖南银力混凝土有限公司, 某某集团 ~ 某某集团有限公司 (the legal form dropped)."""
        names, merged, plain = self.view.names, self.merged_at(now), self._plain_org(k)
        fuller = [o for o in self.view.neighbours(k) if not merged(o) and self._plain_org(o) == plain
                  and len(names[o]) > len(names[k])]
        return fuller[0] if len(fuller) == 1 else None

    def _weak_tail(self, k: Key, now: tuple) -> Key | None:
        """智能制造联合实验室 ~ 湘潭大学—星火机电智能制造联合实验室: a lab or centre named by the tail of its full name
        (≥ 4 characters before its suffix), when exactly one organisation of the document ends so."""
        names = self.view.names
        name = names[k]
        suffix = next((sfx for sfx in _weak_suffixes() if name.endswith(sfx)), None)
        if suffix is None or len(name) - len(suffix) < 4 or name in self.known:
            return None
        merged = self.merged_at(now)
        fuller = [o for o in self.view.neighbours(k) if not merged(o) and len(names[o]) > len(name)
                  and names[o].endswith(name)]
        return fuller[0] if len(fuller) == 1 else None

    def _events(self, k: Key) -> list[Key]:
        """The event clusters of k's documents not merged before the event passes."""
        return [o for o in self.view.neighbours(k) if not self.merged_before(o, 7)]

    def _event_equal(self, k: Key, now: tuple) -> Key | None:
        """中车株洲所科技节 ~ 中车株洲所第三届科技节; 2024年招商引资工作推进会 ~ 全市招商引资工作推进会 (not ~ 2023年…)."""
        names, plain = self.view.names, self._plain_event
        equal = [o for o in self._events(k) if plain(o)[0] == plain(k)[0] and None in (plain(o)[1], plain(k)[1])
                 or plain(o) == plain(k)]
        equal = [o for o in equal if len(names[o]) > len(names[k])]
        return equal[0] if len(equal) == 1 else None

    def _event_short(self, k: Key, now: tuple) -> Key | None:
        """A bare 论坛 (or the headline's 产业招商推介会) is the named event of its own article that it ends; 政银企对接会
        ~ “聚势共赢金智惠企”政银企对接暨…推广会: a short name read in order inside one long one."""
        from kg.resolve.resolver import _in_order

        names, merged = self.view.names, self.merged_at(now)
        name = names[k]
        if len(name) > 10:
            return None
        same_doc = self._events(k)
        articles = self.view.articles(k)
        longer = [o for o in same_doc if names[o].endswith(name) and not merged(o)
                  and len(names[o]) > len(name) and self.view.articles(o) & articles]
        if len(longer) == 1:
            return longer[0]
        inside = [o for o in same_doc if not merged(o) and len(names[o]) > len(name)
                  and self.view.articles(o) & articles and name[:3] in names[o] and _in_order(name, names[o])]
        return inside[0] if len(inside) == 1 else None

    def _places(self, k: Key) -> list[Key]:
        """The place clusters of k's documents not merged before the place passes."""
        return [o for o in self.view.neighbours(k) if not self.merged_before(o, 9)]

    def _area(self, k: Key, now: tuple) -> Key | None:
        """酒仙湖片区 ~ 酒仙湖景区: one area named with two area words in one document."""
        from kg.resolve.resolver import _AREA

        names = self.view.names
        name = names[k]
        if not _AREA.search(name):
            return None
        merged = self.merged_at(now)
        fuller = [o for o in self._places(k) if not merged(o) and _AREA.search(names[o])
                  and self._area_name(o) == self._area_name(k) and names[o] < name]
        return fuller[0] if len(fuller) == 1 else None

    def _place(self, k: Key, now: tuple) -> Key | None:
        """姚家坝 ~ 姚家坝村, 炎陵红军标语博物馆 ~ 炎陵县红军标语博物馆; 临港新区 ~ 城陵矶临港新区: a zone or venue named
        by the tail of its full name (the words before the suffix kept, ≥ 2 of them), when exactly one place of the
        document ends so."""
        from kg.resolve.resolver import _PLACE_SUFFIXES, _loc_suffixes

        names = self.view.names
        name = names[k]
        places = self._places(k)
        suffixed = {name + sfx for sfx in _PLACE_SUFFIXES}
        zones = self._zone_full(k)
        fuller = [o for o in places if len(names[o]) > len(name) and (
                  names[o] in suffixed or self._expanded(k) == names[o] or names[o] in zones)]
        if not fuller:
            suffix = next((sfx for sfx in _loc_suffixes() if name.endswith(sfx)), None)
            if suffix is not None and len(name) - len(suffix) >= 2:
                merged = self.merged_at(now)
                fuller = [o for o in places if not merged(o) and names[o].endswith(name)
                          and len(names[o]) > len(name)]
        # 酒仙湖 beside 酒仙湖片区 and 酒仙湖景区, already one place: one target
        targets = {self.root(o, now) for o in fuller} - {k}
        return targets.pop() if len(targets) == 1 else None

    # ------------------------------------------------------------------ names, memoised per run

    def _memoised(self, kind: str, k: Key, make: Callable[[str], object]):
        found = self._memo.get((kind, k), self)
        if found is self:
            found = self._memo[(kind, k)] = make(self.view.names[k])
        return found

    def _plain_org(self, k: Key) -> str:
        from kg.resolve.resolver import _without_legal_form

        return self._memoised("org", k, _without_legal_form)

    def _plain_event(self, k: Key) -> tuple[str, str | None]:
        from kg.resolve.resolver import _plain_event_name

        return self._memoised("event", k, _plain_event_name)

    def _area_name(self, k: Key) -> str:
        from kg.resolve.resolver import _AREA

        return self._memoised("area", k, lambda n: _AREA.sub("", n))

    def _expanded(self, k: Key) -> str:
        from kg.resolve.resolver import _expand_place_prefix

        return self._memoised("expanded", k, _expand_place_prefix)

    def _zone_full(self, k: Key) -> frozenset[str]:
        return self._memoised("zone", k, _zone_full_names)


@cache
def _suffixes() -> tuple[str, ...]:
    return tuple(sfx for sfx, _, _ in lx.org_suffixes())


@cache
def _weak_suffixes() -> tuple[str, ...]:
    return tuple(sorted((sfx for sfx, _, strength in lx.org_suffixes() if strength == "weak"), key=len, reverse=True))


@cache
def _short_suffixes(label: str) -> tuple[tuple[str, str], ...]:
    """(full ending, its customary short ending) of a label's names (data/short_suffixes.csv: 高新技术产业开发区 → 高新区)."""
    with (Path(__file__).resolve().parent / "data" / "short_suffixes.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(line for line in f if line.strip() and not line.startswith("#")))
    return tuple((r["full"], r["short"]) for r in rows if r["label"] == label)


def _same_kind(short: str, full: str) -> bool:
    """Two names of one kind of body: the same last character, or a customary short ending of the full one's (国资委 of
    国有资产监督管理委员会; a bare 市委 never gets here, _abbreviation refuses complete names that short)."""
    return short[-1] == full[-1] or any(short.endswith(s) and full.endswith(f) for f, s in _short_suffixes("ORG"))


def _zone_full_names(name: str) -> frozenset[str]:
    """合肥高新区 → 合肥高新技术产业开发区, 合肥国家高新技术产业开发区 …: the full names a zone's short form stands for, the
    place before the zone word kept as written or as its division's full name (株洲高新区 ~ 株洲市高新技术产业开发区)."""
    from kg.resolve.resolver import _expand_place_prefix

    found = set()
    for written in {name, _expand_place_prefix(name)}:
        for full, short in _short_suffixes("LOC"):
            if written.endswith(short) and len(written) - len(short) >= 2:
                found.add(written[: -len(short)] + full)
    return frozenset(found)
