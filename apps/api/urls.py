"""The data-sharing API, version 1 (namespace ``api``): ``/api/v1/…``. A later incompatible
version gets its own prefix beside this one."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import activities, people, procurement, registry, schema

app_name = "api"

router = SimpleRouter(trailing_slash=True)
router.register("areas", registry.AreaViewSet, basename="area")
router.register("organizations", registry.OrganizationViewSet, basename="organization")
router.register("volunteers", people.VolunteerViewSet, basename="volunteer")
router.register("teams", people.TeamViewSet, basename="team")
router.register("activities", activities.ActivityViewSet, basename="activity")
router.register("service-records", activities.ServiceRecordViewSet, basename="service-record")
router.register("contracts", procurement.ContractViewSet, basename="contract")
router.register("disclosure/contracts", procurement.DisclosedContractViewSet, basename="disclosure-contract")
router.register("disclosure/acceptances", procurement.DisclosedAcceptanceViewSet, basename="disclosure-acceptance")
router.register("disclosure/credit-listings", procurement.DisclosedCreditListingViewSet,
                basename="disclosure-credit-listing")

urlpatterns = [
    path("schema/", schema.SchemaView.as_view(), name="schema"),
    path("docs/", schema.DocsView.as_view(), name="docs"),
    *router.urls,
]
