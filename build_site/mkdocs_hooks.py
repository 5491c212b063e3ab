"""MkDocs hooks: the generated pages join the build as files; serve watches content/."""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `mkdocs` run as a console script does not add the cwd
    sys.path.insert(0, str(ROOT))

from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from build_site.corpus import FileCache  # noqa: E402
from build_site.linkcheck import anchor_ids  # noqa: E402
from build_site.progress import Progress  # noqa: E402
from build_site.site import generate, raw_dir_for, report_problems  # noqa: E402
from build_site.trusted_html import TrustedHtmlExtension  # noqa: E402

log = logging.getLogger("mkdocs.build_site")
TIMINGS_ENV = "BUILD_SITE_TIMINGS"
_progress = Progress()
_pages = {"done": 0, "total": 0}
_parsed: FileCache | None = None  # under `mkdocs serve`: raw files parsed by earlier builds
_generated: set[str] = set()  # src paths of the pages build_site wrote
_trusted_html = TrustedHtmlExtension()


def on_startup(command: str, dirty: bool) -> None:
    """Only a server rebuilds: a single build keeps no parsed notices for later."""
    global _parsed
    _parsed = {} if command == "serve" else None


def on_pre_build(config) -> None:
    global _progress
    _progress = Progress()


def on_config(config):
    """专题 and 责任单位 join the navigation; each topic is one click away on 专题, not in
    the sidebar of every page (31 entries there cost every page ~9 KB). Generated pages
    pass their HTML blocks through unparsed (build_site/trusted_html.py)."""
    extra = [{"专题": "topics.md"}, {"责任单位": "departments.md"}]
    if (ROOT / "content" / "benchmarks.md").exists():
        extra.append({"性能测试": "benchmarks.md"})
    config.nav = [*config.nav, *extra]
    config.markdown_extensions.append(_trusted_html)
    return config


def on_files(files: Files, config) -> Files:
    raw_dir = raw_dir_for(ROOT)
    own = raw_dir.resolve() == (ROOT / "content" / "raw").resolve()
    generated = generate(ROOT, raw_dir, save=own, cache=_parsed)  # bench corpora pin nothing
    report_problems(generated.corpus)
    _generated.clear()
    _generated.update(generated.pages)
    for path, content in generated.pages.items():
        if files.get_file_from_path(path) is None:
            files.append(File.generated(config, path, content=content))
    stages = ", ".join(f"{stage} {seconds * 1000:.0f} ms" for stage, seconds in generated.timings)
    notices = len(generated.corpus.notices)
    _progress.stage("generate pages", f"{notices} notices, {len(generated.pages)} pages: {stages}")
    _progress.pipeline = generated.timings
    _pages.update(done=0, total=len(files.documentation_pages()))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    _pages["done"] += 1
    _progress.tick(_pages["done"], _pages["total"], "rendering pages")
    _trusted_html.enabled = page.file.src_uri in _generated
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    """MkDocs' anchor validation did not see the ids inside passed-through HTML blocks."""
    if _trusted_html.enabled:
        page.present_anchor_ids = (page.present_anchor_ids or set()) | anchor_ids(html)
    return html


def on_env(env, config, files):
    _progress.stage("convert Markdown")
    return env


@event_priority(-1000)  # after Material's search index, the search hook and Pagefind
def on_post_build(config) -> None:
    _progress.stage("templates, search index")
    _progress.summary()
    timings = os.environ.get(TIMINGS_ENV)
    if timings:  # for `make bench`: where the time of this build went
        Path(timings).write_text(json.dumps(_progress.as_dict()), encoding="utf-8")


def on_serve(server, config, builder):
    """A change to a raw notice or to content/*.yml rebuilds the site."""
    server.watch(str(ROOT / "content"))
    server.watch(str(ROOT / "build_site"))
    raw_dir = raw_dir_for(ROOT).resolve()
    if not raw_dir.is_relative_to((ROOT / "content").resolve()):  # `--raw` elsewhere
        server.watch(str(raw_dir))
    return server
