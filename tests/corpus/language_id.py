"""Language identification on the labelled corpus: the engine's own guess against two
offline identifiers (docs/accuracy.md, "Language identification").

Run as ``python tests/corpus/language_id.py`` (``py3langid`` and
``lingua-language-detector`` are optional: an identifier that is not installed is
skipped). For every in-sample item with text (``tests/corpus/items``; the held-out set is
not read), it compares the decision each method makes with the item's ``language`` label:

- the decision is ``de``, ``en`` or ``other`` (a language the text heuristics cannot
  read); items labelled ``und`` (an emoji, a link, a phone number) have no right answer
  and are counted apart;
- the engine's own guess (``TextAnalysis.language``) may also be *undecided* (``None``:
  too little signal), which the engine treats as readable: that is counted as right for
  a ``de``/``en`` item and wrong for an ``other`` one;
- **readable accuracy** is the share of items where the method gets "can the heuristics
  read this" right: what decides whether the text rules speak at all.

Cost: the import plus first call of each identifier in a fresh interpreter (wall and
CPU time, median of 3), and the CPU time per text over the corpus's texts (best of
``ROUNDS`` interleaved rounds, the engine's whole text analysis as the baseline). The
machine this runs on may be loaded: CPU time, interleaved, best-of.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROUNDS = 7
READ = ("de", "en")


def _texts() -> list[tuple[str, str]]:
    out = []
    for path in sorted((HERE / "items").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            event = item["event"]
            text = event.get("text") or event.get("note") or ""
            if text.strip():
                out.append((item["language"], text))
    return out


def _decision(code: str | None) -> str | None:
    if code is None:
        return None
    return code if code in READ else "other"


def _engine() -> Callable[[str], str | None]:
    from knigge_engine.text import analyse

    return lambda text: analyse(text).language


def _py3langid(restricted: bool) -> Callable[[str], str | None] | None:
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError:
        return None
    ident = LanguageIdentifier.from_model_file(MODEL_FILE)
    if restricted:
        ident.set_languages(["de", "en", "fr", "it", "es", "pt", "nl"])
    return lambda text: ident.classify(text)[0]


def _lingua(restricted: bool) -> Callable[[str], str | None] | None:
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:
        return None
    if restricted:
        builder = LanguageDetectorBuilder.from_languages(
            Language.GERMAN, Language.ENGLISH, Language.FRENCH, Language.ITALIAN,
            Language.SPANISH, Language.PORTUGUESE, Language.DUTCH)
    else:
        builder = LanguageDetectorBuilder.from_all_languages()
    detector = builder.build()

    def guess(text: str) -> str | None:
        found = detector.detect_language_of(text)
        return None if found is None else found.iso_code_639_1.name.lower()

    return guess


def accuracy(guess: Callable[[str], str | None], texts: list[tuple[str, str]]) -> dict:
    """Accuracy of ``guess`` on the labelled texts (module docstring)."""
    right = readable_right = strict = n = 0
    undecided = 0
    per: dict[str, Counter[str]] = defaultdict(Counter)
    und: Counter[str] = Counter()
    for label, text in texts:
        got = _decision(guess(text))
        if label == "und":
            und[got or "undecided"] += 1
            continue
        want = label if label in READ else "other"
        n += 1
        per[want]["n"] += 1
        if got is None:
            undecided += 1
            ok_read = want in READ  # the engine reads an undecided text
            ok = ok_read
        else:
            ok = got == want
            ok_read = (got in READ) == (want in READ)
            strict += ok
        right += ok
        readable_right += ok_read
        per[want]["right"] += ok
    return {"items": n, "accuracy": round(right / n, 3), "strict": round(strict / n, 3),
            "readable_accuracy": round(readable_right / n, 3), "undecided": undecided,
            "per_language": {k: f"{v['right']}/{v['n']}" for k, v in sorted(per.items())},
            "und_items": dict(und)}


_IMPORTS = {
    "engine": "import knigge_engine.text as t; t.analyse('Hallo Anna, wie geht es dir?')",
    "py3langid": "import py3langid; py3langid.classify('Hallo Anna, wie geht es dir?')",
    "lingua (all languages)": (
        "from lingua import LanguageDetectorBuilder as B; "
        "B.from_all_languages().build().detect_language_of('Hallo Anna, wie geht es dir?')"),
    "lingua (7 languages)": (
        "from lingua import Language as L, LanguageDetectorBuilder as B; "
        "B.from_languages(L.GERMAN, L.ENGLISH, L.FRENCH, L.ITALIAN, L.SPANISH, "
        "L.PORTUGUESE, L.DUTCH).build().detect_language_of('Hallo Anna, wie geht es dir?')"),
}


def start_cost(code: str) -> dict[str, float]:
    """Median wall and CPU seconds of a fresh interpreter that runs ``code``, minus the
    same for an empty interpreter."""
    probe = ("import time, resource; w = time.perf_counter(); {code}; "
             "r = resource.getrusage(resource.RUSAGE_SELF); "
             "print(time.perf_counter() - w, r.ru_utime + r.ru_stime)")
    walls, cpus = [], []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", probe.format(code=code)],
                             capture_output=True, text=True, check=True).stdout.split()
        walls.append(float(out[0]))
        cpus.append(float(out[1]))
    return {"wall_s": round(statistics.median(walls), 3),
            "cpu_s": round(statistics.median(cpus), 3)}


def per_text_cost(methods: dict[str, Callable[[str], str | None]],
                  texts: list[str]) -> dict[str, float]:
    """Best-of-``ROUNDS`` CPU microseconds per text, rounds interleaved."""
    best = dict.fromkeys(methods, float("inf"))
    for _ in range(ROUNDS):
        for name, guess in methods.items():
            t0 = time.process_time()
            for text in texts:
                guess(text)
            best[name] = min(best[name], time.process_time() - t0)
    return {k: round(v / len(texts) * 1e6, 1) for k, v in best.items()}


def main() -> int:
    texts = _texts()
    methods: dict[str, Callable[[str], str | None]] = {"engine": _engine()}
    for name, make, restricted in (("py3langid (97 languages)", _py3langid, False),
                                   ("py3langid (7 languages)", _py3langid, True),
                                   ("lingua (75 languages)", _lingua, False),
                                   ("lingua (7 languages)", _lingua, True)):
        made = make(restricted)
        if made is not None:
            methods[name] = made
    labels = Counter(label for label, _ in texts)
    print(f"{len(texts)} corpus texts; labels: {dict(labels)}")
    engine = methods["engine"]
    for name in [n for n in methods if n.startswith("py3langid (7")]:
        helper = methods[name]
        methods[f"engine, {name} where undecided"] = (
            lambda text, h=helper: engine(text) or h(text))
    print("\n| method | accuracy (de/en/other) | strict (undecided = wrong) | readable "
          "decision | undecided | de | en | other |\n|---|---|---|---|---|---|---|---|")
    for name, guess in methods.items():
        a = accuracy(guess, texts)
        p = a["per_language"]
        print(f"| {name} | {a['accuracy']:.3f} | {a['strict']:.3f} | "
              f"{a['readable_accuracy']:.3f} | "
              f"{a['undecided']} | {p.get('de')} | {p.get('en')} | {p.get('other')} |")
    print("\nPer text (CPU µs, best of", ROUNDS, "interleaved rounds):")
    for name, us in per_text_cost(methods, [t for _, t in texts]).items():
        print(f"  {name}: {us}")
    print("\nImport + first call in a fresh interpreter (median of 3; the empty "
          "interpreter's own start is included in both columns):")
    print("  python -c pass:", start_cost("pass"))
    for name, code in _IMPORTS.items():
        try:
            print(f"  {name}:", start_cost(code))
        except subprocess.CalledProcessError:
            print(f"  {name}: not installed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
