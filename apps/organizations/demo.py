from .models import Organization

NAME_PATTERNS = [
    "{c}邻里互助会", "{c}老年协会", "{c}睦邻志愿服务队", "{c}文体协会", "{c}调解工作室",
    "杭州市西湖区{c}为老服务中心", "{c}青少年成长服务社", "{c}助残服务社", "{c}社会工作服务中心",
    "{c}书画协会", "{c}平安巡防队", "{c}心理关爱服务站", "{c}法律援助工作站", "{c}慈善救助会",
]


def seed(ctx):
    communities = ctx.made["communities"]
    names = set()
    organizations = []
    while len(organizations) < ctx.scale.organizations:
        community = ctx.rng.choice(communities)
        name = ctx.rng.choice(NAME_PATTERNS).format(c=community.name.removesuffix("社区"))
        if name in names:
            continue
        names.add(name)
        organizations.append(Organization(name=name, area=community))
    Organization.objects.bulk_create(organizations, batch_size=1000)
    ctx.made["organizations"] = list(Organization.objects.order_by("pk"))
    ctx.say(f"organizations: {len(organizations)}")
