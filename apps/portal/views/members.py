from django.views.generic import ListView

from apps.accounts.models import Membership

from .base import PortalViewMixin


class MemberListView(PortalViewMixin, ListView):
    required_role = "admin"
    template_name = "portal/member_list.html"
    context_object_name = "members"

    def get_queryset(self):
        return (
            Membership.objects.filter(organization=self.request.organization)
            .select_related("user")
            .order_by("user__username")
        )
