"""Python-Markdown extension: pass complete HTML blocks through without parsing them again.

The generated pages carry clause text, tag lists and topic listings as raw HTML blocks
(render.py, topics.py), which Python-Markdown already passes through verbatim.  To find where
each block ends, though, it feeds the whole page through ``html.parser`` twice (MkDocs' anchor
collector and md_in_html's block extractor): at 2,000 notices about a third of the build.

This preprocessor stores a block in the HTML stash itself, exactly as ``html_block`` would,
when the block is already known to be whole: it starts a paragraph at the outermost level with
a block-level tag, every tag of that name it opens is closed in the same paragraph, and it
carries no ``markdown`` attribute (md_in_html must parse those).  Anything else is left to the
parsers, so a page comes out byte for byte as it would without the extension (a test builds
the real site both ways).  The ids inside stashed blocks are handed back to MkDocs' anchor
validation by the hook (build_site/mkdocs_hooks.py).
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

OPENING_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>]")
MARKDOWN_ATTRIBUTE = re.compile(r"<[^>]*\smarkdown(?:[\s=>])")
# after normalize_whitespace (30) and fenced_code (25), before MkDocs' raw HTML scan (21)
PRIORITY = 23


class TrustedHtmlBlocks(Preprocessor):
    def __init__(self, md: Markdown, extension: TrustedHtmlExtension) -> None:
        super().__init__(md)
        self.extension = extension
        self.block_tags = re.compile(
            r"<(/?)(" + "|".join(map(re.escape, md.block_level_elements)) + r")[\s>]"
        )

    def run(self, lines: list[str]) -> list[str]:
        if not self.extension.enabled:
            return lines
        result: list[str] = []
        group: list[str] = []  # consecutive whole blocks: one stash entry, one placeholder
        blank: list[str] = []  # the blank lines after the last paragraph, not yet placed
        depth = 0  # block-level tags left open by earlier paragraphs (a <div markdown> …)
        runs = _runs(lines)
        for index, run in enumerate(runs):
            text = "\n".join(run)
            if not text.strip():
                blank = run
            elif depth == 0 and self._whole_block(text):
                if not group:
                    result.extend(blank)
                # html_block keeps the line end when a blank line follows the block, and the
                # serializer puts one line end between two blocks: joined here the same way
                blank_follows = index + 2 < len(runs) or (index + 1 < len(runs)
                                                          and len(runs[index + 1]) > 1)
                group.append(text + "\n" * blank_follows)
                blank = []
            else:
                self._place(group, result)
                result.extend(blank)
                result.extend(run)
                blank = []
                depth = max(depth + self._net_open(text), 0)
        self._place(group, result)
        return result + blank

    def _place(self, group: list[str], result: list[str]) -> None:
        """Many HTML blocks as one placeholder paragraph, so Python-Markdown's later stages
        (inline patterns, serializer) handle one paragraph instead of each block."""
        if group:
            result.append(self.md.htmlStash.store("\n".join(group)))
            group.clear()

    def _whole_block(self, text: str) -> bool:
        opening = OPENING_TAG.match(text)
        if opening is None or not self.md.is_block_level(opening.group(1)):
            return False
        if MARKDOWN_ATTRIBUTE.search(text):
            return False
        tag = opening.group(1).lower()
        balance = 0
        for closing, name in self.block_tags.findall(text):
            if name.lower() == tag:
                balance += -1 if closing else 1
        return balance == 0 and text.rstrip().lower().endswith(f"</{tag}>")

    def _net_open(self, text: str) -> int:
        """Only paragraphs that start with a tag open or close HTML blocks; a comment left
        open counts as an open block until a later paragraph closes it."""
        if not text.startswith("<"):
            return -1 if "-->" in text and "<!--" not in text else 0
        opened = sum(-1 if closing else 1 for closing, _ in self.block_tags.findall(text))
        return opened + (text.count("<!--") - text.count("-->"))


def _runs(lines: list[str]) -> list[list[str]]:
    """Alternating runs of non-blank and blank lines, in order."""
    runs: list[list[str]] = []
    for line in lines:
        if runs and bool(runs[-1][-1].strip()) == bool(line.strip()):
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs



class TrustedHtmlExtension(Extension):
    """`enabled` is switched per page: on for the pages build_site generates, whose HTML
    blocks it wrote itself, off for hand-written Markdown."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.enabled = False

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(TrustedHtmlBlocks(md, self), "trusted_html", PRIORITY)
