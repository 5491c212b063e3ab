"""Stage 4: the clause tree, 一、 → （一） → 1. → （1）, with headings and anchors.

A level the document skips is simply absent (二、9. when points are numbered straight
across sections). Headings are recognised from the text: a title line without sentence
punctuation, a short first sentence that runs into the text (`（四）严肃安全考核问责。严格…`),
or a label such as `煤矿：`. This stage sets each clause's anchor and path (its numbering
from the top), which the URLs are made of, and records the department notes as printed;
who they name is read by enrich/responsibility.py.
"""

from __future__ import annotations

import re

from build_site.ingest.grammar import (
    DEPARTMENT_NOTE,
    GLUED_MARKER,
    SCHEMES,
    SECTOR_LABEL,
    chinese_number,
    label_number,
    split_label,
)
from build_site.model import Block, Clause, Paragraph

_RUN_IN_HEADING = re.compile(r"^(?P<heading>[^。；，：！？]{2,30})。(?P<rest>.+)$", re.S)


def split_glued(blocks: list[Block]) -> list[Block]:
    """`…督查检查。（十六）创新安全监管方式。…`: extraction glued two clauses on one line.

    Only a marker right after a full stop and carrying the next expected number counts.
    """
    last = {"section": 0, "item": 0}
    result: list[Block] = []
    for block in blocks:
        if not isinstance(block, Paragraph):
            result.append(block)
            continue
        pieces = [block.text]
        labelled = split_label(block.text)
        if labelled and labelled[0] in last:
            last[labelled[0]] = label_number(labelled[1])
        position = 0
        for match in GLUED_MARKER.finditer(block.text):
            kind = match.lastgroup or ""
            number = chinese_number(match[kind])
            if number == last[kind] + 1:
                pieces[-1] = block.text[position : match.start()]
                pieces.append(block.text[match.start() :])
                position = match.start()
                last[kind] = number
        result.extend(Paragraph(piece, block.first_line, block.last_line) for piece in pieces)
    return result


def build_tree(blocks: list[Block], anchor: str = "", path: str = ""
               ) -> tuple[list[Block], list[Clause]]:
    """Preamble blocks (before the first clause) and the top-level clauses; an attachment's
    anchors and paths start with its own (`f1`, `附件 `)."""
    preamble: list[Block] = []
    roots: list[Clause] = []
    stack: list[Clause] = []
    for block in split_glued(blocks):
        labelled = split_label(block.text) if isinstance(block, Paragraph) else None
        if labelled is None:
            (stack[-1].blocks if stack else preamble).append(block)
            if stack:
                _extend(stack, block.last_line)
            continue
        kind, label, rest = labelled
        scheme = SCHEMES[kind]
        while stack and SCHEMES[stack[-1].kind].rank >= scheme.rank:
            stack.pop()
        clause = Clause(
            kind=kind,
            level=scheme.level,
            label=label,
            number=label_number(label),
            heading="",
            blocks=[Paragraph(rest, block.first_line, block.last_line)] if rest else [],
            first_line=block.first_line,
            last_line=block.last_line,
        )
        (stack[-1].children if stack else roots).append(clause)
        stack.append(clause)
        _extend(stack, block.last_line)
    for root in roots:
        for clause in root.walk():
            _find_heading(clause)
            clause.department_notes = _department_notes(clause)
    _assign_paths(roots, path, anchor, path, anchor, {})
    return preamble, roots


def _extend(stack: list[Clause], line: int) -> None:
    for open_clause in stack:
        open_clause.last_line = max(open_clause.last_line, line)


def _find_heading(clause: Clause) -> None:
    """An article (第十二条) has no heading: its first sentence is its text."""
    if (not clause.blocks or not isinstance(clause.blocks[0], Paragraph)
            or SCHEMES[clause.kind].continuous):
        return
    first = clause.blocks[0]
    followed = bool(clause.children) or len(clause.blocks) > 1
    heading, rest = split_heading(first.text, clause.level, followed)
    if not heading:
        return
    clause.heading = heading
    clause.blocks[0:1] = [Paragraph(rest, first.first_line, first.last_line)] if rest else []


def split_heading(text: str, level: int, followed: bool) -> tuple[str, str]:
    """(heading, rest) of a clause's first paragraph; heading "" where it has none.

    `followed`: the clause has more text or sub-clauses, so a lone short sentence is a
    heading (`（十）深化重点行业专项整治。`) rather than the whole of the clause.
    """
    if len(text) <= 40 and not any(c in text for c in "。；！？") and text[-1] not in "，、":
        return text.strip(), ""
    run_in = _RUN_IN_HEADING.match(text)
    if run_in and (run_in["rest"].strip() or followed):
        return run_in["heading"].strip(), run_in["rest"].strip()
    label = SECTOR_LABEL.match(text)
    if label and label["rest"] and level >= 3:
        return label["label"].strip(), label["rest"].strip()
    if followed and text.endswith("。") and len(text) <= 31 and "。" not in text[:-1]:
        return text[:-1].strip(), ""
    return "", text


def _department_notes(clause: Clause) -> tuple[str, ...]:
    """Every `（…等部门分工负责）` that closes a sentence of the clause, in order."""
    notes: list[str] = []
    for block in clause.blocks:
        if not isinstance(block, Paragraph):
            continue
        for match in DEPARTMENT_NOTE.finditer(block.text):
            if block.text[: match.start()].rstrip().endswith(("。", "；")):
                notes.append(match.group(0))
    return tuple(notes)


def _assign_paths(clauses: list[Clause], path: str, anchor: str, base_path: str,
                  base_anchor: str, seen: dict[str, int]) -> None:
    """Paths and anchors from the numbering; an article (numbered straight through its
    document) is named by itself, as people cite it: 第十二条, t12."""
    for clause in clauses:
        scheme = SCHEMES[clause.kind]
        parent_path, parent_anchor = (base_path, base_anchor) if scheme.continuous else (
            path, anchor)
        clause.path = parent_path + clause.label
        part = f"{scheme.letter}{clause.number}"
        own = f"{parent_anchor}-{part}" if parent_anchor else part
        seen[own] = seen.get(own, 0) + 1
        clause.anchor = own if seen[own] == 1 else f"{own}-{seen[own]}"
        _assign_paths(clause.children, clause.path, clause.anchor, base_path, base_anchor, seen)
