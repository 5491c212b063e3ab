"""Stage 1: decode raw files, whatever encoding they arrived in.

Notices come from web pages, PDFs and office machines: UTF-8 with or without BOM,
UTF-16, GB18030/GBK, with CRLF or CR line ends. A file that cannot be read is reported
with its name (and line, where one applies); it never stops the other files.
"""

from __future__ import annotations

import codecs
import re

from build_site.model import Problem, SourceText

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (docx/xlsx?)",
    b"\xd0\xcf\x11\xe0": "an OLE document (doc/xls?)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
}
_LINE_BREAKS = re.compile(r"\r\n|\r|\n|\f")


class UnreadableFile(Exception):
    """The file cannot be turned into text at all; carries the problem to report."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def decode(name: str, data: bytes) -> tuple[SourceText, list[Problem]]:
    """Decode one raw file; raise UnreadableFile for empty or binary input."""
    if not data.strip(b" \t\r\n\f\x00"):
        raise UnreadableFile(Problem(name, None, "empty file: no notice text in it", fatal=True))
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise UnreadableFile(
                Problem(name, 1, f"binary file ({kind}), not notice text", fatal=True)
            )
    text, encoding, problems = _decode_text(name, data)
    binary_line = _first_binary_line(text)
    if binary_line is not None:
        raise UnreadableFile(
            Problem(name, binary_line, "binary data (control bytes), not notice text", fatal=True)
        )
    lines = tuple(_LINE_BREAKS.split(text))
    return SourceText(name, encoding, lines), problems


def _decode_text(name: str, data: bytes) -> tuple[str, str, list[Problem]]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict_or_replace(name, data[len(bom):], encoding.replace("-sig", ""), bom)
    utf16 = _sniff_utf16(data)
    if utf16:
        return _strict_or_replace(name, data, utf16, b"")
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_like_chinese(text):
            return text, "gb18030", []
    return _strict_or_replace(name, data, "utf-8", b"")


def _strict_or_replace(
    name: str, data: bytes, encoding: str, bom: bytes
) -> tuple[str, str, list[Problem]]:
    """Decode; bad bytes become U+FFFD and each affected line is reported, never dropped."""
    label = encoding + ("-sig" if bom == codecs.BOM_UTF8 else "")
    try:
        return data.decode(encoding), label, []
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
    bad_lines = sorted(
        {number for number, line in enumerate(_LINE_BREAKS.split(text), 1) if "\ufffd" in line}
    )
    shown = ", ".join(map(str, bad_lines[:10])) + (" …" if len(bad_lines) > 10 else "")
    problem = Problem(
        name,
        bad_lines[0] if bad_lines else None,
        f"bytes that are not valid {encoding} on line(s) {shown}: kept as U+FFFD (�)",
    )
    return text, label, [problem]


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: ASCII line ends and digits leave NUL bytes in one lane."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    if odd_nuls > half * 0.05 and odd_nuls > 3 * even_nuls:
        encoding = "utf-16-le"
    elif even_nuls > half * 0.05 and even_nuls > 3 * odd_nuls:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return encoding if _looks_like_chinese(text) else None


def _looks_like_chinese(text: str) -> bool:
    """Most characters are Han, CJK punctuation or printable ASCII."""
    sample = text[:20000]
    plausible = sum(
        1
        for char in sample
        if char.isascii() or "\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"
    )
    return plausible >= 0.95 * len(sample)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _first_binary_line(text: str) -> int | None:
    """The first line holding control characters that no text file has."""
    if not _CONTROL.search(text):
        return None
    for number, line in enumerate(_LINE_BREAKS.split(text), 1):
        controls = len(_CONTROL.findall(line))
        if controls and (controls > 2 or "\x00" in line):
            return number
    return None
