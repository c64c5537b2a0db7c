"""The afwegingskader's branches, as a table: every path through A1–A5."""

import pytest

from meldcode.afwegingskader import Result, next_question, result


@pytest.mark.parametrize(
    ("answers", "question", "outcome"),
    [
        ({}, "A1", None),
        ({"A1": False}, None, Result.CLOSE),
        ({"A1": True}, "A2", None),
        ({"A1": True, "A2": True}, None, Result.REPORT),
        ({"A1": True, "A2": False}, "A3", None),
        ({"A1": True, "A2": False, "A3": False}, None, Result.REPORT),
        ({"A1": True, "A2": False, "A3": True}, "A4", None),
        ({"A1": True, "A2": False, "A3": True, "A4": False}, None, Result.REPORT),
        ({"A1": True, "A2": False, "A3": True, "A4": True}, "A5", Result.HELP),
        (
            {"A1": True, "A2": False, "A3": True, "A4": True, "A5": False},
            None,
            Result.REPORT,
        ),
        (
            {"A1": True, "A2": False, "A3": True, "A4": True, "A5": True},
            None,
            Result.CLOSE_MONITORING,
        ),
    ],
)
def test_every_branch(answers, question, outcome):
    assert next_question(answers) == question
    assert result(answers) == outcome


def test_answers_beyond_a_branch_change_nothing():
    # A2 yes leads to a melding: an A3 given anyway does not lead elsewhere
    assert result({"A1": True, "A2": True, "A3": True, "A4": True}) == Result.REPORT
    assert next_question({"A1": False, "A2": True}) is None
