"""Regex audit (issue 13 point 4, `docs/reliability.md#regex-audit`): time every
regex that sees untrusted text on hostile inputs of 1,000, 10,000 and 100,000 characters
and print the growth from 10k to 100k (about x10 is linear, about x100 quadratic).

`python benchmarks/regex_scaling.py [NAME-PART ...]` (needs the three plugins). A
figure for reading, never an assertion; CPU time, best of three.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from typing import Any

import knigge_facebook.importer as FB
import knigge_linkedin.importer as LI
import knigge_xing.importer as XI

from knigge_engine import history, replies, say
from knigge_engine import text as T
from knigge_engine.builtin import coach, triage
from knigge_engine.text import analysis as TA
from knigge_engine.text import language as TL

A = TA._DEFAULT.compile()  # compiled on first use otherwise: the attributes below need it


def timeit(fn: Callable[[str], Any], arg: str, reps: int = 3) -> float:
    best = 1e9
    for _ in range(reps):
        t = time.process_time()
        fn(arg)
        best = min(best, time.process_time() - t)
    return best


CASES: list[tuple[str, Callable[[str], Any], Callable[[int], str], tuple[int, ...]]] = []


def case(name: str, fn: Callable[[str], Any], make: Callable[[int], str],
         sizes: tuple[int, ...] = (1000, 10000, 100000)) -> None:
    CASES.append((name, fn, make, sizes))


def fa(p: re.Pattern[str]) -> Callable[[str], Any]:
    return lambda s: list(p.finditer(s))


def fl(p: re.Pattern[str]) -> Callable[[str], Any]:
    return lambda s: p.findall(s)


def sr(p: re.Pattern[str]) -> Callable[[str], Any]:
    return lambda s: p.search(s)


# the text package
case("ADDRESS_CANDIDATE one token", fl(TL._ADDRESS_CANDIDATE), lambda n: "a" * n)
case("ADDRESS_CANDIDATE h-run", fl(TL._ADDRESS_CANDIDATE), lambda n: "h" * n + " x")
case("ADDRESS_CANDIDATE ww", fl(TL._ADDRESS_CANDIDATE), lambda n: "ww" * (n // 2))
case("NON_LATIN", fl(TL._NON_LATIN_LETTER), lambda n: "ä" * n)
case("script_language", TL.script_language, lambda n: "я1" * (n // 2))
case("phrase_re spaces", fa(A._phrase_re), lambda n: " " * n)
if A._sales_loose_re is not None:
    case("sales_loose_re", fa(A._sales_loose_re), lambda n: "% " * (n // 2))
case("du_re", fa(A._du_re), lambda n: " du" * (n // 3))
case("sie_re", fa(A._sie_re), lambda n: " sie" * (n // 4))
case("greet_re", fa(A._greet_re), lambda n: " hallo" * (n // 6))
case("reason_question words", T.reason_question, lambda n: "woher " * (n // 6))
case("reason_question spaces", T.reason_question, lambda n: "woher" + " " * n)
case("reason_question ws-between", T.reason_question, lambda n: "how did " * (n // 8))
case("FIRST_PERSON", lambda s: TA._FIRST_PERSON.match(s), lambda n: "unser" + "a" * n)
case("WORD_RE", fl(TL.WORD_RE), lambda n: "a." * (n // 2))
case("formal_salutation", lambda s: T.formal_salutation(s, ("Hallo", 0, 5)),
     lambda n: "Hallo" + " " * n)
# history, say
case("history normalise", history.normalise_note, lambda n: " \t" * (n // 2))
case("say.context end", lambda s: say.context(s, len(s) - 3, len(s)),
     lambda n: "a " * (n // 2) + "xyz")
case("say.context start", lambda s: say.context(s, 0, 3), lambda n: "xyz" + " a" * (n // 2))
# coach
case("coach FREE", sr(coach._FREE), lambda n: "kostenlos" + "a" * n + "1")
case("coach PRICE digits-ws", sr(coach._PRICE), lambda n: "1 " * (n // 2))
case("coach PRICE kauf", sr(coach._PRICE), lambda n: "kauf" + "a" * n + "1")
case("coach PRICE 1+ws", sr(coach._PRICE), lambda n: "1" + " " * n + "x")
# triage
case("triage NO_NAME fullmatch", lambda s: triage._NO_NAME.fullmatch(s), lambda n: " " * n + "x")
case("replies TITLE", sr(replies._TITLE), lambda n: "a" * n)
# facebook
case("FB JSON_TOKEN escaped quotes", fa(FB._JSON_TOKEN), lambda n: '"' + '\\"' * (n // 2))
case("FB JSON_TOKEN quotes", fa(FB._JSON_TOKEN), lambda n: '"a' * (n // 2))
case("FB JSON_TOKEN backslash-nl", fa(FB._JSON_TOKEN), lambda n: '"\\\n' * (n // 3))
case("FB cut_deep", FB._cut_deep, lambda n: "[" * 100 + '"' + '\\"' * (n // 2))
case("FB MESSAGE_RE", sr(FB._MESSAGE_RE), lambda n: "messages/inbox/" * (n // 15))
case("FB MESSAGE_RE 2", sr(FB._MESSAGE_RE), lambda n: "/messages/inbox/" + "a" * n)
case("FB PROFILE_RE", sr(FB._PROFILE_RE), lambda n: "profile_information/" * (n // 20))
case("FB SURROGATE", sr(FB._SURROGATE), lambda n: "a" * n)
# linkedin
case("LI /in/", sr(re.compile(r"/in/([^/?#]+)")), lambda n: "/in/" * (n // 4))
case("LI US_TIME", sr(LI._US_TIME), lambda n: "1/1/2020 " * (n // 9))
case("LI UTC_TIME", sr(LI._UTC_TIME), lambda n: "2020-01-01 " * (n // 11))
case("LI US_TIME digits", sr(LI._US_TIME), lambda n: "1" * n)
case("LI UTC_TIME digits", sr(LI._UTC_TIME), lambda n: "1" * n)
case("LI DMY", sr(LI._DAY_MONTH_YEAR), lambda n: "1 abc" + "a" * n)
case("LI DMY rep", sr(LI._DAY_MONTH_YEAR), lambda n: "11 abc" * (n // 6))
case("LI ISO digits", sr(LI._ISO_DATE), lambda n: "1" * n)
case("LI HTML_TAG_PRESENT open", sr(LI._HTML_TAG_PRESENT), lambda n: "<a " * (n // 3))
case("LI HTML_TAG_PRESENT long", sr(LI._HTML_TAG_PRESENT), lambda n: "<a " + "x" * n)
case("LI HTML_TAG_PRESENT letters", sr(LI._HTML_TAG_PRESENT), lambda n: "<" + "a" * n)
case("LI HTML_TAG_PRESENT sl", sr(LI._HTML_TAG_PRESENT), lambda n: "<a /" * (n // 4))
case("LI HTML_BREAK", lambda s: LI._HTML_BREAK.sub("\n", s), lambda n: "< " * (n // 2))
case("LI HTML_BREAK br", lambda s: LI._HTML_BREAK.sub("\n", s), lambda n: "<br" * (n // 3))
case("LI HTML_TAG", lambda s: LI._HTML_TAG.sub("", s), lambda n: "<" * n)
case("LI HTML_TAG a", lambda s: LI._HTML_TAG.sub("", s), lambda n: "<a" * (n // 2))
case("LI BLANK_LINES", lambda s: LI._BLANK_LINES.sub("\n\n", s), lambda n: "\n\nx" * (n // 3))
# xing
case("XI PROFILE_RE", sr(XI._PROFILE_RE), lambda n: "/profile/" * (n // 9))
case("XI PROFILE_RE 2", sr(XI._PROFILE_RE), lambda n: "/profiles" * (n // 9))



def main(only: list[str]) -> None:
    print(f"{'case':40s} {'1k ms':>9s} {'10k ms':>9s} {'100k ms':>9s}  growth")
    for name, fn, make, sizes in CASES:
        if only and not any(o in name for o in only):
            continue
        ts = [timeit(fn, make(n)) for n in sizes]
        ratio = ts[-1] / max(ts[-2], 1e-6)
        flag = "  <-- super-linear" if ratio > 30 and ts[-1] > 0.005 else ""
        print(f"{name:40s} " + " ".join(f"{t * 1000:9.3f}" for t in ts)
              + f"  x{ratio:6.1f}{flag}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
