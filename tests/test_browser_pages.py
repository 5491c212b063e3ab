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


def test_a_topic_lists_the_sector_paragraph_not_its_neighbours(page, site_url) -> None:
    """晋政发〔2019〕1号 一、（二） goes through six sectors; the coal page lists its 第1段."""
    page.goto(f"{site_url}/topics/coal-mines.html")
    article = page.locator("article").inner_text()
    assert "持续推进“三区联动立体式”瓦斯抽采" in article  # 第1段: 煤矿。
    assert "持续推进地下矿山采空区治理" not in article  # 第2段: 非煤矿山。
    assert "对189家危化企业装卸车系统进行治理" not in article  # 第3段: 危险化学品。
    entry = page.locator('#y2019 ~ ul li:has(a[href$="shanxi-2019-1.html#a1-b2-p1"])').first
    assert "一、（二） 第1段" in entry.inner_text()
    assert entry.locator('a.whole-clause[href$="shanxi-2019-1.html#a1-b2"]').count() == 1
    entry.locator('a[href$="#a1-b2-p1"]').click()
    page.wait_for_url("**/notices/shanxi-2019-1.html#a1-b2-p1")
    segment = page.locator("#a1-b2-p1")
    assert "clause-target" in segment.get_attribute("class")
    assert "clause-target" not in page.locator("#a1-b2-p2").get_attribute("class")
    segment.hover()
    segment.get_by_role("button", name="复制引用").click()
    assert page.evaluate("navigator.clipboard.readText()") == "晋政发〔2019〕1号 一、（二） 第1段"


def test_the_comparison_marks_a_reworded_sentence_as_continued(page, site_url) -> None:
    page.goto(f"{site_url}/topics/coal-mines.html")
    section = page.locator(".compare-years")
    assert section.locator('.compare-pair[data-year="2026"]').is_visible()  # the latest
    section.locator("select.compare-year").select_option("2023")
    pair = section.locator('.compare-pair[data-year="2023"]')
    assert pair.is_visible() and not section.locator('[data-year="2026"]').is_visible()
    # 2023 `持续深化瓦斯、水、顶板等重大灾害防治，强化隐蔽致灾因素普查治理` rewords 2022
    # `加强煤矿瓦斯、水害、顶板和冲击地压等重大灾害治理，扎实开展煤矿隐蔽致灾因素普查治理`
    sentence = pair.locator("span.continued", has_text="隐蔽致灾因素普查治理").first
    assert "持续深化" in sentence.locator("ins").all_inner_texts()
    assert any("冲击地压" in text for text in sentence.locator("del").all_inner_texts())
    assert pair.locator("span.new", has_text="加大保供煤矿监督检查力度").count() == 1


def test_what_is_new_this_year_links_to_clauses_that_exist(page, site_url) -> None:
    page.goto(f"{site_url}/topics/coal-mines.html")
    links = page.locator(".new-this-year a")
    hrefs = [links.nth(i).evaluate("a => a.href") for i in range(links.count())]  # absolute
    assert hrefs and all("/notices/shanxi-2026-1.html#" in href for href in hrefs)
    for href in hrefs:
        page.goto(href)
        anchor = href.split("#")[1]
        assert page.locator(f'[id="{anchor}"].clause').count() == 1, href
    page.goto(f"{site_url}/notices/shanxi-2026-1.html")
    summary = page.locator("details.notice-compare > summary")
    assert summary.inner_text().startswith("与上年相比")
    summary.click()
    first = page.locator("details.notice-compare .new-requirements a").first
    anchor = first.get_attribute("href").split("#")[1]
    first.click()
    assert "clause-target" in page.locator(f'[id="{anchor}"]').get_attribute("class")


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN",
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def _on_first_screen(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + min(box["height"], 40) <= 844


def test_a_notice_on_a_phone_starts_with_its_text(phone, site_url) -> None:
    """Title, 文号 and date, then the first clause, on the first screen; the source files and
    web addresses are one folded line."""
    phone.goto(f"{site_url}/notices/shanxi-2024-1.html")
    meta = phone.locator("table.notice-meta")
    assert _on_first_screen(phone.locator("h1"))
    assert _on_first_screen(meta.get_by_text("晋政发〔2024〕1号"))
    assert _on_first_screen(meta.get_by_text("2024-01-20"))
    assert _on_first_screen(phone.locator("#a1"))  # 一、
    assert not phone.locator("details.notice-sources code").first.is_visible()
    phone.locator("details.notice-sources summary").click()
    assert phone.locator("details.notice-sources code").first.is_visible()


def test_a_topic_on_a_phone_starts_with_its_clauses(phone, site_url) -> None:
    phone.goto(f"{site_url}/topics/coal-mines.html")
    assert _on_first_screen(phone.locator("h1"))
    assert _on_first_screen(phone.locator(".new-this-year summary"))  # folded to one line
    assert not phone.locator(".new-this-year li").first.is_visible()
    assert _on_first_screen(phone.locator('#y2026 ~ ul a[href$="#a3-b11-c1"]').first)


def test_heatmap_cell_opens_that_year_of_the_topic(page, site_url) -> None:
    page.goto(f"{site_url}/topics.html")
    page.locator('table.heatmap a[href$="topics/coal-mines.html#y2026"]').click()  # absolute: instant nav
    page.wait_for_url("**/topics/coal-mines.html#y2026")
    assert page.locator("#y2026").is_visible()
