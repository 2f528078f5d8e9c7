"""Seed the guiding catalogue (指导性目录) with its six classes, common items, and the
negative list (负面清单) of what may not be bought. Everything stays editable."""

from django.db import migrations

CLASSES = [
    ("01", "基本公共服务", [
        ("01.01", "养老服务"), ("01.02", "残疾人服务"), ("01.03", "儿童青少年服务"),
        ("01.04", "社区服务"), ("01.05", "公共文化与体育服务"), ("01.06", "社会救助服务"),
    ]),
    ("02", "社会管理性服务", [
        ("02.01", "社区治理与协商服务"), ("02.02", "人民调解与矛盾纠纷化解"), ("02.03", "社会心理服务"),
        ("02.04", "志愿服务运营管理"),
    ]),
    ("03", "行业管理与协调性服务", [("03.01", "行业规划与标准研究"), ("03.02", "行业统计分析")]),
    ("04", "技术性服务", [("04.01", "评估与绩效评价"), ("04.02", "信息化运维服务")]),
    ("05", "政府履职所需辅助性事项", [("05.01", "法律顾问服务"), ("05.02", "课题研究与咨询")]),
    ("06", "其他", []),
]

NEGATIVE = ("90", "负面清单事项（不得购买）", "不属于政府购买服务范围", [
    ("90.01", "不属于政府职责范围的服务事项"),
    ("90.02", "应当由政府直接履职的事项"),
    ("90.03", "货物和工程"),
    ("90.04", "购买主体的人员招、聘用与劳务派遣"),
    ("90.05", "融资行为"),
])


def seed(apps, schema_editor):
    CatalogueItem = apps.get_model("procurement", "CatalogueItem")
    for code, name, children in CLASSES:
        parent = CatalogueItem.objects.create(code=code, name=name)
        for child_code, child_name in children:
            CatalogueItem.objects.create(code=child_code, name=child_name, parent=parent)
    code, name, reason, children = NEGATIVE
    parent = CatalogueItem.objects.create(code=code, name=name, on_negative_list=True, negative_reason=reason)
    for child_code, child_name in children:
        CatalogueItem.objects.create(
            code=child_code, name=child_name, parent=parent, on_negative_list=True, negative_reason=reason,
        )


def unseed(apps, schema_editor):
    items = apps.get_model("procurement", "CatalogueItem").objects.filter(area__isnull=True)
    for item in sorted(items, key=lambda item: -len(item.code)):  # children before parents
        item.delete()


class Migration(migrations.Migration):
    dependencies = [("procurement", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
