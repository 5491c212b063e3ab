"""`python -m build_site build` (`make site`) keeps the last good site (issue 10, point 6).

A temporary project like this one, with one real notice and a site/ already built: a build
that fails (a broken content/sectors.yml, a broken link in strict mode) leaves site/ as it
was; a build that succeeds replaces it in one step, Pagefind's index included.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from build_site import app
from build_site.__main__ import main
from build_site.hooks.plugin import RAW_ENV
from tests.conftest import RAW, ROOT

NOTICE = "004_c8491ad2751d6e65.txt"  # 代政发〔2021〕1号


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """mkdocs.yml, docs/, overrides/ and content/ of this project with one raw notice, and a
    site/ from an earlier build. (`build` sets BUILD_SITE_RAW; the fixture restores it.)"""
    monkeypatch.delenv(RAW_ENV, raising=False)
    root = tmp_path / "project"
    shutil.copytree(ROOT / "content", root / "content", ignore=shutil.ignore_patterns("raw"))
    (root / "content" / "raw").mkdir()
    shutil.copy(RAW / NOTICE, root / "content" / "raw" / NOTICE)
    for folder in ("docs", "overrides"):
        shutil.copytree(ROOT / folder, root / folder)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "site" / "notices").mkdir(parents=True)
    (root / "site" / "index.html").write_text("the last good site", encoding="utf-8")
    (root / "site" / "notices" / "daixian-2021-1.html").write_text("a notice", encoding="utf-8")
    return root


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _left_behind(root: Path) -> list[str]:
    return sorted(path.name for path in root.iterdir() if path.name.startswith(".site"))


def test_a_broken_register_keeps_the_last_good_site(project: Path, capsys) -> None:
    sectors = project / "content" / "sectors.yml"
    text = sectors.read_text(encoding="utf-8")
    line = text[: text.index("  - slug: coal-mines")].count("\n") + 1
    sectors.write_text(text.replace("  - slug: coal-mines", "  - slug: Coal Mines"),
                       encoding="utf-8")
    before = _files(project / "site")
    assert main(["--root", str(project), "-q", "build"]) == 2
    assert _files(project / "site") == before
    assert _left_behind(project) == []
    assert (f"{sectors}: line {line}: sectors[0].slug: 'Coal Mines' is not a slug"
            in capsys.readouterr().err)


def test_a_build_failing_in_strict_mode_keeps_the_last_good_site(project: Path,
                                                                 capsys) -> None:
    (project / "docs" / "draft.md").write_text("# 草稿\n\n[链接](missing.md)\n", encoding="utf-8")
    before = _files(project / "site")
    assert main(["--root", str(project), "-q", "build"]) == 1
    assert _files(project / "site") == before
    assert _left_behind(project) == []
    assert f"build failed, {project / 'site'} left as it was" in capsys.readouterr().err


def test_a_good_build_replaces_the_site(project: Path) -> None:
    assert main(["--root", str(project), "-q", "build"]) == 0
    site = project / "site"
    assert (site / "index.html").read_text(encoding="utf-8") != "the last good site"
    assert "代政发〔2021〕1号" in (site / "notices" / "daixian-2021-1.html").read_text("utf-8")
    assert (site / "pagefind" / "search.json.gz").exists()  # written into the new folder
    mask = os.umask(0)
    os.umask(mask)
    assert site.stat().st_mode & 0o777 == 0o777 & ~mask  # readable by a web server, as before
    assert _left_behind(project) == []


def test_a_site_folder_that_is_a_link_stays_a_link(project: Path) -> None:
    """site/ may point to where the web server serves from: that folder is replaced."""
    served = project / "srv"
    (project / "site").rename(served)
    (project / "site").symlink_to(served, target_is_directory=True)
    assert main(["--root", str(project), "-q", "build"]) == 0
    assert (project / "site").is_symlink()
    assert (served / "pagefind" / "search.json.gz").exists()
    assert _left_behind(project) == []


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two renames"])
def test_replace_folder_leaves_the_old_folder_in_the_new_ones_place(
        tmp_path: Path, monkeypatch, exchange: bool) -> None:
    if not exchange:  # as where renameat2 cannot swap (another system or file system)
        monkeypatch.setattr(app, "RENAME_EXCHANGE", 1 << 30)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "old.html").write_text("old", encoding="utf-8")
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "new.html").write_text("new", encoding="utf-8")
    app.replace_folder(tmp_path / "site", tmp_path / "new")
    assert _files(tmp_path) == {"site/new.html": b"new", "new/old.html": b"old"}
    app.replace_folder(tmp_path / "elsewhere", tmp_path / "site")
    assert _files(tmp_path) == {"elsewhere/new.html": b"new", "new/old.html": b"old"}
