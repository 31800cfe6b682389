"""One ExitCode enum, said the same in the README's table and in ``vncoop -h``."""

from __future__ import annotations

import re

from vncoop.cli.main import EXIT_CODES
from vncoop.errors import ExitCode

from conftest import ROOT


def test_the_readme_table_lists_every_exit_code() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Exit codes", 1)[1].split("\n\n", 2)[1]
    codes = {int(code) for code in re.findall(r"^\| (\d+) \|", table, flags=re.M)}
    assert codes == {int(code) for code in ExitCode}


def test_the_help_lists_every_exit_code() -> None:
    assert {int(code) for code in re.findall(r"(\d+) [a-z]", EXIT_CODES)} == {int(code) for code in ExitCode}
