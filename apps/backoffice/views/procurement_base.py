"""Shared pieces of the purchasing pages: a form view that loads its object through the
user's scope (404 for another area), refuses staff who may only read (403), and hands the
form's data to one service whose ValidationError is shown on the form."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from apps.core.scoping import get_visible_or_404
from apps.procurement.permissions import can_manage_area, can_manage_procurement

from .base import StaffRequiredMixin


def add_service_errors(form, error: ValidationError):
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


class ProcurementManagerMixin(StaffRequiredMixin):
    """Writes: street-level staff and above, in the purchaser's area."""

    def check_manager(self, area=None):
        allowed = can_manage_area(self.request.user, area) if area is not None else \
            can_manage_procurement(self.request.user)
        if not allowed:
            raise PermissionDenied(_("Only staff of the purchasing street office or above may change this."))


class ProcurementFormView(ProcurementManagerMixin, FormView):
    """A form about one object (``parent_model`` by ``pk``) that calls one service."""

    template_name = "backoffice/procurement/form.html"
    parent_model = None
    title = ""
    confirm_note = ""
    saved_message = gettext_lazy("Saved.")

    @cached_property
    def parent(self):
        if self.parent_model is None or "pk" not in self.kwargs:
            return None
        return get_visible_or_404(self.parent_model.objects, self.request.user, pk=self.kwargs["pk"])

    def purchaser_of(self, parent):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_office_staff:
            return super().dispatch(request, *args, **kwargs)  # StaffRequiredMixin answers 403
        self.check_manager(self.purchaser_of(self.parent))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, parent=self.parent, confirm_note=self.confirm_note,
                                        back_url=self.get_success_url(), **kwargs)

    def form_valid(self, form):
        try:
            self.perform(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.saved_message)
        return redirect(self.get_success_url())

    def perform(self, form):
        raise NotImplementedError
