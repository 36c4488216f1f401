"""Entity resolution: mentions → entities, relation mentions → relations with merged evidence.

    from kg.resolve import resolve
    entities, relations = resolve(extractions)

What merges: 以下简称 definitions and customary short forms (中车株洲所 ↔ 中车株洲电力机车研究所有限公司); abbreviations
whose characters appear in order in one full name of the same document (华耘电子 ↔ 湖南华耘电子有限公司, 市卫健委 ↔
市卫生健康委员会), and a zone's customary short form (合肥高新区 ↔ 合肥高新技术产业开发区, kg/resolve/data/); local short forms
of government bodies qualified by the article's place (市委 → 株洲市委, 县政府 → 茶陵县人民政府); place short forms
(株洲 → 株洲市, linked to its division code and parent); the same person across articles and documents when the name
matches and nothing contradicts (a reporter is not merged with an official of the same name).

A build keeps resolution's state per key (kg/resolve/engine.py, kept.py); an update redoes only what its changed
documents touch and gives what the full resolution gives (kg/resolve/incremental.py).
"""

from kg.resolve.resolver import qualify_local_name, resolve

__all__ = ["resolve", "qualify_local_name"]
