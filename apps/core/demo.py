"""Shared pieces of the demo-data generator: scales, a seeded random source, name pools."""

import random
from dataclasses import dataclass, field

DEMO_PASSWORD = "Gongzhi-2026"


@dataclass(frozen=True)
class Scale:
    name: str
    districts: int
    streets_per_district: int
    communities_per_street: int
    grids_per_community: int
    organizations: int


SCALES = {
    "small": Scale("small", districts=2, streets_per_district=3, communities_per_street=4,
                   grids_per_community=3, organizations=40),
}


@dataclass
class DemoContext:
    scale: Scale
    rng: random.Random
    stdout: object = None
    made: dict = field(default_factory=dict)  # what earlier seeders made, for later ones

    def say(self, message):
        if self.stdout is not None:
            self.stdout.write(message)


COMMUNITY_STEMS = [
    "翠苑", "文鼎", "嘉绿", "古荡", "桂花", "星洲", "金都", "西溪", "蒋村", "文新", "府苑", "益乐",
    "北山", "灵隐", "转塘", "留下", "紫荆", "振华", "华星", "学院", "求是", "浙大", "黄龙", "松木场",
    "清波", "湖滨", "吴山", "南星", "紫阳", "望江", "采荷", "凯旋", "彭埠", "九堡", "丁桥", "笕桥",
    "四季青", "闸弄口", "景芳", "红梅", "钱江", "近江", "水澄", "复兴", "之江", "双浦", "袁浦", "龙坞",
]
COMMUNITY_SUFFIXES = ["社区", "一区社区", "二区社区", "新村社区", "花园社区", "家园社区"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华慧巧美娥玉兰桂芬建国志红梅霞平刚桂英丹萍鹏辉俊浩宇欣怡佳琪思雨子轩梓涵一诺晨阳"


def person_name(rng):
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given
