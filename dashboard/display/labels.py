"""Dutch labels for codes shown on screen."""

# The rollen of DESIGN §3, in this order everywhere (as in the check constraint of
# migrations/0001_raw_tables.sql).
ROL_LABELS: dict[str, str] = {
    "opbouwwerker": "Opbouwwerker",
    "maatschappelijk_werker": "Maatschappelijk werker",
    "jongerenwerker": "Jongerenwerker",
    "wijkagent": "Wijkagent",
    "buurtteam": "Buurtteam",
    "other": "Overig",
}

ROLLEN: tuple[str, ...] = tuple(ROL_LABELS)

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
