"""The afwegingskader (step 4) as five yes/no decisions, and where each answer leads.

    A1 suspicion?            no  → close and record
    A2 acute/structural?     yes → melden (A3–A5 then together with Veilig Thuis)
    A3 effective help?       no  → melden
    A4 help accepted?        no  → melden;  yes → help with an agreed term and a case manager
    A5 lasting safety?       no  → (again) melden;  yes → close with agreements on monitoring

`next_question` follows these branches from the answers given so far; an answer to any other
question skips a branch, and the workflow refuses it.
"""

from __future__ import annotations

import enum


class Result(enum.StrEnum):
    CLOSE = "close"  # A1 no: no suspicion, close and record
    REPORT = "report"  # melden bij Veilig Thuis
    HELP = "help"  # A4 yes: organise help with a term; A5 follows at its end
    CLOSE_MONITORING = "close_monitoring"  # A5 yes


QUESTIONS = ("A1", "A2", "A3", "A4", "A5")

# (question, answer) → where it leads; absent: on to the next question.
BRANCHES: dict[tuple[str, bool], Result] = {
    ("A1", False): Result.CLOSE,
    ("A2", True): Result.REPORT,
    ("A3", False): Result.REPORT,
    ("A4", False): Result.REPORT,
    ("A4", True): Result.HELP,
    ("A5", False): Result.REPORT,
    ("A5", True): Result.CLOSE_MONITORING,
}


def walk(answers: dict[str, bool]) -> tuple[str | None, Result | None]:
    """(the next question to answer, the result reached so far) for these answers.

    After HELP the next question is A5 (answered at the end of the help term); after any other
    result there is none. Answers beyond where the branches lead are ignored here; `check`
    refuses them.
    """
    result = None
    for question in QUESTIONS:
        if question not in answers:
            return (question if result in (None, Result.HELP) else None), result
        result = BRANCHES.get((question, answers[question]), result)
        if result in (Result.CLOSE, Result.REPORT, Result.CLOSE_MONITORING):
            return None, result
    return None, result


def next_question(answers: dict[str, bool]) -> str | None:
    return walk(answers)[0]


def result(answers: dict[str, bool]) -> Result | None:
    return walk(answers)[1]
