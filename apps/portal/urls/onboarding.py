"""Sign-up, invitations, the organization's home, members, profile and switching (issue 6 A).

``signup/``, ``join/…`` and ``switch/…`` have no ``<org>``: the tenant middleware leaves them
alone. Organization codes are random hex, so they never collide with these words."""

from django.urls import path

from ..views import home, invitations, members, profile, signup, switch

urlpatterns = [
    path("signup/", signup.SignupView.as_view(), name="signup"),
    path("join/<str:token>/", invitations.InvitationAcceptView.as_view(), name="invitation_accept"),
    path("switch/<str:code>/", switch.SwitchOrganizationView.as_view(), name="switch"),
    path("<str:org>/", home.OrganizationHomeView.as_view(), name="org_home"),
    path("<str:org>/members/", members.MemberListView.as_view(), name="member_list"),
    path("<str:org>/members/invite/", members.MemberInviteView.as_view(), name="member_invite"),
    path("<str:org>/members/<int:pk>/role/", members.MemberRoleView.as_view(), name="member_role"),
    path("<str:org>/members/<int:pk>/remove/", members.MemberRemoveView.as_view(), name="member_remove"),
    path("<str:org>/invitations/<int:pk>/cancel/", members.InvitationCancelView.as_view(),
         name="invitation_cancel"),
    path("<str:org>/profile/", profile.ProfileView.as_view(), name="profile"),
    path("<str:org>/profile/contact/", profile.ContactUpdateView.as_view(), name="profile_contact"),
    path("<str:org>/profile/changes/new/", profile.ChangeRequestCreateView.as_view(), name="change_request_create"),
    path("<str:org>/profile/changes/<int:pk>/", profile.ChangeRequestDetailView.as_view(),
         name="change_request_detail"),
]
