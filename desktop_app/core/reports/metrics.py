"""The figures the bureau reports (DESIGN §5 metrics, the seed article's KPIs).

``database_stats`` is what `joint-acceptance stats --json` prints and what the dashboard shows; a plan's
own figures come from ``planning.plan_metrics``, so both show the same numbers for the same database.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from desktop_app.core.model.domain import Project, RequestStatus, Visit
from desktop_app.core.store.repository import Repository
from desktop_app.core.calendar.workdays import calendar_for, request_deadline
from desktop_app.core.planning.plan_metrics import schedule_metrics


def database_stats(repo: Repository, today: dt.date, *, projects: list[Project] | None = None,
                   visits: list[Visit] | None = None) -> dict:
    """Everything `joint-acceptance stats` reports, as plain data.

    ``projects`` and ``visits``, when the caller has just read them (the dashboard), are not read again.
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
        "metrics": schedule_metrics(projects, visits, repo.items(), calendar, settings).as_dict(),
    }
