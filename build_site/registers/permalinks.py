"""The register of every URL published for a notice (content/permalinks.yml).

Each entry names a URL (the notice's slug) and the notice it was published for: its 文号,
issuer, year and title, a fingerprint of its text, and the clause anchors it has had. The
build writes it (ingest/slugs.py decides, publish/ shows withdrawn notices); people commit it
with the notices and never edit it. A URL is never given to another document, and a notice
removed from the collection keeps its URL, which then says that it was withdrawn.

Each entry carries a seal over its URL and identity, so that a hand edit that would move a
URL or put another notice behind it is an error naming the file, line and key, not a
silent rewrite; a key written twice (two notices on one URL) is one too.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from build_site.registers.schema import SLUG, TOP, Checker, read_yaml

HEADER = (
    "# Every URL published for a notice (notices/<slug>.html) and the notice it belongs to.\n"
    "# Written by the build; commit it with the notices. Never edit it: a URL must keep\n"
    "# showing its notice, and a removed notice's URL says it was withdrawn. `seal` guards\n"
    "# each entry against hand edits. See the README (通知的增删改).\n"
)
_FIELDS = {"doc_number", "issuer", "year", "title", "text", "anchors", "seal"}


@dataclass(frozen=True)
class Published:
    """One published URL and the notice behind it."""

    slug: str
    doc_number: str  # "" when the notice has none
    issuer: str
    year: str
    title: str
    text: str  # fingerprint of the notice's text (its Han characters)
    anchors: tuple[str, ...] = ()  # every clause anchor published on the page
    line: int = 0  # where the entry stands in the file, for messages

    @property
    def seal(self) -> str:
        identity = "|".join((self.slug, self.doc_number, self.issuer, self.year, self.title,
                             self.text))
        return hashlib.sha1(identity.encode("utf-8")).hexdigest()[:10]


Register = dict[str, Published]  # slug → entry


def load_permalinks(path: Path) -> Register:
    """The register, every entry checked; a legacy entry (`slug: fingerprint`, before
    the register recorded identities) has only its text fingerprint."""
    if not path.exists():
        return {}
    check = Checker(path)
    root = check.mapping(read_yaml(path) or {}, TOP)
    entries = root.get("notices") if "notices" in root else root  # legacy: slugs at the top
    key = "notices" if "notices" in root else TOP
    register: Register = {}
    for slug, raw in check.mapping(entries or {}, key).items():
        where = f"{slug}" if key == TOP else f"notices.{slug}"
        line = check.lines.get(where, 0)
        if not isinstance(slug, str) or not SLUG.match(slug):
            check.fail(where, f"{slug!r} is not a slug (lower-case a-z, 0-9 and -)")
            continue
        if isinstance(raw, str):
            register[slug] = Published(slug, "", "", "", "", raw, line=line)
            continue
        entry = check.mapping(raw, where)
        check.unknown_keys(entry, _FIELDS, where)
        published = Published(
            slug, str(entry.get("doc_number") or ""), str(entry.get("issuer") or ""),
            str(entry.get("year") or ""), str(entry.get("title") or ""),
            check.text(entry, "text", where), tuple(str(entry.get("anchors") or "").split()),
            line,
        )
        if entry.get("seal") != published.seal:
            check.fail(where, "changed by hand: its URL or the notice it names no longer "
                              "match the seal the build wrote. A published URL must keep "
                              "showing its notice; restore the entry as it was (git checkout "
                              f"{path.name}) and let the build record changes")
        register[slug] = published
    check.done()
    return register


def save_permalinks(path: Path, register: Register) -> None:
    entries = {
        slug: {
            **({"doc_number": entry.doc_number} if entry.doc_number else {}),
            "issuer": entry.issuer,
            "year": entry.year,
            "title": entry.title,
            "text": entry.text,
            "anchors": " ".join(entry.anchors),
            "seal": entry.seal,
        }
        for slug, entry in sorted(register.items())
    }
    body = yaml.safe_dump({"notices": entries}, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(HEADER + body, encoding="utf-8")


def updated(entry: Published, **fields) -> Published:
    """The entry with the notice's current title, text and anchors (old anchors kept)."""
    anchors = fields.pop("anchors", ())
    merged = entry.anchors + tuple(a for a in anchors if a not in entry.anchors)
    return replace(entry, anchors=merged, line=0, **fields)
