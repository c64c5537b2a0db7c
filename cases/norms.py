"""Norms the start pages measure cases against.

Short-term help (kortdurende hulp) is meant to be short: a case still in help after the norm is
flagged to its case manager and counted for the team leader. The norm is one number for now;
when the organisation can set its own, `short_term_help_norm` is the one place to read it.
"""

from __future__ import annotations

import datetime

SHORT_TERM_HELP_NORM_WEEKS = 12


def short_term_help_norm(organisation=None) -> datetime.timedelta:
    """How long short-term help may last before it counts as past the norm."""
    return datetime.timedelta(weeks=SHORT_TERM_HELP_NORM_WEEKS)


def help_started_before(today: datetime.date, organisation=None) -> datetime.date:
    """Cases whose help started before this day are past the norm today."""
    return today - short_term_help_norm(organisation)
