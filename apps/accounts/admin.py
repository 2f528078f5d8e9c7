from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["organization"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + ((_("Gongzhi"), {"fields": ["full_name", "area"]}),)
    list_display = ["username", "full_name", "area", "is_active", "is_superuser"]
    list_select_related = ["area"]
    raw_id_fields = ["area"]
    inlines = [MembershipInline]
