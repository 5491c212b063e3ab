"""The MkDocs side of build_site as one plugin: its settings, its parts, and the order in
which each part sees each build event.

Registered as `build_site` in pyproject.toml (the Makefile installs the project in the
virtual environment) and configured under `plugins: - build_site:` in mkdocs.yml. The
settings are validated by MkDocs' own config machinery, after the environment variables
of ENVIRONMENT have overridden them (benchmarks and tests build other corpora and
engines), so a bad value names the option and where it came from.

The parts, one module each: `pages` (the generated pages join the build), `pagefind`
(Pagefind in place of Material's search), `material_search` (Material's search made to
work for Chinese), `linkcheck` (every link and anchor). They hold all of the build's state,
made anew at `on_startup`; the plugin object lives as long as the `mkdocs serve` session.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from build_site.hooks.linkcheck import LinkCheck
from build_site.hooks.material_search import MaterialChineseSearch
from build_site.hooks.pagefind import PagefindSearch
from build_site.hooks.pages import GeneratedPages

ENGINES = ("pagefind", "material")  # the first is the default


class Settings(base.Config):
    # pagefind: a sharded index of which a query loads only what it needs, at any corpus
    # size; material: Material's built-in index, one file every page load downloads
    search_engine = c.Choice(ENGINES, default=ENGINES[0])
    # the raw notices, relative to mkdocs.yml
    raw_dir = c.Type(str, default="content/raw")
    # staged search tokens per Pagefind run: Pagefind holds about 70 times that (1.2 GB at
    # 16 MB); larger shards cost more memory, smaller ones more requests per query
    pagefind_shard_mb = c.Type((int, float), default=16)
    # where `make bench` wants this build's stage timings (JSON); none by default
    timings_file = c.Optional(c.Type(str))


SEARCH_ENV = "BUILD_SITE_SEARCH"  # benchmarks build one site with both engines
RAW_ENV = "BUILD_SITE_RAW"  # `build --raw` and benchmarks point the site at other notices
SHARD_ENV = "BUILD_SITE_PAGEFIND_SHARD_MB"  # tests cut the real corpus into several shards
TIMINGS_ENV = "BUILD_SITE_TIMINGS"
# environment variable → setting it overrides
ENVIRONMENT = {
    SEARCH_ENV: "search_engine",
    RAW_ENV: "raw_dir",
    SHARD_ENV: "pagefind_shard_mb",
    TIMINGS_ENV: "timings_file",
}

# event → (part, priority) in the order MkDocs runs them: higher first, and MkDocs' and
# Material's own plugins at 0 (their search plugin reads its dictionaries in on_config and
# writes its index in on_post_build).
PRIORITIES: dict[str, tuple[tuple[str, int], ...]] = {
    "on_config": (("pagefind", 110), ("material_search", 100), ("pages", 0)),
    "on_pre_build": (("pages", 0),),
    "on_files": (("pages", 0), ("linkcheck", -100)),
    "on_page_markdown": (("pages", 0),),
    "on_page_content": (("pages", 0), ("pagefind", 0)),
    "on_env": (("pages", 0),),
    "on_post_page": (("linkcheck", 0),),
    # the link check runs while Pagefind finishes its last shard; the summary comes last
    "on_post_build": (("material_search", -50), ("linkcheck", -50), ("pagefind", -60),
                      ("pages", -1000)),
    "on_build_error": (("pagefind", 0),),
    "on_shutdown": (("pagefind", 0),),
    "on_serve": (("pages", 0),),
}


class BuildSitePlugin(BasePlugin[Settings]):
    def __init__(self) -> None:
        self.parts: dict[str, Any] = {}
        self.serving = False
        self.key: tuple | None = None  # what the parts were made for

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None):
        """The environment overrides mkdocs.yml, validated like it; an error says which
        variable set the value."""
        overridden = {setting: (name, os.environ[name]) for name, setting in ENVIRONMENT.items()
                      if os.environ.get(name)}
        values = {setting: value for setting, (_, value) in overridden.items()}
        if "pagefind_shard_mb" in values:
            values["pagefind_shard_mb"] = _number(values["pagefind_shard_mb"])
        errors, warnings = super().load_config({**options, **values}, config_file_path)
        errors = [
            (key, ValidationError(f"{error} (from the environment variable "
                                  f"{overridden[key][0]})") if key in overridden else error)
            for key, error in errors
        ]
        return errors, warnings

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """MkDocs keeps one plugin object per process: a second build must not inherit the
        first one's parts (raw folder, search engine)."""
        self.serving = command == "serve"
        self.parts, self.key = {}, None

    @event_priority(120)  # before every part
    def _set_up(self, config):
        """The parts for this build (a server keeps them across rebuilds, as long as the
        settings stay); the templates learn the search engine from `extra.search_engine`."""
        settings = self.config
        config.extra["search_engine"] = settings.search_engine
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        # MkDocs hands the same plugin object to every configuration loaded in a process
        key = (root, settings.raw_dir, settings.search_engine, settings.pagefind_shard_mb,
               settings.timings_file)
        if self.serving and key == self.key:
            return config
        self.key = key
        self.parts = {
            "pages": GeneratedPages(root, root / settings.raw_dir, settings.timings_file,
                                    self.serving),
            "material_search": MaterialChineseSearch(),
            "linkcheck": LinkCheck(),
        }
        if settings.search_engine == "pagefind":
            shard_bytes = int(settings.pagefind_shard_mb * 1_000_000)
            self.parts["pagefind"] = PagefindSearch(root / "content", shard_bytes,
                                                    self.serving)
        return config


def _number(text: str) -> float | str:
    """A number from the environment; anything else is left for validation to refuse."""
    try:
        return float(text)
    except ValueError:
        return text


def _handler(event: str, part: str, priority: int):
    @event_priority(priority)
    def handle(self: BuildSitePlugin, *args, **kwargs):
        handler = self.parts.get(part)
        return getattr(handler, event)(*args, **kwargs) if handler is not None else None

    handle.__name__ = f"_{event}_{part}"  # CombinedEvent's parts must not start with on_
    return handle


def _events() -> None:
    for event, parts in PRIORITIES.items():
        handlers = [_handler(event, part, priority) for part, priority in parts]
        if event == "on_config":
            handlers.insert(0, BuildSitePlugin._set_up)
        setattr(BuildSitePlugin, event, CombinedEvent(*handlers))


_events()
