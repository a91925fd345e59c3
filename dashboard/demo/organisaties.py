"""The organisations of one demo gemeente: welfare, buurtteam, police, partners, residents."""

from __future__ import annotations

import pandas as pd

from dashboard.demo.plan import GemeentePlan

# key, name pattern ({stad} = town name), soort. The key is what other modules refer to.
VASTE_ORGANISATIES = (
    ("welzijn_oud", "Stichting Welzijn {stad}", "welzijn"),
    ("welzijn_nieuw", "{stad} Samen, welzijn en opbouwwerk", "welzijn"),
    ("buurtteam", "Buurtteam {stad}", "buurtteam"),
    ("politie", "Politie basisteam {stad}", "politie"),
    ("woningcorporatie", "Woonstichting {stad}", "woningcorporatie"),
    ("bibliotheek", "Bibliotheek {stad}", "cultuur"),
    ("zorg", "Thuiszorg en wijkverpleging {stad}", "zorg"),
    ("gemeente", "Gemeente {stad}", "gemeente"),
    ("onderwijs", "Brede school {stad}", "onderwijs"),
    ("sport", "Sportservice {stad}", "overig"),
)

SHOWCASE_BEWONERSGROEPEN = {
    1: "Bewonersgroep Oude Haven",
    2: "Buurtcomité Molenkwartier",
    3: "Bewonersvereniging De Brink",
    4: "Bewonerscommissie Hoogveld",
    8: "Buurtinitiatief Heidepark",
}


def town_name(plan: GemeentePlan) -> str:
    """The gemeente's name without the '(fictief)' label."""
    return plan.naam.removesuffix(" (fictief)")


def bewonersgroepen(plan: GemeentePlan) -> dict[int, str]:
    """Wijk index -> name of its bewonersgroep; roughly every other wijk has one."""
    if plan.is_showcase:
        return dict(SHOWCASE_BEWONERSGROEPEN)
    return {w: f"Bewonersgroep {wijk.naam}" for w, wijk in enumerate(plan.wijken) if w % 2 == 1}


def organisaties(plan: GemeentePlan) -> tuple[pd.DataFrame, dict[str, str]]:
    """The organisatie rows, and a key -> organisatie_id lookup ('bewoners_<wijk>' for groups)."""
    stad = town_name(plan)
    rows = [(key, naam.format(stad=stad), soort) for key, naam, soort in VASTE_ORGANISATIES]
    rows += [(f"bewoners_{w}", naam, "bewonersgroep") for w, naam in bewonersgroepen(plan).items()]
    ids = {key: f"ORG{plan.digits}{k + 1:02d}" for k, (key, _, _) in enumerate(rows)}
    frame = pd.DataFrame(
        {
            "organisatie_id": [ids[key] for key, _, _ in rows],
            "naam": [naam for _, naam, _ in rows],
            "soort": [soort for _, _, soort in rows],
        }
    )
    return frame, ids
