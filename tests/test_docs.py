"""The README and the schema keep up with the code: every command, exit code and label is documented."""
from __future__ import annotations

import json
from pathlib import Path

from typer.main import get_command

from corroborate import cli
from corroborate.model import LINE_LABELS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def test_every_command_is_in_the_readme_and_has_help():
    group = get_command(cli.app)
    for name, command in group.commands.items():
        assert f"corroborate {name}" in README, name
        assert command.help and len(command.help) > 40, name


def test_exit_codes_are_documented():
    for code in (cli.EXIT_OK, cli.EXIT_SOME_FAILED, cli.EXIT_USAGE, cli.EXIT_NOTHING_READ):
        assert f"| {code} |" in README


def test_schema_knows_every_line_label():
    schema = json.loads((ROOT / "docs" / "briefing.schema.json").read_text())
    assert schema["$defs"]["line"]["properties"]["label"]["enum"] == list(LINE_LABELS)
