"""The site: strict MkDocs build, every clause anchored, URLs stable when notices arrive."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from build_site.site import generate
from tests.conftest import RAW, ROOT

ANCHOR = re.compile(r"\{#([a-z0-9-]+) \.clause")

NEW_PROVINCIAL = """山西省人民政府关于做好2027年安全生产工作的通知
晋政发〔2027〕1号
各市、县人民政府，省人民政府各委、办、厅、局：
2027年，全省安全生产工作要坚持人民至上。
一、压实安全责任
（一）强化党政领导责任。各级党委政府要落实责任。
二、深化专项整治
（二）煤矿领域专项整治。推进智能化煤矿建设。（省能源局负责）
山西省人民政府
2027年1月20日
"""
NEW_UNNUMBERED_2010 = """各市、县人民政府，省人民政府各委、厅，各直属机构：
现就2010年冬春季安全生产工作提出以下意见：
一、加强冬季安全防范
要切实做好冬季防火工作。
二、强化值班值守
要严格执行领导带班制度。
"""
NEW_ISSUER = """忻州市人民政府文件
忻政发〔2027〕3号
忻州市人民政府关于做好2027年安全生产工作的通知
各县（市、区）人民政府：
一、总体要求
（一）坚持人民至上。
"""


def _urls(pages: dict[str, str]) -> dict[str, set[str]]:
    return {path: set(ANCHOR.findall(text)) for path, text in pages.items()}


def test_built_site_has_every_notice_and_clause_anchor(built_site: Path, corpus) -> None:
    for notice in corpus.notices:
        page = built_site / "notices" / f"{notice.slug}.html"
        html = page.read_text(encoding="utf-8")
        for clause in notice.all_clauses():
            assert f'id="{clause.anchor}"' in html, (notice.slug, clause.path)
    assert (built_site / "citations.html").exists()
    assert (built_site / "search" / "search_index.json").exists()


def test_notices_are_not_listed_in_the_sidebar(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('class="md-nav md-nav--primary"'):home.index("</nav>")]
    assert "notices/" not in nav


def test_urls_survive_new_notices(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    for name in ("issuers.yml", "permalinks.yml"):
        shutil.copy(ROOT / "content" / name, root / "content" / name)
    raw = root / "content" / "raw"
    shutil.copytree(RAW, raw)
    before = _urls(generate(root, raw).pages)

    (raw / "000_new_unnumbered.txt").write_text(NEW_UNNUMBERED_2010, encoding="utf-8")
    (raw / "zzz_2027.txt").write_text(NEW_PROVINCIAL, encoding="gbk")
    (raw / "005_xinzhou.txt").write_text(NEW_ISSUER, encoding="utf-8")
    after_pages = generate(root, raw).pages
    after = _urls(after_pages)

    for path, anchors in before.items():
        assert path in after, path
        assert anchors <= after[path], path
    assert len(after) == len(before) + 3
    assert "notices/shanxi-2027-1.md" in after
    new_2010 = [p for p in after if p.startswith("notices/shanxi-2010-yijian-")]
    assert len(new_2010) == 1
    # and a second rebuild changes nothing
    assert generate(root, raw).pages == after_pages
