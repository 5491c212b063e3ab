"""Material's built-in search index made usable for Chinese (`search_engine: material`).

Material (9.8.1) segments Chinese at build time by joining ``jieba.cut`` words with U+200B
(``material/plugins/search/plugin.py``, ``_segment_chinese``), and lunr in the browser only
does *prefix* matching on those tokens.  A compound such as 事故隐患 is then a single token
and the query 隐患 can never find it.  This part of the plugin

* resolves ``plugins.search.jieba_dict_user`` (and ``jieba_dict``) against the directory of
  ``mkdocs.yml`` before Material reads them (Material resolves them against the current
  working directory), so the domain dictionary is loaded wherever ``mkdocs`` is run from;
* re-segments every Chinese run of the written ``search/search_index.json``: jieba words that
  are *fully* made of shorter dictionary words of two or more characters are split into them
  (事故隐患 -> 事故|隐患, 中华人民共和国 -> 中华|人民|共和国), while words that are not
  (智能化, 尾矿库, 百吨王) stay whole because their sub-words are prefixes or not words at all.
  Every dictionary sub-word thus starts a token, so lunr's prefix search finds it;
* writes the index as UTF-8 instead of ``\\uXXXX`` escapes, which about halves its size.

The browser side (``overrides/assets/javascripts/workers/search-zh.js``) segments the query
against the tokens of this index, so build and query agree on what a word is.
"""

from __future__ import annotations

import json
import logging
import math
import os
from functools import lru_cache
from typing import Any

import jieba
from backrefs import bre
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("material_search")

ZWSP = "\u200b"
# A run of Han characters, possibly already cut by Material with zero-width spaces
HAN_RUN = bre.compile(r"[\p{script: Han}\u200b]*\p{script: Han}[\p{script: Han}\u200b]*")
# Words longer than this are not split (long user-dictionary terms are rare and deliberate)
MAX_SPLIT_LEN = 12
INDEX_PATH = ("search", "search_index.json")


def _search_plugin(config: MkDocsConfig) -> Any | None:
    """Return Material's search plugin instance, if it is enabled."""
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and type(plugin).__module__.startswith("material.plugins.search"):
            return plugin if plugin.config.enabled else None
    return None


class MaterialChineseSearch:
    """Before Material's search plugin reads its dictionaries, and after it has written its
    index (build_site/hooks/plugin.py orders the events)."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Anchor the jieba dictionaries at the directory of mkdocs.yml."""
        jieba.setLogLevel(logging.WARNING)
        plugin = _search_plugin(config)
        if plugin is None:
            return config
        base = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        for key in ("jieba_dict", "jieba_dict_user"):
            value = plugin.config.get(key)
            if value and not os.path.isabs(value):
                plugin.config[key] = os.path.normpath(os.path.join(base, value))
                log.debug("search.%s resolved to %s", key, plugin.config[key])
        _split_word.cache_clear()  # the dictionaries may have changed (mkdocs serve)
        return config

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Re-segment the Chinese text of the written search index and store it as UTF-8."""
        if _search_plugin(config) is None:
            return
        path = os.path.join(config.site_dir, *INDEX_PATH)
        if not os.path.isfile(path):
            return
        with open(path, encoding="utf-8") as f:
            raw = f.read()
        data = json.loads(raw)
        _check(data.get("config", {}))
        for doc in data.get("docs", []):
            for field in ("title", "text"):
                if isinstance(doc.get(field), str):
                    doc[field] = segment(doc[field])
        out = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        with open(path, "w", encoding="utf-8") as f:
            f.write(out)
        log.info(
            "search index re-segmented: %d -> %d bytes",
            len(raw.encode("utf-8")),
            len(out.encode("utf-8")),
        )


def _check(search: dict[str, Any]) -> None:
    """Warn about search settings under which no Chinese query can match (as written)."""
    separator = str(search.get("separator", ""))
    if "\\u200b" not in separator and ZWSP not in separator:
        log.warning("search separator lacks \\u200b: Chinese text is not split into words")
    if "trimmer" in (search.get("pipeline") or []):
        log.warning("search pipeline contains 'trimmer': it strips every Chinese token")


def segment(value: str) -> str:
    """Cut every Han run of *value* into fine-grained words separated by U+200B."""

    def replace(match: Any) -> str:
        run = match.group(0)
        words = [w for part in jieba.cut(run.replace(ZWSP, "")) for w in _split_word(part)]
        return ZWSP + ZWSP.join(words) + ZWSP

    out = HAN_RUN.sub(replace, value)
    while ZWSP * 2 in out:
        out = out.replace(ZWSP * 2, ZWSP)
    return out.strip(ZWSP)


@lru_cache(maxsize=65536)
def _split_word(word: str) -> tuple[str, ...]:
    """Split *word* into dictionary words of >= 2 characters, if it is made only of them.

    A three-character word may also split off a single first character (零|事故, 副|市长):
    its tail would not be found otherwise, whereas a single last character is harmless
    (智能化 is found by the prefix 智能, so it stays whole).

    Among all such tilings the one with the fewest parts wins, ties going to the most
    frequent parts (jieba's own criterion); parts are split again the same way.  Words
    without such a tiling are kept whole.
    """
    n = len(word)
    if n < 3 or n > MAX_SPLIT_LEN:
        return (word,)
    freq = jieba.dt.FREQ
    log_total = math.log(jieba.dt.total)
    # cost[i]: (number of parts, -log probability) of the best tiling of word[:i]
    cost: list[tuple[float, float]] = [(0, 0.0)] + [(math.inf, math.inf)] * n
    back = [0] * (n + 1)
    for i in range(n):
        if cost[i][0] == math.inf:
            continue
        for j in range(i + (1 if i == 0 and n == 3 else 2), n + 1):
            piece = word[i:j]
            if piece == word or not freq.get(piece):
                continue
            cand = (cost[i][0] + 1, cost[i][1] + log_total - math.log(freq[piece]))
            if cand < cost[j]:
                cost[j], back[j] = cand, i
    if cost[n][0] == math.inf:
        return (word,)
    pieces: list[str] = []
    j = n
    while j > 0:
        pieces[:0] = _split_word(word[back[j] : j])  # 人民共和国 -> 人民|共和国
        j = back[j]
    return tuple(pieces)
