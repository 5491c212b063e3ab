"""A notice page's front matter tells search how the notice is cited, dated and classified."""

from __future__ import annotations

import json

from build_site.app import Inputs, generate
from build_site.publish.search_fields import FRONT_MATTER_KEY
from tests.conftest import ROOT


def fields(page: str) -> dict:
    generated = generate(Inputs.load(ROOT), save=False)
    line = next(line for line in generated.pages[page].splitlines()
                if line.startswith(f"{FRONT_MATTER_KEY}: "))
    return json.loads(line.removeprefix(f"{FRONT_MATTER_KEY}: "))


def test_a_numbered_notice_is_cited_dated_and_classified() -> None:
    found = fields("notices/shanxi-2026-1.md")
    assert {key: found[key] for key in ("cite", "year", "issuer", "level", "doc_type", "code",
                                        "serial")} == {
        "cite": "晋政发〔2026〕1号", "year": "2026", "issuer": "山西省人民政府", "level": "省级",
        "doc_type": "通知", "code": "晋政发", "serial": "1"}
    assert found["title"] == "山西省人民政府关于做好2026年安全生产工作的通知"
    assert found["sectors"]["a3-b11-c1"] == ["煤矿"]
    assert "a3-b11" not in found["sectors"]  # a heading over several sectors is none of them


def test_a_notice_without_number_is_cited_by_title_and_has_no_code() -> None:
    found = fields("notices/shanxi-2012-yijian.md")
    assert found["cite"] == "《山西省人民政府关于切实抓好2012年安全生产工作的意见》"
    assert (found["year"], found["code"], found["serial"]) == ("2012", "", "")
