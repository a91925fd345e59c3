"""Fictitious Dutch names for towns, wijken, buurten, organisations and professionals."""

from __future__ import annotations

import numpy as np


def _names(text: str) -> tuple[str, ...]:
    """Comma-separated names, one tuple; keeps the long lists compact and readable."""
    return tuple(name.strip() for name in text.replace("\n", ",").split(",") if name.strip())


SHOWCASE_WIJKEN = _names(
    """
    Centrum, Oude Haven, Molenkwartier, De Brink, Hoogveld, Rivierzicht, Lindenhof,
    Waterkant, Heidepark
    """
)

# Buurt names per showcase wijk, in the order the geometry numbers them (the heart first).
SHOWCASE_BUURTEN = {
    "Centrum": _names(
        "Stadshart, Marktkwartier, Kerkbuurt, Stationsbuurt, Vestingbuurt, Singel, Begijnhof, "
        "Raadhuisbuurt, Gasthuiskwartier"
    ),
    "Oude Haven": _names(
        "Havenkom, Pakhuizen, Kadebuurt, Sluiseiland, Scheepswerf, Visafslag, Touwslagerij, "
        "Ankerplaats, Lijnbaan"
    ),
    "Molenkwartier": _names(
        "Molenbuurt, Korenbuurt, Graanbuurt, Zeilmakersbuurt, Maalderij, Oliemolen, Wiekenhof, "
        "Bakkersveld, Pelmolen"
    ),
    "De Brink": _names(
        "Brinkbuurt, Kastanjelaan, Oude Akker, Hofstede, Kerkepad, Boerhaavebuurt, Esweg, "
        "Schaapskooi, Eikenhof"
    ),
    "Hoogveld": _names(
        "Hoogveld-Noord, Hoogveld-Zuid, Flatwijk De Kamp, Galerijbuurt, Hoogveld-Oost, Torenflats, "
        "Winkelhart Hoogveld, Sportpark Hoogveld, Hoogveld-West"
    ),
    "Rivierzicht": _names(
        "Rivierenbuurt, Uiterwaard, Bloemenbuurt, Vogelbuurt, Griendbuurt, Veerhuis, Kribbenbuurt, "
        "Oeverlanden, Wilgenhoek"
    ),
    "Lindenhof": _names(
        "Lindenhof-Oost, Parkbuurt, Landgoed Lindenhof, Bomenbuurt, Villapark, Lindenhof-West, "
        "Koetshuis, Oranjerie, Beukenlaan"
    ),
    "Waterkant": _names(
        "Waterkant-West, Bedrijventerrein De Vaart, Dijkbuurt, Schildersbuurt, Gemaalbuurt, "
        "Waterkant-Oost, Polderzicht, Kanaalbuurt, Sluiswachter"
    ),
    "Heidepark": _names(
        "Heidebuurt, Componistenbuurt, Zandberg, Heidepark-Noord, Sterrenbuurt, Dichtersbuurt, "
        "Vennenbuurt, Bosrand, Kloosterveld"
    ),
}

WIJK_POOL = _names(
    """
    Centrum, Oude Stad, Noorderhaven, Zuiderpark, Westerveld, Oosterhof, De Brink, Hoogveld,
    Molenkwartier, Rivierzicht, Lindenhof, Waterkant, Heidepark, Stationskwartier, Kerkeveld,
    De Horst, Bosrand, Vaartzicht, Buitenhof, Nieuw-Zuid, Het Hoge Land, De Velden,
    Dijkzicht, Akkerland, Beekdal, De Weiden, Hofkwartier, Eikenrode, Sluiskwartier,
    Koningsveld, Hazelaar, De Gaarde, Kasteelhof, Zonnehoek, Esdorp, Meerzicht
    """
)

BUURT_POOL = _names(
    """
    Bloemenbuurt, Vogelbuurt, Rivierenbuurt, Bomenbuurt, Schildersbuurt, Componistenbuurt,
    Sterrenbuurt, Dichtersbuurt, Professorenbuurt, Zeeheldenbuurt, Kastelenbuurt, Molenbuurt,
    Stationsbuurt, Kerkbuurt, Havenbuurt, Parkbuurt, Kloosterbuurt, Tuinbuurt, Vestingbuurt,
    Dijkbuurt, Sluisbuurt, Beekbuurt, Heidebuurt, Akkerbuurt, Weidebuurt, Bedrijventerrein,
    Marktbuurt, Lanenbuurt, Bosbuurt, Hofbuurt, Graanbuurt, Oude Kern, Nieuwe Kern,
    Schoolbuurt, Zonnebuurt, Wilgenhoek, Populierenbuurt, Eikenbuurt, Rozenbuurt, Kadebuurt,
    Polderbuurt, Kanaalbuurt, Veldbuurt, Boerderijbuurt, Brinkbuurt, Esbuurt
    """
)

TOWN_PREFIX = _names(
    """
    Linden, Eiken, Beuken, Wilgen, Elzen, Berken, Essen, Hazel, Vossen, Reigers, Kievits,
    Zwanen, Otter, Meeuwen, Hinde, Klaver, Distel, Varen, Riet, Lis, Mos, Hulst, Iepen,
    Ganzen, Dassen
    """
)
TOWN_SUFFIX = _names(
    """
    waard, hoven, horst, rade, stede, kamp, oord, dal, weide, loo, veld, rode, wolde, sloot,
    meer
    """
)

FIRST_NAMES = _names(
    """
    Anna, Sanne, Fatima, Lotte, Eva, Noor, Yasmina, Iris, Mirjam, Ingrid, Esther, Priya,
    Marloes, Sevda, Femke, Hanneke, Naima, Joyce, Lieke, Wendy, Ayse, Judith, Chantal, Merel,
    Inge, Saskia, Roos, Karin, Jeroen, Mohamed, Bram, Youssef, Sander, Thijs, Kees, Ruben,
    Mehmet, Daan, Stefan, Rachid, Erik, Pieter, Jorien, Remco, Marco, Dennis, Orlando, Bilal,
    Hans, Wouter, Tim, Koen, Jasper, Vincent, Emre, Gerrit, Ricardo, Ahmed, Niels, Martijn
    """
)
SURNAMES = _names(
    """
    de Vries, Jansen, van den Berg, Bakker, El Amrani, Visser, Smit, Meijer, de Boer, Mulder,
    de Groot, Bos, Vos, Peters, Hendriks, van Leeuwen, Dekker, Brouwer, de Wit, Dijkstra,
    Yilmaz, Kaya, Boukhari, Martina, Verhoeven, Kramer, van Dam, Prins, Huisman, Koster,
    Wolters, Postma, Kuipers, van Dijk, Willems, Ramdin, Sitaram, Öztürk, Benali, Hoekstra,
    Schouten, Verbeek, Maas, Timmermans, van der Linden, Haddou, Groen, Gerritsen, Scholten,
    Post, Vermeulen, Evers, Sedney, Lambrechts, Zwart, Blom, Veenstra, Kok, van Beek, Jacobs
    """
)


def town_names(rng: np.random.Generator, n: int, exclude: str) -> list[str]:
    """n distinct fictitious town names (a roman numeral suffix once the pool runs out)."""
    pool = [p + s for p in TOWN_PREFIX for s in TOWN_SUFFIX if p + s != exclude]
    pool = [pool[i] for i in rng.permutation(len(pool))]
    names = []
    for i in range(n):
        round_no = i // len(pool)
        suffix = "" if round_no == 0 else f" {'I' * (round_no + 1)}"
        names.append(pool[i % len(pool)] + suffix)
    return names


def unique_names(
    rng: np.random.Generator, pool: tuple[str, ...], n: int, first: str | None
) -> list[str]:
    """n distinct names drawn from a pool; first, when given, leads; numbered once it runs out."""
    rest = [p for p in pool if p != first]
    rest = [rest[i] for i in rng.permutation(len(rest))]
    names = ([first] if first else []) + rest
    out = names[:n]
    k = 2
    while len(out) < n:
        out.extend(f"{name} {k}" for name in names[: n - len(out)])
        k += 1
    return out


def person_names(rng: np.random.Generator, n: int) -> list[str]:
    """n distinct first name + surname combinations (pool allows 3,600 per gemeente)."""
    total = len(FIRST_NAMES) * len(SURNAMES)
    if n > total:
        raise ValueError(f"Te veel professionals voor de namenlijst: {n}")
    pick = rng.choice(total, size=n, replace=False)
    return [f"{FIRST_NAMES[p // len(SURNAMES)]} {SURNAMES[p % len(SURNAMES)]}" for p in pick]
