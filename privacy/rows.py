"""The access log queries the privacy pages use, in one place: the extract of one pupil and the
filtered review list, with a paginator that does not count millions of rows (audit.queries)."""

from __future__ import annotations

from audit.queries import LogPaginator, log_rows, pupil_extract_rows, school_pupil_ids

__all__ = ["LogPaginator", "log_rows", "pupil_extract_rows", "school_pupil_ids"]
