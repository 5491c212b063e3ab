"""Citation detection on real sentences, and relations between notices."""

from __future__ import annotations

from build_site.enrich.link import document_anchor, find_citations, link_corpus, short_forms


def test_title_with_its_number_is_one_citation() -> None:
    text = ("全面落实《山西省人民政府办公厅关于印发山西省重点行业领域安全生产分类分级监管办法和"
            "重大事故隐患调查处理办法的通知》（晋政办发〔2021〕9号），对重点行业领域企业区别对待")
    [citation] = find_citations(text)
    assert citation.number == "晋政办发〔2021〕9号"
    assert citation.title.startswith("山西省人民政府办公厅关于印发")
    assert text[citation.start:citation.end] == citation.text


def test_number_alone_is_trimmed_to_its_code() -> None:
    text = "严格执行企业安全生产费用提取和使用管理制度继续贯彻落实国发〔2010〕23号和国发〔2011〕40号文件"
    assert [c.number for c in find_citations(text)] == ["国发〔2010〕23号", "国发〔2011〕40号"]


def test_laws_and_nested_titles() -> None:
    text = "认真贯彻新修改的《安全生产法》《行政处罚法》和《刑法修正案（十一）》等法律法规"
    assert [c.title for c in find_citations(text)] == ["安全生产法", "行政处罚法", "刑法修正案（十一）"]
    text = "《关于贯彻实施〈山西省消防安全责任制实施办法〉的通知》(市政办函〔2020〕5号)落实情况"
    [citation] = find_citations(text)
    assert citation.title == "关于贯彻实施〈山西省消防安全责任制实施办法〉的通知"


def test_garbled_citation_is_not_made_up() -> None:
    text = "特别是20211号关于做好2021年安全生产工作的通知》（市政发〔2021〕1号）落实情况。"
    assert [c.number for c in find_citations(text)] == ["市政发〔2021〕1号"]


def test_clause_path_after_a_citation() -> None:
    [citation] = find_citations("按照晋政发〔2024〕1号三、（十一）要求")
    assert (citation.number, citation.path) == ("晋政发〔2024〕1号", "三、（十一）")


def test_external_documents_collect_their_citing_clauses(corpus, issuers) -> None:
    links = link_corpus(corpus.notices, issuers)
    law = links.external["安全生产法"]
    assert len(law.citing) >= 3
    assert ("jinzhong-2022-9", "a2-b7-c1") in law.citing
    document = links.external["晋政办发〔2021〕9号"]
    assert document.title.startswith("山西省人民政府办公厅关于印发")


def test_notices_in_the_corpus_link_to_each_other(corpus, issuers) -> None:
    links = link_corpus(corpus.notices, issuers)
    assert links.previous["shanxi-2010-yijian"] == "shanxi-2009-1"
    assert links.next["shanxi-2010-yijian"] == "shanxi-2011-1"
    assert links.provincial["jinzhong-2022-9"] == "shanxi-2022-1"
    assert links.provincial["daixian-2021-1"] == "shanxi-2021-1"
    assert "shanxi-2024-1" not in links.provincial


def test_a_cited_notice_of_the_corpus_becomes_a_clause_link(corpus, issuers) -> None:
    citing = corpus.notices[0]
    clause = citing.all_clauses()[0]
    original = clause.heading
    clause.heading = "贯彻落实晋政发〔2026〕1号三、（十一）要求"
    try:
        links = link_corpus(corpus.notices, issuers)
    finally:
        clause.heading = original
    [(_, target)] = links.citations[(citing.slug, clause.anchor)]
    assert (target.slug, target.anchor) == ("shanxi-2026-1", "a3-b11")


def test_a_citation_stays_within_its_paragraph():
    """`（市安` ending one paragraph and `发〔2021〕1号）` opening the next are not one 文号
    (found by the 2,000-notice corpus: a heading of 引用文件 was cut in two)."""
    found = find_citations("落实《三管三必管十条措施》（市安\n发〔2021〕1号）要求")
    assert found[0].title == "三管三必管十条措施" and found[0].number == ""
    assert all("\n" not in citation.text for citation in found)


def test_one_document_under_several_names(corpus, inputs) -> None:
    links = link_corpus(corpus.notices, inputs.issuers, inputs.documents)
    law = links.external["中华人民共和国安全生产法"]  # content/document_names.yml: the prefix
    assert "安全生产法" not in links.external
    assert ("jinzhong-2022-9", "a2-b7-c1") in law.citing  # cited as 《安全生产法》
    assert law.other_titles == ["安全生产法"]
    assert document_anchor("安全生产法") in law.other_anchors  # old links still land
    amendment = links.external["中华人民共和国刑法修正案（十一）"]
    assert len(amendment.citing) == 3 and "刑法修正案（十一）" not in links.external


def test_a_defined_short_form_and_a_number_name_the_document(corpus, inputs) -> None:
    """`（以下简称《应对法》）` in one notice names the law in another; a title cited once
    with its 文号 is that 文号's document where it stands alone. A short form that is only
    a kind of document (`《条例》`) holds within its own notice."""
    first, second = corpus.notices[0].all_clauses()[0], corpus.notices[1].all_clauses()[0]
    saved = first.heading, second.heading
    first.heading = ("贯彻《中华人民共和国突发事件应对法》（以下简称《应对法》）和"
                     "《关于加强安全生产的意见》（国发〔2030〕1号）")
    second.heading = ("落实《应对法》和《关于加强安全生产的意见》要求，"
                      "《山西省安全生产条例》（以下简称《条例》）")
    try:
        links = link_corpus(corpus.notices, inputs.issuers, inputs.documents)
        defined = short_forms(corpus.notices)
    finally:
        first.heading, second.heading = saved
    law = links.external["中华人民共和国突发事件应对法"]
    assert "应对法" not in links.external and len(law.citing) == 2
    opinion = links.external["国发〔2030〕1号"]
    assert opinion.title == "关于加强安全生产的意见" and len(opinion.citing) == 2
    assert defined[corpus.notices[1].slug, "条例"] == "山西省安全生产条例"
    assert ("", "条例") not in defined and ("", "应对法") in defined


def test_a_citation_lands_on_an_article_or_on_an_attachment_clause(inputs) -> None:
    """`《…规定》第十二条` resolves to the 令's article (t12), `市安发〔2024〕2号 附件 三、（二）`
    to the clause of the plan an 印发 notice carries (f1-a3-b2)."""
    from build_site.ingest.corpus import build_corpus
    from tests.conftest import ROOT

    order = (ROOT / "tests" / "data" / "shapes" / "saws-ling-2013-dump.pdf.txt").read_bytes()
    plan = "\n".join([
        "晋中市安全生产委员会文件", "市安发〔2024〕2号",
        "晋中市安全生产委员会关于印发《晋中市安全生产治本攻坚三年行动实施方案》的通知",
        "各县（区、市）人民政府：", "现将《晋中市安全生产治本攻坚三年行动实施方案》印发给你们。",
        "晋中市安全生产委员会", "2024年3月5日", "附件", "晋中市安全生产治本攻坚三年行动实施方案",
        "一、总体要求", "坚持人民至上。", "二、主要任务", "开展专项行动。", "三、工作步骤",
        "（一）动员部署。", "（二）集中攻坚。要按期完成。",
    ]).encode("utf-8")
    citing = "\n".join([
        "晋中市人民政府文件", "市政发〔2024〕3号", "晋中市人民政府关于做好2024年安全生产工作的通知",
        "各县（区、市）人民政府：",
        "一、严格排土场管理", "落实《非煤矿山排土场安全监督管理办法》第十二条的规定。",
        "二、推进治本攻坚", "按照市安发〔2024〕2号附件三、（二）的要求集中攻坚。",
    ]).encode("utf-8")
    corpus = build_corpus({"order.txt": order, "plan.txt": plan, "citing.txt": citing},
                          inputs.issuers)
    links = link_corpus(corpus.notices, inputs.issuers, inputs.documents)
    slugs = {notice.file: notice.slug for notice in corpus.notices}
    targets = {(ref.slug, ref.anchor) for found in links.citations.values()
               for _, ref in found if not hasattr(ref, "citing")}
    assert (slugs["order.txt"], "t12") in targets
    assert (slugs["plan.txt"], "f1-a3-b2") in targets
