"""Mastery levels per skill, from the parameters in mastery.yaml (which give the rationale)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from pydantic import Field

from ..schemas.common import Strict
from ..yamlfile import load_model

FILE = Path(__file__).with_name("mastery.yaml")


class Level(Strict):
    level: int = Field(ge=1)
    tried: int = Field(ge=1)
    right_variants: int = Field(ge=0)
    recent_right: bool


class Mastery(Strict):
    recent: int = Field(ge=1)
    levels: list[Level] = Field(min_length=1)
    weak_below: int = Field(ge=1)
    recurring: int = Field(ge=1)

    def level(self, table: pd.DataFrame) -> pd.Series:
        """The highest level each row (a skill, or a trainee's skill) reaches; 0 when untried.
        The table needs the columns attempts, right_variants and recent_right."""
        out = pd.Series(0, index=table.index, dtype=int)
        for step in sorted(self.levels, key=lambda lv: lv.level):
            reached = (table["attempts"] >= step.tried) & (table["right_variants"] >= step.right_variants)
            if step.recent_right:
                reached &= table["recent_right"]
            out = pd.Series(np.where(reached, step.level, out), index=table.index)
        return out


@cache
def levels() -> Mastery:
    """The mastery parameters (validated; InputError names the file and field of a problem)."""
    model, _ = load_model(Mastery, FILE, display="toolkit/progress/mastery.yaml")
    return model
