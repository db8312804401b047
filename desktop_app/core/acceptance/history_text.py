"""The history in the clerk's words: one line per entry, for `request history` and the GUI timeline."""

from __future__ import annotations

from desktop_app.core.model.domain import ConfirmationSource, HistoryEntry, Opinion, RequestStatus
from desktop_app.core.model.messages import tr


def partstat_label(partstat: str) -> str:
    """A department's iTIP answer in the clerk's words."""
    return {"ACCEPTED": tr("accepted the invitation"), "DECLINED": tr("declined"), "TENTATIVE": tr("tentative"),
            "DELEGATED": tr("delegated"), "NEEDS-ACTION": tr("not answered")}.get(partstat, partstat)


def _when(iso: str | None) -> str:
    return iso[:16].replace("T", " ") if iso else "?"


def describe(entry: HistoryEntry) -> str:
    """What happened, e.g. "Result of D05: rectification needed (2 findings)"."""
    from desktop_app.core.acceptance.confirmations import source_label
    from desktop_app.core.acceptance.results import opinion_label, status_label

    d = entry.detail
    visit = entry.visit
    match entry.event:
        case "scheduled":
            return tr("Visit {visit} scheduled: {start} at {place} ({departments})", visit=visit,
                      start=_when(d.get("start")), place=d.get("place", ""), departments="、".join(d.get("departments", ())))
        case "moved":
            return tr("Visit {visit} moved from {before} to {start}", visit=visit, before=_when(d.get("from")),
                      start=_when(d.get("start")))
        case "cancelled":
            return tr("Visit {visit} cancelled", visit=visit)
        case "published":
            return tr("Visit {visit} published to the departments", visit=visit)
        case "locked":
            return tr("Visit {visit} locked", visit=visit)
        case "unlocked":
            return tr("Visit {visit} unlocked", visit=visit)
        case "result":
            opinion = Opinion(d["opinion"])
            text = tr("Result of {department} at visit {visit}: {opinion}", department=d["department"], visit=visit,
                      opinion=opinion_label(opinion))
            if d.get("findings"):
                text += tr(" ({count} findings: {findings})", count=len(d["findings"]),
                           findings="；".join(f["text"] for f in d["findings"]))
            elif d.get("reason"):
                text += f"（{d['reason']}）"
            return text
        case "results_withdrawn":
            return tr("Results of visit {visit} withdrawn (undo)", visit=visit)
        case "status":
            return tr("Request now {status}", status=status_label(RequestStatus(d["to"])))
        case "rectified":
            return tr("Owner reported the findings fixed on {date}; re-inspection round {round} due by {deadline}",
                      date=d["reported_on"], round=d["round"], deadline=d["deadline"])
        case "rectified_withdrawn":
            return tr("Rectification report withdrawn (undo)")
        case "confirmation":
            text = tr("Answer of {department} to visit {visit}: {answer} ({source})", department=d["department"],
                      visit=visit, answer=partstat_label(d["partstat"]),
                      source=source_label(ConfirmationSource(d["source"])))
            return text + (f"（{d['reason']}）" if d.get("reason") else "")
        case "opinion":
            return tr("Joint acceptance opinion issued: {number}", number=d["number"])
    return entry.event
