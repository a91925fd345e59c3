"""Dutch labels for codes shown on screen."""

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

LEVEL_LABELS: dict[str, str] = {"wijk": "CBS-wijk", "buurt": "CBS-buurt", "eigen": "Eigen indeling"}
