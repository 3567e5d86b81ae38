"""The rounds of a hiring process, which a note's `stage` names.

Apart from `model.py` so that the CLI can offer them (`fj new --stage`) without importing the
model, whose dataclasses take a while to create: `fj --help` stays fast.
"""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    """Which round of the process the interview was."""

    SCREEN = "screen"
    RECRUITER = "recruiter"
    HIRING_MANAGER = "hiring-manager"
    TECHNICAL = "technical"
    TAKE_HOME = "take-home"
    ONSITE = "onsite"
    PANEL = "panel"
    FINAL = "final"
    OTHER = "other"
