"""The offline gazetteer: GeoNames-derived places in an SQLite index.

Built once (``dateline gazetteer build``): by default from registry packages at install time
(:mod:`.registry_build`), or from full GeoNames dumps a user downloads (:mod:`.geonames_build`).
Read through :class:`Gazetteer`.  Contains data from GeoNames (geonames.org), CC BY 4.0.
"""

from __future__ import annotations

import sys
from pathlib import Path

from dateline.errors import DataMissing
from dateline.knowledge.gazetteer.index import Candidate, Gazetteer, GazPlace

__all__ = ["Candidate", "GazPlace", "Gazetteer", "default_path", "resolve_path", "open_gazetteer"]


def default_path() -> Path:
    """Where the default build lives: inside the environment dateline is installed in."""
    return Path(sys.prefix) / "share" / "dateline" / "gazetteer.sqlite"


def resolve_path(setting: str) -> Path:
    """The index path for the ``gazetteer`` setting (empty: :func:`default_path`)."""
    return Path(setting).expanduser() if setting else default_path()


def open_gazetteer(setting: str, build_missing_default: bool = True) -> Gazetteer:
    """Open the configured index; the default one is built on first use when it is missing."""
    path = resolve_path(setting)
    if not setting and build_missing_default and not _current(path):
        from dateline.knowledge.gazetteer.registry_build import build_default

        print(f"dateline: building the default gazetteer at {path} (once)", file=sys.stderr)
        build_default(path)
    return Gazetteer(path)


def _current(path: Path) -> bool:
    """Whether the index at ``path`` exists and has this dateline's format."""
    if not path.exists():
        return False
    try:
        Gazetteer(path).db.close()
    except DataMissing:
        return False
    return True
