"""Every chore through one entry point: ``nox -s tests``, ``lint``, ``docs``, ``bench``,
``browser``.

The default sessions are the ones CI runs (``tests`` and ``lint``). Each session installs
what it needs itself; the platform plugins are installed as distributions (not imported
from source paths), exactly as a user gets them.
"""

from __future__ import annotations

from pathlib import Path

import nox

nox.options.sessions = ["tests", "lint"]
nox.options.reuse_existing_virtualenvs = True
nox.options.default_venv_backend = "venv"

ROOT = Path(__file__).parent
PLUGINS = sorted(
    str(p) for p in (ROOT / "plugins").glob("knigge-*") if (p / "pyproject.toml").exists()
)
PYTHON = "3.11"
# The rule engines the benchmarks compare with (benchmarks/peers.py): installed for the
# figures (bench) and for the parity tests of the benchmark harness (tests), so that CI
# checks that every peer still fires exactly the engine's codes. Wheels only, no build.
PEERS = ("rule-engine>=4", "zen-engine>=2", "common-expression-language>=0.10",
         "cel-python>=0.5")


def _install_project(session: nox.Session, *extras: str) -> None:
    spec = "." if not extras else f".[{','.join(extras)}]"
    # Non-editable installs: tests run against the installed distributions.
    session.install(spec, *PLUGINS)


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite (core and plugins) against installed distributions."""
    # The docs tools too: tests/test_docs.py builds the site with --strict.
    _install_project(session, "test", "docs", "report")
    session.install("build", *PEERS)
    paths = ["tests", *[f"{p}/tests" for p in PLUGINS if Path(p, "tests").is_dir()]]
    # The browser tests have a session of their own (`nox -s browser`).
    session.run("pytest", *(session.posargs or [*paths, "--ignore=tests/browser"]))


@nox.session(python=PYTHON)
def browser(session: nox.Session) -> None:
    """The report opened in a real Chromium (tests/browser): the system's browser
    (Debian: `apt-get install -y chromium`; `.ci/run` installs it), driven by Playwright,
    which downloads no browser of its own. With CI set, a missing browser fails; else the
    tests are skipped with the reason. Screenshots go to build/."""
    _install_project(session, "test", "report")
    session.install("playwright>=1.40")
    session.run("pytest", "tests/browser", *session.posargs,
                env={"PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1"})


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff on everything, mypy on the core and the platform plugins."""
    session.install("ruff", "mypy", "attrs", "cattrs", "pluggy", "click", "orjson",
                    "rapidfuzz", "tomli-w", "pytest", "hypothesis", "jinja2", "altair",
                    "vl-convert-python")
    session.run("ruff", "check", "src", "tests", "benchmarks", "examples", *PLUGINS)
    session.run("mypy", "src/knigge_engine", *[f"{p}/src/{Path(p).name.replace('-', '_')}"
                                               for p in PLUGINS])
    # A plugin as its author checks it: against the core as installed (a wheel with its
    # py.typed), not the source tree; mypy strict, as configured in pyproject.toml.
    session.install(".")
    session.run("python", "-c", "import knigge_engine, pathlib; "
                "assert 'site-packages' in knigge_engine.__file__, knigge_engine.__file__; "
                "assert (pathlib.Path(knigge_engine.__file__).parent / 'py.typed').exists()")
    session.run("mypy", "plugins/knigge-xing/src/knigge_xing")
    # What the typed rule API catches (each deliberate mistake carries an ignore that
    # mypy's warn_unused_ignores fails on once the API stops catching it).
    session.run("mypy", "tests/typing")


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """The documentation site, warnings as errors: generate the reference pages (rules of
    every plugin, policy, hooks, platforms, commands) into build/generated-docs for
    reading, then build the site into site/ (the MkDocs hook generates them again)."""
    _install_project(session, "docs")
    session.run("python", "docs/gen/reference.py", "build/generated-docs")
    session.run("mkdocs", "build", "--strict", *session.posargs,
                env={"NO_MKDOCS_2_WARNING": "1"})


@nox.session(python=PYTHON)
def accuracy(session: nox.Session) -> None:
    """Accuracy on the labelled real-world corpus (tests/corpus): per rule, language and
    platform, and of `due` on the corpus's exports; writes build/accuracy.json and
    build/accuracy.md (summarised in docs/accuracy.md)."""
    _install_project(session)
    session.run("python", "tests/corpus/accuracy.py", "build")


@nox.session(python=PYTHON)
def fuzz(session: nox.Session) -> None:
    """The fuzzing harness (docs/reliability.md): every fuzz target — event model,
    JSONL reader and report, policy loader, history store, command line, and the
    LinkedIn, Facebook and XING importers — with a budget of Hypothesis examples per
    target and seed: ``nox -s fuzz -- --budget 2000 --seeds 5``. Writes
    build/fuzz/fuzz.{json,md} (examples and records checked per target)."""
    _install_project(session, "test")
    session.run("python", "tests/fuzz/run.py", *session.posargs)


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Benchmarks: every figure of the speed issue in one run, paired rounds, medians and
    spread (benchmarks/run.py): the engine vs the like-for-like and the plain baseline,
    in-process and as processes; evaluate of a request without a note; start-up; memory
    while streaming; --jobs scaling; the peers (rule-engine, zen-engine, CEL). Writes
    JSON and Markdown to bench-results/ (git-ignored; docs/performance.md quotes the
    runs it reports). ``nox -s bench -- --quick`` is a smoke run of a few minutes;
    ``-- --spark`` adds Spark local[2] (installs pyspark)."""
    _install_project(session, *(("spark",) if "--spark" in session.posargs else ()))
    session.install(*PEERS)
    session.run("python", "benchmarks/run.py", *session.posargs)
    # History: recording rate, due() and KN110 at 10k/100k/1M (--quick: 10k/100k).
    session.run("python", "benchmarks/bench_history.py",
                *(a for a in session.posargs if a == "--quick"))


@nox.session(python=PYTHON)
def spark(session: nox.Session) -> None:
    """The Spark tests (tests/spark) with a real local Spark session: installs pyspark
    (large) and needs a Java runtime (17+) on PATH. Not part of the default sessions."""
    _install_project(session, "test", "spark")
    session.run("pytest", "tests/spark", *session.posargs)
