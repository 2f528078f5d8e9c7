"""The back-office dashboard: the selectors' figures as panels (a chart and a table of the same
numbers). A fixed number of aggregate queries, whatever the amount of data."""

import datetime
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.core.formats import format_amount
from apps.organizations.models import LegalForm, OrgStatus, PartyOrgType

from . import charts, selectors
from .deadlines import WaitingDeadlines, waiting_deadlines
from .scope import Scope


@dataclass
class Panel:
    key: str
    title: str
    chart: str                      # data URI of the SVG image
    headers: list
    rows: list
    note: str = ""
    figures: dict = field(default_factory=dict)   # headline numbers shown above the chart


@dataclass
class Dashboard:
    scope: Scope
    today: datetime.date
    organizations: selectors.OrganizationCounts
    party: selectors.PartyCoverage
    months: list
    communities: list
    spend: dict
    alerts: selectors.Alerts
    waiting: WaitingDeadlines = field(default_factory=WaitingDeadlines)
    panels: list = field(default_factory=list)


def month_label(month: datetime.date) -> str:
    return date_format(month, "Y-m")


def build_dashboard(scope: Scope, *, today: datetime.date) -> Dashboard:
    volunteers = selectors.volunteer_months(scope, today)
    months = volunteers.months
    window = selectors.Period(months[0].month, today)
    board = Dashboard(
        scope=scope, today=today,
        organizations=selectors.organization_counts(scope),
        party=selectors.party_coverage(scope, party_member_volunteers=volunteers.party_members),
        months=months,
        communities=selectors.activities_per_community(scope, window),
        spend=selectors.spend_by_year(scope, [today.year - 1, today.year]),
        alerts=selectors.alerts(scope, today),
        waiting=waiting_deadlines(scope),
    )
    board.panels = [_forms_panel(board), _status_panel(board), _party_panel(board), _volunteer_panel(board),
                    _community_panel(board), _spend_panel(board)]
    return board


def _forms_panel(board):
    rows = [(label, board.organizations.by_form[value]) for value, label in LegalForm.choices]
    return Panel("forms", _("Organizations by legal form"), charts.pie_chart(rows),
                 [_("Legal form"), _("Organizations")], rows, figures={_("Total"): board.organizations.total})


def _status_panel(board):
    rows = [(label, board.organizations.by_status[value]) for value, label in OrgStatus.choices]
    chart = charts.bar_chart([label for label, _n in rows], [(_("Organizations"), [n for _label, n in rows])],
                             horizontal=True)
    return Panel("status", _("Organizations by status"), chart, [_("Status"), _("Organizations")], rows,
                 figures={_("Active (normal or changing)"): board.organizations.active})


def _party_panel(board):
    party = board.party
    rows = [(label, party.by_type[value]) for value, label in PartyOrgType.choices]
    return Panel(
        "party", _("Party-organisation coverage"), charts.pie_chart(rows), [_("Party organisation"), _("Organizations")],
        rows, note=_("Among active organizations (normal or change in progress)."),
        figures={_("Coverage"): f"{party.percent}%", _("With a Party organisation"): party.covered,
                 _("Party members in organizations"): party.party_members,
                 _("Party-member volunteers"): party.party_member_volunteers},
    )


def _volunteer_panel(board):
    labels = [month_label(m.month) for m in board.months]
    chart = charts.line_chart(labels, [
        (_("Confirmed hours"), [m.hours for m in board.months]),
        (_("Active volunteers"), [m.volunteers for m in board.months]),
        (_("New volunteers"), [m.new_volunteers for m in board.months]),
    ], secondary={_("Active volunteers"), _("New volunteers")})
    rows = [(month_label(m.month), m.volunteers, m.new_volunteers, m.hours) for m in board.months]
    return Panel("volunteers", _("Volunteers and confirmed hours per month"), chart,
                 [_("Month"), _("Active volunteers"), _("New volunteers"), _("Confirmed hours")], rows,
                 note=_("Active volunteers have confirmed hours in activities of the area in that month."))


def _community_panel(board):
    rows = board.communities
    chart = charts.bar_chart([name for name, _n in rows], [(_("Activities"), [n for _name, n in rows])],
                             horizontal=True)
    return Panel("communities", _("Activities per community (last 12 months)"), chart,
                 [_("Community"), _("Activities")], rows, note=_("Cancelled activities are not counted."))


def _spend_panel(board):
    years = sorted(board.spend)
    chart = charts.bar_chart([str(year) for year in years], [
        (_("Budget"), [board.spend[y].budget for y in years]),
        (_("Committed"), [board.spend[y].committed for y in years]),
        (_("Paid"), [board.spend[y].paid for y in years]),
    ])
    rows = [(year, format_amount(board.spend[year].budget), format_amount(board.spend[year].committed),
             format_amount(board.spend[year].paid), f"{board.spend[year].paid_percent}%") for year in years]
    return Panel("spend", _("Purchased-service spend against budget"), chart,
                 [_("Fiscal year"), _("Budget"), _("Committed"), _("Paid"), _("Paid / budget")],
                 rows, note=_("Committed: contract amounts and supplementary agreements."))
