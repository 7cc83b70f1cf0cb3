"""Bytes to text, or a coded error saying why not (empty, binary, undecodable, too large).

Supported: UTF-8 with or without a BOM, UTF-16 with a BOM, and a cp1252 / latin-1 fallback used
only when the bytes look like text (mostly ASCII, no control bytes). NUL bytes mean binary.
"""

from __future__ import annotations

import codecs

from dateline.errors import BinaryInput, EmptyInput, InputTooLarge, UndecodableInput

# C0 control bytes other than tab, newline, vertical tab, form feed and carriage return, plus DEL.
_CONTROL = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x20)) | {0x7F}
_CONTROL_CHARS = frozenset(chr(b) for b in _CONTROL)
_CONTROL_BYTES = [bytes((b,)) for b in sorted(_CONTROL)]
_HIGH_BYTES = bytes(range(0x80, 0x100))
# Most Western-European text in a legacy 8-bit code page is ASCII; random bytes are not.
_MAX_HIGH_BYTE_SHARE = 0.3
_MAX_CONTROL_SHARE = 0.001


def decode_bytes(data: bytes, *, path: str, max_text_bytes: int) -> str:
    """The text in ``data``; raises an InputError subclass naming ``path`` when there is none."""
    if not data.strip():
        raise EmptyInput("the file is empty", path=path)
    text = _decode(data, path)
    _check_text(text, path, max_text_bytes)
    return text


def _decode(data: bytes, path: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8):], "utf-8", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path)
    if b"\x00" in data:
        raise BinaryInput("the file contains NUL bytes", path=path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _legacy(data, path)


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UndecodableInput(f"not valid {encoding} after its byte-order mark ({exc.reason} at byte "
                               f"{exc.start})", path=path) from None


def _legacy(data: bytes, path: str) -> str:
    """cp1252 (latin-1 for its five undefined bytes), only for bytes that look like text."""
    controls = sum(data.count(b) for b in _CONTROL_BYTES)
    if controls > max(1, len(data) * _MAX_CONTROL_SHARE):
        raise BinaryInput(f"the file has {controls} control bytes", path=path)
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if high > len(data) * _MAX_HIGH_BYTE_SHARE:
        raise UndecodableInput(f"not UTF-8, and {high} of {len(data)} bytes are non-ASCII, too many "
                               "for cp1252 text", path=path)
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are undefined in cp1252
        return "".join(_cp1252_char(b) for b in data)


def _cp1252_char(byte: int) -> str:
    raw = bytes((byte,))
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _check_text(text: str, path: str, max_text_bytes: int) -> None:
    if not text.strip():
        raise EmptyInput("the file holds only white space", path=path)
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > max_text_bytes:
        raise InputTooLarge(f"{size} bytes of text, over the limit of {max_text_bytes}", path=path)
    controls = sum(text.count(ch) for ch in _CONTROL_CHARS)
    if controls > max(1, len(text) * _MAX_CONTROL_SHARE):
        raise BinaryInput(f"the text has {controls} control characters", path=path)
