"""spaCy tokenizer backed by kg's pkuseg `Segmenter`, registered as `kg.PkusegTokenizer.v1`.

Registered in spaCy's registry so that `nlp.to_disk()` / `spacy.load()` round-trip it: the config names the
factory, the segmenter files live in the pipeline's `tokenizer/` folder. Import `kg.nlp` (or this module)
before `spacy.load` so the registry entry exists.
"""

import tempfile
from collections.abc import Iterable
from pathlib import Path

import srsly
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces, registry
from spacy.vocab import Vocab

from kg.nlp.segmenter import Segmenter, read_user_dict

class PkusegTokenizer:
    """Text → Doc with pkuseg words; whitespace becomes `whitespace_`/space tokens, offsets stay exact."""

    def __init__(self, vocab: Vocab, segmenter: Segmenter | None = None):
        self.vocab = vocab
        self.segmenter = segmenter

    def __call__(self, text: str) -> Doc:
        if self.segmenter is None:
            raise ValueError("PkusegTokenizer has no segmenter: load a trained pipeline (kg.nlp.load)")
        words = self.segmenter.cut(text)
        words, spaces = get_words_and_spaces(words, text)
        return Doc(self.vocab, words=words, spaces=spaces)

    def initialize(
        self,
        get_examples=None,
        *,
        nlp=None,
        segmenter_path: str | Path | None = None,
        user_dict_path: str | Path | None = None,
        pkuseg_model: str | None = None,
        pkuseg_user_dict: str | None = None,
    ) -> None:
        """`[initialize.tokenizer]` in the training config: the segmenter folder and user dictionary.

        `pkuseg_model`/`pkuseg_user_dict` come from spaCy's built-in zh defaults and are ignored. (No
        `from __future__ import annotations` here: spaCy validates these arguments with pydantic.)
        """
        if segmenter_path:
            self.segmenter = Segmenter.load(segmenter_path)
        if user_dict_path and self.segmenter is not None:
            self.segmenter.add_user_words(read_user_dict(user_dict_path))

    def pipe(self, texts: Iterable[str], batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def update_user_dict(self, words: Iterable[str], reset: bool = False) -> None:
        """Add words the segmenter must keep whole (pkuseg user dictionary)."""
        if reset:
            self.segmenter.reset_user_words()
        self.segmenter.add_user_words(words)

    # ------------------------------------------------------------------ serialisation
    def to_disk(self, path: str | Path, *, compresslevel: int = 9, **kwargs) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.segmenter is not None:
            self.segmenter.save(path, compresslevel=compresslevel)

    def from_disk(self, path: str | Path, **kwargs) -> "PkusegTokenizer":
        path = Path(path)
        if (path / "meta.json").exists():
            self.segmenter = Segmenter.load(path)
        return self

    def to_bytes(self, **kwargs) -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            self.to_disk(tmp, compresslevel=0)  # bytes are for passing around, not for storage: skip gzip
            files = {p.name: p.read_bytes() for p in Path(tmp).iterdir()}
        return srsly.msgpack_dumps(files)

    def from_bytes(self, data: bytes, **kwargs) -> "PkusegTokenizer":
        files = srsly.msgpack_loads(data)
        if files:
            with tempfile.TemporaryDirectory() as tmp:
                for name, content in files.items():
                    (Path(tmp) / name).write_bytes(content)
                self.from_disk(tmp)
        return self


@registry.tokenizers("kg.PkusegTokenizer.v1")
def create_pkuseg_tokenizer():
    def make_tokenizer(nlp) -> "PkusegTokenizer":
        return PkusegTokenizer(nlp.vocab)

    return make_tokenizer
