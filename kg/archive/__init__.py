"""The archive build: many files, all cores, bounded memory, a per-document cache for incremental updates.

    from kg.archive import build_corpus     # used by kg.pipeline.build and kg update
    corpus, counts = build_corpus(inputs, stage_dir, jobs=2)

Two phases (kg/archive/stream.py):
1. per file, on any worker (kg/archive/work.py): ingest + the NLP pipeline (segmenter, NER, entity rules) →
   a `FileRecord` of plain records (never spaCy Docs), pickled into the cache under the file's content key;
2. in the main process, in input order: the corpus-level names (one dict, first seen wins), the cross-document
   date repair, then per article the extraction rules with the names its text holds (cached too, keyed by
   the article's record and those names), then resolution and the exports.

A file whose key is in the previous build's cache skips phase 1; an article whose key is there skips the rules:
that is `kg update` (kg/archive/update.py), byte-identical to a full build of the same files.
"""

from kg.archive.stream import BuildCounts, build_corpus

__all__ = ["build_corpus", "BuildCounts"]
