"""Golden files: the whole structured text of every unique notice, pinned.

A change to the cleaner or parser shows up here as a readable diff. After checking the
diff by eye, regenerate with `UPDATE_GOLDEN=1 make test` (or pytest tests/ingest/test_golden.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from build_site.enrich.responsibility import responsibilities
from tests.ingest.outline import outline

GOLDEN = Path(__file__).parent / "golden"


def _notices(corpus):
    return {notice.slug: notice for notice in corpus.notices}


def test_every_unique_notice_has_a_golden_file(corpus) -> None:
    expected = {f"{slug}.txt" for slug in _notices(corpus)}
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        for path in GOLDEN.glob("*.txt"):
            if path.name not in expected:
                path.unlink()
        for slug, notice in _notices(corpus).items():
            (GOLDEN / f"{slug}.txt").write_text(outline(notice, responsibilities([notice])),
                                                 encoding="utf-8")
    assert {path.name for path in GOLDEN.glob("*.txt")} == expected


@pytest.mark.parametrize("name", sorted(path.stem for path in GOLDEN.glob("*.txt")))
def test_notice_matches_golden(corpus, name: str) -> None:
    notice = _notices(corpus)[name]
    expected = (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")
    assert outline(notice, responsibilities([notice])) == expected
