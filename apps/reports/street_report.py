"""The street report (街道报表): the figures a street office reports upward for a month or a
year, as sections of rows that the XLSX and PDF builders (and the preview page) render alike."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from apps.activities.models import ActivityCategory
from apps.organizations.models import LegalForm, OrgStatus, PartyOrgType
from apps.procurement.models import AcceptanceResult

from . import selectors
from .scope import Scope


class PeriodKind:
    MONTH = "month"
    YEAR = "year"


@dataclass
class Section:
    title: str
    headers: list
    rows: list
    note: str = ""


@dataclass
class StreetReport:
    area_name: str
    period: selectors.Period
    period_label: str
    generated_on: datetime.date
    sections: list = field(default_factory=list)

    @property
    def title(self):
        return _("Street report: %(area)s, %(period)s") % {"area": self.area_name, "period": self.period_label}

    def filename(self, extension):
        return f"street-report-{self.period.start:%Y%m}-{self.period.end:%Y%m}.{extension}"


def period_for(kind, year, month=None):
    if kind == PeriodKind.YEAR:
        return selectors.Period.year(year), _("year %(year)s") % {"year": year}
    return selectors.Period.month(year, month), _("%(year)s-%(month)02d") % {"year": year, "month": month}


def build_street_report(scope: Scope, *, kind, year, month=None, today: datetime.date) -> StreetReport:
    period, label = period_for(kind, year, month)
    report = StreetReport(scope.name or _("All areas"), period, label, today)
    report.sections = [
        _organizations(scope, period), _domains(scope), _party(scope), _volunteers(scope, period),
        _activities(scope, period), *_procurement(scope, period),
    ]
    return report


def _organizations(scope, period):
    counts = selectors.organization_counts(scope)
    rows = [(_("Legal form"), label, counts.by_form[value]) for value, label in LegalForm.choices]
    rows += [(_("Status"), label, counts.by_status[value]) for value, label in OrgStatus.choices]
    rows += [(_("Total"), _("Organizations in the registry"), counts.total),
             (_("Total"), _("Active (normal or changing)"), counts.active),
             (_("Total"), _("Established in the period"), selectors.organizations_established(scope, period))]
    return Section(_("Social organizations by legal form and status"), [_("Breakdown"), _("Item"), _("Count")], rows,
                   note=_("Registry as at the day the report was made; closed organizations stay in the registry."))


def _domains(scope):
    rows = selectors.organizations_by_domain(scope)
    return Section(_("Active organizations by service domain"), [_("Service domain"), _("Organizations")], rows,
                   note=_("An organization may serve several domains."))


def _party(scope):
    party = selectors.party_coverage(scope)
    rows = [(label, party.by_type[value]) for value, label in PartyOrgType.choices]
    rows += [(_("Active organizations"), party.organizations),
             (_("With a Party organisation"), party.covered),
             (_("Coverage (%)"), party.percent),
             (_("Party members in organizations"), party.party_members),
             (_("Party-member volunteers"), party.party_member_volunteers)]
    return Section(_("Party-building coverage"), [_("Item"), _("Count")], rows)


def _volunteers(scope, period):
    figures = selectors.volunteer_figures(scope, period)
    rows = [(_("Registered volunteers (at the end of the period)"), figures.registered),
            (_("Newly registered in the period"), figures.registered_in_period),
            (_("Active volunteers (confirmed hours in the period)"), figures.active),
            (_("Confirmed service hours"), figures.hours),
            (_("Confirmed service records"), figures.records)]
    return Section(_("Volunteers and service hours"), [_("Item"), _("Value")], rows)


def _activities(scope, period):
    figures = selectors.activity_figures(scope, period)
    rows = [(label, figures.by_category.get(value, 0)) for value, label in ActivityCategory.choices]
    rows += [(_("Activities held"), figures.held), (_("Beneficiaries served"), figures.beneficiaries)]
    return Section(_("Activities held in the period"), [_("Category"), _("Count")], rows,
                   note=_("Cancelled activities are not counted."))


def _procurement(scope, period):
    figures = selectors.procurement_figures(scope, period)
    spend = figures.spend
    money = Section(_("Government-purchased services"), [_("Item"), _("Value")], [
        (_("Contracts signed in the period"), figures.contracts_signed),
        (_("Amount of contracts signed (yuan)"), figures.contract_amount),
        (_("Paid in the period (yuan)"), figures.paid_in_period),
        (_("Budget of fiscal year %(year)s (yuan)") % {"year": period.end.year}, spend.budget),
        (_("Committed in fiscal year %(year)s (yuan)") % {"year": period.end.year}, spend.committed),
        (_("Paid in fiscal year %(year)s (yuan)") % {"year": period.end.year}, spend.paid),
        *[(_("Acceptances: %(result)s") % {"result": label}, figures.acceptances.get(value, 0))
          for value, label in AcceptanceResult.choices],
    ])
    evaluations = Section(
        _("Performance evaluations in the period"),
        [_("Contract number"), _("Project"), _("Provider"), _("Weighted score"), _("Complete")],
        [(contract.number, contract.project.name, contract.provider.name,
          score.total if score.total is not None else "", _("Yes") if score.complete else _("No"))
         for contract, score in figures.evaluations],
        note=_("Weighted score of purchaser, third-party and beneficiary evaluations (local weights)."),
    )
    return [money, evaluations]
