"""The generated pages join the MkDocs build as files; `mkdocs serve` watches content/."""

from __future__ import annotations

import json
import time
from pathlib import Path

from mkdocs.structure.files import File, Files

from build_site.app import Inputs, generate, report_problems
from build_site.hooks.linkcheck import anchor_ids
from build_site.hooks.progress import Progress
from build_site.hooks.trusted_html import TrustedHtmlExtension
from build_site.ingest.corpus import FileCache
from build_site.publish import urls


class GeneratedPages:
    """One per `mkdocs build` or `mkdocs serve` session (the plugin keeps it across a
    server's rebuilds)."""

    def __init__(self, root: Path, raw_dir: Path, timings_file: str | None,
                 serving: bool) -> None:
        self.root = root
        self.raw_dir = raw_dir
        self.timings_file = timings_file
        # under `mkdocs serve`: raw files parsed by earlier builds; a single build keeps none
        self.parsed: FileCache | None = {} if serving else None
        self.progress = Progress()
        self.done = self.total = 0
        self.generated: set[str] = set()  # src paths of the pages build_site wrote
        self.trusted_html = TrustedHtmlExtension()

    def on_pre_build(self, *, config) -> None:
        self.progress = Progress()

    def on_config(self, config):
        """专题 and 责任单位 join the navigation; each topic is one click away on 专题, not in
        the sidebar of every page (31 entries there cost every page ~9 KB). Generated pages
        pass their HTML blocks through unparsed (build_site/hooks/trusted_html.py)."""
        extra = [{"专题": urls.TOPICS}, {"责任单位": urls.DEPARTMENTS}]
        if (self.root / "content" / urls.BENCHMARKS).exists():
            extra.append({"性能测试": urls.BENCHMARKS})
        config.nav = [*config.nav, *extra]
        config.markdown_extensions.append(self.trusted_html)
        return config

    def on_files(self, files: Files, *, config) -> Files:
        start = time.perf_counter()
        inputs = Inputs.load(self.root, self.raw_dir)
        read = time.perf_counter() - start
        generated = generate(inputs, save=inputs.own_corpus, cache=self.parsed)
        report_problems(generated.corpus)
        self.generated = set(generated.pages)
        for path, content in generated.pages.items():
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=content))
        timings = [("read", read), *generated.timings]
        stages = ", ".join(f"{stage} {seconds * 1000:.0f} ms" for stage, seconds in timings)
        notices = len(generated.corpus.notices)
        self.progress.stage("generate pages",
                            f"{notices} notices, {len(generated.pages)} pages: {stages}")
        self.progress.pipeline = timings
        self.done, self.total = 0, len(files.documentation_pages())
        return files

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        self.done += 1
        self.progress.tick(self.done, self.total, "rendering pages")
        self.trusted_html.enabled = page.file.src_uri in self.generated
        return markdown

    def on_page_content(self, html: str, *, page, config, files) -> str:
        """MkDocs' anchor validation did not see the ids inside passed-through HTML blocks."""
        if self.trusted_html.enabled:
            page.present_anchor_ids = (page.present_anchor_ids or set()) | anchor_ids(html)
        return html

    def on_env(self, env, *, config, files):
        self.progress.stage("convert Markdown")
        return env

    def on_post_build(self, *, config) -> None:
        self.progress.stage("templates, search index")
        self.progress.summary()
        if self.timings_file:  # for `make bench`: where the time of this build went
            Path(self.timings_file).write_text(json.dumps(self.progress.as_dict()),
                                               encoding="utf-8")

    def on_serve(self, server, *, config, builder):
        """A change to a raw notice, to content/*.yml or to the code rebuilds the site."""
        server.watch(str(self.root / "content"))
        server.watch(str(self.root / "build_site"))
        raw_dir = self.raw_dir.resolve()
        if not raw_dir.is_relative_to((self.root / "content").resolve()):  # `--raw` elsewhere
            server.watch(str(raw_dir))
        return server
