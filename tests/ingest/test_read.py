"""Reading raw files in every encoding they arrive in; bad input gives a clear message."""

from __future__ import annotations

import codecs

import pytest

from build_site.ingest.corpus import build_corpus
from build_site.ingest.read import UnreadableFile, decode

TEXT = "晋政发〔2024〕1号\n各市、县人民政府：\n一、健全落实安全责任体系\n（一）严格落实党政领导责任。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("gb18030"), "gb18030"),
    ],
)
def test_every_encoding_gives_the_same_lines(data: bytes, encoding: str) -> None:
    source, problems = decode("n.txt", data)
    assert source.encoding == encoding
    assert source.lines == tuple(TEXT.split("\n"))
    assert problems == []


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_line_ends(newline: str) -> None:
    source, _ = decode("n.txt", TEXT.replace("\n", newline).encode("utf-8"))
    assert source.lines == tuple(TEXT.split("\n"))


@pytest.mark.parametrize("data", [b"", b"   \r\n\n", codecs.BOM_UTF8[:0]])
def test_empty_file_is_reported_by_name(data: bytes) -> None:
    with pytest.raises(UnreadableFile) as error:
        decode("empty.txt", data)
    assert "empty.txt" in str(error.value) and "empty" in str(error.value)


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", b"\x89PNG\r\n\x1a\n\x00\x00", b"ab\x00\x01\x02\x03cd\x00\x07"],
)
def test_binary_file_is_reported_by_name(data: bytes) -> None:
    with pytest.raises(UnreadableFile) as error:
        decode("scan.txt", data)
    assert "scan.txt" in str(error.value) and "binary" in str(error.value)


def test_undecodable_bytes_name_file_and_line_and_keep_the_rest() -> None:
    data = "第一行\n第二行".encode() + b"\xff\xfe\xfa" + "坏了\n第三行\n".encode()
    source, problems = decode("broken.txt", data)
    assert [problem.line for problem in problems] == [2]
    assert "broken.txt:2" in str(problems[0])
    assert source.lines[0] == "第一行" and source.lines[2] == "第三行"
    assert "坏了" in source.lines[1] and "\ufffd" in source.lines[1]


def test_bad_files_do_not_stop_the_others(issuers, corpus) -> None:
    good = "\n".join(corpus.sources["004_c8491ad2751d6e65.txt"].lines).encode("gbk")
    raw = {"a_empty.txt": b"", "b_binary.txt": b"%PDF-1.4 \x00\x01", "c_good.txt": good}
    built = build_corpus(raw, issuers)
    assert [notice.meta.doc_number.value for notice in built.notices] == ["代政发〔2021〕1号"]
    messages = [str(problem) for problem in built.problems]
    assert any(m.startswith("a_empty.txt") and "empty" in m for m in messages)
    assert any(m.startswith("b_binary.txt:1") and "binary" in m for m in messages)
    assert built.sources["c_good.txt"].encoding == "gb18030"
