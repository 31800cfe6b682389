"""--lang, VNCOOP_LANG and the locale: titles, summaries, tables and messages in the user's
language, while JSON stays what scripts rely on (English title by default, every language under
titles and summaries)."""

from __future__ import annotations

import datetime
import json

import pytest
import typer.main
from typer.testing import CliRunner

from vncoop.cli.main import app
from vncoop.text.catalog import LABELS, MESSAGES

from conftest import REPO_FACTS, VALID, invoke

LANGUAGES = ("en", "fr", "vi")


def facts_json(runner: CliRunner, *args: str, env: dict[str, str] | None = None) -> list[dict[str, object]]:
    result = invoke(runner, "list", "--json", *args, "--facts-dir", str(REPO_FACTS), env=env)
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout))


def test_english_is_the_default_and_titles_carry_every_language(runner: CliRunner) -> None:
    for fact in facts_json(runner):
        assert fact["title"] == fact["titles"]["en"] and fact["summary"] == fact["summaries"]["en"]
        assert set(fact["titles"]) == set(fact["summaries"]) == set(LANGUAGES)
        assert all(fact["titles"][lang] and fact["summaries"][lang] for lang in LANGUAGES)


@pytest.mark.parametrize("language", ["fr", "vi"])
def test_lang_changes_title_and_summary_and_nothing_else(runner: CliRunner, language: str) -> None:
    english = facts_json(runner)
    chosen = facts_json(runner, "--lang", language)
    assert [f["id"] for f in chosen] == [f["id"] for f in english]
    for mine, theirs in zip(chosen, english, strict=True):
        assert mine["title"] == theirs["titles"][language] != theirs["title"]
        assert mine["summary"] == theirs["summaries"][language]
        assert {k: v for k, v in mine.items() if k not in ("title", "summary")} == {
            k: v for k, v in theirs.items() if k not in ("title", "summary")
        }
        assert list(mine) == list(theirs)  # the same keys in the same order


def _title(runner: CliRunner, *args: str, env: dict[str, str] | None = None) -> str:
    result = invoke(runner, *args, "--json", "--facts-dir", str(VALID), env=env)
    assert result.exit_code == 0, result.output
    return str(json.loads(result.stdout)["title"])


TITLES = {
    "en": "Seminar in Tokyo with around 300 guests",
    "fr": "Séminaire à Tokyo avec environ 300 invités",
    "vi": "Hội thảo tại Tokyo với khoảng 300 khách mời",
}


@pytest.mark.parametrize(
    ("env", "args", "expected"),
    [
        ({}, (), "en"),
        ({"VNCOOP_LANG": "fr"}, (), "fr"),
        ({"VNCOOP_LANG": "vi_VN.UTF-8"}, (), "vi"),
        ({"VNCOOP_LANG": "fr"}, ("--lang", "vi"), "vi"),  # the option beats the variable
        ({"LANG": "fr_FR.UTF-8"}, (), "fr"),
        ({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "vi_VN"}, (), "vi"),  # POSIX order
        ({"LANG": "vi_VN.UTF-8", "LC_ALL": "C"}, (), "en"),  # LC_ALL=C means English
        ({"LANG": "de_DE.UTF-8"}, (), "en"),  # a language vncoop does not speak
        ({"LANG": "fr_FR.UTF-8", "VNCOOP_LANG": "en"}, (), "en"),
    ],
)
def test_the_language_comes_from_the_option_the_variable_then_the_locale(
    runner: CliRunner, env: dict[str, str], args: tuple[str, ...], expected: str
) -> None:
    assert _title(runner, "show", "sample-seminar", *args, env=env) == TITLES[expected]


def test_lang_before_the_command_applies_and_the_commands_own_wins(runner: CliRunner) -> None:
    assert _title(runner, "--lang", "fr", "show", "sample-seminar") == TITLES["fr"]
    assert _title(runner, "--lang", "fr", "show", "sample-seminar", "--lang", "vi") == TITLES["vi"]
    assert _title(runner, "show", "sample-seminar", "--lang", "FR") == TITLES["fr"]


def test_every_command_takes_lang() -> None:
    group = typer.main.get_command(app)
    commands = group.commands  # type: ignore[attr-defined]
    missing = [name for name, command in commands.items() if name != "help" and "--lang" not in _options(command)]
    assert missing == [] and len(commands) > 10


def _options(command: object) -> list[str]:
    return [opt for param in command.params for opt in param.opts]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("env", "args"), [({"VNCOOP_LANG": "de"}, ()), ({}, ("--lang", "xx")), ({"VNCOOP_LANG": "klingon"}, ("--json",))]
)
def test_a_language_vncoop_does_not_speak_is_a_usage_error(
    runner: CliRunner, env: dict[str, str], args: tuple[str, ...]
) -> None:
    result = invoke(runner, "list", *args, "--facts-dir", str(VALID), env=env)
    assert result.exit_code == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize("language", ["fr", "vi"])
def test_messages_are_in_the_language(runner: CliRunner, language: str) -> None:
    result = invoke(runner, "partner", "atlantis", "--lang", language, "--facts-dir", str(VALID))
    assert result.exit_code == 1
    french_or_vietnamese = MESSAGES["unknown partner {name}{hint}"][LANGUAGES.index(language) - 1]
    assert french_or_vietnamese.split("{")[0] in result.stderr
    english = invoke(runner, "partner", "atlantis", "--facts-dir", str(VALID)).stderr
    assert "unknown partner" in english and "unknown partner" not in result.stderr


def test_a_parse_error_is_in_the_language_of_the_environment(runner: CliRunner) -> None:
    result = invoke(runner, "list", "--nope", env={"VNCOOP_LANG": "vi"})
    assert result.exit_code == 2
    assert MESSAGES["unknown option {option}{hint}"][1].split("{")[0] in result.stderr


@pytest.mark.parametrize("language", ["fr", "vi"])
def test_table_headers_dates_and_kinds_are_in_the_language(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    from babel.dates import format_date

    monkeypatch.setenv("VNCOOP_FORCE_TTY", "200")
    result = invoke(
        runner,
        "list",
        "--fields",
        "id,kind,date,title",
        "--lang",
        language,
        "--color",
        "never",
        "--facts-dir",
        str(VALID),
    )
    assert result.exit_code == 0, result.output
    at = LANGUAGES.index(language) - 1
    header = next(line for line in result.stdout.splitlines() if LABELS["title"][at] in line)
    assert all(LABELS[name][at] in header for name in ("kind", "date", "title"))
    assert format_date(datetime.date(2024, 7, 9), "medium", locale=language) in result.stdout
    assert "2024-07-09" not in result.stdout and TITLES[language] in result.stdout


def test_english_tables_are_unchanged(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNCOOP_FORCE_TTY", "200")
    result = invoke(runner, "list", "--fields", "id,kind,date,title", "--color", "never", "--facts-dir", str(VALID))
    assert "2024-07-09" in result.stdout and "training_target" in result.stdout
    assert any(
        line.split() == ["┃", "id", "┃", "kind", "┃", "date", "┃", "title", "┃"] for line in result.stdout.splitlines()
    )


def test_amounts_in_a_french_table_keep_every_digit(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNCOOP_FORCE_TTY", "200")
    result = invoke(runner, "show", "sample-capital", "--lang", "fr", "--color", "never", "--facts-dir", str(VALID))
    assert "78,6 milliards" in result.stdout  # amount_value 78600000000, in the words of the scale


@pytest.mark.parametrize("language", ["fr", "vi"])
def test_search_finds_a_fact_by_its_translation_alone(runner: CliRunner, language: str) -> None:
    """'invités' and 'khách mời' are only in the seminar's French and Vietnamese title and summary."""
    word = {"fr": "invités", "vi": "khách mời"}[language]
    result = invoke(runner, "search", word, "--json", "--facts-dir", str(VALID))
    assert [f["id"] for f in json.loads(result.stdout)][:1] == ["sample-seminar"]


@pytest.mark.parametrize("language", ["fr", "vi"])
def test_a_profile_is_in_the_language_and_its_json_labels_are_not(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    at = LANGUAGES.index(language) - 1
    as_json = invoke(runner, "partner", "japan", "--profile", "--json", "--lang", language, "--facts-dir", str(VALID))
    labels = [row["label"] for row in json.loads(as_json.stdout)["profile"]]
    assert "Investment figures" in labels  # JSON keys and labels stay English for scripts
    monkeypatch.setenv("VNCOOP_FORCE_TTY", "200")
    shown = invoke(
        runner, "partner", "japan", "--profile", "--lang", language, "--color", "never", "--facts-dir", str(VALID)
    )
    assert MESSAGES["Investment figures"][at] in shown.stdout and "Investment figures" not in shown.stdout
    assert {"fr": "près de 78,6 milliards USD", "vi": "gần 78,6 tỷ USD"}[language] in shown.stdout
