"""Norwegian text analysis: one function turns Bokmål or Nynorsk text into search terms.

The same analysis runs at index and at query time, and both engines only split its output on
spaces, so search quality is decided here, once, and is the same on SQLite and PostgreSQL.
Changing anything here changes the terms: run `byregion rebuild-search-index` afterwards.
See docs/developers/search.md (What it does: Norwegian analysis).
"""

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import Stemmer


def _word_list(text: str) -> frozenset[str]:
    return frozenset(text.split())


WORD = re.compile(r"[^\W_]+")
_stemmer = Stemmer.Stemmer("norwegian")

STOP_WORDS = _word_list(
    """
    og i jeg eg det at en ein et eit ett eitt den til er som på de dei deim deira deires
    med han ho hun honom henne hennar hennes av ikke ikkje inkje der så var vart vore
    vert meg seg men har om vi me min mitt mi mine ha hadde nå no over da då ved fra frå
    du ut sin si sitt sine dem oss opp upp man kan hans hvor kvar eller hva kva skal
    selv sjøl her alle vil ville bli ble blei blitt verte vorte kunne inn når kom noen
    nokon noe noko nokre noka dere dykk dykkar deres kun berre bare ja etter ned skulle
    denne dette disse desse for deg mot å meget mykje hvorfor kvifor kvi uten utan
    hvordan korleis ingen ingi din ditt di blir samme same hvilken hvilke kva slags sånn
    inni mellom vår vårt våre hver kvar hvem kven hvis viss både båe enn fordi før
    mange også òg slik vært vere være vera begge siden sidan sia medan mens so somme um
    the of and to a an in on is
    """
)

# Nynorsk base forms and the Bokmål word they mean (more than an ending apart). Mapped on
# stems, so every inflection follows: verksemda, verksemder -> virksomhet.
NYNORSK_TO_BOKMAL = {
    "verksemd": "virksomhet",
    "bustad": "bolig",
    "stad": "sted",
    "teneste": "tjeneste",
    "samspel": "samspill",
    "mogleg": "mulig",
    "moglegheit": "mulighet",
    "høyring": "høring",
    "medverknad": "medvirkning",
    "verknad": "virkning",
    "oppgåve": "oppgave",
    "leiar": "leder",
    "røynsle": "erfaring",
    "døme": "eksempel",
    "busetjing": "bosetting",
    "folketal": "folketall",
    "marknad": "marked",
    "arbeidsmarknad": "arbeidsmarked",
    "hamn": "havn",
    "skule": "skole",
    "tilskot": "tilskudd",
    "rettleiing": "veiledning",
    "frivilligheit": "frivillighet",
    "statsforvaltar": "statsforvalter",
    "samanslåing": "sammenslåing",
    "saman": "sammen",
    "heile": "hele",
    "fleire": "flere",
    "veg": "vei",
    "heim": "hjem",
    "eigar": "eier",
    "utval": "utvalg",
    "nærleik": "nærhet",
    "ålmenta": "allmennheten",
}

# The network's own vocabulary, in both standards: the words compounds are split into.
LEXICON = _word_list(
    """
    by byregion region kommune fylke fylkeskommune samling utvikling næring næringsliv
    liv samfunn innbygger innbyggjar involvering medvirkning medverknad program prosjekt
    plan planlegging arbeid samarbeid nettverk læring kunnskap erfaring røynsle senter
    sentrum stad sted transport kollektiv campus område areal bolig bustad mobilisering
    samspill samspel omland politikk strategi analyse rapport konferanse festival møte
    råd kultur handel kompetanse forskning forsking innovasjon verksemd virksomhet
    bedrift tjeneste teneste vekst attraktivitet pendling mobilitet veg vei bane buss
    tog havn hamn reiseliv industri landbruk klima miljø energi digitalisering
    statistikk befolkning folketal folketall arbeidsmarked arbeidsmarknad marked marknad
    utdanning skole skule helse ungdom frivillighet frivilligheit organisasjon styre
    styring leder leiar sekretariat departement direktorat statsforvalter statsforvaltar
    sammenslåing samanslåing reform grense gjennomføring resultat evaluering tiltak
    satsing tilskudd tilskot søknad veiledning rettleiing nærings sentrums lokal
    regional nasjonal mål torg park gate eiendom tomt bygg hus rom plass møteplass nabo
    distrikt bygd land kyst fjord hav økonomi finans budsjett investering oppgave
    oppgåve tjenester rådmann ordfører rettet retta
    """
)
LINKERS = ("s", "e")
MIN_PART = 3
SHORT_PARTS = frozenset({"by"})  # two-letter words that do start and end compounds
SHORT_WORD_SUFFIXES = ("ane", "ene", "ens", "ar", "er", "en", "et", "a")
AGENT_SUFFIXES = ("arn", "ern", "ar", "er")
# Longer "words" are codes, hashes or pasted garbage; PostgreSQL refuses terms over 2,047
# bytes in a query.
MAX_WORD = 60
ORTHOGRAPHY = re.compile(r"(?<=\w)(gg|kk|nk|ng)j")


def fold_spelling(word: str) -> str:
    """Nynorsk's j after gg/kk/nk/ng, which Bokmål drops (byggje -> bygge)."""
    return ORTHOGRAPHY.sub(r"\1", word)


def _stem(word: str) -> str:
    stem = _stemmer.stemWord(word)
    if len(word) <= 6 and len(stem) >= len(word) - 1:
        # Snowball never strips inside the first three letters: byen, byane, åra stay.
        for suffix in SHORT_WORD_SUFFIXES:
            rest = word[: -len(suffix)]
            if word.endswith(suffix) and len(rest) == 2:
                return rest
    for suffix in AGENT_SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
            stem = stem[: -len(suffix)]
            break
    if len(stem) >= 4 and stem[-1] == stem[-2] and stem[-1] not in "aeiouyæøå":
        stem = stem[:-1]
    return stem


def _build_stem_map() -> dict[str, str]:
    return {
        _stem(fold_spelling(nn)): _stem(fold_spelling(nb)) for nn, nb in NYNORSK_TO_BOKMAL.items()
    }


_STEM_MAP = _build_stem_map()
# Longest first, so "samanslåing" wins over a shorter ending.
_ENDINGS = sorted(_STEM_MAP.items(), key=lambda item: -len(item[0]))


def _term(folded: str) -> str:
    """A folded word's term: stemmed, then mapped to the Bokmål stem where they differ."""
    stem = _stem(folded)
    mapped = _STEM_MAP.get(stem)
    if mapped:
        return mapped
    for nynorsk, bokmal in _ENDINGS:
        if stem.endswith(nynorsk) and len(stem) - len(nynorsk) >= MIN_PART:
            return stem[: -len(nynorsk)] + bokmal
    return stem


_LEXICON_FORMS = frozenset(fold_spelling(word) for word in LEXICON)
_LEXICON_TERMS = frozenset(_term(form) for form in _LEXICON_FORMS)


def _is_part(word: str) -> bool:
    return len(word) >= MIN_PART or word in SHORT_PARTS


@lru_cache(maxsize=4096)
def _split(word: str) -> tuple[str, ...] | None:
    """The fewest lexicon parts `word` is made of (surface forms), or None.

    Each part but the last is a lexicon word, optionally followed by a linking s or e; the
    last part is any inflection of a lexicon word (its term is a lexicon term).
    """
    best = None
    for end in range(len(word) - MIN_PART, 1, -1):
        head = word[:end]
        if not _is_part(head):
            continue
        for linker in ("", *LINKERS):
            if linker and not head.endswith(linker):
                continue
            modifier = head[: -len(linker)] if linker else head
            if modifier not in _LEXICON_FORMS or not _is_part(modifier):
                continue
            rest = word[end:]
            if _term(rest) in _LEXICON_TERMS:
                candidate = (modifier, rest)
            else:
                tail = _split(rest)
                if tail is None:
                    continue
                candidate = (modifier, *tail)
            if best is None or len(candidate) < len(best):
                best = candidate
    return best


TAIL_MIN = 4  # a lexicon word ending an unknown compound: at least this long
HEAD_MIN = 3


@lru_cache(maxsize=4096)
def _split_tail(word: str) -> tuple[str, ...] | None:
    """A compound whose head is not in the lexicon but whose last part is (a place's name
    and a lexicon word: ålesundregionen = ålesund + regionen, kristiansundsregionen =
    kristiansund + s + regionen), or None. The longest such last part wins."""
    for start in range(HEAD_MIN, len(word) - TAIL_MIN + 1):
        tail = word[start:]
        if _term(tail) not in _LEXICON_TERMS:
            continue
        head = word[:start]
        if head.endswith(LINKERS) and len(head) > HEAD_MIN + 1 and not _split(head):
            head = head[:-1]
        return (head, tail)
    return None


_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})


def fold_letters(term: str) -> str:
    """A term as typed without æøå: æ as ae, ø as o, å as a; aa and oe as a and o (so
    "aalesund" and "alesund" meet "ålesund", "stjoerdal" and "stjordal" "stjørdal")."""
    return term.translate(_FOLD).replace("aa", "a").replace("oe", "o")


_RESTORE = (("ae", "æ"), ("oe", "ø"), ("aa", "å"))


def restore_letters(word: str) -> str:
    """A word typed with ae/oe/aa for æ/ø/å, written with them (naeringsliv: næringsliv)."""
    for ascii_form, letter in _RESTORE:
        word = word.replace(ascii_form, letter)
    return word


@dataclass(frozen=True)
class Word:
    """One word of a text: where it is, its term, and the terms of its compound parts.

    `parts` are all the parts' terms, nested ones included (byregionsamling: byregion,
    samling, by, region), which a document is indexed under; `split` only the first level
    (byregion, samling), which a query asks for.
    """

    start: int
    end: int
    term: str
    parts: tuple[str, ...] = ()
    split: tuple[str, ...] = ()

    @property
    def terms(self) -> tuple[str, ...]:
        return (self.term, *self.parts)


@lru_cache(maxsize=100_000)
def analyse_word(word: str) -> Word | None:
    """A lower-cased word's analysis (positions 0), or None for a stop word."""
    if word in STOP_WORDS:
        return None
    folded = fold_spelling(word)
    split = _split(folded) if len(folded) >= 5 else None
    if not split and len(folded) >= 8:
        split = _split_tail(folded)
    if not split:
        return Word(0, 0, _term(folded))
    first_level = tuple(dict.fromkeys(_term(part) for part in split))
    # A compound's own term is its parts' terms joined, so the standards' different linking
    # letters and part spellings meet: stadutvikling and stedsutvikling -> stedutvikling.
    term = "".join(_term(part) for part in split)
    parts: list[str] = []
    for part in split:
        nested = analyse_word(part)
        for part_term in (_term(part), *(nested.parts if nested else ())):
            if part_term != term and part_term not in parts:
                parts.append(part_term)
    return Word(0, 0, term, tuple(parts), first_level)


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower()


def spans(text: str) -> Iterator[tuple[int, int, Word | None]]:
    """Every word of `text` as (start, end, analysis), stop words as None.

    A word is a run of letters and digits in the text as written, so positions point into
    it; each is then NFKC-normalised and lower-cased on its own (what remains of letters
    and digits after that is the word analysed).
    """
    for match in WORD.finditer(text or ""):
        yield match.start(), match.end(), _analyse_written(match.group())


@lru_cache(maxsize=200_000)
def _analyse_written(written: str) -> Word | None:
    """A word as written (any case, any Unicode form): its analysis, or None."""
    word = normalise(written)
    if not WORD.fullmatch(word):
        word = "".join(WORD.findall(word))
    if not word or len(word) > MAX_WORD:
        return None
    return analyse_word(word)


def words(text: str) -> Iterator[Word]:
    """The analysed words of `text` (stop words left out), with their places in it."""
    for start, end, analysed in spans(text):
        if analysed is not None:
            yield Word(start, end, analysed.term, analysed.parts, analysed.split)


def index_terms(text: str) -> tuple[str, str]:
    """What an engine indexes for `text`: the words' terms, and their compound parts' terms
    (indexed apart and weighted less, so "byen" ranks above "byregionen" for "by")."""
    analysed = list(words(text))
    return (
        " ".join(word.term for word in analysed),
        " ".join(part for word in analysed for part in _parts_and_keys(word)),
    )


def _parts_and_keys(word: Word) -> list[str]:
    """A word's compound parts, then how its term and parts are typed without æøå (when
    that differs): a query "stjordal" finds "Stjørdal" among the parts."""
    keys = [key for term in (word.term, *word.parts) if (key := fold_letters(term)) != term]
    return [*word.parts, *dict.fromkeys(keys)]


@dataclass(frozen=True)
class QueryGroup:
    """One query word: matches a document with `term`, with every one of `split`, with
    one of `folded` (its spelling without æøå, matched in the parts' column), or with one
    of `translated` (the Norwegian word an English one stands for, `ENGLISH`)."""

    term: str
    split: tuple[str, ...] = ()
    folded: tuple[str, ...] = ()
    translated: tuple[str, ...] = ()

    @property
    def terms(self) -> tuple[str, ...]:
        return (self.term, *self.split)

    def alternatives(self, *, folded: bool = True) -> list[tuple[str, ...]]:
        """The ways the group matches, each the terms that must all be there: its term, its
        compound's parts, its spellings without æøå (`folded`: not in a title, which does
        not index them), the Norwegian word for an English one."""
        ways = [(self.term,)]
        if self.split:
            ways.append(self.split)
        if folded:
            ways += [(term,) for term in self.folded]
        ways += [(term,) for term in self.translated]
        return ways


# English words for the network's own things, and the Norwegian word its pages use: the
# content is Norwegian, and the English UI's readers search in English ("council Ålesund",
# "City Region Programme"). Only words that are not also Norwegian words; each is matched
# beside the English word, never instead of it, and weighs as a spelling fallback does.
ENGLISH = {
    "council": "råd", "councils": "råd",
    "gathering": "samling", "gatherings": "samling",
    "municipality": "kommune", "municipalities": "kommune",
    "county": "fylke", "counties": "fylke",
    "meeting": "møte", "meetings": "møte",
    "minutes": "referat",
    "experience": "erfaring", "experiences": "erfaring",
    "news": "nyhet",
    "city": "by", "cities": "by",
    "programme": "program", "programmes": "program",
    "business": "næringsliv",
    "development": "utvikling",
    "conference": "konferanse",
    "mayor": "ordfører", "mayors": "ordfører",
}  # fmt: skip


def _translated(written: str) -> tuple[str, ...]:
    norwegian = ENGLISH.get(normalise(written))
    word = analyse_word(norwegian) if norwegian else None
    return (word.term,) if word is not None else ()


MAX_QUERY_WORDS = 16
MAX_QUERY_CHARS = 500


def cut_query(text: str) -> str:
    """`text` up to MAX_QUERY_CHARS, without a word cut in two at the end."""
    text = text or ""
    if len(text) <= MAX_QUERY_CHARS:
        return text
    cut = text[:MAX_QUERY_CHARS]
    if WORD.match(text, MAX_QUERY_CHARS):  # the next character goes on with a word
        cut = re.sub(r"[^\W_]+$", "", cut)
    return cut


_NORWEGIAN_LETTERS = frozenset("æøå")


def _hyphenated(text: str) -> Iterator[tuple[int, int, Word | None]]:
    """A query's words, with words joined by hyphens ("Ålesund-regionen", "byregion-
    samling") as one compound: it matches the compound written together, or every piece
    (so "Sør-Trøndelag" still finds the two words)."""
    run: list[tuple[int, int, Word | None]] = []

    def flush():
        if len(run) == 1:
            yield run[0]
        elif run:
            start, end = run[0][0], run[-1][1]
            pieces = [word for _, _, word in run if word is not None]
            joined = _analyse_written(re.sub(r"[^\w]|_", "", text[start:end]))
            if joined is None or not pieces:
                yield from run
            else:
                split = tuple(dict.fromkeys(piece.term for piece in pieces))
                yield start, end, Word(start, end, joined.term, joined.parts, split)
        run.clear()

    for span in spans(text):
        if run and text[run[-1][1] : span[0]] != "-":
            yield from flush()
        run.append(span)
    yield from flush()


def _folded(written: str, word: Word) -> tuple[str, ...]:
    """For a word typed without æøå: the terms it may stand for, matched as a fallback
    (ranked below the exact form): its letters folded ("aalesund" -> "alesund", which
    "Ålesund"'s document holds among its parts), and its ae/oe/aa read as æ/ø/å
    ("naeringsretta" -> the term of "næringsretta")."""
    lowered = normalise(written)
    if _NORWEGIAN_LETTERS & set(lowered):
        return ()
    forms = [fold_letters(word.term)]
    restored = restore_letters(lowered)
    if restored != lowered and (analysed := _analyse_written(restored)) is not None:
        forms.append(analysed.term)
    return tuple(form for form in dict.fromkeys(forms) if form != word.term)


def query_groups(text: str) -> list[QueryGroup]:
    """A query as groups that must all match; empty when nothing in it can be searched.

    A repeated word is asked once. A query is cut at MAX_QUERY_CHARS characters and
    MAX_QUERY_WORDS words: a pasted page is not a question, and the engines' cost grows
    with every term.
    """
    groups: dict[str, QueryGroup] = {}
    text = cut_query(text)
    for start, end, word in _hyphenated(text):
        if word is None:
            continue
        if word.term not in groups:
            written = text[start:end]
            groups[word.term] = QueryGroup(
                word.term, word.split, _folded(written, word), _translated(written)
            )
        if len(groups) >= MAX_QUERY_WORDS:
            break
    return list(groups.values())
