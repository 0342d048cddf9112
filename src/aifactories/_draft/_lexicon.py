"""Word lists for :func:`aifactories.draft`: demonyms, cities, vendors, sector words.

Hand-written, mostly for English, German, Italian, Spanish, French and
Polish (sector words in a few more); country, month and weekday names come
from Unicode CLDR instead (:mod:`._cldr`), which has no demonyms. Demonyms
are regular-expression stems matched ignoring case (German, Italian,
Spanish, French and Polish write adjectives in lower case).
"""

from __future__ import annotations

from collections.abc import Iterator

from aifactories._draft._text import words
from aifactories._model import Sector


def _listed(text: str) -> tuple[str, ...]:
    # A comma-separated list, one entry a word or phrase.
    return tuple(word.strip() for word in text.split(","))


def _rows(table: str) -> Iterator[tuple[str, str]]:
    # A table written as one string: a row a line (indented lines go on),
    # its key the first word.
    for row in table.replace("\n    ", " ").strip().splitlines():
        key, rest = row.split(maxsplit=1)
        yield key.rstrip(":"), rest


DEMONYMS: dict[str, tuple[str, ...]] = {
    # English first, then the country's own adjective, German, Italian,
    # Spanish, French and Polish stems (endings left open).
    code: tuple(stems.split())
    for code, stems in _rows(r"""
AT Austrian österreichisch\w* austriac\w* autrichien\w*
BE Belgian belgisch\w* belg[ae]\w* belge\w*
BG Bulgarian bulgarisch\w* bulgar[oa]\w* bułgarsk\w*
HR Croatian hrvatsk\w* kroatisch\w* croat[ao]\w*
CY Cypriot zypriotisch\w* cipriot\w* chipriot\w* cypryjsk\w*
CZ Czech česk\w* tschechisch\w* ceco ceca chec[oa]s?
DK Danish dansk\w* dänisch\w* danes[ei] danés danois\w*
EE Estonian eesti estnisch\w* estone estoni[oa] estońsk\w*
FI Finnish finnisch\w* finlandes[ei] finlandés finlandais\w*
FR French französisch\w* frances[ei] francés français\w*
DE German deutsche[nmrs]? tedesc[oaih]\w* alem[aá]n\w* allemand\w* niemieck\w*
GR Greek griechisch\w* grec[oaih]\w* grecque greck\w*
HU Hungarian magyar ungarisch\w* ungheres[ei] húngar[oa]
IS Icelandic íslensk\w* isländisch\w* islandes[ei]
IE Irish irisch\w* irlandes[ei] irlandés irlandais\w*
IT Italian italian[oaie] italienisch\w* italien\w* włosk\w*
LV Latvian latvijas lettisch\w* letton[ei] łotewsk\w*
LT Lithuanian lietuvos litauisch\w* lituan[oaie] litewsk\w*
LU Luxembourgish luxemburgisch\w* lussemburghes[ei]
MT Maltese maltesisch\w* maltais\w* maltańsk\w*
ME Montenegrin crnogorsk\w* montenegrinisch\w*
AL Albanian shqiptar\w* albanisch\w* alban[eé]s[ei]?
MD Moldovan moldauisch\w* moldav[oa]\w* mołdawsk\w*
MK Macedonian македонск\w* mazedonisch\w* macedon[ei]
NL Dutch nederlands\w* niederländisch\w* olandes[ei] holenders
NO Norwegian norsk\w* norwegisch\w* norveges[ei] noruego
PL Polish polsk\w* polnisch\w* polacc[oaih]\w* polac[oa]s? polonais\w*
PT Portuguese portugiesisch\w* portoghes[ei] portugués
RO Romanian român\w* rumänisch\w* rumen[oa] roumain\w*
RS Serbian srpsk\w* serbisch\w* serb[oa] serbe serbsk\w*
SK Slovak slovensk[áýé] slowakisch\w* slovacc[oa] słowack\w*
SI Slovenian slovensk\w* slowenisch\w* sloven[oa] słoweńsk\w*
ES Spanish español\w* spanisch\w* spagnol[oaie] espagnol\w* hiszpańsk\w*
SE Swedish svensk\w* schwedisch\w* svedes[ei] suec[oa]s? suédois\w* szwedzk\w*
CH Swiss schweizer\w* svizzer[oaie] suiz[oa]s? suisse
TR Turkish türk\w* türkisch\w* turc[oa] tureck\w*
GB British britisch\w* britannic[oa] británic[oa] britannique
""")
}
"""Adjectives of nationality, by ISO code ("the Swedish AI Factory")."""

CITIES: dict[str, str] = dict(
    # Cities named in announcements whose hosts the registry does not list
    # (the registry adds its own hosts' cities), and the local spellings.
    pair.split(":")
    for pair in words(
        "Tirana:AL Rijeka:HR Split:HR Köln:DE Cologne:DE Bonn:DE Aachen:DE "
        "Trondheim:NO Bergen:NO Podgorica:ME Charleroi:BE Liège:BE Wien:AT Vienna:AT "
        "Brussels:BE Bruxelles:BE Sofia:BG Zagreb:HR Nicosia:CY Prague:CZ Praha:CZ "
        "Brno:CZ Copenhagen:DK København:DK Tallinn:EE Tartu:EE Helsinki:FI Paris:FR "
        "Grenoble:FR Toulouse:FR Bordeaux:FR Lyon:FR Munich:DE München:DE Garching:DE "
        "Dresden:DE Berlin:DE Karlsruhe:DE Heidelberg:DE Hamburg:DE Athens:GR "
        "Thessaloniki:GR Debrecen:HU Reykjavik:IS Dublin:IE Cork:IE Milan:IT "
        "Milano:IT Rome:IT Roma:IT Turin:IT Torino:IT Trieste:IT Naples:IT Napoli:IT "
        "Pisa:IT Kaunas:LT Valletta:MT Amsterdam:NL Eindhoven:NL Oslo:NO Warsaw:PL "
        "Warszawa:PL Gdańsk:PL Wrocław:PL Krakow:PL Cracow:PL Lisbon:PT Lisboa:PT "
        "Porto:PT Braga:PT Coimbra:PT Guimarães:PT Aveiro:PT Évora:PT Cluj-Napoca:RO "
        "Bratislava:SK Košice:SK Ljubljana:SI Madrid:ES "
        "Valencia:ES Sevilla:ES Seville:ES Bilbao:ES Zaragoza:ES Gothenburg:SE "
        "Göteborg:SE Stockholm:SE Umeå:SE Lund:SE Zurich:CH Zürich:CH Geneva:CH "
        "Ankara:TR Istanbul:TR London:GB Bristol:GB"
    )
)
"""Cities by ISO code, beyond the host cities the registry knows."""

VENDORS: tuple[str, ...] = _listed(
    "Hewlett Packard Enterprise, HPE, Eviden, Atos, Lenovo, Dell Technologies, Dell, "
    "Fujitsu, Supermicro, MEGWARE, ParTec, Bull, Inspur, Gigabyte"
)
"""Companies that build supercomputers (not chip makers: those are accelerators)."""

SECTOR_WORDS: dict[Sector, tuple[str, ...]] = {
    # Words in German, Italian, Spanish, French and Polish (and a few of the
    # registry's other languages), a sector a line; folded (no accents, lower
    # case) before matching, so accents need not be exact.
    Sector(sector): _listed(listed)
    for sector, listed in _rows("""
agrifood: landwirtschaft, agrar, lebensmittel, agricoltura, agroalimentare, agricultura,
    landbouw, zemedelstvi, kmetijstvo, poljoprivreda, mezogazdasag, jordbruk,
    agroalimentario, agriculture, agroalimentaire, rolnictwo, rolnictwa, rolnictwie,
    rolnictwem
biotech: biotechnologie, biotecnologia, biotecnologie, farmaceutica
climate: klima, klimaforschung, umwelt, clima, ambiente, medio ambiente, climat,
    environnement, klimat, klimatu, srodowisko, srodowiska, meteorologia, meteorologie
culture: kultur, kulturerbe, cultura, patrimonio culturale, patrimonio cultural,
    patrimoine culturel, culture, kultura, kultury, dziedzictwo kulturowe
cybersecurity: cybersicherheit, cybersicurezza, sicurezza informatica, ciberseguridad,
    cybersecurite, cyberbezpieczenstwo, cyberbezpieczenstwa
defence: verteidigung, difesa, defensa, defense nationale
education: bildung, istruzione, educacion, education, edukacja
energy: energie, energiewende, energia, energetyka, energetyki, energetyce, energetika,
    energetiko, energetikai
finance: finanzen, finanza, finanzas, finances, finanse
health: gesundheit, gesundheitswesen, medizin, lebenswissenschaften, salute, sanita,
    saude, salut, sanatate, gezondheid, gezondheidszorg, zdravotnictvi, zdravstvo,
    egeszsegugy,
    medicina, scienze della vita, sanitario, salud, sanidad, ciencias de la vida, sante,
    medecine, sciences de la vie, zdrowie, zdrowia, medycyna, medycyny, ochrona zdrowia,
    ochrony zdrowia
language: sprachtechnologie, sprachmodelle, tecnologie linguistiche,
    tecnologias del lenguaje, modelos de lenguaje, traitement du langage,
    modeles de langage, modele jezykowe, przetwarzanie jezyka
legal: recht, diritto, derecho, droit, prawo
manufacturing: fertigung, produktion, industrie, maschinenbau, manifattura,
    manifatturiero, industria, fabricacion, manufactura, industrie manufacturiere,
    production industrielle, przemysl, przemyslu, produkcja, produkcji
materials: materialwissenschaft, materialforschung, werkstoffe, scienza dei materiali,
    materiali, ciencia de materiales, materiales, science des materiaux, materiaux,
    materialoznawstwo, materialy
media: medien, videogiochi, videojuegos, jeux video, gry
mobility: mobilitat, verkehr, automobil, mobilita, trasporti, automotive, movilidad,
    transporte, automocion, mobilite, transports, automobile, mobilnosc, logistik,
    logistica, logistique, logistyka, transport, motoryzacja
public-sector: offentliche verwaltung, verwaltung, pubblica amministrazione,
    administracion publica, administration publique, administracja publiczna,
    administracji publicznej, sektor publiczny, sektora publicznego
research: wissenschaft, ricerca, investigacion, recherche, nauka
robotics: robotik, robotica, robotique, robotyka, robotyki, sistemi autonomi,
    sistemas autonomos, systemes autonomes, autonome systeme
space: raumfahrt, aerospazio, aerospaziale, espacio, aeroespacial, spatial,
    aerospatiale, kosmiczny, przemysl kosmiczny
""")
}
"""Sector words in the other languages of our press releases."""

ORG_WORDS: tuple[str, ...] = words(
    # A capitalised phrase holding one of these stems names an organisation.
    "Universit Uniwersytet Politecnic Politécnic Polytechn Politechn Institut Istitut "
    "Instytut Cent Zentrum Council Bank Banco Banque Agency Agentur Agenzia Agencia "
    "Agence Agencja Foundation Stiftung Fundaci Fondazione Fondation Fundacja "
    "Consorti Consorzi Consorci Laborator Lab Ministr Ministère Ministerium Ministero "
    "Ministerio Ministerstwo Academy Akadem Accademia Academia School Hochschule "
    "Computing Supercomput Superkomput Forschung Research Ricerca Recherche "
    "Investigación GmbH Ltd S.A. S.p.A. Network Infrastructure Hub Park Association "
    "Authority Office Initiative"
)
"""Stems that mark a capitalised phrase as an organisation's name."""
