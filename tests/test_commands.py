"""The commands (`python -m build_site check`, `export`) on the real corpus."""

from __future__ import annotations

import json

from build_site.__main__ import main
from tests.conftest import RAW, ROOT


def test_check_command_prints_coverage_and_exits_zero(capsys) -> None:
    assert main(["--root", str(ROOT), "check"]) == 0
    out = capsys.readouterr().out
    assert "22 notices, " in out and " 0 lost" in out
    assert "character agreement 99.9" in out


def test_check_exits_non_zero_on_unreadable_input(tmp_path, capsys) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_bytes((RAW / "004_c8491ad2751d6e65.txt").read_bytes())
    assert main(["--root", str(ROOT), "--raw", str(tmp_path), "check"]) == 1
    assert "ERROR empty.txt: empty file" in capsys.readouterr().out


def test_export_schema(tmp_path) -> None:
    out = tmp_path / "corpus.json"
    assert main(["--root", str(ROOT), "export", "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    notices = {n["doc_number"]: n for n in data["notices"]}
    assert len(data["notices"]) == 21
    notice = notices["晋政发〔2024〕1号"]
    assert notice["id"] == "shanxi-2024-1"
    assert notice["year"] == 2024 and notice["inferred"] == []
    assert [s["file"] for s in notice["sources"]] == [
        "001_5b1f32f4b5edf1e8.txt", "002_952b47eb2ec0cef5.txt",
    ]
    assert notice["duplicates"][0]["agreement"] >= 0.995
    clause = next(c for c in notice["clauses"] if c["path"] == "三、（十三）")
    assert clause["url"] == "notices/shanxi-2024-1.html#a3-b13"
    assert clause["departments"] == ["省公安厅交管局", "省交通厅", "省工信厅", "市、县人民政府"]
    assert set(clause) >= {"id", "path", "heading", "text", "departments", "url"}
    coal = next(c for c in notices["晋政发〔2026〕1号"]["clauses"] if c["path"] == "三、（十一）1.")
    assert {"slug": "coal-mines", "name": "煤矿", "kind": "primary"} in coal["sectors"]
    assert all(t["kind"] in ("primary", "mention") for c in notice["clauses"] for t in c["sectors"])
    emergency = next(d for d in data["departments"] if d["name"] == "省应急厅")
    assert "省应急管理厅" in emergency["aliases"] or emergency["aliases"] == []
    assert "shanxi-2024-1#a3-b12" in emergency["clauses"]
    assert emergency["url"] == "departments/" + emergency["slug"] + ".html"
    unnumbered = next(n for n in data["notices"] if n["id"] == "shanxi-2010-yijian")
    assert unnumbered["doc_number"] is None
    assert set(unnumbered["inferred"]) == {"issuer", "title", "doc_type", "year"}
