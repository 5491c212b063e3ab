"""`make serve`: MkDocs' live preview; the hook regenerates pages when content/ changes."""

from __future__ import annotations

import os
from pathlib import Path

from build_site.site import RAW_ENV, show_mkdocs_log


def serve(root: Path, raw_dir: Path, address: str) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    os.environ[RAW_ENV] = str(raw_dir.resolve())
    show_mkdocs_log(quiet=False)
    mkdocs_serve(config_file=str(root / "mkdocs.yml"), dev_addr=address, livereload=True)
    return 0
