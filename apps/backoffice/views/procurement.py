"""Purchased services: the guiding catalogue and projects (lists, detail, create, edit,
status transitions)."""

from django.core.exceptions import PermissionDenied
from django.forms.models import construct_instance
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from apps.audit.selectors import object_history
from apps.procurement import selectors, services
from apps.procurement.models import CatalogueItem, Project
from apps.procurement.permissions import can_edit_general_catalogue, can_manage_area, can_manage_procurement

from ..filters.procurement import CatalogueFilter, ProjectFilter
from ..forms.procurement import CatalogueItemForm, ProjectForm, TransitionForm
from ..tables.procurement import CatalogueTable, ProjectTable
from .base import OfficeListView, OfficeObjectMixin
from .procurement_base import ProcurementFormView


# --- Catalogue -----------------------------------------------------------------------------------

class CatalogueListView(OfficeListView):
    model = CatalogueItem
    table_class = CatalogueTable
    filterset_class = CatalogueFilter
    select_related = ("parent", "area")
    paginate_by = 100
    template_name = "backoffice/procurement/catalogue_list.html"
    title = _("Guiding catalogue")

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_manage=can_manage_procurement(self.request.user), **kwargs)


class CatalogueItemFormView(ProcurementFormView):
    """Add (no ``pk``) or change an item. Nothing is deleted: an item is retired with "in use"."""

    parent_model = CatalogueItem
    form_class = CatalogueItemForm

    @property
    def title(self):
        return _("Change catalogue item") if "pk" in self.kwargs else _("New catalogue item")

    def purchaser_of(self, parent):
        return parent.area if parent is not None else None

    def check_manager(self, area=None):
        if self.parent is not None and self.parent.area_id is None and \
                not can_edit_general_catalogue(self.request.user):
            raise PermissionDenied(_("Only city staff may change the general catalogue."))
        super().check_manager(area)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        user = self.request.user
        kwargs["instance"] = self.parent or CatalogueItem(
            area=None if can_edit_general_catalogue(user) else user.area)
        return kwargs

    def perform(self, form):
        item = construct_instance(form, form.instance, fields=form._meta.fields)
        services.catalogue_item_save(actor=self.request.user, item=item)

    def get_success_url(self):
        return reverse("office:procurement_catalogue")


# --- Projects ------------------------------------------------------------------------------------

class ProjectListView(OfficeListView):
    model = Project
    table_class = ProjectTable
    filterset_class = ProjectFilter
    select_related = ("purchaser", "catalogue_item")
    template_name = "backoffice/procurement/project_list.html"
    title = _("Purchased-service projects")

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_manage=can_manage_procurement(self.request.user), **kwargs)


class ProjectDetailView(OfficeObjectMixin, DetailView):
    model = Project
    template_name = "backoffice/procurement/project_detail.html"

    def get_object(self, queryset=None):
        project = super().get_object(queryset)
        return Project.objects.select_related("purchaser", "catalogue_item", "created_by").get(pk=project.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.object
        contracts = list(project.contracts.select_related("provider").order_by("signed_on", "pk"))
        progress = selectors.target_progress(contracts)
        for contract in contracts:
            contract.progress = progress[contract.pk]
        context.update(
            contracts=contracts, spend=selectors.project_spend(project), today=timezone.localdate(),
            can_manage=can_manage_area(self.request.user, project.purchaser),
            activity_link=selectors.activity_link_available(),
            history=object_history(project),
        )
        return context


class ProjectCreateView(ProcurementFormView):
    form_class = ProjectForm
    title = _("New purchased-service project")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_office_staff:
            self.check_manager()
        return super(ProcurementFormView, self).dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        return {"fiscal_year": timezone.localdate().year}

    def perform(self, form):
        self.project = services.project_create(actor=self.request.user, **form.cleaned_data)

    def form_valid(self, form):
        response = super().form_valid(form)
        if response.status_code == 302:
            return redirect("office:procurement_project_detail", pk=self.project.pk)
        return response

    def get_success_url(self):
        return reverse("office:procurement_project_list")


class ProjectUpdateView(ProcurementFormView):
    parent_model = Project
    form_class = ProjectForm
    title = _("Change project")

    def purchaser_of(self, parent):
        return parent.purchaser

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "instance": self.parent}

    def perform(self, form):
        fields = {name: form.cleaned_data[name] for name in form.fields}
        services.project_update(actor=self.request.user, project=Project.objects.get(pk=self.parent.pk), **fields)

    def get_success_url(self):
        return reverse("office:procurement_project_detail", args=[self.kwargs["pk"]])


class ProjectTransitionView(ProcurementFormView):
    parent_model = Project
    form_class = TransitionForm
    title = _("Change project status")
    confirm_note = _("Status changes are recorded in the audit trail. Terminating a project is final.")

    def purchaser_of(self, parent):
        return parent.purchaser

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "project": self.parent}

    def perform(self, form):
        services.project_transition(actor=self.request.user, project=self.parent,
                                    to_status=form.cleaned_data["to_status"], reason=form.cleaned_data["reason"])

    def get_success_url(self):
        return reverse("office:procurement_project_detail", args=[self.kwargs["pk"]])

