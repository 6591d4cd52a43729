"""A small learned classifier of lines: two logistic regressions, the second reading the first's
verdicts on the neighbouring lines (jusText's idea that context settles the uncertain lines).

The weights are data (`ontology/boilerplate_model.json`), written by `train/boilerplate.py`; scoring
is a few matrix products, the same on every machine.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from kg.boilerplate.features import FEATURES

CONTEXT_WINDOWS = ((1, 1), (2, 3), (4, 10))  # neighbours' verdicts, averaged over these distances
STACKED = ("p", *tuple(f"p_{lo}_{hi}" for lo, hi in CONTEXT_WINDOWS), "p_before", "p_after")


@dataclass(frozen=True)
class Stage:
    """One logistic regression over standardised features."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    @classmethod
    def from_data(cls, data: dict, width: int) -> Stage:
        stage = cls(*(np.asarray(data[k], dtype=np.float64) for k in ("mean", "scale", "coef")),
                    float(data["intercept"]))
        if not stage.mean.shape == stage.scale.shape == stage.coef.shape == (width,):
            raise ValueError(f"a stage needs {width} weights")
        return stage

    def to_data(self) -> dict:
        return {"mean": _rounded(self.mean), "scale": _rounded(self.scale), "coef": _rounded(self.coef),
                "intercept": round(self.intercept, 8)}

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))


@dataclass(frozen=True)
class LineModel:
    first: Stage  # over FEATURES
    second: Stage  # over FEATURES and STACKED
    threshold: float

    @classmethod
    def from_data(cls, data: dict) -> LineModel:
        if list(data["features"]) != list(FEATURES + STACKED):
            raise ValueError("its features are not the ones kg computes; retrain it with train/boilerplate.py")
        return cls(Stage.from_data(data["first"], len(FEATURES)),
                   Stage.from_data(data["second"], len(FEATURES) + len(STACKED)), float(data["threshold"]))

    def to_data(self) -> dict:
        return {"features": list(FEATURES + STACKED), "first": self.first.to_data(),
                "second": self.second.to_data(), "threshold": self.threshold}

    def verdicts(self, rows: Sequence[Sequence[float]], weights: Sequence[float]) -> list[bool]:
        """Whether each line is article text: the model's verdict, less the vetoes above."""
        probabilities = self.probabilities(rows, weights)
        link_lists = sum(row[BULLET_OUTSIDE] > 0 for row in rows) >= LINK_LIST_LINES
        vetoed = [bool(row[AFTER_FOOTER]) or (any(row[i] for i in PHRASES) and row[WORDS] <= LABEL_WORDS)
                  or (link_lists and row[BULLET_OUTSIDE] > 0) for row in rows]
        content = [bool(p >= self.threshold) and not veto for p, veto in zip(probabilities, vetoed, strict=True)]
        # an uncertain line between two lines of article text is article text: one entry of a list
        # of names the story gives ("Jane Doe, Yale University") among entries kept
        return [c or (0 < i < len(content) - 1 and content[i - 1] and content[i + 1] and not veto
                      and p >= SANDWICHED)
                for i, (c, p, veto) in enumerate(zip(content, probabilities, vetoed, strict=True))]

    def probabilities(self, rows: Sequence[Sequence[float]], weights: Sequence[float]) -> np.ndarray:
        """The probability that each line is article text; `weights` (the lines' lengths) weigh the
        share of text before and after each line."""
        x = np.asarray(rows, dtype=np.float64).reshape(len(rows), len(FEATURES))
        p = self.first.probabilities(x)
        return self.second.probabilities(np.hstack([x, stacked_features(p, weights)]))


# a line of up to four words opening with a furniture phrase ("Advertisement", "Sign in", "Related"),
# and any line after a footer heading once most of the story is told: furniture whatever the
# neighbours say (on the training pages, 97% and 94.5% of them are). On a longer line a phrase is one
# signal among the others ("Home loan approvals rising again").
# A page with many bulleted lines outside its main text has menus and link lists there: on the
# training pages such lines are 89% furniture by characters; held out, the rule cut the junk names
# kept from 0.244 to 0.143 for a loss of 0.03 of the article's names.
PHRASES = (FEATURES.index("line_phrase"), FEATURES.index("footer_phrase"))
BULLET_OUTSIDE = FEATURES.index("bullet_outside_main_text")
LINK_LIST_LINES = 20
AFTER_FOOTER = FEATURES.index("after_footer_heading")
WORDS = FEATURES.index("words")
LABEL_WORDS = math.log1p(4)  # the words feature of a four-word line
SANDWICHED = 0.3  # held out by site: article characters kept 0.897 -> 0.904, precision 0.891 -> 0.885


def stacked_features(p: np.ndarray, weights: Sequence[float]) -> np.ndarray:
    """For each line, the first stage's verdict on it and on its neighbours, and the share of the
    text it deems article before and after the line."""
    n, pad = len(p), CONTEXT_WINDOWS[-1][1]
    padded = np.concatenate([np.zeros(pad), p, np.zeros(pad)])
    columns = [p]
    for lo, hi in CONTEXT_WINDOWS:
        offsets = [o for d in range(lo, hi + 1) for o in (-d, d)]
        columns.append(np.mean([padded[pad + o:pad + o + n] for o in offsets], axis=0) if n else p)
    mass = p * np.asarray(weights, dtype=np.float64)
    total = max(float(mass.sum()), 1.0)
    before = np.cumsum(mass) - mass
    columns += [before / total, (total - before - mass) / total]
    return np.column_stack(columns) if n else np.zeros((0, len(STACKED)))


def _rounded(values: np.ndarray) -> list[float]:
    return [round(float(v), 8) for v in values]
