"""Only files inside the raw folder are read (issue 10, point 5).

A real notice shares the raw folder with a symbolic link to a notice outside it, a broken
link, a link to a folder outside, a file without read permission and a pipe: each is
reported by name (`make check` exits non-zero), the linked notice is never published, and
the real notice still builds.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from build_site.__main__ import main
from build_site.app import Inputs, ingest, load_raw
from build_site.hooks.plugin import RAW_ENV
from tests.conftest import RAW, ROOT, build_real_site

REAL = "004_c8491ad2751d6e65.txt"  # 代政发〔2021〕1号
OUTSIDE = "003_b0a4c10072342ec4.txt"  # 市安发〔2021〕17号, kept outside the raw folder


@pytest.fixture
def raw(tmp_path: Path, monkeypatch) -> Path:
    """The raw folder: a real notice, and beside it every kind of file that must not be read.

    The tests run as root on CI, where no permission keeps a file from being read, so the
    unreadable file is one whose reading fails as it would without read permission."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copy(RAW / OUTSIDE, outside / OUTSIDE)
    raw = tmp_path / "content" / "raw"
    raw.mkdir(parents=True)
    shutil.copy(RAW / REAL, raw / REAL)
    (raw / "linked.txt").symlink_to(outside / OUTSIDE)
    (raw / "dangling.txt").symlink_to(raw / "removed.txt")
    (raw / "linked-folder").symlink_to(outside, target_is_directory=True)
    (raw / "no-permission.txt").write_bytes((RAW / REAL).read_bytes())
    os.mkfifo(raw / "pipe.txt")
    read_bytes = Path.read_bytes

    def refuse_to_read(path: Path) -> bytes:
        if path.name == "no-permission.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse_to_read)
    return raw


def test_only_files_inside_are_read_and_every_other_one_is_named(raw: Path) -> None:
    files, problems = load_raw(raw)
    assert list(files) == [REAL]
    messages = {problem.file: problem.message for problem in problems}
    assert all(problem.fatal and problem.line is None for problem in problems)
    outside = raw.parent.parent / "elsewhere"
    assert messages == {
        "dangling.txt": f"broken symbolic link: {raw / 'removed.txt'} does not exist",
        "linked-folder": f"refused: a symbolic link to {outside.resolve()}, outside the raw "
                         f"folder {raw.resolve()}; only files inside it are read (copy the "
                         "notice in instead)",
        "linked.txt": f"refused: a symbolic link to {(outside / OUTSIDE).resolve()}, outside "
                      f"the raw folder {raw.resolve()}; only files inside it are read (copy "
                      "the notice in instead)",
        "no-permission.txt": "not read: Permission denied",
        "pipe.txt": "not read: not a regular file (a pipe, socket or device)",
    }


def test_links_inside_the_raw_folder_are_read(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "2021").mkdir(parents=True)
    shutil.copy(RAW / REAL, raw / "2021" / REAL)
    (raw / "alias.txt").symlink_to(raw / "2021" / REAL)
    (raw / "latest").symlink_to(raw / "2021", target_is_directory=True)
    files, problems = load_raw(raw)
    assert (list(files), problems) == ([f"2021/{REAL}", "alias.txt"], [])


def test_an_unreadable_folder_is_named(tmp_path: Path) -> None:
    files, problems = load_raw(tmp_path / "missing")
    assert files == {}
    assert [str(problem) for problem in problems] == [
        f"{tmp_path / 'missing'}: folder not read: No such file or directory"]


def test_check_names_the_refused_files_and_exits_non_zero(raw: Path, capsys) -> None:
    assert main(["--root", str(ROOT), "--raw", str(raw), "check"]) == 1
    out = capsys.readouterr().out
    for name in ("linked.txt", "linked-folder", "dangling.txt", "no-permission.txt", "pipe.txt"):
        assert f"ERROR {name}: " in out, name
    assert "1 notices found, 1 published" in out and "市安发" not in out


def test_the_other_notices_build_and_the_linked_one_is_never_published(
        raw: Path, tmp_path: Path, capsys) -> None:
    site = build_real_site(tmp_path / "site", **{RAW_ENV: str(raw)})
    assert [path.name for path in (site / "notices").iterdir()] == ["daixian-2021-1.html"]
    assert "市安发" not in "".join(path.read_text(encoding="utf-8")
                                 for path in site.rglob("*.html"))
    assert "ERROR linked.txt: refused: a symbolic link to " in capsys.readouterr().err
    corpus = ingest(Inputs.load(ROOT, raw))
    assert [problem.file for problem in corpus.problems[:5]] == [
        "dangling.txt", "linked-folder", "linked.txt", "no-permission.txt", "pipe.txt"]
