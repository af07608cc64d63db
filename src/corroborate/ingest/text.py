"""Plain text: the text as decoded (line ends as "\n"); the cleaner finds title and body lines.

The user may say where a report comes from in front matter at the top of the file
("---", then `outlet: ...`, `url: ...`, `published: 2022-02-15`, `authors: ...`, `title: ...`, "---")
and in a sidecar `NAME.meta.json` next to `NAME.txt`; both pass the same checks as a JSON record.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article
from ..settings import Settings
from .boundary import Metadata, apply, validate
from .decode import decode

# front matter is flat "key: value" lines; read by hand because a YAML library would also accept
# anchors, aliases and nesting, which the boundary would then have to take apart again
FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?P<body>(?:[^\n]*\n){0,50}?)---[ \t]*(?:\r?\n|\Z)")
FIELD = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")


def read(source: str, data: bytes, settings: Settings) -> Iterator[Article | InputError]:
    text = decode(source, data)
    if isinstance(text, InputError):
        yield text
        return
    fields, text, problem = front_matter(source, text)
    if problem:
        yield problem
    if not text.strip():
        yield InputError(source, "holds no text")
        return
    article = Article(id=Path(source).name, source=source, text=text, extra={"format": "text"})
    if fields:
        checked = validate(fields, Metadata, source, settings)
        if isinstance(checked, InputError):
            yield InputError(source, f"front matter: {checked.reason}")
        else:
            apply(checked, article)
    yield article


def front_matter(source: str, text: str) -> tuple[dict[str, str], str, InputError | None]:
    """The fields of the front matter and the report after it (offsets count from there); front
    matter that cannot be read is named and left out, the report is still read."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text, None
    fields: dict[str, str] = {}
    for line in match["body"].splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        field = FIELD.match(line)
        if not field:
            problem = f"front matter: cannot read the line {line.strip()[:60]!r} (expected 'key: value')"
            return {}, text[match.end():], InputError(source, problem)
        fields[field["key"].lower()] = unquoted(field["value"])
    return fields, text[match.end():], None


def unquoted(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value
