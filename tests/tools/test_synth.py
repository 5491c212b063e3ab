"""The synthetic scale corpus: realistic enough to be worth measuring, and fully parseable."""

from __future__ import annotations

from collections import Counter

import opencc
import pytest
from pypinyin import lazy_pinyin

from build_site.app import load_raw
from build_site.ingest.audit import audit_notice
from build_site.ingest.corpus import build_corpus
from build_site.ingest.normalize import han_only
from build_site.model import NoiseKind, Table
from build_site.tools.synth import harvest, senders, synthesize, write_synthetic
from tests.conftest import RAW

GENERATED = 60
SEED = 1  # the CLI default


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory, issuers):
    out = tmp_path_factory.mktemp("synth")
    paths = write_synthetic(load_raw(RAW)[0], out, GENERATED, seed=SEED)
    corpus = build_corpus(load_raw(out)[0], issuers)
    return paths, corpus


@pytest.fixture(scope="module")
def audits(synthetic):
    _, corpus = synthetic
    return [audit_notice(n, corpus.sources[n.file]) for n in _everything(corpus)]


def _everything(corpus):
    return corpus.notices + [duplicate.hidden for duplicate in corpus.duplicates]


def test_every_generated_notice_is_found(synthetic) -> None:
    _, corpus = synthetic
    found = len(corpus.notices) + len(corpus.duplicates)
    assert found == GENERATED, (
        f"generated {GENERATED} notices, found {found} "
        f"({len(corpus.notices)} published + {len(corpus.duplicates)} duplicates)"
    )


def test_each_pinyin_copy_is_found_as_a_duplicate(synthetic) -> None:
    _, corpus = synthetic
    hidden = {duplicate.hidden.file for duplicate in corpus.duplicates}
    assert corpus.pinyin_files and hidden == corpus.pinyin_files


def test_nothing_fatal_and_every_han_character_kept(synthetic, audits) -> None:
    _, corpus = synthetic
    assert [str(p) for p in corpus.problems if p.fatal] == []
    failed = [f"{a.notice.file}:{a.notice.first_line} {a.coverage:.2%}" for a in audits if not a.ok]
    assert failed == []


def test_notices_are_the_size_of_the_real_ones(audits) -> None:
    sizes = [audit.source_han for audit in audits]
    assert min(sizes) > 2500 and max(sizes) < 9000


def test_the_files_have_the_real_kinds_of_noise(synthetic) -> None:
    paths, corpus = synthetic
    encodings = {source.encoding for source in corpus.sources.values()}
    assert {"utf-8", "utf-8-sig", "gb18030", "utf-16-le"} <= encodings
    assert any(_is_gbk(path.read_bytes()) for path in paths)  # not merely GB18030
    noise = {item.kind for notice in _everything(corpus) for item in notice.noise}
    assert {NoiseKind.WEB_METADATA, NoiseKind.URL, NoiseKind.ATTACHMENT_FILE} <= noise
    text = "".join("\n".join(source.lines) for source in corpus.sources.values())
    assert "\u3000\u3000（" in text and "]" in text and "年 " in text  # indent, [2021], 2013年 1月
    per_file = Counter(notice.file for notice in _everything(corpus))
    assert max(per_file.values()) >= 5 and min(per_file.values()) == 1
    assert any(notice.meta.doc_number is None for notice in corpus.notices)
    assert any(
        isinstance(block, Table)
        for notice in corpus.notices for attachment in notice.attachments
        for block in attachment.blocks
    )


def _is_gbk(data: bytes) -> bool:
    return not _decodes(data, "utf-8") and _decodes(data, "gbk")


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def test_pinyin_inside_a_word_does_not_fail_the_audit(issuers) -> None:
    lines = ["晋政发〔2024〕1号", "各市、县人民政府：", "一、健全举报制度",
             "（一）建立举报受理、核查、答复制度，落实安全生产责任，推进隐患排查治理。",
             "山西省人民政府", "2024年1月20日"]
    traditional = [opencc.OpenCC("s2t").convert(line) for line in lines]
    annotated = [traditional[0]] + [
        "".join(c + (f"({lazy_pinyin(c)[0]})" if han_only(c) else "") for c in line)
        for line in traditional[1:]
    ]
    corpus = build_corpus({"pinyin.txt": "\n".join(annotated).encode()}, issuers)
    assert "答(da)覆(fu)" in annotated[3] and corpus.pinyin_files == {"pinyin.txt"}
    (notice,) = corpus.notices
    assert audit_notice(notice, corpus.sources["pinyin.txt"]).ok


def test_same_seed_same_files_other_seed_other_files() -> None:
    material = harvest(load_raw(RAW)[0])
    assert synthesize(material, 8, seed=3) == synthesize(material, 8, seed=3)
    assert synthesize(material, 8, seed=3) != synthesize(material, 8, seed=4)


def test_writing_replaces_earlier_synthetic_files_only(tmp_path) -> None:
    (tmp_path / "synth_99999.txt").write_text("old", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("kept", encoding="utf-8")
    paths = write_synthetic(load_raw(RAW)[0], tmp_path, 3, seed=2)
    assert sorted(tmp_path.glob("synth_*.txt")) == sorted(paths)
    assert (tmp_path / "notes.txt").exists()


def test_wen_hao_codes_are_unique_per_issuer() -> None:
    codes = [sender.code for sender in senders()]
    assert len(codes) == len(set(codes))


