"""Responsible departments (Clause.departments, from `（省应急厅、省交通厅等部门分工负责）`).

The notices name one body several ways (省应急厅 and 省应急管理厅; 省消防救援总队 and
省消防局), so the register below merges the names into one entry with one page. Generic
entries (`省有关部门`, `负有安全生产监管职责的部门`) are kept: they are what the text says.
A name not yet registered keeps its printed form and gets a slug derived from its pinyin,
stable for that name; registering it later may change its URL, so register early.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pypinyin import lazy_pinyin

from build_site.model import Notice


@dataclass(frozen=True)
class Department:
    slug: str  # URL of the department page; never change it once published
    name: str  # as most often printed
    aliases: tuple[str, ...] = ()
    registered: bool = True  # False: not in DEPARTMENTS, slug derived from the name


DEPARTMENTS = (
    Department("sheng-yingjiting", "省应急厅", ("省应急管理厅",)),
    Department("sheng-zhujianting", "省住建厅", ("省住房城乡建设厅", "省住房和城乡建设厅")),
    Department("sheng-jiaotongting", "省交通厅", ("省交通运输厅",)),
    Department("sheng-ziranziyuanting", "省自然资源厅"),
    Department("sheng-xiaofang-zongdui", "省消防救援总队", ("省消防总队", "省消防局")),
    Department("sheng-shuiliting", "省水利厅"),
    Department("sheng-lincaoju", "省林草局", ("省林业和草原局",)),
    Department("sheng-shichang-jianguanju", "省市场监管局", ("省市场监督管理局",)),
    Department("sheng-nengyuanju", "省能源局"),
    Department(
        "kuangshan-anjianju-shanxiju", "国家矿山安监局山西局", ("国家矿山安全监察局山西局",)
    ),
    Department("sheng-nongye-nongcunting", "省农业农村厅"),
    Department("sheng-dizhenju", "省地震局"),
    Department("sheng-qixiangju", "省气象局"),
    Department("sheng-shangwuting", "省商务厅"),
    Department("sheng-fazhan-gaigewei", "省发展改革委", ("省发改委", "省发展和改革委员会")),
    Department("sheng-wenlvting", "省文旅厅", ("省文化和旅游厅",)),
    Department("sheng-gonganting", "省公安厅"),
    Department("sheng-gonganting-jiaoguanju", "省公安厅交管局", ("省公安厅交通管理局",)),
    Department("sheng-shenpiju", "省审批服务管理局", ("省行政审批服务管理局",)),
    Department("sheng-guofang-kegongju", "省国防科工局", ("省国防科技工业局",)),
    Department("sheng-gongxinting", "省工信厅", ("省工业和信息化厅",)),
    Department("sheng-caizhengting", "省财政厅"),
    # `省粮食和储备局` comes out of the parser split at 和
    Department(
        "sheng-liangshi-chubeiju", "省粮食和储备局", ("省粮食、储备局", "省粮食和物资储备局")
    ),
    Department("liangchu-shanxiju", "粮储山西局", ("国家粮食和物资储备局山西局",)),
    Department("sheng-jiaoyuting", "省教育厅"),
    Department("sheng-minzhengting", "省民政厅"),
    Department("sheng-weijianwei", "省卫健委", ("省卫生健康委", "省卫生健康委员会")),
    Department("sheng-wenwuju", "省文物局"),
    Department("sheng-zhengwu-xinxiju", "省政务信息局", ("省政务信息管理局",)),
    Department("shanxi-jinrong-jianguanju", "山西金融监管局", ("国家金融监督管理总局山西监管局",)),
    Department("sheng-anweiban", "省安委办", ("省安全生产委员会办公室",)),
    Department("sheng-anweihui", "省安委会", ("省安全生产委员会",)),
    Department("sheng-anweihui-chengyuan", "省安委会成员单位"),
    Department("sheng-anweihui-youguan-chengyuan", "省安委会有关成员单位"),
    Department("sheng-fangjianjiuzai-ban", "省防减救灾办", ("省防灾减灾救灾委员会办公室",)),
    Department("sheng-fangjianjiuzaiwei-youguan-chengyuan", "省防减救灾委有关成员单位"),
    # `省有关部门分工负责`: the parser drops 有关部门 with the verb and leaves `省`
    Department("sheng-youguan-bumen", "省有关部门", ("省",)),
    Department("jianguan-bumen", "负有安全生产监管职责的部门", ("负有安全监管职责的部门",)),
    Department(
        "shengji-jianguan-bumen", "省级负有安全生产监管职责的部门", ("省级负有安全监管职责的部门",)
    ),
    Department("shi-xian-zhengfu", "各市、县人民政府", ("各市、县政府",)),
)


def derived_slug(name: str) -> str:
    """For a name not in the register: its pinyin, the same every build."""
    slug = "".join(lazy_pinyin(name, errors="ignore")).lower()
    return "".join(char for char in slug if char.isascii() and char.isalnum()) or "department"


def department_index(
    notices: Sequence[Notice], departments: Sequence[Department] = DEPARTMENTS
) -> dict[Department, list[tuple[str, str]]]:
    """Department → (notice slug, clause anchor) in document order; most clauses first."""
    by_name = {name: entry for entry in departments for name in (entry.name, *entry.aliases)}
    index: dict[Department, list[tuple[str, str]]] = {}
    for notice in notices:
        for clause in notice.all_clauses():
            for name in clause.departments:
                entry = by_name.get(name) or Department(derived_slug(name), name, registered=False)
                refs = index.setdefault(entry, [])
                if (notice.slug, clause.anchor) not in refs:  # two aliases in one clause
                    refs.append((notice.slug, clause.anchor))
    return dict(sorted(index.items(), key=lambda item: (-len(item[1]), item[0].slug)))
