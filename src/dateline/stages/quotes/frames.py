"""Attribution frames from the spaCy parse: a cue, who it belongs to, and what was said.

A frame is found from its cue: a verb of the cue lexicon with a complement clause ("said that
...", "... , he said"), a content object for the verbs that take one ("downplayed the
seriousness of ..."), or the phrase "according to X".  One pass over the tokens; no new spaCy run.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from dateline.stages.quotes.lexicon import Lexicon

Token = Any  # spacy.tokens.Token (spaCy ships no type information)
Doc = Any

_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_CLAUSE_DEPS = ("ccomp",)
_XCOMP_LEMMAS = frozenset(("promise", "pledge", "vow", "threaten", "urge", "demand", "ask", "warn", "propose",
                           "agree", "tell", "vow", "refuse", "expect", "hope", "want", "plan", "recommend"))
_NEEDS_PARTICLE = {"point": "out", "rule": "out"}
_NOT_CONTENT_LEMMAS = frozenset(("call",))  # "called X 'Y'" is found from the quote marks
_PUNCT_EDGE = " \t\n,;:.-\u2014\u2013"


@dataclass(frozen=True)
class Frame:
    """One attribution: the cue, the speaker's words in the text and the content, as char offsets."""

    cue: tuple[int, int]
    cue_lemma: str
    cue_token: int
    speaker: tuple[int, int] | None
    speaker_head: int | None
    content: tuple[int, int]
    kind: str
    confidence: float
    inherited: bool = False
    relay: int | None = None

    def with_content(self, start: int, end: int, kind: str) -> Frame:
        return replace(self, content=(start, end), kind=kind)


def trim(text: str, start: int, end: int, edge: str = _PUNCT_EDGE) -> tuple[int, int]:
    """``start``/``end`` moved inwards past spaces and edge punctuation."""
    while start < end and (text[start] in edge or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in edge or text[end - 1].isspace()):
        end -= 1
    return start, end


def token_span(tokens: list[Token]) -> tuple[int, int]:
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def subtree_span(token: Token) -> tuple[int, int]:
    right = token.right_edge
    return token.left_edge.idx, right.idx + len(right.text)


def is_cue(token: Token, lex: Lexicon) -> bool:
    if token.pos_ not in ("VERB", "AUX") or lex.cue_class(token.lemma_) is None:
        return False
    particle = _NEEDS_PARTICLE.get(token.lemma_)
    return particle is None or any(c.dep_ == "prt" and c.lower_ == particle for c in token.children)


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject of ``verb``, climbing conjoined and participle verbs ("..., saying")."""
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ in _SUBJECT_DEPS:
                return _relative_head(child)
        if current.dep_ in ("relcl", "acl"):
            return current.head
        if current.dep_ not in ("conj", "advcl", "xcomp") or current.head.i == current.i:
            return None
        if current.dep_ == "advcl" and current.tag_ != "VBG":
            return None
        current = current.head
    return None


def _relative_head(subject: Token) -> Token:
    """'who' in "Smith, who said ..." stands for Smith."""
    if subject.tag_ in ("WP", "WDT") and subject.head.dep_ == "relcl":
        return subject.head.head
    return subject


def speaker_span(text: str, subject: Token) -> tuple[int, int]:
    """The subject's noun phrase, without a relative clause or trailing punctuation."""
    tokens = [t for t in subject.subtree if not _in_relcl(t, subject)]
    start, end = token_span(tokens)
    return trim(text, start, end, " \t\n,;:-\u2014\u2013\"\u201c\u201d")


def _in_relcl(token: Token, root: Token) -> bool:
    while token.i != root.i and token.head.i != token.i:
        if token.dep_ in ("relcl", "acl") and token.head.i == root.i:
            return True
        token = token.head
    return False


def content_tokens(verb: Token, cue_class: str) -> list[Token]:
    """Tokens of the complement that carries what was said, or [] when the verb has none."""
    lemma = verb.lemma_
    if lemma in _NOT_CONTENT_LEMMAS:
        return [t for c in verb.children if c.dep_ == "prep" and c.lower_ in ("for", "on") for t in c.subtree]
    clauses = [c for c in verb.children if c.dep_ in _CLAUSE_DEPS]
    if not clauses and lemma in _XCOMP_LEMMAS:
        clauses = [c for c in verb.children if c.dep_ == "xcomp"]
    if not clauses and cue_class == "object":
        clauses = [c for c in verb.children if c.dep_ == "dobj"]
    tokens = [t for c in clauses for t in c.subtree]
    if not tokens and _is_inverted(verb):
        tokens = _inverted_clause(verb)
    return tokens


def _is_inverted(verb: Token) -> bool:
    """ "..., he said": the cue hangs off the clause before it, after a comma or quote mark."""
    if verb.head.i >= verb.i or verb.dep_ not in ("parataxis", "ccomp"):
        return False
    if any(c.dep_ in ("mark", "aux") for c in verb.children):
        return False
    left = verb.left_edge.i
    return left > 0 and verb.doc[left - 1].text in (",", "\u201d", '"', "\u2014", "--")


def _inverted_clause(verb: Token) -> list[Token]:
    """ "The talks failed, he said": the clause before the cue is its content."""
    head = verb.head
    return [t for t in head.subtree if t.i < verb.left_edge.i]


def frames_from_cues(doc: Doc, text: str, lex: Lexicon) -> Iterator[Frame]:
    """A frame for every cue verb with a content complement, and for every "according to X"."""
    for token in doc:
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            frame = according_frame(doc, text, token, lex)
        elif is_cue(token, lex):
            frame = verb_frame(text, token, lex)
        else:
            continue
        if frame is not None:
            yield frame


def verb_frame(text: str, verb: Token, lex: Lexicon) -> Frame | None:
    cue_class = lex.cue_class(verb.lemma_) or "clause"
    lo, hi = text.rfind("\n", 0, verb.idx) + 1, text.find("\n", verb.idx)
    hi = len(text) if hi < 0 else hi
    tokens = [t for t in content_tokens(verb, cue_class) if lo <= t.idx < hi]
    if not tokens:
        return None
    start, end = trim(text, *token_span(tokens))
    if end - start < 2:
        return None
    subject = subject_of(verb)
    cited = cited_source(verb)
    relay = None
    if cited is not None:
        subject, relay = cited, subject.i if subject is not None else None
    speaker = speaker_span(text, subject) if subject is not None else None
    confidence = lex.confidence[cue_class] - (0.0 if subject is not None else 0.25)
    return Frame(cue=(verb.idx, verb.idx + len(verb.text)), cue_lemma=verb.lemma_, cue_token=verb.i,
                 speaker=speaker, speaker_head=subject.i if subject is not None else None,
                 content=(start, end), kind="indirect", confidence=round(confidence, 3), relay=relay)


def cited_source(verb: Token) -> Token | None:
    """ "Bloomberg, citing an unnamed person, reported ...": the person is the source."""
    for child in verb.children:
        if child.dep_ == "advcl" and child.lemma_ in ("cite", "quote") and child.tag_ == "VBG":
            return next((c for c in child.children if c.dep_ == "dobj"), None)
    return None


def according_object(doc: Doc, according: Token) -> Token | None:
    to = doc[according.i + 1]
    return next((c for c in to.children if c.dep_ == "pobj"), None)


def according_frame(doc: Doc, text: str, according: Token, lex: Lexicon) -> Frame | None:
    """ "According to X, Y" / "Y, according to X": X said Y, unless Y already has its own cue."""
    source = according_object(doc, according)
    if source is None or is_cue(according.head, lex):
        return None
    sent = according.sent
    phrase = (according.i, (source.right_edge.i))
    before = (sent.start, phrase[0])
    after = (phrase[1] + 1, sent.end)
    lo, hi = max((before, after), key=lambda r: r[1] - r[0])
    if hi - lo < 3:
        return None
    start, end = trim(text, doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text))
    cue_end = doc[according.i + 1].idx + 2
    return Frame(cue=(according.idx, cue_end), cue_lemma="according to", cue_token=according.i,
                 speaker=speaker_span(text, source), speaker_head=source.i, content=(start, end),
                 kind="indirect", confidence=lex.confidence["clause"])
