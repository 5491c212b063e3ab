"""Markup in a notice is text everywhere (issue 10, point 4).

A real notice (代县 2021) is edited so that its title, issuer, clause headings, body and a
department note hold HTML, Markdown, attribute lists, Jinja and Pagefind attributes; the site
is built with `mkdocs build --strict` through the build_site plugin, served, and read in
Chromium: no script runs, no markup becomes an element or an attribute, and every field
reads exactly as written on every page it reaches.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from build_site.__main__ import main
from build_site.app import Inputs, ingest
from build_site.hooks.plugin import RAW_ENV, SEARCH_ENV
from build_site.tools.search_bench import typed_results
from tests.conftest import RAW, ROOT, build_real_site, served

pytestmark = pytest.mark.browser

ISSUER = "代县<i>人民政府</i>"
# a title line: at most 80 characters, none of 。；！？：, no spaces (the parser closes them up)
TITLE = ISSUER + "关于<script>alert(1)</script>{{config}}**安全**|`a,b`&lt;b&gt;的通知"
HEADING = "<svg onload=alert(5)> {#e autofocus}"  # 一、
RUN_IN_HEADING = "严格<script>alert(7)</script>责任"  # （一）…。
DEPARTMENT = "县<b>{{ config }}</b>局"
BODY = ("执行`echo 中文,English:ok`命令；见<a href=\"x?a=中,b\">链接</a>，"
        '<div data-pagefind-body data-pagefind-filter="机关:伪造">伪造</div>'
        "<span data-pagefind-ignore>忽略</span> [点击](javascript:alert(6)) "
        "{{ config.site_name }} {% raw %}x{% endraw %} <img src=x onerror=alert(2)> "
        f"&amp; \\<b\\> ~^$ 3~5。（县应急局、{DEPARTMENT}负责）")
SITE_NAME = "安全生产工作通知"

# in the browser: what would show that markup became markup
LIVE_MARKUP = """() => [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]
    .filter(a => /^on|^autofocus$|^data-pagefind-(filter|ignore)$/.test(a.name)
                 || (a.name === 'data-pagefind-body' && el.tagName !== 'ARTICLE'))
    .map(a => el.tagName + ' ' + a.name))
  .concat([...document.querySelectorAll('.md-content i, .md-content b, .md-content svg')]
    .map(el => el.tagName))"""


def write_hostile_notice(raw_dir: Path) -> None:
    """004 (代政发〔2021〕1号) without its 文号 line, so that the citation of its clauses is
    its title, and with markup in every field that the parser reads from the text."""
    lines = (RAW / "004_c8491ad2751d6e65.txt").read_text(encoding="utf-8").split("\n")
    assert lines[1] == "代政发〔2021〕1号" and lines[2] == "代县人民政府"
    lines[1] = lines[2] = ""  # the issuer now comes from the title
    lines[4] = TITLE
    for index, line in enumerate(lines):
        if line.startswith("一、"):
            lines[index] = "一、" + HEADING
        elif line.startswith("（一）"):
            lines[index] = f"（一）{RUN_IN_HEADING}。{line[3:]}"
        elif line.startswith("（二）"):
            lines[index] = f"{line.rstrip()} {BODY}"
    raw_dir.mkdir(parents=True, exist_ok=True)
    (raw_dir / "004_hostile.txt").write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_raw(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("hostile") / "content" / "raw"
    write_hostile_notice(raw)
    return raw


@pytest.fixture(scope="module")
def hostile_slug(hostile_raw: Path) -> str:
    (notice,) = ingest(Inputs.load(ROOT, hostile_raw)).notices
    return notice.slug


@pytest.fixture(scope="module")
def hostile_url(hostile_raw: Path, tmp_path_factory):
    site = build_real_site(tmp_path_factory.mktemp("hostile-site"), **{RAW_ENV: str(hostile_raw)})
    yield from served(site)


@pytest.fixture
def reader(browser):
    """A page that records every dialog (alert) and script error: none may happen."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    happened: list[str] = []
    page.on("dialog", lambda dialog: (happened.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: happened.append(str(error)))
    yield page
    assert page.evaluate(LIVE_MARKUP) == []
    page.close()
    assert happened == []


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("load")
    assert page.evaluate(LIVE_MARKUP) == [], url


def _href(page, selector: str) -> str:
    """Where a link leads (opened with goto: Material's instant loading swaps pages late)."""
    return page.locator(selector).first.evaluate("a => a.href")


def _text_of(page, selector: str) -> str:
    """An element's text as written, without the buttons notices.js adds to a clause."""
    return page.eval_on_selector(selector, """el => {
        const copy = el.cloneNode(true);
        copy.querySelectorAll('.clause-tools, .headerlink').forEach(tool => tool.remove());
        return copy.textContent.trim(); }""")


def test_notice_page_shows_every_field_as_written(reader, hostile_url, hostile_slug) -> None:
    _open(reader, f"{hostile_url}/notices/{hostile_slug}.html")
    citation = f"《{TITLE}》"
    assert reader.title() == f"{citation} {TITLE} - {SITE_NAME}"
    assert _text_of(reader, "[data-md-component=header-topic]") == f"{citation} {TITLE}"
    assert _text_of(reader, "article h1") == TITLE
    issuer_row = reader.locator(".notice-meta tr", has_text="发文机关").locator("td")
    assert issuer_row.text_content() == ISSUER
    assert _text_of(reader, "#a1") == "一、" + HEADING
    assert _text_of(reader, "#a1-b1") == "（一）" + RUN_IN_HEADING
    assert reader.get_attribute("#a1", "data-citation") == f"{citation} 一、"
    assert BODY in reader.text_content("#a1-b2 ~ p")
    # the sidebar's table of contents
    assert reader.locator(".md-nav--secondary a[href$='#a1']").first.text_content().strip() == (
        "一、" + HEADING)


def test_listings_show_the_title_and_issuer_as_written(reader, hostile_url,
                                                       hostile_slug) -> None:
    link = f"a[href$='notices/{hostile_slug}.html']"
    for listing in ("index.html", "years.html", "issuers.html"):
        _open(reader, f"{hostile_url}/{listing}")
        assert reader.text_content(f".md-content {link}") == TITLE, listing
        row = reader.locator("tr", has=reader.locator(link))
        assert row.locator("td").last.text_content() == ISSUER, listing
    assert _text_of(reader, f"h3:has-text('{ISSUER[:2]}')") == f"{ISSUER}（1 份）"  # issuers

    _open(reader, f"{hostile_url}/notices/{hostile_slug}.html")
    _open(reader, _href(reader, ".sector-tags a"))  # a topic page listing its clauses
    assert f"{ISSUER} 《{TITLE}》" in reader.locator(".md-content h3").all_text_contents()
    assert reader.text_content(f".md-content p > {link}") == TITLE


def test_department_named_with_markup(reader, hostile_url) -> None:
    _open(reader, f"{hostile_url}/departments.html")
    _open(reader, _href(reader, ".md-content a:has-text('{{ config }}')"))
    assert reader.title() == f"责任单位：{DEPARTMENT} - {SITE_NAME}"
    assert _text_of(reader, "article h1") == DEPARTMENT
    assert f"{DEPARTMENT}负责）" in reader.text_content(".md-content li")


def test_pagefind_indexes_the_text_not_the_markup(reader, hostile_url) -> None:
    _open(reader, f"{hostile_url}/index.html")
    results = typed_results(reader, hostile_url, "伪造")
    assert results and results[0][1] == "a1-b2"
    shown = reader.locator(".md-search-result__item").first
    assert "伪造" in shown.locator(".md-search-result__teaser").text_content()
    # citation · title · year, as written
    assert shown.locator(".pagefind-search__page").text_content() == f"《{TITLE}》 一、（二） · {TITLE} · 2021"
    filters = reader.evaluate("import('./pagefind/0/pagefind.js').then(pf => pf.filters())")
    assert "机关" not in filters  # the text's data-pagefind-filter is not an attribute
    assert "伪造" not in json.dumps(filters, ensure_ascii=False)


def test_material_search_shows_the_title_as_written(reader, hostile_raw, tmp_path) -> None:
    site = build_real_site(tmp_path / "site", **{RAW_ENV: str(hostile_raw),
                                                  SEARCH_ENV: "material"})
    for url in served(site):
        _open(reader, f"{url}/index.html")
        assert typed_results(reader, url, "严格")
        # Material shows its index's title, cut into words by U+200B
        titles = reader.locator(".md-search-result__article h1").all_text_contents()
        assert TITLE in [title.replace("\u200b", "").strip() for title in titles]


def test_json_export_holds_the_text_as_written(hostile_raw: Path, tmp_path: Path) -> None:
    out = tmp_path / "notices.json"
    assert main(["--root", str(ROOT), "--raw", str(hostile_raw), "export", "--out", str(out)]) == 0
    (notice,) = json.loads(out.read_text(encoding="utf-8"))["notices"]
    assert (notice["title"], notice["issuer"]) == (TITLE, ISSUER)
    clauses = {clause["path"]: clause for clause in notice["clauses"]}
    assert clauses["一、"]["heading"] == HEADING
    assert clauses["一、（一）"]["heading"] == RUN_IN_HEADING
    assert clauses["一、（二）"]["text"].endswith(BODY)
    assert clauses["一、（二）"]["departments"] == ["县应急局", DEPARTMENT]
