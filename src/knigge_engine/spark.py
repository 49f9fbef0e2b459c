"""The engine inside Apache Spark (optional extra: `pip install knigge-engine[spark]`).

The same engine, plugins and policy as `knigge check`, over a DataFrame of events:

```python
from knigge_engine.spark import assess, summary
events = spark.read.text("events/*.jsonl").withColumnRenamed("value", "event")
assessments = assess(events, policy="knigge.toml")
assessments.write.parquet("assessments/")
summary(assessments).show()           # read / assessed / rejected
```

How it runs: the driver resolves the policy and notes which plugins its engine has, as
an `EngineRecipe` (plain data). Each executor's Python
worker builds its engine from that recipe once — at the first partition it processes,
reused for the next ones with the same recipe — and stops the job with a
`MissingPluginError` naming the plugin when one the driver
had is not installed there. Rows go to the Python workers as Arrow record batches
(`DataFrame.mapInArrow`; by owner, `applyInArrow` on Spark 4): the `keep` columns
pass through untouched, only the event column is read into Python, and the assessment
columns are built column by column — no pickling of rows, no pandas.

Bad rows never fail the job: a row that is not JSON, or not an event of the contract,
becomes an assessment row whose `error` column says why (with the key path) and whose
other columns are empty. `summary` counts read / assessed / rejected rows from the
result; `Counters` offers the same counts as accumulators.

History and follow-through for many owners: `assess` with `by_owner=True` groups
the events by owner (the recipient of an incoming event, the sender of an outgoing one),
builds each owner's history in memory and judges each event against what happened
before it for that owner; `due` runs the follow-through rules per owner at a
moment `now`. See `docs/spark.md`.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import orjson

from .recipe import EngineRecipe

if TYPE_CHECKING:  # pragma: no cover
    from pyspark import Accumulator, SparkContext
    from pyspark.sql import DataFrame

__all__ = [
    "ASSESSMENT_COLUMNS",
    "DUE_COLUMNS",
    "Counters",
    "assess",
    "due",
    "recipe_for",
    "summary",
]

#: The assessment columns, in order (`keep` columns come first).
ASSESSMENT_COLUMNS = ("event", "platform", "kind", "direction", "owner", "action", "score",
                      "severity", "codes", "findings", "reply", "assessment", "error")
#: The columns of `due`.
DUE_COLUMNS = ("owner", "code", "name", "action", "severity", "platform", "event", "party",
               "since", "due", "overdue_days", "message", "reply", "item", "error")


def _types() -> Any:
    from pyspark.sql import types as T

    return T


def _assessment_schema(keep: Sequence[Any]) -> Any:
    T = _types()
    finding = T.StructType([
        T.StructField("code", T.StringType()),
        T.StructField("name", T.StringType()),
        T.StructField("severity", T.StringType()),
        T.StructField("weight", T.DoubleType()),
        T.StructField("message", T.StringType()),
    ])
    return T.StructType([
        *keep,
        T.StructField("event", T.StringType()),
        T.StructField("platform", T.StringType()),
        T.StructField("kind", T.StringType()),
        T.StructField("direction", T.StringType()),
        T.StructField("owner", T.StringType()),
        T.StructField("action", T.StringType()),
        T.StructField("score", T.DoubleType()),
        T.StructField("severity", T.StringType()),
        T.StructField("codes", T.ArrayType(T.StringType())),
        T.StructField("findings", T.ArrayType(finding)),
        T.StructField("reply", T.StringType()),
        T.StructField("assessment", T.StringType()),
        T.StructField("error", T.StringType()),
    ])


def _due_schema() -> Any:
    T = _types()
    return T.StructType([
        T.StructField("owner", T.StringType()),
        T.StructField("code", T.StringType()),
        T.StructField("name", T.StringType()),
        T.StructField("action", T.StringType()),
        T.StructField("severity", T.StringType()),
        T.StructField("platform", T.StringType()),
        T.StructField("event", T.StringType()),
        T.StructField("party", T.StringType()),
        T.StructField("since", T.StringType()),
        T.StructField("due", T.StringType()),
        T.StructField("overdue_days", T.LongType()),
        T.StructField("message", T.StringType()),
        T.StructField("reply", T.StringType()),
        T.StructField("item", T.StringType()),
        T.StructField("error", T.StringType()),
    ])


class Counters:
    """Accumulators for read / assessed / rejected rows and engines built.

    Values are complete after an action on the result (`count()`, `write`). Spark
    may re-run a task (a lost executor, speculation) and add its counts again; for
    exact figures use `summary`, which counts the result itself.
    """

    def __init__(self, sc: SparkContext) -> None:
        self.read: Accumulator[int] = sc.accumulator(0)
        self.assessed: Accumulator[int] = sc.accumulator(0)
        self.rejected: Accumulator[int] = sc.accumulator(0)
        self.engines_built: Accumulator[int] = sc.accumulator(0)

    def as_dict(self) -> dict[str, int]:
        """The current values (on the driver)."""
        return {"read": self.read.value, "assessed": self.assessed.value,
                "rejected": self.rejected.value, "engines_built": self.engines_built.value}


def recipe_for(policy: Any = None, *, plugins: Iterable[str] | None = None,
               blocked: Iterable[str] = (), strict: bool = False) -> EngineRecipe:
    """Build the engine on the driver (so a bad policy fails before any job) and return
    its recipe. `policy` is a path to a `.toml` file, TOML text, a dict of parsed
    TOML, a [`Policy`][knigge_engine.policy.Policy], or `None` for the default preset;
    `plugins` names the plugins executors must have (default: every plugin the
    driver's engine has)."""
    from .engine import Engine
    from .policy import Policy, load_policy, policy_from_dict
    from .recipe import MissingPluginError

    if isinstance(policy, Path) or (isinstance(policy, str) and "\n" not in policy
                                    and policy.endswith(".toml")):
        policy = load_policy(policy)
    elif not isinstance(policy, Policy):
        policy = policy_from_dict(EngineRecipe.from_policy(policy).policy, source="spark")
    engine = Engine(policy, blocked=tuple(blocked), strict=strict)
    recipe = EngineRecipe.from_engine(engine, blocked=blocked)
    if plugins is None:
        return recipe
    names = tuple(plugins)
    missing = [n for n in names if n not in recipe.plugins]
    if missing:
        raise MissingPluginError(f"the plugin(s) {', '.join(missing)} are not installed on "
                                 "the driver either")
    return attrs.evolve(recipe, plugins=names)


# --------------------------------------------------------------------- executors

_ENGINES: dict[str, Any] = {}


def _recipe_key(recipe: EngineRecipe) -> str:
    raw = orjson.dumps([dict(recipe.policy), recipe.plugins, recipe.modules,
                        recipe.blocked, recipe.strict], option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(raw).hexdigest()


def _engine_for(recipe: EngineRecipe, key: str, counters: Counters | None) -> Any:
    """This Python worker's engine for `recipe`: built once, reused by later
    partitions (Spark reuses Python workers between tasks)."""
    engine = _ENGINES.get(key)
    if engine is None:
        import logging

        # The unknown-platform notice is in every such assessment; keep executor logs
        # free of per-worker repeats of it.
        logging.getLogger("knigge_engine").setLevel(logging.ERROR)
        engine = recipe.build()  # raises MissingPluginError, naming the plugin
        _ENGINES.clear()
        _ENGINES[key] = engine
        if counters is not None:
            counters.engines_built.add(1)
    return engine


def _drop_none(value: Any) -> Any:
    """Struct rows carry every column; an absent fact is `null`: leave it out, as
    the contract allows, so `note` of a message row is not an unknown field."""
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value]
    return value


def _owner_of(data: Any) -> str | None:
    try:
        side = data["recipient"] if data.get("direction") == "incoming" else data["sender"]
        owner = side.get("id")
    except (AttributeError, KeyError, TypeError):
        return None
    return owner if isinstance(owner, str) else None


def _decode(raw: Any, column: str | None) -> tuple[Any, str | None]:
    """(event dict, None) or (None, reason), from a Spark row."""
    if column is None:
        return _drop_none(raw.asDict(recursive=True)), None
    return _decode_value(raw[column], column)


def _decode_value(value: Any, column: str) -> tuple[Any, str | None]:
    """(event dict, None) or (None, reason), from the JSON text of one event."""
    from .io.formats import json_reason

    if value is None:
        return None, f"the column '{column}' is null"
    # spark.read.text keeps a UTF-8 byte-order mark at the start of a file (as some
    # Windows editors write one) in the first line's text: skip it, as the JSONL reader
    # does.
    if isinstance(value, str) and value.startswith("\ufeff"):
        value = value[1:]
    elif isinstance(value, (bytes, bytearray)) and value.startswith(b"\xef\xbb\xbf"):
        value = value[3:]
    try:
        return orjson.loads(value), None
    except orjson.JSONDecodeError as exc:
        return None, f"invalid JSON: {json_reason(exc)}"
    except TypeError:
        return None, f"the column '{column}' holds {type(value).__name__}, not JSON text"


def _error_body(data: Any, reason: str) -> tuple[Any, ...]:
    event_id = data.get("id") if isinstance(data, dict) else None
    return (event_id if isinstance(event_id, str) else None, None, None, None,
            _owner_of(data) if isinstance(data, dict) else None, None, None, None, None,
            None, None, None, reason)


def _assessment_body(a: Any, owner: str | None) -> tuple[Any, ...]:
    d = a.to_dict()
    worst = a.max_severity()
    return (a.event, a.platform, a.kind.value, a.direction.value, owner,
            d["action"], float(a.score), worst.value if worst else None,
            [f.code for f in a.findings],
            [{"code": f.code, "name": f.name, "severity": f.severity.value,
              "weight": float(f.weight), "message": f.message} for f in a.findings],
            a.reply.text if a.reply is not None else None,
            orjson.dumps(d).decode(), None)


def _assess_data(decoded: Iterable[tuple[Any, str | None]], engine: Any,
                 counters: Counters | None, history: Any = None) -> Iterator[tuple[Any, ...]]:
    """The assessment columns (after `keep`) of each decoded row, in order."""
    from .model import EventError, event_from_dict

    read = assessed = rejected = 0
    for data, reason in decoded:
        read += 1
        if reason is None:
            try:
                event = event_from_dict(data)
            except EventError as exc:
                reason = exc.reason if exc.path == "$" else f"{exc.path}: {exc.reason}"
        if reason is not None:
            rejected += 1
            yield _error_body(data, reason)
            continue
        assessment = engine.evaluate(event, history=history)
        assessed += 1
        yield _assessment_body(assessment, _owner_of(data))
    if counters is not None:
        counters.read.add(read)
        counters.assessed.add(assessed)
        counters.rejected.add(rejected)


def _assess_rows(rows: Iterable[Any], engine: Any, column: str | None, keep: Sequence[str],
                 counters: Counters | None, history: Any = None) -> Iterator[tuple[Any, ...]]:
    rows = list(rows)
    bodies = _assess_data((_decode(row, column) for row in rows), engine, counters, history)
    for row, body in zip(rows, bodies, strict=True):
        yield (*(row[k] for k in keep), *body)


# ------------------------------------------------------------------ Arrow batches


def _batch_decoded(table: Any, column: str | None) -> list[tuple[Any, str | None]]:
    """The decoded events of an Arrow record batch or table."""
    if column is None:
        return [(_drop_none(row), None) for row in table.to_pylist()]
    return [_decode_value(v, column) for v in table.column(column).to_pylist()]


def _arrow_batch(table: Any, decoded: list[tuple[Any, str | None]], engine: Any,
                 keep: Sequence[str], counters: Counters | None, target: Any,
                 history: Any = None) -> Any:
    """One output record batch: the `keep` columns as they came (no conversion to
    Python), then the assessment columns built column by column."""
    import pyarrow as pa

    bodies = list(_assess_data(decoded, engine, counters, history))
    arrays = []
    for i, name in enumerate(keep):
        col = table.column(name)
        if isinstance(col, pa.ChunkedArray):
            col = col.combine_chunks()
        want = target.field(i).type
        arrays.append(col if col.type == want else col.cast(want))
    columns = list(zip(*bodies, strict=True)) if bodies \
        else [()] * len(ASSESSMENT_COLUMNS)
    for j, values in enumerate(columns):
        arrays.append(pa.array(values, type=target.field(len(keep) + j).type))
    return pa.RecordBatch.from_arrays(arrays, schema=target)


def _arrow_schema(schema: Any) -> Any:
    from pyspark.sql.pandas.types import to_arrow_schema

    return to_arrow_schema(schema)


def _map_in_arrow_fn(recipe: EngineRecipe, column: str | None, keep: Sequence[str],
                     counters: Counters | None, schema: Any) -> Callable[[Any], Any]:
    key = _recipe_key(recipe)

    def run(batches: Iterable[Any]) -> Iterator[Any]:
        target = _arrow_schema(schema)
        engine = _engine_for(recipe, key, counters)
        for batch in batches:
            yield _arrow_batch(batch, _batch_decoded(batch, column), engine, keep, counters,
                               target)

    return run


_OWNER = "__knigge_owner"


def _apply_in_arrow_fn(recipe: EngineRecipe, column: str | None, keep: Sequence[str],
                       counters: Counters | None, schema: Any) -> Callable[[Any], Any]:
    key = _recipe_key(recipe)

    def run(table: Any) -> Any:
        import pyarrow as pa

        from .history import InMemoryHistory
        from .model import EventError, event_from_dict

        target = _arrow_schema(schema)
        engine = _engine_for(recipe, key, counters)
        table = table.drop_columns([_OWNER])
        decoded = _batch_decoded(table, column)
        events = []
        for data, reason in decoded:
            if reason is None:
                with contextlib.suppress(EventError):
                    events.append(event_from_dict(data))
        # Everything of this owner first, then each event against what came before it
        # (history queries end strictly before the event's own time).
        history = InMemoryHistory(events)
        batch = _arrow_batch(table, decoded, engine, keep, counters, target, history)
        return pa.Table.from_batches([batch], schema=target)

    return run


def _owner_column(df: DataFrame, column: str | None) -> Any:
    """The owner of each row as a Spark expression: the recipient of an incoming
    event, the sender of any other (as `_owner_of` reads it); null for rows that are
    not JSON objects. Only the grouping uses it: each output row's `owner` column is
    read from the decoded event."""
    from pyspark.sql import functions as F

    if column is None:
        direction, recipient, sender = (F.col("direction"), F.col("recipient.id"),
                                        F.col("sender.id"))
    else:
        text = F.col(column)
        direction = F.get_json_object(text, "$.direction")
        recipient = F.get_json_object(text, "$.recipient.id")
        sender = F.get_json_object(text, "$.sender.id")
    return F.when(direction == "incoming", recipient).otherwise(sender)


def _by_owner_fn(recipe: EngineRecipe, column: str | None, keep: Sequence[str],
                 counters: Counters | None) -> Callable[[Iterable[Any]], Iterator[Any]]:
    key = _recipe_key(recipe)

    def run(groups: Iterable[tuple[str | None, Iterable[Any]]]) -> Iterator[tuple[Any, ...]]:
        from .history import InMemoryHistory
        from .model import EventError, event_from_dict

        engine = _engine_for(recipe, key, counters)
        for _owner, rows in groups:
            rows = list(rows)
            events = []
            for row in rows:
                data, reason = _decode(row, column)
                if reason is None:
                    with contextlib.suppress(EventError):
                        events.append(event_from_dict(data))
            # Everything of this owner first, then each event against what came before
            # it (history queries end strictly before the event's own time).
            history = InMemoryHistory(events)
            yield from _assess_rows(rows, engine, column, keep, counters, history)

    return run


def _keyed_by_owner(column: str | None) -> Callable[[Any], tuple[str | None, Any]]:
    def key(row: Any) -> tuple[str | None, Any]:
        data, _ = _decode(row, column)
        return (_owner_of(data) if isinstance(data, dict) else None), row

    return key


def assess(
    df: DataFrame,
    *,
    policy: Any = None,
    plugins: Iterable[str] | None = None,
    column: str | None = "event",
    keep: Sequence[str] = (),
    by_owner: bool = False,
    counters: Counters | None = None,
    recipe: EngineRecipe | None = None,
) -> DataFrame:
    """Assess every row of `df` into a DataFrame of assessments (lazily: nothing runs
    until an action).

    Args:
        df: events, either one JSON text per row in the string column `column` (e.g.
            `spark.read.text(...)` renamed), or, with `column=None`, rows whose columns are the
            event's fields (`kind`, `id`, `sender` as a struct, ...).
        policy: a policy file path, TOML text, a dict, a `Policy` or `None` (the default preset);
            resolved on the driver.
        plugins: plugin names every executor must have (default: all the driver's).
        keep: input columns copied to the output first (e.g. a row id to join back).
        by_owner: group the events by owner and judge each against that owner's history (for rules
            that read history); shuffles the data.
        counters: `Counters` to add read / assessed / rejected counts to.
        recipe: a ready `EngineRecipe` instead of `policy`/`plugins`.
    Returns:
        columns `ASSESSMENT_COLUMNS` (after `keep`); `error` is set, and the assessment columns
            empty, for rows that are not valid events.
    """
    if column is not None and column not in df.columns:
        raise ValueError(f"no column '{column}' in the DataFrame (columns: "
                         f"{', '.join(df.columns)}); name the JSON column with column=...")
    missing = [k for k in keep if k not in df.columns]
    if missing:
        raise ValueError(f"keep names columns the DataFrame does not have: {missing}")
    recipe = recipe or recipe_for(policy, plugins=plugins)
    schema = _assessment_schema([df.schema[k] for k in keep])
    keep = tuple(keep)
    if by_owner:
        grouped = df.withColumn(_OWNER, _owner_column(df, column)).groupBy(_OWNER)
        if hasattr(grouped, "applyInArrow"):  # Spark 4
            return grouped.applyInArrow(
                _apply_in_arrow_fn(recipe, column, keep, counters, schema), schema)
        rdd = (df.rdd.map(_keyed_by_owner(column)).groupByKey()
               .mapPartitions(_by_owner_fn(recipe, column, keep, counters)))
        return df.sparkSession.createDataFrame(rdd, schema)
    return df.mapInArrow(_map_in_arrow_fn(recipe, column, keep, counters, schema), schema)


def summary(assessments: DataFrame) -> DataFrame:
    """One row: `read`, `assessed`, `rejected` (rows with an `error`)."""
    from pyspark.sql import functions as F

    return assessments.agg(
        F.count(F.lit(1)).alias("read"),
        F.count(F.when(F.col("error").isNull(), 1)).alias("assessed"),
        F.count(F.when(F.col("error").isNotNull(), 1)).alias("rejected"),
    )


def due(
    df: DataFrame,
    now: _dt.datetime,
    *,
    policy: Any = None,
    plugins: Iterable[str] | None = None,
    column: str | None = "event",
    rules: Iterable[str] | None = None,
    recipe: EngineRecipe | None = None,
) -> DataFrame:
    """Follow-through for many owners: group the events by owner, build each owner's
    history in memory and list what is due at `now` (an aware datetime), one row per
    [`DueItem`][knigge_engine.due.DueItem] (`item` holds its JSON). Rows that are not
    valid events are left out of the histories; an owner whose events cannot be read
    gets one row with `error` set."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now needs a UTC offset")
    recipe = recipe or recipe_for(policy, plugins=plugins)
    key = _recipe_key(recipe)
    codes = tuple(rules) if rules is not None else None

    def run(groups: Iterable[tuple[str | None, Iterable[Any]]]) -> Iterator[tuple[Any, ...]]:
        from .history import InMemoryHistory
        from .model import EventError, event_from_dict

        engine = _engine_for(recipe, key, None)
        for owner, rows in groups:
            events = []
            for row in rows:
                data, reason = _decode(row, column)
                if reason is None:
                    try:
                        events.append(event_from_dict(data))
                    except EventError:
                        continue
            if not events:
                yield (owner, *([None] * 13), "no readable events for this owner")
                continue
            for item in engine.due(now, InMemoryHistory(events), rules=codes):
                d = item.to_dict()
                yield (owner, item.code, item.name, d.get("action"), item.severity.value,
                       item.platform, item.event, item.party, item.since.isoformat(),
                       item.due.isoformat(), int(item.overdue_days), item.message,
                       item.reply.text if item.reply is not None else None,
                       orjson.dumps(d).decode(), None)

    rdd = df.rdd.map(_keyed_by_owner(column)).groupByKey().mapPartitions(run)
    return df.sparkSession.createDataFrame(rdd, _due_schema())
