"""Every register of content/ names the file, the line and the key or slug of a mistake:
each case is the real file with one edit, read by its own loader."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from build_site.registers.departments import load_departments
from build_site.registers.issuers import load_issuers
from build_site.registers.permalinks import load_permalinks
from build_site.registers.schema import ConfigError
from build_site.registers.sectors import load_sectors
from tests.conftest import ROOT

LOADERS: dict[str, Callable[[Path], object]] = {
    "issuers.yml": load_issuers,
    "sectors.yml": load_sectors,
    "departments.yml": load_departments,
    "permalinks.yml": load_permalinks,
}


def _error(tmp_path: Path, name: str, old: str, new: str) -> tuple[str, int]:
    """The loader's message for the real file with `old` replaced, and the line edited."""
    text = (ROOT / "content" / name).read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        LOADERS[name](path)
    message = str(caught.value)
    assert message.startswith(f"{path}: "), message
    return message, text[: text.index(old)].count("\n") + 1


def test_the_real_files_load() -> None:
    for name, load in LOADERS.items():
        assert load(ROOT / "content" / name), name


def test_a_bad_slug_names_its_line(tmp_path: Path) -> None:
    message, line = _error(tmp_path, "issuers.yml", "slug: jinzhong\n", "slug: Jin Zhong\n")
    assert f"line {line}: issuers[1].slug: 'Jin Zhong' is not a slug" in message


def test_a_duplicate_slug_names_its_line_and_the_first_one(tmp_path: Path) -> None:
    message, line = _error(tmp_path, "sectors.yml", "slug: non-coal-mines\n",
                           "slug: coal-mines\n")
    assert (f"line {line}: sectors[1].slug: duplicate slug 'coal-mines' "
            "(also at sectors[0].slug)") in message


def test_a_misspelt_key_names_its_line(tmp_path: Path) -> None:
    message, line = _error(tmp_path, "departments.yml", "slug: sheng-yingjiting\n",
                           "slgu: sheng-yingjiting\n")
    assert f"line {line}: departments[0].slgu: unknown key" in message
    assert "departments[0].slug: missing" in message  # at the line of its entry


def test_a_bad_permalink_names_its_line_and_slug(tmp_path: Path) -> None:
    message, line = _error(tmp_path, "permalinks.yml", "  shanxi-2012-yijian:\n",
                           "  Shanxi 2012:\n")
    assert f"line {line}: notices.Shanxi 2012: 'Shanxi 2012' is not a slug" in message


def test_a_field_the_register_does_not_know_gets_its_line(tmp_path: Path) -> None:
    message, line = _error(tmp_path, "permalinks.yml", "  shanxi-2012-yijian:\n",
                           "  shanxi-2012-yijian:\n    colour: red\n")
    assert f"line {line + 1}: notices.shanxi-2012-yijian.colour: unknown key" in message


def test_a_key_given_twice_is_an_error_not_the_last_one_winning(tmp_path: Path) -> None:
    message, line = _error(tmp_path, "issuers.yml", "    slug: daixian\n",
                           "    slug: daixian\n    slug: dai-xian\n")
    assert (f"invalid YAML: line {line + 1}, column 5: `slug: dai-xian`: duplicate key 'slug' "
            f"(first at line {line})") in message


def test_a_syntax_error_quotes_the_line_it_is_in(tmp_path: Path) -> None:
    message, line = _error(tmp_path, "sectors.yml", "    labels: [煤矿]\n", "    labels: [煤矿\n")
    assert f"while parsing a flow sequence at line {line}, column 13: `labels: [煤矿`" in message
