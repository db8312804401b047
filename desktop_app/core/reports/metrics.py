"""The figures the bureau reports (DESIGN §5 metrics, the seed article's KPIs).

``database_stats`` is what `joint-acceptance stats --json` prints and what the dashboard shows; a plan's
own figures come from ``planning.plan_metrics``, so both show the same numbers for the same database.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from zoneinfo import ZoneInfo

from desktop_app.core.model.domain import Item, Project, RequestStatus, Visit
from desktop_app.core.store.repository import Repository
from desktop_app.core.calendar.workdays import WorkingCalendar, calendar_for, request_deadline
from desktop_app.core.planning.plan_metrics import schedule_metrics
from desktop_app.core.reports.lifecycle_figures import item_findings, load_history, month_key, results_overdue


def database_stats(repo: Repository, today: dt.date, *, projects: list[Project] | None = None,
                   visits: list[Visit] | None = None, now: dt.datetime | None = None) -> dict:
    """Everything `joint-acceptance stats` reports, as plain data.

    ``projects`` and ``visits``, when the caller has just read them (the dashboard), are not read again.
    ``now`` decides which results are overdue (default: the start of ``today``, so visits of earlier days).
    """
    settings = repo.settings()
    calendar = calendar_for(repo)
    projects = repo.projects() if projects is None else projects
    visits = repo.visits() if visits is None else visits
    statuses = Counter(str(p.status) for p in projects)
    deadlines = [request_deadline(p, calendar, settings.deadline_working_days)
                 for p in projects if p.status in (RequestStatus.PENDING, RequestStatus.SCHEDULED)]
    relevant_days = [today, *deadlines, *(v.start.date() for v in visits)]
    db = repo.db
    sources = [
        {"department": r["department"], "location": r["location"], "events": r["event_count"],
         "fetched_at": r["fetched_at"], "last_error": r["last_error"]}
        for r in db.query("SELECT department, location, event_count, fetched_at, last_error "
                          "FROM availability_sources ORDER BY department, location")
    ]
    items = repo.items()
    return {
        "today": today.isoformat(),
        "requests_by_status": {status.value: statuses.get(status.value, 0) for status in RequestStatus},
        "requests_waiting": statuses.get(RequestStatus.PENDING.value, 0),
        "departments": db["departments"].count,
        "departments_by_level": dict(Counter(d["level"] for d in db.query("SELECT level FROM departments"))),
        "items": db["items"].count,
        "places": db["places"].count,
        "visits": len(visits),
        "visits_this_week": sum(1 for v in visits if v.start.date().isocalendar()[:2] == today.isocalendar()[:2]),
        "holiday_overrides": db["holiday_overrides"].count,
        "calendar": {
            "confirmed_years": sorted(y for y in calendar.confirmed_years if y >= today.year - 1),
            "unconfirmed_years_in_use": calendar.unconfirmed_years(relevant_days),
            "warning": calendar.coverage_warning(relevant_days),
        },
        "availability_sources": sources,
        "metrics": schedule_metrics(projects, visits, items, calendar, settings).as_dict(),
        "lifecycle": lifecycle_stats(repo, today, calendar, projects, items,
                                     now or dt.datetime.combine(today, dt.time(), ZoneInfo(settings.timezone))),
    }


def lifecycle_stats(repo: Repository, today: dt.date, calendar: WorkingCalendar, projects: list[Project],
                    items: list[Item], now: dt.datetime) -> dict:
    """The after-the-visit figures of `stats --json` ("lifecycle"); definitions in ``lifecycle_figures``.

    Over the whole history, except ``this_month`` (the month of ``today``); departments by rectification rate
    and items by findings, the most first.
    """
    history = load_history(repo, calendar, projects)
    everything, this_month = history.span(), history.month(month_key(today))
    names = repo.department_names()
    item_of = {i.code: i for i in items}
    overdue = results_overdue(repo, now)
    departments = sorted(((code, counts) for code, counts in everything.departments.items() if counts.inspections),
                         key=lambda pair: (-pair[1].rectification_rate, -pair[1].inspections, pair[0]))
    return {
        "month": month_key(today),
        "accepted_this_month": this_month.accepted,
        **everything.as_dict(),
        "rectification_by_department": [
            {"department": code, "name": names.get(code, code), "inspections": counts.inspections,
             "rectify": counts.rectify, "failed": counts.failed, "findings": counts.findings,
             "rate": counts.rectification_rate} for code, counts in departments],
        "findings_by_item": [
            {"item": f.item, "name": item_of[f.item].name if f.item in item_of else "",
             "department": item_of[f.item].department if f.item in item_of else None,
             "findings": f.findings, "requests": f.requests} for f in item_findings(repo)],
        "results_overdue": {"count": len(overdue), "visits": overdue},
        "this_month": this_month.as_dict(),
    }
