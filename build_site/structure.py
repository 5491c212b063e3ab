"""Stage 4: the clause tree, 一、 → （一） → 1. → （1）, with headings and departments.

A level the document skips is simply absent (二、9. when points are numbered straight
across sections). Headings are recognised from the text: a title line without sentence
punctuation, a short first sentence that runs into the text (`（四）严肃安全考核问责。严格…`),
or a label such as `煤矿：`.
"""

from __future__ import annotations

import re

from build_site.model import Block, Clause, Paragraph
from build_site.normalize import HAN
from build_site.paragraphs import MARKERS
from build_site.roles import chinese_number

LEVELS = {kind: level for level, (kind, _) in enumerate(MARKERS, 1)}
_LABEL = re.compile(
    r"^(?:(?P<section>[一二三四五六七八九十]{1,3}、)"
    r"|(?P<item>（[一二三四五六七八九十]{1,3}）)"
    r"|(?P<point>\d{1,2}(?:[.．](?!\d)|、))"
    r"|(?P<subpoint>（\d{1,2}）))\s*"
)
_RUN_IN_HEADING = re.compile(r"^(?P<heading>[^。；，：！？]{2,30})。(?P<rest>.+)$", re.S)
_LABEL_HEADING = re.compile(rf"^(?P<heading>[{HAN}、和与及]{{2,12}})[：:](?P<rest>.+)$", re.S)
_DEPARTMENT_NOTE = re.compile(r"（(?P<inner>[^（）]*(?:负责|落实|牵头|配合)[^（）]*)）")
_DEPARTMENT_VERBS = re.compile(
    r"(?:等有关部门|等相关部门|等部门)?(?:分工负责|共同负责|负责|牵头|配合|"
    r"指导督促落实|督促企业落实|督促落实|指导落实|落实)$"
)
_ORG_END = re.compile(
    r"(?:厅|局|委|办|会|院|部门|政府|总队|支队|中心|公司|单位|山西局|监管局|委员会|办公室|"
    r"机构|集团|银行|法院|检察院)$"
)


def split_label(text: str) -> tuple[str, str, str] | None:
    """(kind, label, rest) for a paragraph opening with a clause marker."""
    match = _LABEL.match(text)
    if not match:
        return None
    kind = match.lastgroup or ""
    return kind, match.group(kind), text[match.end() :]


_GLUED_MARKER = re.compile(
    r"(?<=。)(?:（(?P<item>[一二三四五六七八九十]{1,3})）|(?P<section>[一二三四五六七八九十]{1,3})、)"
)


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
            last[labelled[0]] = _number(labelled[1])
        position = 0
        for match in _GLUED_MARKER.finditer(block.text):
            kind = match.lastgroup or ""
            number = chinese_number(match[kind])
            if number == last[kind] + 1:
                pieces[-1] = block.text[position : match.start()]
                pieces.append(block.text[match.start() :])
                position = match.start()
                last[kind] = number
        result.extend(Paragraph(piece, block.first_line, block.last_line) for piece in pieces)
    return result


def build_tree(blocks: list[Block]) -> tuple[list[Block], list[Clause]]:
    """Preamble blocks (before the first clause) and the top-level clauses."""
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
        level = LEVELS[kind]
        while stack and stack[-1].level >= level:
            stack.pop()
        clause = Clause(
            level=level,
            label=label,
            number=_number(label),
            heading="",
            blocks=[Paragraph(rest, block.first_line, block.last_line)] if rest else [],
            first_line=block.first_line,
            last_line=block.last_line,
        )
        (stack[-1].children if stack else roots).append(clause)
        stack.append(clause)
        _extend(stack, block.last_line)
    standing: tuple[str, ...] = ()  # `以下均需市、县人民政府负责，不再一一列出`
    for root in roots:
        for clause in root.walk():
            _find_heading(clause)
            _find_departments(clause)
            if clause.departments and standing:
                clause.departments = tuple(dict.fromkeys((*clause.departments, *standing)))
            standing = standing or _standing_departments(clause)
    _assign_paths(roots, "", "")
    return preamble, roots


def _extend(stack: list[Clause], line: int) -> None:
    for open_clause in stack:
        open_clause.last_line = max(open_clause.last_line, line)


def _number(label: str) -> int:
    digits = re.sub(r"\D", "", label)
    if digits:
        return int(digits)
    return chinese_number(label.strip("（）、"))


def _find_heading(clause: Clause) -> None:
    if not clause.blocks or not isinstance(clause.blocks[0], Paragraph):
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
    label = _LABEL_HEADING.match(text)
    if label and level >= 3:
        return label["heading"].strip(), label["rest"].strip()
    if followed and text.endswith("。") and len(text) <= 31 and "。" not in text[:-1]:
        return text[:-1].strip(), ""
    return "", text


def _find_departments(clause: Clause) -> None:
    """Every `（…等部门分工负责）` that closes a sentence of the clause, in order."""
    notes: list[str] = []
    for block in clause.blocks:
        if not isinstance(block, Paragraph):
            continue
        for match in _DEPARTMENT_NOTE.finditer(block.text):
            if block.text[: match.start()].rstrip().endswith(("。", "；")):
                notes.append(match.group(0))
    clause.department_notes = tuple(notes)
    departments = [name for note in notes for name in parse_departments(note[1:-1])]
    clause.departments = tuple(dict.fromkeys(departments))


_STANDING = re.compile(r"以下均需(?P<who>[^，。]+?)负责[，,]?不再一一列出")


def _standing_departments(clause: Clause) -> tuple[str, ...]:
    """A note that names, once, who shares every task from here on."""
    for note in clause.department_notes:
        match = _STANDING.search(note)
        if match:
            return _organisations(match["who"])
    return ()


def parse_departments(note: str) -> tuple[str, ...]:
    """`省林草局牵头，省应急厅、省公安厅等部门分工负责` → (省林草局, 省应急厅, 省公安厅)."""
    departments: list[str] = []
    for part in re.split(r"[，,；]", note.split("。")[0]):
        departments.extend(_organisations(_DEPARTMENT_VERBS.sub("", part.strip())))
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
        if _ORG_END.search(piece):
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


def _assign_paths(clauses: list[Clause], path: str, anchor: str) -> None:
    seen: dict[str, int] = {}
    for clause in clauses:
        clause.path = path + clause.label
        part = f"{'abcd'[clause.level - 1]}{clause.number}"
        own = f"{anchor}-{part}" if anchor else part
        seen[own] = seen.get(own, 0) + 1
        clause.anchor = own if seen[own] == 1 else f"{own}-{seen[own]}"
        _assign_paths(clause.children, clause.path, clause.anchor)
