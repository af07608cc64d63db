"""Open a database by URL or path: SQLite set up for several writers, PostgreSQL through psycopg 3,
the schema created or upgraded by the packaged Alembic migrations, bad databases refused in one line."""
from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from .schema import HEAD

DEFAULT_FILE = "corroborate.db"
BUSY_TIMEOUT_MS = 60_000  # a second writer waits this long for the first one's transaction
CONNECT_TIMEOUT_S = 10
MIGRATIONS = Path(__file__).with_name("migrations")


class StoreError(Exception):
    """The database cannot be used; the message is one line for the user."""


def default_url() -> str:
    return os.environ.get("CORROBORATE_DB") or DEFAULT_FILE


def to_url(where: str) -> str:
    """A plain path is a SQLite file; anything with a scheme is a SQLAlchemy URL."""
    if "://" in where:
        if where.startswith(("postgresql://", "postgres://")):
            return "postgresql+psycopg://" + where.split("://", 1)[1]
        return where
    return "sqlite:///" + str(Path(where).expanduser())


def open_engine(where: str) -> Engine:
    """An engine on a database at the schema's head revision, or StoreError."""
    try:
        url = make_url(to_url(where))
    except ArgumentError:
        raise StoreError(f"{where}: not a database path or URL") from None
    if url.get_backend_name() == "sqlite":
        engine = _sqlite_engine(where, url)
    elif url.get_backend_name() == "postgresql":
        engine = create_engine(url, connect_args={"connect_timeout": CONNECT_TIMEOUT_S}, pool_pre_ping=True)
    else:
        raise StoreError(f"{where}: only SQLite files and postgresql:// URLs are supported")
    try:
        _migrate(engine, where)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"{where}: {describe(exc)}") from None
    except StoreError:
        engine.dispose()
        raise
    return engine


def _sqlite_engine(where: str, url) -> Engine:
    path = Path(url.database or "")
    if url.database and url.database != ":memory:":
        if path.is_dir():
            raise StoreError(f"{where}: is a folder, not a database file")
        if not path.parent.is_dir():
            raise StoreError(f"{where}: folder {path.parent} does not exist")
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _setup(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # transactions are begun below, not by the sqlite3 module
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        # a writer takes the lock when it begins, so two writers queue (busy timeout) instead of
        # one failing when its read transaction cannot be upgraded to a write
        immediate = connection.get_execution_options().get("write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def describe(exc: SQLAlchemyError) -> str:
    """One line from a driver error, in the user's terms."""
    message = str(exc.orig if isinstance(exc, DBAPIError) and exc.orig else exc).strip().splitlines()[0]
    lowered = message.lower()
    if "file is not a database" in lowered or "malformed" in lowered:
        return "not a corroborate database (the file is not SQLite, or it is damaged); left untouched"
    if "unable to open database file" in lowered:
        return "cannot open the database file (missing folder or no permission)"
    if "connection" in lowered and ("refused" in lowered or "failed" in lowered or "timeout" in lowered):
        return f"cannot reach the PostgreSQL server: {message}"
    if "password authentication" in lowered or "does not exist" in lowered:
        return f"PostgreSQL refused the connection: {message}"
    return message


def revision(connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _migrate(engine: Engine, where: str) -> None:
    """Create a new database at the head revision, upgrade an older one, refuse a newer or foreign one."""
    with engine.connect() as connection:
        current = revision(connection)
        if current == HEAD:
            return
        foreign = current is None and bool(inspect(connection).get_table_names())
    if foreign:
        raise StoreError(f"{where}: holds tables that are not corroborate's; left untouched")
    if current is None and engine.dialect.name == "sqlite":
        # WAL (kept in the file from now on): readers never block the writer, and a killed writer
        # leaves the last commit intact. Set only on a database corroborate creates.
        raw = engine.raw_connection()
        try:
            raw.cursor().execute("PRAGMA journal_mode = WAL")
        finally:
            raw.close()
    with engine.connect() as connection:
        connection.execution_options(write=True)
        with connection.begin():
            if engine.dialect.name == "postgresql":
                # two processes opening one new database: the second waits, then finds it migrated
                connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7414)")
            current = revision(connection)
            if current == HEAD:
                return
            known = _known_revisions()
            if current is not None and current not in known:
                raise StoreError(f"{where}: written by a newer corroborate (schema {current}; this one knows up to "
                                 f"{HEAD}); upgrade corroborate to open it")
            if current is None and inspect(connection).get_table_names():
                raise StoreError(f"{where}: holds tables that are not corroborate's; left untouched")
            _upgrade(connection)


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}


def _upgrade(connection) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")
