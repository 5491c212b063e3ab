"""The 文号 printed on two different documents, checked and accepted (content/conflicts.yml).

Two documents that share a 文号 but disagree are both published whatever this file says;
listing the 文号 here records that someone checked the sources and that it is intended
(a typo of the issuing office, say), so `make check` stops asking.
"""

from __future__ import annotations

from pathlib import Path

from build_site.registers.schema import Checker, read_yaml


def load_accepted_conflicts(path: Path) -> dict[str, str]:
    """文号 → the note saying why; empty when the file does not exist."""
    if not path.exists():
        return {}
    check = Checker(path)
    root = check.mapping(read_yaml(path) or {}, "(top level)")
    check.unknown_keys(root, {"accepted"}, "(top level)")
    accepted: dict[str, str] = {}
    for index, raw in enumerate(check.items(root.get("accepted", []), "accepted")):
        key = f"accepted[{index}]"
        entry = check.mapping(raw, key)
        check.unknown_keys(entry, {"doc_number", "note"}, key)
        number = check.text(entry, "doc_number", key)
        if number in accepted:
            check.fail(f"{key}.doc_number", f"{number} is listed twice")
        accepted[number] = check.text(entry, "note", key)
    check.done()
    return accepted
