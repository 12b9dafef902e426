"""Docs a test keeps honest: every command and export kind is documented."""

from pathlib import Path

from eventscope.cli.main import cli
from eventscope.export.records import MENTION_KEYS, RECORDS
from eventscope.export.writers import CSV_COLUMNS

DOCS = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
README = Path(__file__).resolve().parents[1] / "README.md"


def test_docs_every_command_is_documented_with_help():
    text = DOCS.read_text()
    for name, command in cli.commands.items():
        assert f"`eventscope {name}" in text, name
        assert command.help, name


def test_docs_every_export_kind_and_mention_key_is_documented():
    text = DOCS.read_text()
    for what in RECORDS:
        assert f"`{what}`" in text, what
    for key in MENTION_KEYS:
        assert key in text, key
    assert set(CSV_COLUMNS) == set(RECORDS)


def test_docs_readme_lists_the_two_setup_commands():
    text = README.read_text()
    assert "make demo" in text and "make test" in text
