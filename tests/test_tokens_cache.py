"""The stages' last-document cache (dateline.stages.tokens.words) keeps neither the Doc nor, once the Doc is
freed, its arrays alive, and still answers repeated asks with the same arrays."""

from __future__ import annotations

import gc
import weakref
from typing import Any

from dateline.stages import tokens
from dateline.stages.tokens import doc_text, words


def test_the_cache_does_not_keep_the_last_document_alive(nlp: Any) -> None:
    doc = nlp("Talks resumed in Geneva on Tuesday.")
    first = words(doc)
    assert words(doc) is first and doc_text(doc) == doc.text
    ref = weakref.ref(doc)
    del doc
    gc.collect()
    assert ref() is None  # nothing but the caller held it
    assert tokens._last is None  # and its arrays went with it


def test_a_new_document_never_gets_the_last_ones_arrays(nlp: Any) -> None:
    for text in ("Fighting went on near Kherson.", "Officials said the talks would resume next week in Jeddah.",
                 "Fighting went on near Kherson."):  # same length as the first: freed docs' ids are reused
        doc = nlp(text)
        assert words(doc).texts == [t.text for t in doc] and doc_text(doc) == text
        del doc


def test_the_entry_of_a_newer_document_survives_an_older_ones_release(nlp: Any) -> None:
    older, newer = nlp("Talks resumed."), nlp("Shelling went on overnight.")
    words(older)
    arrays = words(newer)
    del older
    gc.collect()
    assert tokens._last is not None and tokens._last[1] is arrays and words(newer) is arrays
