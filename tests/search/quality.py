"""The quality test set: Norwegian queries and the documents they must find.

Each pair is (query, title, text, language of the text). The query is a different form
of a word in the document: another inflection, the other written standard (Bokmål query,
Nynorsk text or the reverse), or a compound and its parts. All documents are indexed
together and a pair counts as found when its document is among the first ten results.
The texts are short sentences written for this test (not quotations).

Used by tests/search/test_quality.py (ours, on the database the suite runs on) and by
bench/search_bench.py --quality (ours and Wagtail's database backend, side by side).
"""

PAIRS = [
    # byregion: nb and nn inflections
    ("byregionane", "Tre byregioner i Møre og Romsdal", "Hver region har en by i sentrum.", "nb"),
    ("byregioner", "Byregionane lærer av kvarandre", "Nettverket møtest to gonger i året.", "nn"),
    ("byregionen", "Ein byregion med sju kommunar", "Sju kommunar samarbeider.", "nn"),
    ("byregionar", "Byregionene i programmet", "Alle deltar i læringsnettverket.", "nb"),
    ("byregion", "Nytt frå byregionane", "Rapportar og planar frå nettverket.", "nn"),
    # kommune
    ("kommunar", "Kommunene samarbeider om planlegging", "Et felles plankontor.", "nb"),
    ("kommuner", "Kommunane på Sunnmøre", "Ni kommunar i ein region.", "nn"),
    ("kommunen", "Kommune og fylke i lag", "Eit prosjekt om vegar.", "nn"),
    ("kommunane", "Kommunenes rolle", "Om lokale tiltak for vekst.", "nb"),
    # samling
    ("samling", "Samlinga i Ålesund", "Tre dagar med føredrag.", "nn"),
    ("samlingen", "Nasjonal samling for nettverket", "Påmelding opnar i mars.", "nn"),
    ("samlingar", "Samlinger i læringsnettverket", "To i året, vår og høst.", "nb"),
    ("byregionsamling", "Samling for byregionene", "I Molde i april.", "nb"),
    ("samling", "Byregionsamlinga 2018", "Program for dagane.", "nn"),
    # næringsliv, næringsutvikling, utvikling
    ("næringsliv", "Næringslivet i Romsdal", "Bedrifter langs kysten.", "nb"),
    ("næringslivet", "Samarbeid med næringsliv", "Kommunen møter bedriftene.", "nb"),
    ("næringsutvikling", "Utvikling av næringa", "Ein strategi for kysten.", "nn"),
    ("utviklinga", "Utviklingen av sentrum", "Torg og gater får nytt liv.", "nb"),
    ("utvikling", "Eit utviklingsprosjekt for hamna", "Kaia blir ope for folk.", "nn"),
    ("campusutvikling", "Utvikling av campus", "Høgskolen og byen planlegger sammen.", "nb"),
    ("næringsrettet", "Handlingsrom for næringsretta samfunnsutvikling", "Tema for dagane.", "nn"),
    ("næringsutvikling", "Næringsrettet samfunnsutvikling", "Tema for samlingen.", "nb"),
    # innbyggjar / innbygger
    ("innbyggjarar", "Innbyggerne ble spurt", "En undersøkelse om byrommet.", "nb"),
    ("innbyggere", "Kva innbyggjarane meiner", "Ei spørjeundersøking om sentrum.", "nn"),
    ("innbyggjarinvolvering", "Innbyggerinvolvering i planarbeidet", "Åpne møter.", "nb"),
    # Nynorsk and Bokmål words that differ by more than an ending
    ("medverknad", "Medvirkning fra ungdom", "Ungdomsrådet deltok.", "nb"),
    ("medvirkning", "Medverknad i planprosessen", "Opne verkstader.", "nn"),
    ("verksemder", "Virksomhetene i næringsparken", "Ti bedrifter flyttet inn.", "nb"),
    ("virksomhet", "Verksemda til regionrådet", "Årsmelding for rådet.", "nn"),
    ("tenester", "Tjenester på tvers av grensene", "Felles legevakt.", "nb"),
    ("stadutvikling", "Stedsutvikling i tettstedene", "Møteplasser i sentrum.", "nb"),
    ("tettsted", "Tettstadene rundt byen", "Busetnad langs fjorden.", "nn"),
    ("samspel", "Samspill mellom by og omland", "Pendling og arbeidsmarked.", "nb"),
    ("samspillet", "Samspelet mellom byen og omlandet", "Reiser til arbeid.", "nn"),
    ("bustader", "Boliger i sentrum", "Nye leiligheter ved torget.", "nb"),
    ("mogleg", "Mulige tiltak for sentrum", "En liste fra arbeidsgruppen.", "nb"),
    ("arbeidsmarknaden", "Et felles arbeidsmarked", "Mange pendler over grensen.", "nb"),
    ("leiaren", "Lederen for regionrådet", "Ordføreren leder rådet.", "nb"),
    ("høyringa", "Høring om regionplanen", "Frist i juni.", "nb"),
    # agent nouns and other inflections
    ("deltakarar", "Deltakerne på samlingen", "Over hundre deltok.", "nb"),
    ("deltakere", "Deltakarane kom frå ti regionar", "Dei fleste reiste med fly.", "nn"),
    ("erfaringar", "Erfaringer fra Region Ålesund", "Hva de lærte.", "nb"),
    ("erfaringene", "Erfaringane med bussruter", "Fleire avgangar.", "nn"),
    ("prosjekta", "Prosjektene i programmet", "En oversikt.", "nb"),
    ("strategiar", "Strategier for vekst", "Tre hovedmål.", "nb"),
    ("planane", "Planene for campus", "Bygging starter snart.", "nb"),
    ("møta", "Møtene i regionrådet", "Referat fra hvert møte.", "nb"),
    # short words Snowball leaves alone
    ("byane", "Byene og omlandet", "Om vekst rundt sentrum.", "nb"),
    ("byer", "Byar og tettstader", "Ei samanlikning.", "nn"),
    ("året", "Åra som kjem", "Planar for neste tiår.", "nn"),
    # compounds and their parts
    ("transport", "Kollektivtransport i byregionen", "Buss og båt.", "nb"),
    ("kollektivtransport", "Betre kollektivtransporten", "Fleire bussar om kvelden.", "nn"),
    ("konferanse", "Konferansefestivalen The North West", "Fire dagar i april.", "nn"),
    ("regionrådet", "Rådet for regionen", "Samarbeid om store saker.", "nn"),
]
RESULTS_PER_QUERY = 10


def index_pairs(add_document) -> list:
    """Index every pair's document with `add_document(title=, body=, language=)`."""
    return [
        add_document(title=title, body=body, language=language)
        for _, title, body, language in PAIRS
    ]


def recall(documents, run_query) -> tuple[float, list[str]]:
    """The share of pairs whose document is among `run_query(query)`'s ids, and the misses.

    `run_query(query)` returns the ids of the first RESULTS_PER_QUERY documents found.
    """
    missed = []
    for (query, title, *_), document in zip(PAIRS, documents, strict=True):
        if document.pk not in run_query(query):
            missed.append(f"{query} -> {title}")
    return 1 - len(missed) / len(PAIRS), missed
