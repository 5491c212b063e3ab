"""Who carries out each clause: the departments its notes name, and each department's tasks.

From 2024 on, provincial clauses close their sentences with the responsible departments in
brackets, `（省林草局牵头，省应急厅、省公安厅等部门分工负责）`; the clause stage keeps
those notes as printed (Clause.department_notes), this stage reads the names out of them.
A note such as `以下均需市、县人民政府负责，不再一一列出` names, once, who shares every
later task of the notice.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from build_site.ingest.grammar import (
    NOTE_VERB_PHRASE,
    ORGANISATION_END,
    STANDING_DEPARTMENTS,
)
from build_site.model import ClauseRef, Notice
from build_site.registers.departments import Department, department_slug

Responsibilities = Mapping[ClauseRef, tuple[str, ...]]  # clause → department names


def responsibilities(notices: Sequence[Notice]) -> dict[ClauseRef, tuple[str, ...]]:
    """The department names of every clause that has any, in document order."""
    found: dict[ClauseRef, tuple[str, ...]] = {}
    for notice in notices:
        standing: tuple[str, ...] = ()
        for clause in notice.all_clauses():
            named = tuple(dict.fromkeys(
                name for note in clause.department_notes for name in parse_departments(note[1:-1])
            ))
            if named and standing:
                named = tuple(dict.fromkeys((*named, *standing)))
            if named:
                found[notice.ref(clause)] = named
            standing = standing or _standing_departments(clause.department_notes)
    return found


def _standing_departments(notes: Sequence[str]) -> tuple[str, ...]:
    """A note that names, once, who shares every task from here on."""
    for note in notes:
        match = STANDING_DEPARTMENTS.search(note)
        if match:
            return tuple(_organisations(match["who"]))
    return ()


def parse_departments(note: str) -> tuple[str, ...]:
    """`省林草局牵头，省应急厅、省公安厅等部门分工负责` → (省林草局, 省应急厅, 省公安厅)."""
    departments: list[str] = []
    for part in re.split(r"[，,；]", note.split("。")[0]):
        departments.extend(_organisations(NOTE_VERB_PHRASE.sub("", part.strip())))
    return tuple(dict.fromkeys(departments))


def _organisations(part: str) -> list[str]:
    """Split a list of organisations at 、 和 及, keeping names that contain them whole.

    `各市、县人民政府` and `省粮食和储备局`: a piece that is not an organisation on its own
    joins the next one with the separator it had. `省安委会、省防减救灾委有关成员单位`: the
    closing qualifier belongs to every committee in the list.
    """
    names: list[str] = []
    pending = ""
    pieces = re.split(r"(、|和|及)", part)
    for piece, separator in zip(pieces[::2], [*pieces[1::2], ""], strict=True):
        piece = pending + piece
        if not piece:
            continue
        if ORGANISATION_END.search(piece):
            names.append(piece)
            pending = ""
        else:
            pending = piece + separator
    if pending.strip("、和及"):
        names.append(pending.strip("、和及"))
    qualifier = re.search(r"(?:有关)?成员单位$", names[-1]) if names else None
    if qualifier:
        names = [name + qualifier.group(0) if re.search(r"[会委]$", name) else name
                 for name in names]
    return names


def department_index(
    responsible: Responsibilities, departments: Sequence[Department]
) -> dict[Department, list[ClauseRef]]:
    """Department → its clauses in document order; the departments with most clauses first."""
    by_name = {name: entry for entry in departments for name in (entry.name, *entry.aliases)}
    index: dict[Department, list[ClauseRef]] = {}
    for ref, names in responsible.items():
        for name in names:
            entry = by_name.get(name) or Department(department_slug(name), name, registered=False)
            refs = index.setdefault(entry, [])
            if ref not in refs:  # two aliases in one clause
                refs.append(ref)
    return dict(sorted(index.items(), key=lambda item: (-len(item[1]), item[0].slug)))
