"""Notice pages in headless Chromium: anchors land and highlight, copy tools, no outside requests."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser


def test_clause_link_scrolls_to_and_highlights_the_clause(page, site_url) -> None:
    page.goto(f"{site_url}/notices/shanxi-2026-1.html#a3-b11-c4")
    heading = page.locator("#a3-b11-c4")
    heading.wait_for()
    assert "非煤矿山" in heading.inner_text()
    assert "clause-target" in heading.get_attribute("class")
    following = page.locator("#a3-b11-c4 ~ p").first  # its text, after the sector tags
    assert "clause-target" in following.get_attribute("class")
    assert "clause-target" not in page.locator("#a3-b11-c5").get_attribute("class")
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < 300  # scrolled to, below the sticky header


def test_copy_link_and_copy_citation(page, site_url) -> None:
    url = f"{site_url}/notices/shanxi-2024-1.html"
    page.goto(url)
    heading = page.locator("#a3-b13")
    heading.hover()
    heading.get_by_role("button", name="复制链接").click()
    page.locator(".md-dialog").get_by_text("已复制").wait_for()  # Material's toast
    assert page.evaluate("navigator.clipboard.readText()") == f"{url}#a3-b13"
    heading.get_by_role("button", name="复制引用").click()
    assert page.evaluate("navigator.clipboard.readText()") == "晋政发〔2024〕1号 三、（十三）"


def test_no_request_leaves_the_site(page, site_url) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for path in ("index.html", "years.html", "notices/shanxi-2024-1.html", "citations.html"):
        page.goto(f"{site_url}/{path}")
        page.wait_for_load_state("networkidle")
    page.locator("input.md-search__input").first.click()
    page.keyboard.type("隐患")
    page.wait_for_timeout(1500)
    origin = urlparse(site_url).netloc
    outside = [url for url in requests if urlparse(url).netloc not in (origin, "")
               and not url.startswith(("data:", "blob:"))]
    assert outside == []
    assert len(requests) > 10


def test_links_work_from_disk(page, built_site) -> None:
    page.goto((built_site / "index.html").as_uri())
    page.get_by_role("link", name="按年份浏览").click()
    page.wait_for_load_state()
    assert page.url.endswith("/years.html")
    page.locator("a[href$='shanxi-2010-yijian.html']").first.click()
    assert "推断" in page.locator(".notice-meta").inner_text()


def test_notice_prints_on_a4_without_navigation(page, site_url, tmp_path) -> None:
    page.goto(f"{site_url}/notices/jinzhong-2022-9.html")
    page.emulate_media(media="print")
    for hidden in (".md-sidebar--primary", ".md-header", ".clause-tools"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator("h1").is_visible() and page.locator(".banji").is_visible()
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 3


def test_topic_page_compares_two_years_and_marks_what_is_new(page, site_url) -> None:
    page.goto(f"{site_url}/topics/coal-mines.html")
    section = page.locator(".compare-years")
    section.locator(".year-a").select_option("2025")
    section.locator(".year-b").select_option("2026")
    right = section.locator(".col-b")
    assert "晋政发〔2026〕1号" in right.inner_text()
    assert right.locator("span.new").count() > 0
    assert section.locator(".col-a span.new").count() == 0
    section.locator(".year-a").select_option("2026")  # a year against itself: nothing new
    assert right.locator("span.new").count() == 0


def test_heatmap_cell_opens_that_year_of_the_topic(page, site_url) -> None:
    page.goto(f"{site_url}/topics.html")
    page.locator('table.heatmap a[href$="topics/coal-mines.html#y2026"]').click()  # absolute: instant nav
    page.wait_for_url("**/topics/coal-mines.html#y2026")
    assert page.locator("#y2026").is_visible()
