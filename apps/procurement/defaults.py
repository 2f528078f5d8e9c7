"""The general guiding catalogue (指导性目录): six classes, common items and the negative list
(负面清单). Created idempotently by the data migration and again after every ``migrate`` or
``flush`` (post_migrate, see apps.py); items are matched by code and never changed once they
exist, so offices' edits stay."""

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


def ensure_catalogue(apps, using="default"):
    manager = apps.get_model("procurement", "CatalogueItem").objects.db_manager(using)

    def item(code, name, parent=None, reason=""):
        return manager.get_or_create(code=code, defaults={
            "name": name, "parent": parent, "on_negative_list": bool(reason), "negative_reason": reason})[0]

    for code, name, children in CLASSES:
        parent = item(code, name)
        for child_code, child_name in children:
            item(child_code, child_name, parent)
    code, name, reason, children = NEGATIVE
    parent = item(code, name, reason=reason)
    for child_code, child_name in children:
        item(child_code, child_name, parent, reason)


def create_defaults(sender, *, apps=None, using="default", **kwargs):
    """post_migrate receiver (also sent after ``flush``, without ``apps``: the live registry)."""
    if apps is None:
        from django.apps import apps
    from apps.organizations.defaults import has_table

    if has_table(apps, "procurement", "CatalogueItem", using):
        ensure_catalogue(apps, using)
