"""CSV/XLSX export of a list page's whole filtered set, streamed in constant memory and audited:
the one export mechanism of the back office's and the portal's list views."""

from django.http import Http404
from django.utils.text import capfirst
from django_tables2 import RequestConfig
from django_tables2.export import ExportMixin

from apps.audit.models import AuditAction
from apps.audit.services import audit_event_record

from .export import csv_response, export_filename, table_rows, xlsx_response
from .masking import mask_document_or_phone


class StreamingExportMixin(ExportMixin):
    """For ``SingleTableMixin`` + ``FilterView`` lists. ``?_export=csv|xlsx`` streams the
    filtered set, in the table's order (its default or the page's ``?sort=``), with the columns of
    the table's ``export_spec`` (``apps.core.export_spec``: masked where the list masks) and writes
    an audit event; ``export_audit_detail()`` adds to the event's detail."""

    export_formats = ("csv", "xlsx")

    def get(self, request, *args, **kwargs):
        export_format = request.GET.get(self.export_trigger_param)
        # A view with its own render_to_response (e.g. the national-system export) exports itself.
        exports = type(self).render_to_response is ExportMixin.render_to_response
        if not (exports and self.export_class.is_valid_format(export_format)):
            return super().get(request, *args, **kwargs)
        # An export needs the filtered set only: FilterView.get would also build the page's table
        # and read (and decrypt) its first page, to be thrown away. Same filtering as FilterView.get.
        self.filterset = self.get_filterset(self.get_filterset_class())
        if not self.filterset.is_bound or self.filterset.is_valid() or not self.get_strict():
            self.object_list = self.filterset.qs
        else:
            self.object_list = self.filterset.queryset.none()
        return self.create_export(export_format)

    def get_export_filename(self, export_format):
        """``志愿服务记录_2026-12-03.xlsx``: the records' name in the user's language and today's local date."""
        return export_filename(capfirst(self.model._meta.verbose_name_plural), export_format)

    def get_export_fallback_filename(self, export_format):
        """The ASCII name for clients that do not read ``filename*``: ``servicerecord_2026-12-03.xlsx``."""
        return export_filename(self.model._meta.model_name, export_format)

    def export_audit_detail(self) -> dict:
        return {}

    def audited_query(self) -> str:
        """The export's query string for the audit entry, with the values of the filter set's
        ``personal_params`` (e.g. a full document number searched for) masked."""
        query = self.request.GET.copy()
        for name in getattr(self.filterset, "personal_params", ()):
            if name in query:
                query.setlist(name, [mask_document_or_phone(value) for value in query.getlist(name)])
        return query.urlencode()

    def create_export(self, export_format):
        if export_format not in self.export_formats:
            raise Http404
        # The table only orders the rows (reads none of them); its export spec gives the cells.
        table = self.get_table_class()(data=self.get_table_data(), **self.get_table_kwargs())
        RequestConfig(self.request, paginate=False).configure(table)
        rows = table_rows(table)
        filename = self.get_export_filename(export_format)
        fallback = self.get_export_fallback_filename(export_format)
        if export_format == "xlsx":
            response = xlsx_response(filename, rows, title=str(self.title or self.model._meta.verbose_name_plural),
                                     fallback=fallback)
        else:
            response = csv_response(filename, rows, fallback=fallback)
        audit_event_record(
            actor=self.request.user, action=AuditAction.EXPORT, model=self.model,
            row_count=self.object_list.count(),
            detail={"format": export_format, "query": self.audited_query(), **self.export_audit_detail()},
            request=self.request,
        )
        return response
