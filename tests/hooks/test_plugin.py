"""The plugin's settings: mkdocs.yml, overridden from the environment, validated alike."""

from __future__ import annotations

import pytest

from build_site.hooks.plugin import PRIORITIES, SEARCH_ENV, SHARD_ENV, BuildSitePlugin
from tests.conftest import ROOT


def test_the_environment_overrides_the_settings(monkeypatch, caplog) -> None:
    """Validated as mkdocs.yml is: a bad value names the option."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    def engine() -> str:
        return load_config(str(ROOT / "mkdocs.yml")).plugins["build_site"].config.search_engine

    monkeypatch.delenv(SEARCH_ENV, raising=False)
    assert engine() == "pagefind"  # as mkdocs.yml says
    monkeypatch.setenv(SEARCH_ENV, "material")
    assert engine() == "material"
    for name, value, option in ((SEARCH_ENV, "lunr", "search_engine"),
                                (SHARD_ENV, "many", "pagefind_shard_mb")):
        monkeypatch.setenv(name, value)
        caplog.clear()
        with pytest.raises(Abort):
            engine()
        assert f"Plugin 'build_site' option '{option}'" in caplog.text
        assert f"from the environment variable {name}" in caplog.text
        monkeypatch.delenv(name)


def test_every_part_sees_its_events_in_the_table_order() -> None:
    """MkDocs runs handlers by priority; the table lists them in that order."""
    for event, parts in PRIORITIES.items():
        priorities = [priority for _, priority in parts]
        assert priorities == sorted(priorities, reverse=True), event
        handlers = getattr(BuildSitePlugin(), event).methods
        assert [h.mkdocs_priority for h in handlers][-len(parts):] == priorities
