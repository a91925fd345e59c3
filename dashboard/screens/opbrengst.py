"""Opbrengst: does the long relationship pay off? Continuity of opbouwwerk beside what happens
in the wijk, over all years of a gemeente's data (docs/DESIGN.md §5.6 and §6.4).

`build` gathers, through the query API, per wijk and calendar year the continuity of the
opbouwwerk (continuïteitsindex, Kaplan–Meier verblijfsduur, onbezette dagen) beside the
outcomes of reach (bereik per 1.000, share of bewonersinitiatieven, nieuwe deelnemers, share
that came back), and for every change of opbouwwerker the outcomes in the 12 months before
against the 12 months after. `association` and `mean_changes` put a number on the link with a
bootstrap band, but only where the data is thick enough (THRESHOLDS); `honesty` says in plain
Dutch what the figures can and cannot show, from the data itself. Everything shown follows the
public rules of §7: counts of persons below 5 read "<5", no share or change gives one back,
and no professional is named or even fetched.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from dashboard.display import formatting as fmt
from dashboard.display.charts import opbrengst as opbrengst_charts
from dashboard.display.charts.wijkprofiel import figures_table
from dashboard.display.story import Chart, Story
from dashboard.display.tables import AT_LEAST
from dashboard.domain.codes import OPBOUWWERKER
from dashboard.domain.period import Period
from dashboard.i18n import N_, Labels, _, ngettext
from dashboard.warehouse import queries
from dashboard.warehouse.queries import Runner

ROL = OPBOUWWERKER


@dataclass(frozen=True)
class Measure:
    """One figure of the screen: its label (a Dutch msgid), unit and how it is shown.

    `label` and `short` answer in the run's language."""

    dutch_label: str
    dutch_short: str
    kind: str  # "persons", "percentage", "rate", "days", "years"
    decimals: int = 0

    @property
    def label(self) -> str:
        return _(self.dutch_label)

    @property
    def short(self) -> str:
        return _(self.dutch_short)


# The outcomes (reach in the wijk, by the place of the activiteit, docs/DESIGN.md §5.1).
OUTCOMES: dict[str, Measure] = {
    "bereik_per_1000": Measure(N_("Bereik per 1.000 inwoners"), N_("Bereik per 1.000"), "rate", 1),
    "bewonersinitiatief_pct": Measure(
        N_("Aandeel bijeenkomsten van bewonersinitiatieven"),
        N_("Bewonersinitiatief"),
        "percentage",
    ),
    "nieuw": Measure(N_("Nieuwe deelnemers"), N_("Nieuwe deelnemers"), "persons"),
    "herhaal_pct": Measure(
        N_("Aandeel deelnemers dat vaker dan één keer kwam"), N_("Vaker dan 1 keer"), "percentage"
    ),
}

# Continuity of the opbouwwerk in the wijk (docs/DESIGN.md §5.2), per calendar year.
CONTINUITY: dict[str, Measure] = {
    "continuiteitsindex": Measure(
        N_("Continuïteitsindex opbouwwerk (aandeel fte dat er 2 jaar of langer is)"),
        N_("Continuïteitsindex"),
        "percentage",
    ),
    "onbezet_dagen": Measure(
        N_("Dagen zonder opbouwwerker in het jaar"), N_("Dagen onbezet"), "days"
    ),
    "mediane_verblijfsduur_dagen": Measure(
        N_("Mediane verblijfsduur opbouwwerkers (Kaplan–Meier, jaren)"),
        N_("Verblijfsduur"),
        "years",
        1,
    ),
}
# What the scatter and the association may put on the x-axis: measures known every year
# (the Kaplan–Meier median is unknown in most wijk-years: nobody left yet).
CONTINUITY_AXES = ("continuiteitsindex", "onbezet_dagen")


@dataclass(frozen=True)
class Thresholds:
    """Below these, no association or average change is shown (docs/DESIGN.md §5.6)."""

    # a bootstrap over fewer than 5 wijken has too few distinct resamples to mean anything,
    # and one wijk would decide the figure
    wijken: int = 5
    # wijk-years with both figures known: fewer cannot carry a rank correlation
    wijkjaren: int = 15
    # changes with figures both 12 months before and after
    wisselingen: int = 5


THRESHOLDS = Thresholds()
# Percentile bootstrap: resamples and a fixed seed, so the same data gives the same band.
BOOTSTRAP_RESAMPLES = 1000
BOOTSTRAP_SEED = 17
LEVEL = 0.95
# A gap of at least this many days counts as a long vacancy in the texts.
LONG_GAP_DAYS = 90
# A successor starts at most this many days after the departure (mart opbouwwerk_wisselingen).
SUCCESSOR_DAYS = 365


@dataclass(frozen=True)
class Opbrengst:
    """Everything the Opbrengst screen shows of one gemeente."""

    gemeente: str
    years: tuple[int, ...]
    # first and last day with bijeenkomsten; None without registrations
    first: date | None
    last: date | None
    # one row per wijk and year: gebiedscode, naam, jaar, the CONTINUITY and OUTCOMES columns,
    # and unieke_deelnemers, bereikte_inwoners, bijeenkomsten (for the small-number rule)
    per_year: pd.DataFrame
    # one row per change: wijkcode, wijknaam, soort, datum, opvolger_start, bezet_gebleven,
    # onbezet_dagen, voor_van, voor_tot, na_van, na_tot, bekend, and <outcome>_voor / _na
    events: pd.DataFrame


# --- windows ----------------------------------------------------------------------------------


def _month_start(day: date, months: int = 0) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def windows(day: date) -> tuple[Period, Period]:
    """The 12 whole months before the month of a change and the 12 after it; the month of the
    change itself is in neither (it is half before, half after)."""
    before = Period(_month_start(day, -12), _month_start(day) - timedelta(days=1))
    after = Period(_month_start(day, 1), _month_start(day, 13) - timedelta(days=1))
    return before, after


def years_of(first: date | None, last: date | None) -> tuple[int, ...]:
    """The calendar years the registrations cover from January to December."""
    if first is None or last is None:
        return ()
    return tuple(
        y
        for y in range(first.year, last.year + 1)
        if first < date(y, 2, 1) and last >= date(y, 12, 1)
    )


# --- building -----------------------------------------------------------------------------------

# the outcomes and the counts the small-number rule and the history need beside them
_REACH_COLUMNS = ("bijeenkomsten", "unieke_deelnemers", "bereikte_inwoners", *OUTCOMES)
_CONTINUITY_COLUMNS = tuple(CONTINUITY)


def _reach_in(run: Runner, periods: list[Period], gemeente: str) -> dict[Period, pd.DataFrame]:
    """Reach per wijk (waar) for every distinct period, in one query (`queries.bereik_in`)."""
    # sorted and without repeats: the same set of periods is the same (cached) query
    distinct = tuple(sorted(set(periods), key=lambda p: (p.start, p.end)))
    if not distinct:
        return {}
    frames = run(queries.bereik_in)(distinct, level="wijk", attributie="waar", gemeente=gemeente)
    return {
        period: frame[["gebiedscode", "naam", *_REACH_COLUMNS]]
        for period, frame in zip(distinct, frames, strict=True)
    }


def _year(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31))


def _per_year(run: Runner, gemeente: str, years: tuple[int, ...]) -> pd.DataFrame:
    columns = ["gebiedscode", "naam", "jaar", *_CONTINUITY_COLUMNS, *_REACH_COLUMNS]
    reach = _reach_in(run, [_year(y) for y in years], gemeente)
    frames = []
    for year in years:
        period = _year(year)
        staff = run(queries.continuiteit)(period, level="wijk", gemeente=gemeente, rol=ROL)
        staff = staff[["gebiedscode", *_CONTINUITY_COLUMNS]]
        frames.append(reach[period].merge(staff, on="gebiedscode", how="left").assign(jaar=year))
    if not frames:
        return pd.DataFrame(columns=columns)
    out = pd.concat(frames, ignore_index=True)[columns]
    return out.sort_values(["gebiedscode", "jaar"], ignore_index=True)


def _spans(
    events: pd.DataFrame, first: date, last: date
) -> tuple[list[tuple[Period, Period]], list[bool]]:
    """Each change's before and after windows, and whether both lie within the data."""
    earliest = _month_start(first)
    spans = [windows(d) for d in events["datum"]]
    return spans, [before.start >= earliest and after.end <= last for before, after in spans]


def _known_windows(events: pd.DataFrame, first: date, last: date) -> list[Period]:
    """The before and after windows of every change with figures on both sides."""
    spans, known = _spans(events, first, last)
    return [w for span, k in zip(spans, known, strict=True) if k for w in span]


def _event_outcomes(
    run: Runner,
    gemeente: str,
    events: pd.DataFrame,
    first: date,
    last: date,
    reach: Mapping[Period, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """The changes with reach before and after; `reach`: the windows' `bereik` rows per wijk
    when the caller already has them (the Wijkprofiel asks them with its own periods)."""
    spans, known = _spans(events, first, last)
    if reach is None:  # every window of every change with figures on both sides, in one query
        reach = _reach_in(
            run, [w for span, k in zip(spans, known, strict=True) if k for w in span], gemeente
        )
    rows = []
    for wijkcode, (before, after), is_known in zip(events["wijkcode"], spans, known, strict=True):
        row: dict[str, object] = {
            "voor_van": before.start,
            "voor_tot": before.end,
            "na_van": after.start,
            "na_tot": after.end,
            "bekend": is_known,
            # the last day with registrations: a departure less than a year before it may
            # still get its successor (event_label)
            "gevolgd_tot": last,
        }
        for name, window in (("voor", before), ("na", after)):
            found = None
            if is_known:
                match = reach[window][reach[window]["gebiedscode"] == wijkcode]
                found = None if match.empty else match.iloc[0]
            for column in _REACH_COLUMNS:
                value = None if found is None else found[column]
                row[f"{column}_{name}"] = None if fmt.is_missing(value) else value
        rows.append(row)
    columns = ["voor_van", "voor_tot", "na_van", "na_tot", "bekend", "gevolgd_tot"] + [
        f"{column}_{side}" for side in ("voor", "na") for column in _REACH_COLUMNS
    ]
    extra = pd.DataFrame(rows, index=events.index, columns=columns)
    return pd.concat([events, extra], axis=1)


def _wijk_events(
    run: Runner,
    gemeente: str,
    first: date,
    last: date,
    wijkcode: str | None = None,
) -> pd.DataFrame:
    """The changes between the first and last day with registrations (of one wijk)."""
    found = run(queries.opbouwwerk_wisselingen)(gemeente, ROL)
    found = found.assign(datum=[pd.Timestamp(d).date() for d in found["datum"]])
    keep = (found["datum"] >= first) & (found["datum"] <= last)
    if wijkcode is not None:
        keep &= found["wijkcode"] == wijkcode
    return found[keep].reset_index(drop=True)[list(_EVENT_COLUMNS)]


def _events(run: Runner, gemeente: str, first: date, last: date) -> pd.DataFrame:
    return _event_outcomes(run, gemeente, _wijk_events(run, gemeente, first, last), first, last)


# what the screen keeps of a change (mart opbouwwerk_wisselingen)
_EVENT_COLUMNS = (
    "wijkcode",
    "wijknaam",
    "soort",
    "datum",
    "opvolger_start",
    "bezet_gebleven",
    "onbezet_dagen",
)
_NO_EVENTS = pd.DataFrame(columns=list(_EVENT_COLUMNS))


def _range(run: Runner, gemeente: str) -> tuple[date | None, date | None]:
    span = run(queries.bijeenkomsten_range)(gemeente)
    first, last = span["eerste"].iloc[0], span["laatste"].iloc[0]
    if fmt.is_missing(first) or fmt.is_missing(last):
        return None, None
    return pd.Timestamp(first).date(), pd.Timestamp(last).date()


def build(run: Runner, gemeente: str) -> Opbrengst:
    """The Opbrengst of one gemeente over all years of its registrations."""
    first, last = _range(run, gemeente)
    years = years_of(first, last)
    per_year = _per_year(run, gemeente, years)
    if first is None or last is None:
        events = _event_outcomes(run, gemeente, _NO_EVENTS, date.min, date.min)
    else:
        events = _events(run, gemeente, first, last)
    return Opbrengst(gemeente, years, first, last, per_year, events)


# --- statistics ---------------------------------------------------------------------------------


def _ranks(values: np.ndarray) -> np.ndarray:
    """Ranks 1..n, ties sharing their average rank (as Spearman's rho needs)."""
    unique, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
    ends = np.cumsum(counts)
    average = ends - (counts - 1) / 2
    del unique
    return average[inverse]


def spearman(x: np.ndarray, y: np.ndarray) -> float | None:
    """Spearman's rank correlation: Pearson's correlation of the ranks (None when a side is flat)."""
    rx, ry = _ranks(np.asarray(x, dtype=float)), _ranks(np.asarray(y, dtype=float))
    if len(rx) < 2 or rx.std() == 0 or ry.std() == 0:
        return None
    return float(np.corrcoef(rx, ry)[0, 1])


def _band(estimates: list[float]) -> tuple[float | None, float | None]:
    if not estimates:
        return None, None
    tail = (1 - LEVEL) / 2 * 100
    low, high = np.percentile(estimates, [tail, 100 - tail])
    return float(low), float(high)


def _row_ranks(values: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """Per row, the average rank (1..n) of each valid entry among that row's valid entries:
    the entries below it, plus the middle of its run of ties (as `_ranks` per row)."""
    others = valid[:, None, :]
    below = ((values[:, None, :] < values[:, :, None]) & others).sum(axis=2)
    ties = ((values[:, None, :] == values[:, :, None]) & others).sum(axis=2)
    return below + (ties + 1) / 2


def _bootstrap_rho(
    x: np.ndarray, y: np.ndarray, groups: list[np.ndarray], resamples: int
) -> list[float]:
    """Spearman's rho of `resamples` draws of as many groups (wijken) as there are, with
    replacement, each with all its rows; draws where a side is flat give none (as `spearman`).

    The same draws and figures as calling `spearman` per resample, computed for many resamples
    at once: each resample is a row of the groups' row numbers, padded with -1 to one length."""
    n_groups = len(groups)
    longest = max(len(g) for g in groups)
    padded = np.full((n_groups, longest), -1)
    for i, group in enumerate(groups):
        padded[i, : len(group)] = group
    width = n_groups * longest
    # rows per batch: the comparisons of a batch (rows x width x width) stay near 4 million
    batch = max(1, 4_000_000 // (width * width))
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    estimates: list[float] = []
    for done in range(0, resamples, batch):
        drawn = rng.integers(0, n_groups, (min(batch, resamples - done), n_groups))
        picked = padded[drawn].reshape(len(drawn), width)
        valid = picked >= 0
        rx = np.where(valid, _row_ranks(x[picked], valid), 0.0)
        ry = np.where(valid, _row_ranks(y[picked], valid), 0.0)
        n = valid.sum(axis=1, keepdims=True)
        dx = np.where(valid, rx - rx.sum(axis=1, keepdims=True) / n, 0.0)
        dy = np.where(valid, ry - ry.sum(axis=1, keepdims=True) / n, 0.0)
        vx, vy = (dx * dx).sum(axis=1), (dy * dy).sum(axis=1)
        spread = (vx > 0) & (vy > 0)
        estimates.extend(((dx * dy).sum(axis=1)[spread] / np.sqrt(vx * vy)[spread]).tolist())
    return estimates


@dataclass(frozen=True)
class Association:
    """The rank correlation of one continuity measure with one outcome over wijk-years."""

    continuity: str
    outcome: str
    wijken: int
    wijkjaren: int
    rho: float | None
    low: float | None
    high: float | None
    # why no figure is shown (None: shown)
    reason: str | None


def association(
    per_year: pd.DataFrame,
    continuity: str,
    outcome: str,
    thresholds: Thresholds = THRESHOLDS,
    resamples: int = BOOTSTRAP_RESAMPLES,
) -> Association:
    """Spearman's rho over wijk-years, with a percentile bootstrap over wijken: each resample
    draws as many wijken as there are, with replacement, and takes all years of each, so the
    band counts a wijk's years as the one wijk they are (years of one wijk are not independent)."""
    pairs = per_year[["gebiedscode", continuity, outcome]].dropna()
    wijken = sorted(pairs["gebiedscode"].unique())
    n_wijken, n_pairs = len(wijken), len(pairs)
    empty = Association(continuity, outcome, n_wijken, n_pairs, None, None, None, None)
    if n_wijken < thresholds.wijken or n_pairs < thresholds.wijkjaren:
        return _replace_reason(
            empty,
            _(
                "te weinig gegevens: {wijken} wijken en {pairs} wijk-jaren, minstens"
                " {min_wijken} wijken en {min_pairs} wijk-jaren nodig"
            ).format(
                wijken=n_wijken,
                pairs=n_pairs,
                min_wijken=thresholds.wijken,
                min_pairs=thresholds.wijkjaren,
            ),
        )
    x = pairs[continuity].astype(float).to_numpy()
    y = pairs[outcome].astype(float).to_numpy()
    rho = spearman(x, y)
    if rho is None:
        return _replace_reason(empty, _("geen spreiding: alle wijk-jaren hebben dezelfde waarde"))
    groups = [np.flatnonzero(pairs["gebiedscode"].to_numpy() == w) for w in wijken]
    low, high = _band(_bootstrap_rho(x, y, groups, resamples))
    return Association(continuity, outcome, n_wijken, n_pairs, rho, low, high, None)


def _replace_reason(a: Association, reason: str) -> Association:
    return Association(a.continuity, a.outcome, a.wijken, a.wijkjaren, None, None, None, reason)


@dataclass(frozen=True)
class Change:
    """The average change of one outcome over the changes of opbouwwerker (after − before)."""

    outcome: str
    wisselingen: int
    mean: float | None
    low: float | None
    high: float | None
    reason: str | None


def differences(events: pd.DataFrame, outcome: str) -> pd.Series:
    """After − before per change with both windows known (NaN where either is unknown)."""
    if events.empty:
        return pd.Series(dtype=float)
    before = pd.to_numeric(events[f"{outcome}_voor"], errors="coerce")
    after = pd.to_numeric(events[f"{outcome}_na"], errors="coerce")
    return (after - before).astype(float)


def mean_change(
    events: pd.DataFrame,
    outcome: str,
    thresholds: Thresholds = THRESHOLDS,
    resamples: int = BOOTSTRAP_RESAMPLES,
) -> Change:
    """The mean of after − before over changes, with a percentile bootstrap over changes."""
    diffs = differences(events, outcome).dropna().to_numpy()
    n = len(diffs)
    if n < thresholds.wisselingen:
        return Change(
            outcome,
            n,
            None,
            None,
            None,
            _("te weinig wisselingen met cijfers ervoor en erna: {n}, minstens {min} nodig").format(
                n=n, min=thresholds.wisselingen
            ),
        )
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    means = diffs[rng.integers(0, n, (resamples, n))].mean(axis=1)
    low, high = _band(means.tolist())
    return Change(outcome, n, float(diffs.mean()), low, high, None)


def associations(
    o: Opbrengst,
    axes: tuple[str, ...] = CONTINUITY_AXES,
    thresholds: Thresholds = THRESHOLDS,
) -> list[Association]:
    """Each continuity axis of `axes` against every outcome."""
    unknown = [a for a in axes if a not in CONTINUITY_AXES]
    if unknown:
        raise ValueError(f"Onbekende maat voor continuïteit: {', '.join(unknown)}.")
    if o.per_year.empty:
        return []
    return [association(o.per_year, c, out, thresholds) for c in axes for out in OUTCOMES]


def mean_changes(o: Opbrengst, thresholds: Thresholds = THRESHOLDS) -> list[Change]:
    """The average change of every outcome over the changes of opbouwwerker."""
    return [mean_change(o.events, out, thresholds) for out in OUTCOMES]


# --- public values --------------------------------------------------------------------------


def public_value(outcome: str, row: pd.Series | dict, suffix: str = "") -> float | None:
    """An outcome as a public view may show it (docs/DESIGN.md §7); None where it is unknown or
    would give a count of 1 to 4 persons back. `suffix` picks a window: '_voor' or '_na'."""
    value = row.get(f"{outcome}{suffix}")
    if value is None or fmt.is_missing(value):
        return None
    if outcome == "nieuw":
        return None if fmt.is_small(value) else float(value)
    if outcome == "bereik_per_1000":
        return None if fmt.is_small(row.get(f"bereikte_inwoners{suffix}")) else float(value)
    if outcome == "herhaal_pct":
        hidden = fmt.share_hidden(value, row.get(f"unieke_deelnemers{suffix}"))
        return None if hidden else float(value)
    return float(value)


def value_text(outcome: str, row: pd.Series | dict, suffix: str = "") -> str:
    """An outcome in Dutch notation under the small-number rule."""
    value = row.get(f"{outcome}{suffix}")
    measure = OUTCOMES[outcome]
    if value is None or fmt.is_missing(value):
        return fmt.MISSING
    if outcome == "nieuw":
        return fmt.persons(value)
    if outcome == "bereik_per_1000":
        return fmt.rate(value, row.get(f"bereikte_inwoners{suffix}"), measure.decimals)
    if outcome == "herhaal_pct":
        return fmt.share(value, row.get(f"unieke_deelnemers{suffix}"))
    return fmt.percentage(value)


def public_change(outcome: str, row: pd.Series | dict) -> float | None:
    """After − before of one change where both may be shown."""
    before, after = public_value(outcome, row, "_voor"), public_value(outcome, row, "_na")
    if before is None or after is None:
        return None
    return after - before


# --- texts ----------------------------------------------------------------------------------


def _months(n: int) -> str:
    return ngettext("{n} maand", "{n} maanden", n).format(n=fmt.number(n))


def _month(day: date) -> str:
    return fmt.month_year(day)


def event_label(row: pd.Series | dict) -> str:
    """What happened, in a few words: 'vertrek, 8 maanden onbezet'."""
    if row["soort"] == "start":
        return _("nieuwe opbouwwerker (geen voorganger)")
    if row.get("bezet_gebleven"):
        return _("vertrek, een collega bleef")
    gap = row.get("onbezet_dagen")
    if gap is None or fmt.is_missing(gap):
        watched = _still_open(row)
        if watched is not None:
            # the year in which a successor counts is not over: say what is known so far
            return _("vertrek, nog geen opvolger (al {days})").format(days=fmt.days(watched))
        return _("vertrek, geen opvolger binnen een jaar")
    if int(gap) < LONG_GAP_DAYS:
        return _("vertrek, opvolger na {days}").format(days=fmt.days(int(gap)))
    return _("vertrek, {months} onbezet").format(months=_months(round(int(gap) / 30.44)))


def _gap_days(row: pd.Series | dict) -> str:
    """The days a post stayed empty after a departure, for the table: a post still empty
    counts its days so far as a lower bound, one without a successor within a year at least
    that year (empty cells sank to the bottom of a sort, below the shortest gaps)."""
    gap = row.get("onbezet_dagen")
    if not fmt.is_missing(gap):
        return fmt.number(gap)
    if row["soort"] == "start" or row.get("bezet_gebleven"):
        return ""
    watched = _still_open(row)
    if watched is not None:
        so_far = _(AT_LEAST).format(n=fmt.number(max(watched, 0)))
        return _("{days} (nog open)").format(days=so_far)
    return _(AT_LEAST).format(n=fmt.number(SUCCESSOR_DAYS))


def _still_open(row: pd.Series | dict) -> int | None:
    """The days since a departure without a successor, while the year in which one counts
    runs (None when that year is over or unknown)."""
    watched = _days_watched(row)
    return watched if watched is not None and watched < SUCCESSOR_DAYS else None


def _days_watched(row: pd.Series | dict) -> int | None:
    """The days from a departure to the last day with registrations (None when unknown)."""
    until, day = row.get("gevolgd_tot"), row.get("datum")
    if until is None or day is None or fmt.is_missing(until) or fmt.is_missing(day):
        return None
    return (pd.Timestamp(until) - pd.Timestamp(day)).days


def known_events(o: Opbrengst) -> pd.DataFrame:
    """The changes with figures both 12 months before and after."""
    if o.events.empty:
        return o.events
    return o.events[o.events["bekend"].astype(bool)]


def honesty(o: Opbrengst, thresholds: Thresholds = THRESHOLDS) -> list[str]:
    """What the figures can and cannot show, in plain Dutch, from the data (paragraph lines)."""
    if not o.years and o.events.empty:
        return [
            _(
                "Deze gemeente heeft nog geen volledig jaar aan registraties van activiteiten: er"
                " valt nog niets te vergelijken."
            )
        ]
    wijken = int(o.per_year["gebiedscode"].nunique()) if not o.per_year.empty else 0
    n_events = len(o.events)
    known = len(known_events(o))
    span = (
        f"{o.years[0]}–{o.years[-1]}" if len(o.years) > 1 else (str(o.years[0]) if o.years else "")
    )
    said = [
        ngettext("Dit rust op {n} wijk", "Dit rust op {n} wijken", wijken).format(
            n=fmt.number(wijken)
        )
        + (_(" in {span}").format(span=span) if span else "")
        + ngettext(
            " en {n} wisseling van opbouwwerker", " en {n} wisselingen van opbouwwerker", n_events
        ).format(n=fmt.number(n_events))
        + (
            _(", waarvan {n} met cijfers van 12 maanden ervoor én erna.").format(
                n=fmt.number(known)
            )
            if known != n_events
            else "."
        ),
        _(
            "Dat is weinig: de banden om elk cijfer laten zien hoe onzeker het is. Wijken"
            " verschillen ook op andere punten (wie er woont, andere organisaties, budget, corona),"
            " en die kunnen een verschil net zo goed verklaren. Een samenhang is geen bewijs dat"
            " opbouwwerk het verschil maakt; het is een aanwijzing om over te praten."
        ),
        _(
            "Een verband wordt alleen berekend met minstens {wijken} wijken en {pairs} wijk-jaren,"
            " een gemiddelde verandering alleen over minstens {changes} wisselingen met cijfers"
            " ervoor en erna: met minder bepaalt één wijk of één wisseling de uitkomst."
        ).format(
            wijken=thresholds.wijken, pairs=thresholds.wijkjaren, changes=thresholds.wisselingen
        ),
    ]
    thin = []
    if wijken < thresholds.wijken or len(o.per_year.dropna(subset=["continuiteitsindex"])) < (
        thresholds.wijkjaren
    ):
        thin.append(_("geen verband"))
    if known < thresholds.wisselingen:
        thin.append(_("geen gemiddelde verandering"))
    if thin:
        said.append(
            _("Hier zijn er te weinig, dus staat er {what}.").format(what=fmt.join_words(thin))
        )
    return said


@dataclass(frozen=True)
class History:
    """One wijk's own story around a change of opbouwwerker, for the Wijkprofiel."""

    sentence: str
    outcome: str
    label: str
    before: float
    after: float
    before_period: Period
    after_period: Period


# A wijk's history gets a sentence only when the change is clear: at least this relative
# change, between values that may be shown, over windows with enough bijeenkomsten.
HISTORY_MIN_RELATIVE = 0.25
HISTORY_MIN_BIJEENKOMSTEN = 10
_HISTORY_ORDER = ("bewonersinitiatief_pct", "bereik_per_1000", "herhaal_pct", "nieuw")
_HISTORY_WORDS = Labels(
    {
        "bewonersinitiatief_pct": N_("het aandeel bijeenkomsten van bewonersinitiatieven"),
        "bereik_per_1000": N_("het bereik"),
        "herhaal_pct": N_("het aandeel deelnemers dat terugkwam"),
        "nieuw": N_("het aantal nieuwe deelnemers"),
    }
)


def _verb(before: float, after: float) -> str:
    if before > 0 and after >= 2 * before:
        return _("verdubbelde")
    if after > 0 and after <= before / 2:
        return _("halveerde")
    return _("steeg") if after > before else _("daalde")


def shown(outcome: str, value: float) -> str:
    """A public value of an outcome as the history tells it: '40%', '27,4', '164'."""
    measure = OUTCOMES[outcome]
    if measure.kind == "percentage":
        return fmt.percentage(value)
    if measure.kind == "rate":
        return fmt.number(value, measure.decimals)
    return fmt.persons(value)


def _numbers(outcome: str, before: float, after: float) -> str:
    """'van 40% naar 22%', 'van 27,4 naar 34,4 per 1.000 inwoners', 'van 164 naar 118'."""
    unit = _(" per 1.000 inwoners") if OUTCOMES[outcome].kind == "rate" else ""
    return (
        _("van {before} naar {after}").format(
            before=shown(outcome, before), after=shown(outcome, after)
        )
        + unit
    )


def _history_sentence(row: pd.Series, outcome: str, before: float, after: float) -> str:
    when = _month(row["datum"])
    # after a subordinate clause Dutch puts the verb first: "..., steeg het bereik van ..."
    said = _("{verb} {what} {numbers} (12 maanden ervoor tegen 12 maanden erna).").format(
        verb=_verb(before, after),
        what=_HISTORY_WORDS[outcome],
        numbers=_numbers(outcome, before, after),
    )
    if row["soort"] == "start":
        return _("Sinds de opbouwwerker hier in {when} begon, {said}").format(when=when, said=said)
    gap = row.get("onbezet_dagen")
    if row.get("bezet_gebleven") or gap is None or fmt.is_missing(gap):
        return _("Na het vertrek van een opbouwwerker in {when} {said}").format(
            when=when, said=said
        )
    if int(gap) >= LONG_GAP_DAYS:
        return _(
            "Toen de opbouwwerker hier in {when} vertrok en de plek {months} leeg bleef, {said}"
        ).format(when=when, months=_months(round(int(gap) / 30.44)), said=said)
    return _("Na de wisseling van opbouwwerker in {when} {said}").format(when=when, said=said)


def history(events: pd.DataFrame) -> History | None:
    """The latest change in one wijk's events whose before and after differ clearly, told in one
    sentence; None when no change is clear (no sentence about what the data does not support)."""
    if events.empty:
        return None
    for _i, row in (
        events[events["bekend"].astype(bool)].sort_values("datum", ascending=False).iterrows()
    ):
        enough = all(
            (row.get(f"bijeenkomsten_{side}") or 0) >= HISTORY_MIN_BIJEENKOMSTEN
            for side in ("voor", "na")
        )
        if not enough:
            continue
        for outcome in _HISTORY_ORDER:
            before = public_value(outcome, row, "_voor")
            after = public_value(outcome, row, "_na")
            if before is None or after is None or before <= 0:
                continue
            if abs(after - before) / before >= HISTORY_MIN_RELATIVE:
                before_period, after_period = windows(row["datum"])
                return History(
                    _history_sentence(row, outcome, before, after),
                    outcome,
                    OUTCOMES[outcome].label,
                    before,
                    after,
                    before_period,
                    after_period,
                )
    return None


def history_windows(run: Runner, gemeente: str, wijkcode: str) -> list[Period]:
    """The periods whose reach per wijk `wijk_history` needs: the Wijkprofiel asks them in
    the same query as its own periods."""
    first, last = _range(run, gemeente)
    if first is None or last is None:
        return []
    return _known_windows(_wijk_events(run, gemeente, first, last, wijkcode), first, last)


def wijk_history(
    run: Runner,
    gemeente: str,
    wijkcode: str,
    reach: Mapping[Period, pd.DataFrame] | None = None,
) -> History | None:
    """The History of one wijk, from that wijk's changes only (for the Wijkprofiel).

    `reach`: the `bereik` rows (level wijk, waar) of at least `history_windows`, if fetched.
    """
    first, last = _range(run, gemeente)
    if first is None or last is None:
        return None
    events = _wijk_events(run, gemeente, first, last, wijkcode)
    return history(_event_outcomes(run, gemeente, events, first, last, reach))


# --- shaping for display and export ---------------------------------------------------------


def _continuity_value(column: str, value: object) -> float | None:
    if value is None or fmt.is_missing(value):
        return None
    if column == "mediane_verblijfsduur_dagen":
        return float(value) / 365.25  # type: ignore[arg-type]
    return float(value)  # type: ignore[arg-type]


def points(o: Opbrengst, x: str, y: str) -> pd.DataFrame:
    """naam, jaar, x, y per wijk-year for the connected scatter; y None where it may not be shown."""
    if x not in CONTINUITY_AXES or y not in OUTCOMES:
        raise ValueError(f"Onbekende maat: {x} of {y}.")
    rows = o.per_year
    return pd.DataFrame(
        {
            "naam": rows["naam"].astype(str),
            "jaar": rows["jaar"].astype(int),
            "x": [_continuity_value(x, v) for v in rows[x]],
            "y": [public_value(y, r) for r in rows.to_dict("records")],
        },
        columns=["naam", "jaar", "x", "y"],
    )


def _when(row: dict) -> str:
    return fmt.month_year(row["datum"], short=True)


def event_frame(o: Opbrengst, outcome: str) -> pd.DataFrame:
    """wat, voor, na, lang per change with figures on both sides, for the before/after chart."""
    if outcome not in OUTCOMES:
        raise ValueError(f"Onbekende maat: {outcome}.")
    rows = known_events(o).to_dict("records")
    return pd.DataFrame(
        {
            "wat": [f"{r['wijknaam']} · {_when(r)}" for r in rows],
            "voor": [public_value(outcome, r, "_voor") for r in rows],
            "na": [public_value(outcome, r, "_na") for r in rows],
            "lang": [
                not r["bezet_gebleven"]
                and (fmt.is_missing(r["onbezet_dagen"]) or r["onbezet_dagen"] >= LONG_GAP_DAYS)
                for r in rows
            ],
        },
        columns=["wat", "voor", "na", "lang"],
    )


def _period_text(start: object, end: object) -> str:
    if start is None or fmt.is_missing(start):
        return ""
    return _("{start} t/m {end}").format(start=fmt.dutch_date(start), end=fmt.dutch_date(end))  # type: ignore[arg-type]


# The header of the column that says why a figure is missing (one text, four tables).
REASON = N_("Waarom geen cijfer")

# The headers of the screen's tables (Dutch msgids), translated where shown (`_header`).
HEADERS = (
    N_("Wijk"),
    N_("Wanneer"),
    N_("Wat"),
    N_("Dagen onbezet"),
    N_("Ervoor"),
    N_("Erna"),
    N_("Opmerking"),
    N_("Uitkomst"),
    N_("Samenhang (rho)"),
    N_("95%-band"),
    N_("Wijken"),
    N_("Wijk-jaren"),
    REASON,
    N_("Gemiddelde verandering (erna − ervoor)"),
    N_("Wisselingen"),
    N_("Jaar"),
)


def _header(column: str) -> str:
    return _(column)


def events_table(o: Opbrengst, outcome: str) -> pd.DataFrame:
    """Every change for display: wijk, month, what happened, days unfilled, one outcome before
    and after (under the small-number rule), and why a change has no figures."""
    rows = o.events.to_dict("records")
    return pd.DataFrame(
        {
            "Wijk": [r["wijknaam"] for r in rows],
            "Wanneer": [_when(r) for r in rows],
            "Wat": [event_label(r) for r in rows],
            "Dagen onbezet": [_gap_days(r) for r in rows],
            "Ervoor": [value_text(outcome, r, "_voor") if r["bekend"] else "" for r in rows],
            "Erna": [value_text(outcome, r, "_na") if r["bekend"] else "" for r in rows],
            "Opmerking": [
                ""
                if r["bekend"]
                else _("de 12 maanden ervoor of erna vallen buiten de registraties")
                for r in rows
            ],
        },
        columns=["Wijk", "Wanneer", "Wat", "Dagen onbezet", "Ervoor", "Erna", "Opmerking"],
    ).rename(columns=_header)


def association_frame(found: list[Association], short: bool = False) -> pd.DataFrame:
    """uitkomst, rho, laag, hoog, wijken, wijkjaren, reden: real numbers, None where not shown.
    `short`: the outcomes' short labels (for a chart's axis)."""
    return pd.DataFrame(
        {
            "uitkomst": [
                OUTCOMES[a.outcome].short if short else OUTCOMES[a.outcome].label for a in found
            ],
            "continuiteit": [CONTINUITY[a.continuity].label for a in found],
            "rho": [None if a.rho is None else round(a.rho, 3) for a in found],
            "laag": [None if a.low is None else round(a.low, 3) for a in found],
            "hoog": [None if a.high is None else round(a.high, 3) for a in found],
            "wijken": [a.wijken for a in found],
            "wijkjaren": [a.wijkjaren for a in found],
            "reden": [a.reason or "" for a in found],
        },
        columns=["uitkomst", "continuiteit", "rho", "laag", "hoog", "wijken", "wijkjaren", "reden"],
    )


def association_table(found: list[Association]) -> pd.DataFrame:
    """The associations for display, in Dutch notation (the outcomes' short labels, as on the
    chart above, so the table fits at 1024 pixels)."""
    return (
        pd.DataFrame(
            {
                "Uitkomst": [OUTCOMES[a.outcome].short for a in found],
                "Samenhang (rho)": [
                    fmt.number(a.rho, 2) if a.rho is not None else "" for a in found
                ],
                "95%-band": [
                    _("{low} tot {high}").format(
                        low=fmt.number(a.low, 2), high=fmt.number(a.high, 2)
                    )
                    if a.rho is not None
                    else ""
                    for a in found
                ],
                "Wijken": [fmt.number(a.wijken) for a in found],
                "Wijk-jaren": [fmt.number(a.wijkjaren) for a in found],
                REASON: [a.reason or "" for a in found],
            }
        )
        .pipe(_without_empty_reasons)
        .rename(columns=_header)
    )


def association_sheet(found: list[Association]) -> pd.DataFrame:
    """The associations for the XLSX: Dutch headers, rho and its band as numbers (empty where
    no figure is shown)."""
    return pd.DataFrame(
        {
            _("Continuïteit"): [CONTINUITY[a.continuity].label for a in found],
            _("Uitkomst"): [OUTCOMES[a.outcome].label for a in found],
            _("Samenhang (rho)"): [None if a.rho is None else round(a.rho, 3) for a in found],
            _("95%-band van"): [None if a.low is None else round(a.low, 3) for a in found],
            _("95%-band tot"): [None if a.high is None else round(a.high, 3) for a in found],
            _("Wijken"): [a.wijken for a in found],
            _("Wijk-jaren"): [a.wijkjaren for a in found],
            _(REASON): [a.reason or "" for a in found],
        }
    )


def _change_text(outcome: str, value: float | None) -> str:
    if value is None:
        return ""
    measure = OUTCOMES[outcome]
    sign = "+" if value > 0 else ""
    unit = " " + _("%-punt") if measure.kind == "percentage" else ""
    return f"{sign}{fmt.number(value, 1)}{unit}"


def changes_table(found: list[Change]) -> pd.DataFrame:
    """The average change per outcome over the changes, for display."""
    return (
        pd.DataFrame(
            {
                "Uitkomst": [OUTCOMES[c.outcome].short for c in found],
                "Gemiddelde verandering (erna − ervoor)": [
                    _change_text(c.outcome, c.mean) for c in found
                ],
                "95%-band": [
                    _("{low} tot {high}").format(
                        low=_change_text(c.outcome, c.low), high=_change_text(c.outcome, c.high)
                    )
                    if c.mean is not None
                    else ""
                    for c in found
                ],
                "Wisselingen": [fmt.number(c.wisselingen) for c in found],
                REASON: [c.reason or "" for c in found],
            }
        )
        .pipe(_without_empty_reasons)
        .rename(columns=_header)
    )


def _without_empty_reasons(table: pd.DataFrame) -> pd.DataFrame:
    """The table without its column of reasons when every figure is shown: an empty column
    took a fifth of the width on a projector and said nothing. The workbook keeps it."""
    return table.drop(columns=REASON) if (table[REASON] == "").all() else table


def _unit(outcome: str) -> str:
    units = {"percentage": N_("procentpunt"), "rate": N_("per 1.000 inwoners")}
    persons = N_("personen")
    return _(units.get(OUTCOMES[outcome].kind, persons))


def changes_sheet(found: list[Change]) -> pd.DataFrame:
    """The average changes for the XLSX: Dutch headers, the mean and its band as numbers."""

    def number(value: float | None) -> float | None:
        return None if value is None else round(value, 3)

    return pd.DataFrame(
        {
            _("Uitkomst"): [OUTCOMES[c.outcome].label for c in found],
            _("Gemiddelde verandering (erna − ervoor)"): [number(c.mean) for c in found],
            _("95%-band van"): [number(c.low) for c in found],
            _("95%-band tot"): [number(c.high) for c in found],
            _("Eenheid"): [_unit(c.outcome) for c in found],
            _("Wisselingen"): [c.wisselingen for c in found],
            _(REASON): [c.reason or "" for c in found],
        }
    )


def _cell(outcome: str, row: dict, suffix: str = "") -> object:
    """A spreadsheet cell: the number, '<5' where a count is suppressed, empty where hidden."""
    value = row.get(f"{outcome}{suffix}")
    if value is None or fmt.is_missing(value):
        return None
    if outcome == "nieuw" and fmt.is_small(value):
        return fmt.persons(value)  # "<5"
    shown = public_value(outcome, row, suffix)
    return None if shown is None else round(shown, 4)


def per_year_frame(o: Opbrengst) -> pd.DataFrame:
    """Every wijk-year with Dutch headers: continuity and public outcomes as numbers (XLSX)."""
    rows = o.per_year.to_dict("records")
    out: dict[str, list[object]] = {
        _("Wijk"): [r["naam"] for r in rows],
        _("Jaar"): [int(r["jaar"]) for r in rows],
    }
    for column, measure in CONTINUITY.items():
        out[measure.label] = [
            None if (v := _continuity_value(column, r[column])) is None else round(v, 2)
            for r in rows
        ]
    for column, measure in OUTCOMES.items():
        out[measure.label] = [_cell(column, r) for r in rows]
    return pd.DataFrame(out)


def per_year_table(o: Opbrengst) -> pd.DataFrame:
    """Every wijk-year for the screen, in Dutch notation under the small-number rule (an empty
    cell where a continuity figure is unknown)."""
    rows = o.per_year.to_dict("records")
    out: dict[str, list[object]] = {
        _("Wijk"): [r["naam"] for r in rows],
        _("Jaar"): [str(int(r["jaar"])) for r in rows],
    }
    for column, measure in CONTINUITY.items():
        header = (
            _("{measure} (jaren)").format(measure=measure.short)
            if measure.kind == "years"
            else measure.short
        )
        out[header] = [
            ""
            if (v := _continuity_value(column, r[column])) is None
            else fmt.number(v, measure.decimals)
            for r in rows
        ]
    for column, measure in OUTCOMES.items():
        out[measure.short] = [value_text(column, r) for r in rows]
    return pd.DataFrame(out)


def events_frame(o: Opbrengst) -> pd.DataFrame:
    """Every change with all outcomes before and after, Dutch headers (for the XLSX)."""
    rows = o.events.to_dict("records")
    out: dict[str, list[object]] = {
        _("Wijk"): [r["wijknaam"] for r in rows],
        _("Datum"): [r["datum"] for r in rows],
        _("Wat"): [event_label(r) for r in rows],
        _("Dagen onbezet"): [
            None if fmt.is_missing(r["onbezet_dagen"]) else int(r["onbezet_dagen"]) for r in rows
        ],
        _("Ervoor"): [_period_text(r["voor_van"], r["voor_tot"]) for r in rows],
        _("Erna"): [_period_text(r["na_van"], r["na_tot"]) for r in rows],
    }
    for column, measure in OUTCOMES.items():
        for suffix, template in (("_voor", _("{measure} ervoor")), ("_na", _("{measure} erna"))):
            out[template.format(measure=measure.short)] = [
                _cell(column, r, suffix) if r["bekend"] else None for r in rows
            ]
    return pd.DataFrame(out)


# --- the story the exports lay out ------------------------------------------------------------


def story(
    o: Opbrengst,
    gemeente_name: str,
    fictitious: bool,
    x: str = "continuiteitsindex",
    y: str = "bereik_per_1000",
    made: date | None = None,
) -> Story:
    """The screen as a Story for the exports (XLSX of the figures, PNG of the charts)."""
    found = associations(o)
    shown = [a for a in found if a.continuity == x]
    changes = mean_changes(o)
    xm, ym = CONTINUITY[x], OUTCOMES[y]
    change_figure = figures_table(changes_table(changes))
    change_figure.update_layout(title={"text": _("Gemiddelde verandering na een wisseling")})
    charts = (
        Chart(
            "wijken-door-de-jaren",
            _("Wijken door de jaren"),
            opbrengst_charts.paths_chart(
                points(o, x, y), xm.short, ym.short, xm.decimals, ym.decimals
            ),
            per_year_frame(o),
        ),
        Chart(
            "voor-en-na",
            _("Voor en na een wisseling"),
            opbrengst_charts.events_chart(event_frame(o, y), ym.short, ym.decimals),
            events_frame(o),
        ),
        Chart(
            "samenhang",
            _("Samenhang"),
            opbrengst_charts.association_chart(association_frame(shown, short=True), xm.short),
            association_sheet(found),
        ),
        Chart(
            "gemiddelde-verandering",
            _("Gemiddelde verandering"),
            change_figure,
            changes_sheet(changes),
        ),
    )
    period = Period(o.first, o.last) if o.first and o.last else None
    return Story(
        area_code=o.gemeente,
        area_name=_("Opbrengst van opbouwwerk in {gemeente}").format(gemeente=gemeente_name),
        gemeente_name=gemeente_name,
        period_text="" if period is None else _period_text(period.start, period.end),
        sentences=tuple(honesty(o)),
        charts=charts,
        slides=(),
        source=_("Bron: fictieve demogegevens (verzonnen gemeente en registraties)")
        if fictitious
        else _("Bron: registraties van activiteiten en inzet; inwoners: CBS"),
        fictitious=fictitious,
        made=made or date.today(),
        period=period,
    )
