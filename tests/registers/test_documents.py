"""The register of cited documents' names: the real file, and an editor's mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_site.registers.documents import load_document_names
from build_site.registers.schema import ConfigError
from tests.conftest import ROOT


def test_the_real_register() -> None:
    names = load_document_names(ROOT / "content" / "document_names.yml")
    assert names.identity("中华人民共和国安全生产法") == names.identity("安全生产法") == "安全生产法"
    assert names.full_title("刑法修正案十一") == "中华人民共和国刑法修正案（十一）"
    assert names.identity("刑法修正案十一") == names.identity("刑法修正案（十一）")


def test_mistakes_name_the_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "document_names.yml"
    path.write_text("prefixes: [中华人民共和国]\ndocuments:\n"
                    "  - {title: 甲法, aliases: [乙法]}\n"
                    "  - {title: 乙法, aliases: [], note: x}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_document_names(path)
    message = str(caught.value)
    assert str(path) in message
    assert "documents[1].note: unknown key" in message
    assert "documents[1].title: duplicate document name '乙法' (also at documents[0].aliases)" \
        in message
