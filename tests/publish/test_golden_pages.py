"""Golden rendered pages: four notices, a topic page and an index page, as MkDocs gets them.

Any change to the generated Markdown shows here as a readable diff. After checking the diff
by eye, regenerate with `UPDATE_GOLDEN=1 make test` (or pytest tests/publish/).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from build_site.app import Inputs, generate
from tests.conftest import ROOT

GOLDEN = Path(__file__).parent / "golden"
PAGES = (
    "notices/shanxi-2026-1.md",  # four clause levels, department notes, sector tags
    "notices/jinzhong-anweihui-2021-17.md",  # contact block, an attachment with a table
    "notices/shanxi-2012-yijian.md",  # no title and no 文号 in the source: inferred fields
    "notices/shanxi-2019-1.md",  # sector paragraphs as segments; compared with 2018
    "topics/coal-mines.md",
    "years.md",
)


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return generate(Inputs.load(ROOT), save=False).pages


def _golden(page: str) -> Path:
    return GOLDEN / page.replace("/", "__")


@pytest.mark.parametrize("page", PAGES)
def test_page_matches_golden(pages: dict[str, str], page: str) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        _golden(page).write_text(pages[page], encoding="utf-8")
    assert pages[page] == _golden(page).read_text(encoding="utf-8")
