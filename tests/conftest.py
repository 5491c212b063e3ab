"""Shared fixtures: the real corpus is built once per session (it takes about a second)."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_site.app import Inputs, ingest
from build_site.ingest.corpus import Corpus
from build_site.registers.issuers import Issuers

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "content" / "raw"


@pytest.fixture(scope="session")
def inputs() -> Inputs:
    return Inputs.load(ROOT)


@pytest.fixture(scope="session")
def issuers(inputs: Inputs) -> Issuers:
    return inputs.issuers


@pytest.fixture(scope="session")
def corpus(inputs: Inputs) -> Corpus:
    return ingest(inputs)


@pytest.fixture(scope="session")
def by_number(corpus: Corpus):
    """Published notices by 文号, as people cite them."""
    return {n.meta.doc_number.value: n for n in corpus.notices if n.meta.doc_number}


def clause_by_path(notice, path: str):
    matches = [clause for clause in notice.all_clauses() if clause.path == path]
    assert len(matches) == 1, f"{path} in {notice.slug}: {len(matches)} matches"
    return matches[0]


def build_real_site(site_dir: Path, **environment: str) -> Path:
    """The real site built with `mkdocs build --strict` (a warning fails it), started and
    shut down as the `mkdocs build` command does."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with pytest.MonkeyPatch.context() as patch:
        for name, value in environment.items():
            patch.setenv(name, value)
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    return site_dir


def served(site_dir: Path):
    from build_site.tools.browser import serve_directory

    with serve_directory(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    return build_real_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    yield from served(built_site)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from build_site.tools.browser import CHROMIUM_ARGS, chromium_path

    executable = chromium_path()
    if executable is None:
        pytest.fail("Debian chromium is not installed: run `make test`, which installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    yield page
    context.close()


def make_project(folder: Path, raw: dict[str, bytes | str]) -> Path:
    """A copy of this project (configuration, templates, registers) whose content/raw holds
    `raw`: file name → bytes, or text written as UTF-8. Returns the project folder."""
    import shutil

    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, folder / name)
    content = folder / "content"
    (content / "raw").mkdir(parents=True)
    for data in (*(ROOT / "content").glob("*.yml"), ROOT / "content" / "search_dict.txt"):
        if data.name != "permalinks.yml":  # a new collection has published nothing yet
            shutil.copy(data, content / data.name)
    for name, data in raw.items():
        path = content / "raw" / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return folder


def real_raw(name: str) -> str:
    """One of the real raw files, as text."""
    return (RAW / name).read_text(encoding="utf-8")
