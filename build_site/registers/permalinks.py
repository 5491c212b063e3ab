"""The register of published URLs of notices without a 文号 (content/permalinks.yml)."""

from __future__ import annotations

from pathlib import Path

import yaml

from build_site.registers.schema import Checker, read_yaml

PERMALINKS_HEADER = (
    "# Published URLs of notices without a 文号: slug → fingerprint of the notice's text.\n"
    "# Written by the build when such a notice first appears; commit it with the notice.\n"
    "# Never edit or remove an entry: the slug is in links people have shared.\n"
)


def load_permalinks(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    data = read_yaml(path) or {}
    check = Checker(path)
    mapping = check.mapping(data, "(top level)")
    for slug, value in mapping.items():
        if not isinstance(value, str):
            check.fail(str(slug), f"expected a fingerprint, got {value!r}")
    check.done()
    return dict(mapping)


def save_permalinks(path: Path, permalinks: dict[str, str]) -> None:
    body = yaml.safe_dump(dict(sorted(permalinks.items())), allow_unicode=True, sort_keys=False)
    path.write_text(PERMALINKS_HEADER + body, encoding="utf-8")
