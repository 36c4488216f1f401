"""Cross-document date repair: a lunar issue header that fits several 60-year cycles (癸卯 = 1963 or 2023)
is settled by the issue number of the same paper in another document of the batch whose date is known
(a daily paper's issue numbers advance about one a day)."""

from __future__ import annotations

import datetime as dt

from kg.records import Document, Problem


def date_issues_from_siblings(documents: list[Document]) -> list[Problem]:
    anchors = [
        (d.metadata.get("publisher"), int(d.metadata["issue"]), dt.date.fromisoformat(d.metadata["date"]))
        for d in documents
        if d.metadata.get("issue") is not None and d.metadata.get("date")
    ]
    problems: list[Problem] = []
    for document in documents:
        candidates = document.metadata.get("lunar_candidates") or []
        issue = document.metadata.get("issue")
        if document.metadata.get("date") or len(candidates) < 2 or issue is None:
            continue
        publisher = document.metadata.get("publisher")
        fits = set()
        for anchor_publisher, anchor_issue, anchor_date in anchors:
            if publisher and anchor_publisher and publisher != anchor_publisher:
                continue
            gap = int(issue) - anchor_issue
            predicted = anchor_date + dt.timedelta(days=gap)
            tolerance = max(30, abs(gap) // 5)
            fits |= {c for c in candidates if abs((dt.date.fromisoformat(c) - predicted).days) <= tolerance}
        if len(fits) == 1:
            date = fits.pop()
            document.metadata.update(date=date, date_source="lunar_issue")
            document.metadata["date_note"] = "lunar date settled by the issue number of a dated issue of the same paper"
            for article in document.articles:
                article.date, article.date_source = date, "lunar_issue"
        elif len(fits) > 1:
            problems.append(Problem(document.path, "issue number fits several lunar candidates; date left undetermined", "warning"))
    return problems
