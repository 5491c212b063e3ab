"""The site: strict MkDocs build, every clause anchored, URLs stable when notices arrive."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from build_site.app import Inputs, generate
from build_site.hooks.linkcheck import broken_links, scan
from tests.conftest import RAW, ROOT

# a clause heading, or a paragraph listed on its own (`<p id="a1-b2-p1" class="clause segment"`)
ANCHOR = re.compile(r'\{#([a-z0-9-]+) \.clause|<p id="([a-z0-9-]+)" class="clause segment"')

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
    return {path: {"".join(groups) for groups in ANCHOR.findall(text)}
            for path, text in pages.items()}


def test_built_site_has_every_notice_and_clause_anchor(built_site: Path, corpus, inputs) -> None:
    from build_site.enrich.classify import classify
    from build_site.publish.urls import segment_ref

    segments = classify(corpus.notices, inputs.sectors).segments
    assert len(segments) >= 15
    for notice in corpus.notices:
        page = built_site / "notices" / f"{notice.slug}.html"
        html = page.read_text(encoding="utf-8")
        for clause in notice.all_clauses():
            assert f'id="{clause.anchor}"' in html, (notice.slug, clause.path)
            for segment in segments.get(notice.ref(clause), ()):
                anchor = segment_ref(notice.ref(clause), segment.paragraph).anchor
                assert f'<p id="{anchor}" class="clause segment"' in html, anchor
    assert (built_site / "citations.html").exists()
    assert (built_site / "pagefind" / "search.json.gz").exists()  # the default search engine


def test_notices_are_not_listed_in_the_sidebar(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('class="md-nav md-nav--primary"'):home.index("</nav>")]
    assert "notices/" not in nav


def test_urls_survive_new_notices(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    for data in (ROOT / "content").glob("*.yml"):
        shutil.copy(data, root / "content" / data.name)
    raw = root / "content" / "raw"
    shutil.copytree(RAW, raw)
    before = _urls(generate(Inputs.load(root, raw)).pages)

    (raw / "000_new_unnumbered.txt").write_text(NEW_UNNUMBERED_2010, encoding="utf-8")
    (raw / "zzz_2027.txt").write_text(NEW_PROVINCIAL, encoding="gbk")
    (raw / "005_xinzhou.txt").write_text(NEW_ISSUER, encoding="utf-8")
    after_pages = generate(Inputs.load(root, raw)).pages
    after = _urls(after_pages)

    assert "a1-b2-p1" in before["notices/shanxi-2019-1.md"]  # 一、（二） 第1段: 煤矿。…
    for path, anchors in before.items():
        assert path in after, path
        assert anchors <= after[path], path
    assert len(after) == len(before) + 3
    assert "notices/shanxi-2027-1.md" in after
    new_2010 = [p for p in after if p.startswith("notices/shanxi-2010-yijian-")]
    assert len(new_2010) == 1
    # and a second rebuild changes nothing
    assert generate(Inputs.load(root, raw)).pages == after_pages


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    """Over the written files, as a browser sees them (the build checks the same in memory)."""
    pages = {path.relative_to(built_site).as_posix(): scan(path.read_text(encoding="utf-8"))
             for path in built_site.rglob("*.html")}
    files = [path.relative_to(built_site).as_posix() for path in built_site.rglob("*")
             if path.is_file() and path.suffix != ".html"]
    assert broken_links(pages, files) == []
    assert sum(len(found.links) for found in pages.values()) > 2000


def test_the_link_check_finds_missing_pages_and_anchors() -> None:
    pages = {
        "index.html": scan('<a href="notices/a.html#a1">x</a> <a href="notices/b.html">y</a>'),
        "notices/a.html": scan('<h2 id="a2">二、</h2><a href="../assets/x.css">z</a>'
                               '<a href="#a2">self</a><a href="../index.html#top">t</a>'),
    }
    assert broken_links(pages, ["assets/x.css"]) == [
        "index.html → notices/a.html#a1: no such anchor",
        "index.html → notices/b.html: no such page or file",
        "notices/a.html → ../index.html#top: no such anchor",
    ]


def test_topic_and_department_pages(built_site: Path, corpus) -> None:
    from build_site.registers.sectors import load_sectors

    sectors = load_sectors(ROOT / "content" / "sectors.yml")
    for sector in sectors:
        assert (built_site / "topics" / f"{sector.slug}.html").exists(), sector.slug
    coal = (built_site / "topics" / "coal-mines.html").read_text(encoding="utf-8")
    assert "shanxi-2026-1.html#a3-b11-c1" in coal and 'id="y2026"' in coal
    assert "compare-years" in coal
    overview = (built_site / "topics.html").read_text(encoding="utf-8")
    assert 'href="topics/coal-mines.html#y2026"' in overview
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="topics.html"' in home  # 专题 is in the navigation, each topic one click on
    assert 'href="topics/coal-mines.html"' in overview
    emergency = (built_site / "departments" / "sheng-yingjiting.html").read_text(encoding="utf-8")
    assert "<h1" in emergency and "省应急厅" in emergency and "shanxi-2024-1.html#a3-b12" in emergency
    page = (built_site / "notices" / "shanxi-2026-1.html").read_text(encoding="utf-8")
    assert 'class="primary" href="../topics/coal-mines.html"' in page


def test_a_broken_link_in_a_written_page_is_a_build_warning(caplog) -> None:
    """The plugin side of build_site/hooks/linkcheck.py, as MkDocs calls it."""
    from types import SimpleNamespace

    from build_site.hooks.linkcheck import LinkCheck

    linkcheck = LinkCheck()

    def page(path: str):
        return SimpleNamespace(file=SimpleNamespace(dest_uri=path))

    css = SimpleNamespace(dest_uri="assets/x.css", is_documentation_page=lambda: False)
    linkcheck.on_files([css], config=None)
    linkcheck.on_post_page('<a href="b.html#a9">x</a>', page=page("a.html"), config=None)
    linkcheck.on_post_page('<h2 id="a1">一、</h2>', page=page("b.html"), config=None)
    with caplog.at_level("WARNING", logger="mkdocs.build_site"):
        linkcheck.on_post_build(config=None)
    assert [r.getMessage() for r in caplog.records] == [
        "broken link: a.html → b.html#a9: no such anchor"]


def test_large_topics_and_departments_get_a_page_per_year(monkeypatch) -> None:
    """As at 2,000 notices, here forced with a small limit: the year pages hold the lists,
    the topic or department page keeps its `#y<year>` anchors, linking to them."""
    from build_site.publish import departments, topics

    whole = generate(Inputs.load(ROOT), save=False).pages
    monkeypatch.setattr(topics, "ONE_PAGE_ENTRIES", 5)
    monkeypatch.setattr(departments, "ONE_PAGE_ENTRIES", 5)
    split = generate(Inputs.load(ROOT), save=False).pages
    for kind, slug, year in (("topics", "coal-mines", "2026"),
                             ("departments", "sheng-yingjiting", "2024")):
        page = split[f"{kind}/{slug}.md"]
        assert f"{{#y{year}}}" in page and f"]({slug}/{year}.md)" in page, kind
        year_page = split[f"{kind}/{slug}/{year}.md"]
        assert f"](../{slug}.md#y{year})" in year_page
        clause = r'notices/[a-z0-9-]+\.html#[a-z0-9-]+'
        links = set(re.findall(clause, year_page))
        assert links and links <= set(re.findall(clause, whole[f"{kind}/{slug}.md"])), kind
        assert 'href="../../notices/' in year_page and 'href="../notices/' not in year_page


def test_a_long_citations_page_gets_a_page_per_document(monkeypatch) -> None:
    from build_site.publish import index_pages

    whole = generate(Inputs.load(ROOT), save=False).pages
    monkeypatch.setattr(index_pages, "ONE_PAGE_ENTRIES", 5)
    split = generate(Inputs.load(ROOT), save=False).pages
    documents = [path for path in split if path.startswith("citations/")]
    assert len(documents) == whole["citations.md"].count("{#doc-")
    for path in documents:
        anchor = path.removeprefix("citations/").removesuffix(".md")
        assert f"{{#{anchor}}}" in split["citations.md"] and f"]({path})" in split["citations.md"]
        assert f"](../citations.md#{anchor})" in split[path]
        assert "](../notices/" in split[path]
    assert "](notices/" not in split["citations.md"] and "](notices/" in whole["citations.md"]
