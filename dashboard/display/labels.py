"""Labels for the codes of `dashboard.domain.codes`, as shown on screen: Dutch (the msgids),
answered in the run's language (`dashboard.i18n.Labels`)."""

from collections.abc import Iterator, Mapping

from dashboard.domain.codes import KWADRANTEN, ONBEZET, VERTREK
from dashboard.i18n import N_, Labels, _

# in the order of ROLLEN (a test checks every code has a label)
ROL_LABELS = Labels(
    {
        "opbouwwerker": N_("Opbouwwerker"),
        "maatschappelijk_werker": N_("Maatschappelijk werker"),
        "jongerenwerker": N_("Jongerenwerker"),
        "wijkagent": N_("Wijkagent"),
        "buurtteam": N_("Buurtteam"),
        "other": N_("Overig"),
    }
)

SIGNAAL_LABELS = Labels(
    {
        VERTREK: N_("Vertrekt, geen opvolger"),
        ONBEZET: N_("Rol nu onbezet"),
    }
)

LEVEL_LABELS = Labels(
    {
        "gemeente": N_("Gemeente"),
        "wijk": N_("CBS-wijk"),
        "buurt": N_("CBS-buurt"),
        "eigen": N_("Eigen indeling"),
    }
)


# The areas of a level in running text: singular and plural ("per wijk", "alle wijken").
class _Nouns(Mapping[str, tuple[str, str]]):
    """Singular and plural of each level, in the run's language."""

    _nouns = {
        "gemeente": (N_("gemeente"), N_("gemeenten")),
        "wijk": (N_("wijk"), N_("wijken")),
        "buurt": (N_("buurt"), N_("buurten")),
        "eigen": (N_("gebied"), N_("gebieden")),
    }

    def __getitem__(self, key: str) -> tuple[str, str]:
        one, many = self._nouns[key]
        return _(one), _(many)

    def __iter__(self) -> Iterator[str]:
        return iter(self._nouns)

    def __len__(self) -> int:
        return len(self._nouns)


LEVEL_NOUNS = _Nouns()

SOORT_LABELS = Labels(
    {
        "welzijn": N_("Welzijn"),
        "woningcorporatie": N_("Woningcorporatie"),
        "buurtteam": N_("Buurtteam"),
        "gemeente": N_("Gemeente"),
        "politie": N_("Politie"),
        "zorg": N_("Zorg"),
        "onderwijs": N_("Onderwijs"),
        "cultuur": N_("Cultuur"),
        "bewonersgroep": N_("Bewonersgroep"),
        "overig": N_("Overig"),
    }
)

# How a kwadrant reads in running text and tables ("hoge behoefte, lage dekking").
KWADRANT_LABELS = Labels(
    {
        "hoge_behoefte_lage_dekking": N_("hoge behoefte, lage dekking"),
        "hoge_behoefte_hoge_dekking": N_("hoge behoefte, hoge dekking"),
        "lage_behoefte_lage_dekking": N_("lage behoefte, lage dekking"),
        "lage_behoefte_hoge_dekking": N_("lage behoefte, hoge dekking"),
    }
)
assert set(KWADRANT_LABELS) == set(KWADRANTEN), "a kwadrant without its label"

# What the wijk has (issue 16), in the order of dashboard.domain.codes (a test checks them).
PLEK_TYPE_LABELS = Labels(
    {
        "buurthuis": N_("Buurthuis"),
        "park": N_("Park"),
        "speelplek": N_("Speelplek"),
        "moestuin": N_("Moestuin"),
        "school": N_("School"),
        "gebedshuis": N_("Moskee of kerk"),
        "winkelcentrum": N_("Winkelcentrum"),
        "sportveld": N_("Sportveld"),
        "bibliotheek": N_("Bibliotheek"),
        "zorgpunt": N_("Zorgpunt"),
        "complex_corporatie": N_("Complex van een corporatie"),
        "initiatief": N_("Initiatief"),
        "partner": N_("Partner"),
        "overig": N_("Overig"),
    }
)
BEHEER_LABELS = Labels(
    {
        "bewoners": N_("Bewoners"),
        "organisatie": N_("Organisatie"),
        "gemeente": N_("Gemeente"),
        "corporatie": N_("Corporatie"),
    }
)
ROUTE_SOORT_LABELS = Labels(
    {
        "wijksafari": N_("Wijksafari"),
        "wandelroute": N_("Wandelroute"),
        "terrastour": N_("Terrastour"),
        "overig": N_("Route"),
    }
)
ROUTE_MAKER_LABELS = Labels(
    {
        "bewoners": N_("gemaakt door bewoners"),
        "bewoners_met_opbouwwerk": N_("gemaakt door bewoners, met hulp van opbouwwerk"),
        "opbouwwerk": N_("gemaakt door het opbouwwerk"),
        "organisatie": N_("gemaakt door een organisatie"),
    }
)
VERHAAL_BRON_LABELS = Labels(
    {
        "bewoner": N_("een bewoner"),
        "professional": N_("een professional"),
        "bijeenkomst": N_("een bijeenkomst"),
    }
)
# what an import read (import_log.tabel): the kinds of the registration exports, the CBS
# areas, StatLine's kerncijfers, an own indeling, and the plekken, routes and verhalen
IMPORT_KIND_LABELS = Labels(
    {
        "inzet": N_("Inzet"),
        "activiteiten": N_("Activiteiten"),
        "bijeenkomsten": N_("Bijeenkomsten"),
        "deelnames": N_("Deelnames"),
        "cbs": N_("CBS-gebieden"),
        "kerncijfers": N_("Kerncijfers"),
        "indeling": N_("Eigen indeling"),
        "plekken": N_("Plekken"),
        "routes": N_("Routes"),
        "verhalen": N_("Verhalen"),
    }
)
