"""Progress reports submitted from the provider's portal, with evidence files.

ProgressReport has no file field, so evidence is kept as the provider organization's
``Attachment`` rows titled ``PR<report pk>: <file name>`` (scoped and served like every other
attachment of the organization). See ``report_evidence``."""

from django.db import transaction

from apps.organizations.models import Attachment, AttachmentKind
from apps.organizations.services import attachment_create

from .models import Contract, ProgressReport
from .services import progress_report_submit


def evidence_prefix(report_pk: int) -> str:
    return f"PR{report_pk}: "


@transaction.atomic
def progress_report_submit_with_evidence(*, actor, contract: Contract, files=(), **fields) -> ProgressReport:
    """``progress_report_submit`` (which checks the actor is the provider's editor) plus the
    evidence files, all or nothing."""
    report = progress_report_submit(actor=actor, contract=contract, **fields)
    for file in files:
        attachment_create(organization=contract.provider, kind=AttachmentKind.OTHER,
                          title=f"{evidence_prefix(report.pk)}{file.name}"[:200], file=file, actor=actor)
    return report


def report_evidence(organization, reports) -> dict[int, list[Attachment]]:
    """{report pk: [attachments]} in one query."""
    reports = list(reports)
    found = {report.pk: [] for report in reports}
    if not reports:
        return found
    candidates = Attachment.objects.for_organization(organization).filter(title__startswith="PR")
    for attachment in candidates.order_by("pk"):
        head, sep, _rest = attachment.title.partition(": ")
        if sep and head[2:].isascii() and head[2:].isdigit() and int(head[2:]) in found:
            found[int(head[2:])].append(attachment)
    return found


def evidence_name(attachment) -> str:
    """The file's name as the provider uploaded it (its title without the report's prefix)."""
    return attachment.title.partition(": ")[2] or attachment.filename


def reports_with_evidence(reports):
    """The reports (of one contract) with ``report.evidence`` set to their files, in one query."""
    reports = list(reports)
    if not reports:
        return reports
    found = report_evidence(reports[0].contract.provider, reports)
    for report in reports:
        report.evidence = found[report.pk]
        for attachment in report.evidence:
            attachment.evidence_name = evidence_name(attachment)
    return reports

