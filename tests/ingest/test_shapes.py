"""The document shapes of GB/T 9704-2012 as notices arrive (tests/data/shapes/: 印发 with a
plan, 转发, 令 with chapters and articles, 通报, enterprise and ministry notices, …, each as
PDF text and as a web copy): one notice per file, every expected field right, every Han
character kept, and a golden outline of each, pinned.

After checking a diff by eye, regenerate the outlines with `UPDATE_GOLDEN=1 make test`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from build_site.enrich.responsibility import responsibilities
from build_site.ingest.corpus import build_corpus
from build_site.tools.shapes_report import FORMS, SHAPES, load_expected, measure_file
from tests.ingest.outline import outline

GOLDEN = Path(__file__).parent / "golden_shapes"
EXPECTED = load_expected()
FILES = [(name, form) for name in sorted(EXPECTED) for form in FORMS]


@pytest.mark.parametrize(("name", "form"), FILES)
def test_every_field_of_every_shape(name: str, form: str, issuers) -> None:
    data = (SHAPES / f"{name}.{form}.txt").read_bytes()
    result = measure_file(name, form, EXPECTED[name], data, issuers)
    assert result.notices == 1
    assert [check for check in result.checks if not check.ok] == []
    assert result.lost_han == 0 and result.problems == []


@pytest.mark.parametrize(("name", "form"), FILES)
def test_shape_matches_golden_outline(name: str, form: str, issuers) -> None:
    file = f"{name}.{form}.txt"
    corpus = build_corpus({file: (SHAPES / file).read_bytes()}, issuers)
    text = "".join(outline(notice, responsibilities([notice])) for notice in corpus.notices)
    golden = GOLDEN / f"{name}.{form}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
