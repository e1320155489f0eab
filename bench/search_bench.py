"""Benchmark: the search index at 100,000 documents, and recall on the Norwegian test set.

    .venv/bin/python bench/search_bench.py --quality          # recall: ours and Wagtail's
    .venv/bin/python bench/search_bench.py                    # speed: 100,000 documents
    .venv/bin/python bench/search_bench.py --documents 20000 --wagtail-documents 20000

Set DATABASE_URL for PostgreSQL (e.g. postgres://byregion:byregion@127.0.0.1:5432/
byregion_search_bench); the script works in a test database it creates and drops (on
SQLite a file in the temporary directory, not memory, to measure what a site would see).

The corpus is synthetic and says so in every document: sentences generated from the
project's own vocabulary (the demo's texts, the catalogues' Bokmål and Nynorsk strings, the
municipality names of the places snapshot, the search lexicon) with Bokmål and Nynorsk
inflections, word frequencies following Zipf's law (1/rank), a fixed seed, dates 2014-2026,
regions and themes as facets.
"""

import argparse
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "byregion.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402

SEED = 2026
KINDS = [("news", 40), ("session", 20), ("experience", 10), ("material", 10),
         ("organisation", 10), ("gathering", 5), ("municipality", 5)]  # fmt: skip
VERBS_NB = ["samarbeider om", "planlegger", "utvikler", "styrker", "diskuterer", "lærer om",
            "satser på", "evaluerer", "presenterer", "viser"]  # fmt: skip
VERBS_NN = ["samarbeider om", "planlegg", "utviklar", "styrkjer", "diskuterer", "lærer om",
            "satsar på", "evaluerer", "presenterer", "viser"]  # fmt: skip
GLUE_NB = ["i", "for", "med", "og", "om", "fra", "til", "mellom", "etter", "ved"]
GLUE_NN = ["i", "for", "med", "og", "om", "frå", "til", "mellom", "etter", "ved"]


def project_words() -> tuple[list[str], list[str]]:
    """Words of our own Norwegian texts (the nb and nn catalogues, the quality set's
    sentences, the demo's Nynorsk purpose text) and the snapshot's municipality names."""
    from tests.search.quality import PAIRS

    from byregion.demo.networks import PURPOSE

    src = ROOT / "src" / "byregion"
    text = [PURPOSE, *(f"{title} {body}" for _, title, body, _ in PAIRS)]
    for path in src.glob("*/locale/n[bn]/LC_MESSAGES/*.po"):
        text.append(" ".join(re.findall(r'msgstr "(.*)"', path.read_text(encoding="utf-8"))))
    words = sorted({w.lower() for w in re.findall(r"[^\W\d_]{4,}", " ".join(text))})
    names = json.loads((src / "places" / "data" / "municipalities.json").read_text("utf-8"))
    places = sorted({code["name"].split(" - ")[0] for code in names["codes"]})
    return words, places


def zipf(count: int) -> list[float]:
    """Cumulative weights 1/rank: a few words are everywhere, most are rare (as in text)."""
    total, cumulative = 0.0, []
    for rank in range(1, count + 1):
        total += 1 / rank
        cumulative.append(total)
    return cumulative


def inflections(noun: str, nynorsk: bool) -> list[str]:
    stem = noun[:-1] if noun.endswith("e") else noun
    if nynorsk:
        return [noun, stem + "en", stem + "ar", stem + "ane", noun]
    return [noun, stem + "en", stem + "er", stem + "ene", noun]


class Corpus:
    def __init__(self, seed: int = SEED):
        from byregion.search.analysis import LEXICON

        self.random = random.Random(seed)
        filler, self.places = project_words()
        nouns = sorted(LEXICON - {"by", "nærings", "sentrums", "lokal", "regional", "nasjonal"})
        order = random.Random(SEED)  # the same word frequencies for corpus and queries
        order.shuffle(nouns)
        order.shuffle(filler)
        self.nouns, self.noun_weights = nouns, zipf(len(nouns))
        self.filler, self.filler_weights = filler, zipf(len(filler))
        self.compounds = [a + ("s" if a.endswith("ing") else "") + b
                          for a in nouns[:40] for b in nouns[40:80]]  # fmt: skip

    def noun(self, nynorsk: bool) -> str:
        r = self.random
        if r.random() < 0.12:
            return r.choice(self.compounds)
        noun = r.choices(self.nouns, cum_weights=self.noun_weights)[0]
        return r.choice(inflections(noun, nynorsk))

    def sentence(self, nynorsk: bool) -> str:
        r = self.random
        verbs, glue = (VERBS_NN, GLUE_NN) if nynorsk else (VERBS_NB, GLUE_NB)
        words = [r.choice(self.places), r.choice(verbs), self.noun(nynorsk)]
        for _ in range(r.randint(3, 12)):
            choice = r.random()
            if choice < 0.35:
                words.append(self.noun(nynorsk))
            elif choice < 0.6:
                words.append(r.choice(glue))
            elif choice < 0.9:
                words.append(r.choices(self.filler, cum_weights=self.filler_weights)[0])
            else:
                words.append(r.choice(self.places))
        return " ".join(words).capitalize() + "."

    def document(self, number: int):
        import datetime as dt

        from byregion.search.index import DocumentData

        r = self.random
        nynorsk = r.random() < 0.4
        kind = r.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
        title_words = [self.noun(nynorsk) for _ in range(r.randint(1, 3))]
        title = " ".join([*title_words, r.choice(GLUE_NN if nynorsk else GLUE_NB),
                          r.choice(self.places)]).capitalize()  # fmt: skip
        body = " ".join(self.sentence(nynorsk) for _ in range(r.randint(4, 14)))
        date = None
        if kind not in ("organisation", "municipality"):
            date = dt.datetime(2014, 1, 1, tzinfo=dt.UTC) + dt.timedelta(
                minutes=r.randint(0, 13 * 365 * 24 * 60)
            )
        return DocumentData(
            kind=kind,
            title=title,
            url=f"/synthetic/{number}/",
            summary="Generert testtekst (syntetisk)." if nynorsk else "Generert testtekst.",
            body=body,
            language="nn" if nynorsk else "nb",
            date=date,
            organisation_id=r.randint(1, 400) if r.random() < 0.5 else None,
            region_ids=r.sample(range(1, 38), r.randint(0, 2)),
            theme_ids=r.sample(range(1, 7), r.randint(0, 2)),
        )

    def prefixes(self, count: int) -> list[str]:
        """What the header's box holds while someone types: the first 2 to all letters of a
        word or a place name (three in four), or a whole word and the start of the next."""
        r = self.random
        result = []
        for _ in range(count):
            nynorsk = r.random() < 0.4
            word = r.choice(self.places) if r.random() < 0.3 else self.noun(nynorsk)
            typed = word[: r.randint(2, max(2, len(word)))]
            if r.random() < 0.25:
                following = self.noun(nynorsk)
                typed = f"{word} {following[: r.randint(1, len(following))]}"
            result.append(typed)
        return result

    def queries(self, count: int) -> list[tuple[str, dict]]:
        """A mix: one word (55%), two words (25%), a place name (10%), a compound (10%);
        a fifth with a filter (type, region, language or a date range)."""
        r = self.random
        result = []
        for _ in range(count):
            choice = r.random()
            nynorsk = r.random() < 0.4
            if choice < 0.55:
                q = self.noun(nynorsk)
            elif choice < 0.8:
                q = f"{self.noun(nynorsk)} {self.noun(nynorsk)}"
            elif choice < 0.9:
                q = r.choice(self.places)
            else:
                q = r.choice(self.compounds)
            filters = {}
            if r.random() < 0.2:
                import datetime as dt

                filters = r.choice([
                    {"kinds": ["news"]}, {"regions": [r.randint(1, 37)]}, {"language": "nn"},
                    {"date_from": dt.date(2020, 1, 1), "date_to": dt.date(2022, 12, 31)},
                ])  # fmt: skip
            result.append((q, filters))
        return result


def percentile(samples: list[float], share: float) -> float:
    samples = sorted(samples)
    return samples[min(len(samples) - 1, int(len(samples) * share))]


def report(label: str, samples: list[float]) -> None:
    print(
        f"{label:<58} p50 {statistics.median(samples):7.1f} ms   "
        f"p95 {percentile(samples, 0.95):7.1f} ms   max {max(samples):7.1f} ms"
    )


def build_ours(corpus: Corpus, count: int, batch_size: int = 2000) -> float:
    from django.contrib.contenttypes.models import ContentType

    from byregion.search.index import _build, write
    from byregion.search.models import Document

    content_type = ContentType.objects.get_for_model(Document)

    class Object:
        pk = 0

    start = time.perf_counter()
    with transaction.atomic():
        batch = []
        for number in range(1, count + 1):
            Object.pk = number
            data = corpus.document(number)
            batch.append(_build(content_type, Object, data))
            if len(batch) >= batch_size:
                write(batch)  # the documents and their title words, as rebuild() writes
                batch = []
        write(batch)
    return time.perf_counter() - start


def settle() -> None:
    """What a site's database has done some time after a bulk load: statistics, and on
    PostgreSQL the visibility map (autovacuum's VACUUM ANALYZE); on SQLite the full-text
    segments merged (`index.optimize()`, which `rebuild()` runs)."""
    from byregion.search.index import optimize

    start = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE byregion_search_document")
        else:
            optimize()
            cursor.execute("ANALYZE")
    print(
        f"      settle (VACUUM ANALYZE / optimize + ANALYZE): {time.perf_counter() - start:.1f} s"
    )


def analyse_only(count: int) -> float:
    """Generation and analysis without the database, to split the build time."""
    from byregion.search import analysis

    corpus = Corpus(SEED)
    start = time.perf_counter()
    for number in range(1, count + 1):
        data = corpus.document(number)
        analysis.index_terms(data.title)
        analysis.index_terms(data.body)
    return time.perf_counter() - start


def database_size() -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA page_count")
            pages = cursor.fetchone()[0]
            cursor.execute("PRAGMA page_size")
            return f"{pages * cursor.fetchone()[0] / 1e6:.0f} MB (whole file)"
        cursor.execute("SELECT pg_total_relation_size('byregion_search_document')")
        documents = cursor.fetchone()[0] / 1e6
        cursor.execute("SELECT pg_total_relation_size('byregion_search_titleword')")
        words = cursor.fetchone()[0] / 1e6
        return (f"{documents:.0f} MB (documents, vector, indexes) + {words:.0f} MB "
                "(title words for suggestions, with their index)")  # fmt: skip


def suggestion_speed(args) -> None:
    """Suggestions while typing: the lookup, and the whole answer through Django's URL
    routing and view (page cache off, so every answer is looked up)."""
    from django.test import Client, override_settings

    from byregion.search.complete import suggestions
    from byregion.search.models import TitleWord

    print(f"      title words: {TitleWord.objects.count()} rows")
    typed = Corpus(SEED + 2).prefixes(args.queries)
    for text in typed[:20]:
        suggestions(text)
    samples, found = [], []
    for text in typed:
        start = time.perf_counter()
        found.append(len(suggestions(text)))
        samples.append((time.perf_counter() - start) * 1000)
    report(f"ours: suggestions() {len(typed)} prefixes", samples)
    print(f"      suggestions per prefix: median {statistics.median(found):.0f}; "
          f"none for {sum(1 for n in found if not n)} of {len(found)}")  # fmt: skip
    client = Client()
    with override_settings(BYREGION_PAGE_CACHE=False):
        samples = []
        for text in typed:
            start = time.perf_counter()
            response = client.get("/sok/forslag/", {"q": text})
            samples.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.status_code
    report(f"ours: GET /sok/forslag/ {len(typed)} prefixes (page cache off)", samples)


def speed(args) -> None:
    from tests.search import wagtail_baseline

    from byregion.search import engines
    from byregion.search.models import Document
    from byregion.search.query import search

    if args.keepdb and Document.objects.count() == args.documents:
        print(f"ours: reusing the kept index of {args.documents} documents")
    else:
        Document.objects.all().delete()
        seconds = build_ours(Corpus(SEED), args.documents)
        print(f"ours: index {args.documents} documents: {seconds:.1f} s "
              f"({args.documents / seconds:.0f} documents/s); size {database_size()}")  # fmt: skip
        settle()
    queries = Corpus(SEED + 1).queries(args.queries)
    for q, filters in queries[:20]:
        search(q, **filters)  # warm caches
    samples, totals = [], []
    for q, filters in queries:
        start = time.perf_counter()
        results = search(q, **filters)
        samples.append((time.perf_counter() - start) * 1000)
        totals.append((results.total, results.count_is_lower_bound))
    report(f"ours: search() {len(queries)} queries (counts + page + snippets)", samples)
    if connection.vendor == "postgresql":
        # The anchor, in the same run: every capped count by the index's bitmap, as before
        # the walk (engines.PostgreSQLEngine.pass_estimates) was added.
        walk_is_cheaper = engines.PostgreSQLEngine._walk_is_cheaper
        engines.PostgreSQLEngine._walk_is_cheaper = lambda *args, **kwargs: False
        try:
            anchor = []
            for q, filters in queries:
                start = time.perf_counter()
                search(q, **filters)
                anchor.append((time.perf_counter() - start) * 1000)
        finally:
            engines.PostgreSQLEngine._walk_is_cheaper = walk_is_cheaper
        report("  the same, every count by the bitmap (before the walk)", anchor)
        ratio = percentile(samples, 0.95) / percentile(anchor, 0.95)
        print(f"      p95 ours / bitmap only: {ratio:.2f}")
    suggestion_speed(args)
    exact = [total for total, floor in totals if not floor]
    print(f"      counted only up to the cap (more than {engines.COUNT_CAP} matches): "
          f"{len(totals) - len(exact)} of {len(totals)} queries; the others' matches: "
          f"median {statistics.median(exact or [0]):.0f}, max {max(exact or [0])}")  # fmt: skip

    if args.wagtail_documents:
        from byregion.search.models import Document

        Document.objects.filter(pk__gt=args.wagtail_documents).delete()
        start = time.perf_counter()
        with transaction.atomic():
            wagtail_baseline.index_all()
        seconds = time.perf_counter() - start
        rate = args.wagtail_documents / seconds
        print(f"wagtail {wagtail_baseline.describe()}: index {args.wagtail_documents} "
              f"documents: {seconds:.1f} s ({rate:.0f} documents/s)")  # fmt: skip
        settle()
        plain = [q for q, _ in queries[: args.wagtail_queries]]
        samples, budget = [], time.perf_counter() + args.wagtail_seconds
        for q in plain:
            start = time.perf_counter()
            wagtail_baseline.search_ids(q)
            samples.append((time.perf_counter() - start) * 1000)
            if time.perf_counter() > budget:
                print(f"      (stopped after {len(samples)} queries: {args.wagtail_seconds} s)")
                break
        plain = plain[: len(samples)]
        report(f"wagtail: first 10 results, {len(plain)} queries (no filters)", samples)
        samples = []
        for q in plain:
            start = time.perf_counter()
            search(q)
            samples.append((time.perf_counter() - start) * 1000)
        report(f"ours on the same {args.wagtail_documents} documents, same queries", samples)


def calibrate(args) -> None:
    """PostgreSQL: each capped count of a query set timed both ways, as a walk of the table
    and as the GIN index's bitmap, beside `engines.PostgreSQLEngine.pass_estimates`; the
    constants the measurements imply (µs a row walked, µs a posting), and how often the
    engine's choice was the faster."""
    from byregion.search import analysis, engines
    from byregion.search.engines import Filters, engine_for
    from byregion.search.models import Document
    from byregion.search.query import _end_of, _start_of

    if connection.vendor != "postgresql" or Document.objects.count() != args.documents:
        sys.exit("--calibrate: PostgreSQL, with the index kept (--keepdb) at --documents")

    queries = Corpus(SEED + 3).queries(args.queries)
    walk_rates, bitmap_rates, right, slower_by = [], [], 0, []
    for q, options in queries:
        groups = analysis.query_groups(q)
        if not groups:
            continue
        filters = Filters(
            kinds=tuple(options.get("kinds", ())), regions=tuple(options.get("regions", ())),
            language=options.get("language"), date_from=_start_of(options.get("date_from")),
            date_to=_end_of(options.get("date_to")),
        )  # fmt: skip
        engine = engine_for(groups, filters)
        with engine.planned():
            estimates = engine.pass_estimates(engines.COUNT_CAP, with_kinds=False)
        if estimates is None:
            continue
        times = {}
        for walk in (True, False, True, False):
            engine._walk_is_cheaper = lambda *a, walk=walk, **k: walk
            with engine.planned(), connection.cursor() as cursor:
                start = time.perf_counter()
                engine.counts(cursor, engines.COUNT_CAP)
                elapsed = (time.perf_counter() - start) * 1000
            times[walk] = min(times.get(walk, elapsed), elapsed)
        walk_units = estimates[0] / engines.WALK_ROW_US["search_vector"]
        walk_rates.append(times[True] * 1000 / walk_units)
        bitmap_rates.append(times[False] * 1000 / estimates[1])
        chosen = estimates[0] < estimates[1]
        right += (times[True] <= times[False]) == chosen
        slower_by.append(times[chosen] - min(times.values()))
        if args.verbose:
            print(f"  {q!r:38} {str(options)[:34]:34} walk {times[True]:6.1f} ms "
                  f"(est. {estimates[0] / 1000:6.1f})  bitmap {times[False]:6.1f} ms "
                  f"(est. {estimates[1] / 1000:6.1f})  {('bitmap', 'walk')[chosen]}")  # fmt: skip
    print(f"counts passes timed both ways: {len(walk_rates)}")
    print(f"  walk: median {statistics.median(walk_rates):.2f} µs a row "
          f"(engine: {engines.WALK_ROW_US['search_vector']})")  # fmt: skip
    print(f"  bitmap: median {statistics.median(bitmap_rates):.2f} times the estimate")
    print(f"  the engine chose the faster way for {right} of {len(walk_rates)}; lost "
          f"{sum(slower_by):.0f} ms in all, at most {max(slower_by):.1f} ms on one")  # fmt: skip


def quality(args) -> None:
    from tests.search import wagtail_baseline
    from tests.search.conftest import add_document
    from tests.search.quality import PAIRS, RESULTS_PER_QUERY, index_pairs, recall

    from byregion.search.query import search

    documents = index_pairs(add_document)
    by_object = {document.object_id: document.pk for document in documents}

    def ours(query):
        hits = search(query, per_page=RESULTS_PER_QUERY).hits
        return {by_object[hit.object_id] for hit in hits if hit.object_id in by_object}

    wagtail_baseline.index_all()
    for label, run in (("ours", ours), (f"wagtail {wagtail_baseline.describe()}",
                                        wagtail_baseline.search_ids)):  # fmt: skip
        score, missed = recall(documents, run)
        print(f"{label}: recall {score:.0%} ({len(PAIRS) - len(missed)}/{len(PAIRS)})")
        # Control: the longest word of each title, as written, proves the harness finds what
        # the engine can find.
        found = sum(
            document.pk in run(max(title.split(), key=len)) for (_, title, *_), document in zip(
                PAIRS, documents, strict=True)
        )  # fmt: skip
        print(f"    control (a title's longest word as written): {found}/{len(PAIRS)}")
        if args.verbose:
            for miss in missed:
                print(f"    missed {miss}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quality", action="store_true", help="recall on the test set")
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--wagtail-documents", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--wagtail-queries", type=int, default=100)
    parser.add_argument("--wagtail-seconds", type=int, default=300)
    parser.add_argument("--analyse-only", action="store_true")
    parser.add_argument(
        "--calibrate", action="store_true",
        help="PostgreSQL, with --keepdb: time each capped count as a walk and as a bitmap",
    )  # fmt: skip
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument(
        "--keepdb", action="store_true",
        help="keep the test database and reuse its index when it has --documents documents "
        "(for trying changes to search(); skips Wagtail's part, which deletes documents)",
    )  # fmt: skip
    args = parser.parse_args()
    if args.analyse_only:
        print(f"generate and analyse {args.documents}: {analyse_only(args.documents):.1f} s")
        return
    database = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        database.setdefault("TEST", {})["NAME"] = str(
            Path(tempfile.gettempdir()) / "byregion_search_bench.sqlite3"
        )
    setup_test_environment()
    old_name = connection.creation.create_test_db(
        verbosity=0, autoclobber=not args.keepdb, keepdb=args.keepdb
    )
    if args.keepdb:
        args.wagtail_documents = 0
    try:
        print(f"database: {connection.vendor}; python {sys.version.split()[0]}; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")  # fmt: skip
        if args.quality:
            quality(args)
        elif args.calibrate:
            calibrate(args)
        else:
            speed(args)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=args.keepdb)
        teardown_test_environment()


if __name__ == "__main__":
    main()
