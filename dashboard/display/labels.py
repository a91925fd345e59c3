"""Dutch labels for the codes of `dashboard.domain.codes`, as shown on screen."""

from dashboard.domain.codes import KWADRANTEN

# in the order of ROLLEN (a test checks every code has a label)
ROL_LABELS: dict[str, str] = {
    "opbouwwerker": "Opbouwwerker",
    "maatschappelijk_werker": "Maatschappelijk werker",
    "jongerenwerker": "Jongerenwerker",
    "wijkagent": "Wijkagent",
    "buurtteam": "Buurtteam",
    "other": "Overig",
}

SIGNAAL_LABELS: dict[str, str] = {
    "vertrek_zonder_opvolger": "Vertrekt binnen 90 dagen, geen opvolger",
    "rol_onbezet": "Rol nu onbezet",
}

LEVEL_LABELS: dict[str, str] = {
    "gemeente": "Gemeente",
    "wijk": "CBS-wijk",
    "buurt": "CBS-buurt",
    "eigen": "Eigen indeling",
}

# The areas of a level in running text: singular and plural ("per wijk", "alle wijken").
LEVEL_NOUNS: dict[str, tuple[str, str]] = {
    "gemeente": ("gemeente", "gemeenten"),
    "wijk": ("wijk", "wijken"),
    "buurt": ("buurt", "buurten"),
    "eigen": ("gebied", "gebieden"),
}

SOORT_LABELS: dict[str, str] = {
    "welzijn": "Welzijn",
    "woningcorporatie": "Woningcorporatie",
    "buurtteam": "Buurtteam",
    "gemeente": "Gemeente",
    "politie": "Politie",
    "zorg": "Zorg",
    "onderwijs": "Onderwijs",
    "cultuur": "Cultuur",
    "bewonersgroep": "Bewonersgroep",
    "overig": "Overig",
}

# How a kwadrant reads in running text and tables ("hoge behoefte, lage dekking").
KWADRANT_LABELS: dict[str, str] = {
    code: code.replace("_behoefte_", " behoefte, ").replace("_", " ") for code in KWADRANTEN
}

# What the wijk has (issue 16), in the order of dashboard.domain.codes (a test checks them).
PLEK_TYPE_LABELS: dict[str, str] = {
    "buurthuis": "Buurthuis",
    "park": "Park",
    "speelplek": "Speelplek",
    "moestuin": "Moestuin",
    "school": "School",
    "gebedshuis": "Moskee of kerk",
    "winkelcentrum": "Winkelcentrum",
    "sportveld": "Sportveld",
    "bibliotheek": "Bibliotheek",
    "zorgpunt": "Zorgpunt",
    "complex_corporatie": "Complex van een corporatie",
    "initiatief": "Initiatief",
    "partner": "Partner",
    "overig": "Overig",
}
BEHEER_LABELS: dict[str, str] = {
    "bewoners": "Bewoners",
    "organisatie": "Organisatie",
    "gemeente": "Gemeente",
    "corporatie": "Corporatie",
}
ROUTE_SOORT_LABELS: dict[str, str] = {
    "wijksafari": "Wijksafari",
    "wandelroute": "Wandelroute",
    "terrastour": "Terrastour",
    "overig": "Route",
}
ROUTE_MAKER_LABELS: dict[str, str] = {
    "bewoners": "gemaakt door bewoners",
    "bewoners_met_opbouwwerk": "gemaakt door bewoners, met hulp van opbouwwerk",
    "opbouwwerk": "gemaakt door het opbouwwerk",
    "organisatie": "gemaakt door een organisatie",
}
VERHAAL_BRON_LABELS: dict[str, str] = {
    "bewoner": "een bewoner",
    "professional": "een professional",
    "bijeenkomst": "een bijeenkomst",
}
