"""The partner registry: every ISO 3166-1 country, by code and by name in three languages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vncoop.domain.partners import country_codes, registry, resolve_partner
from vncoop.errors import NotFoundError

from conftest import VALID, invoke


def test_every_assigned_country_and_nothing_else() -> None:
    codes = country_codes()
    assert len(codes) == 249  # ISO 3166-1 assigns 249 alpha-2 codes
    assert {"VN", "SE", "PH", "SS", "XK"} & codes == {"VN", "SE", "PH", "SS"}  # Kosovo is user-assigned
    assert not {"EU", "UN", "ZZ", "AA", "QO", "AC", "TA"} & codes
    assert all(len(p.alpha3) == 3 and p.en and p.fr and p.vi for p in registry())


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("PH", "PH"),
        ("PHL", "PH"),
        ("Philippines", "PH"),
        ("Sweden", "SE"),
        ("Suède", "SE"),
        ("suede", "SE"),
        ("Thụy Điển", "SE"),
        ("thuy dien", "SE"),
        ("  south   KOREA ", "KR"),
        ("Corée du Sud", "KR"),
        ("USA", "US"),
        ("U.S.", "US"),
        ("America", "US"),
        ("Hoa Kỳ", "US"),
        ("UK", "GB"),
        ("Royaume-Uni", "GB"),
        ("Allemagne", "DE"),
        ("Đức", "DE"),
    ],
)
def test_names_codes_and_aliases_in_three_languages(name: str, code: str) -> None:
    assert resolve_partner(name) == code


def test_a_marked_name_matches_as_marked() -> None:
    assert resolve_partner("Mỹ") == "US"  # the Vietnamese name of the United States
    assert resolve_partner("my") == "MY"  # Malaysia's code, typed without marks


@pytest.mark.parametrize("name", ["Vietnam", "Việt Nam", "viet nam", "VN", "VNM"])
def test_vietnam_is_the_home_country_not_a_suggestion(name: str) -> None:
    with pytest.raises(NotFoundError) as caught:
        resolve_partner(name)
    message = str(caught.value)
    assert "home country" in message and "did you mean" not in message


def test_an_unknown_name_is_answered_with_the_closest_countries() -> None:
    with pytest.raises(NotFoundError) as caught:
        resolve_partner("Swedn")
    assert "'Sweden'" in str(caught.value) and "Vietnam" not in str(caught.value)


def test_partner_command_knows_every_country(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(VALID, root)
    facts = root / "facts.yaml"
    facts.write_text(facts.read_text("utf-8").replace("partners: [JP, US]", "partners: [JP, PH]"), "utf-8")
    runner = CliRunner()
    found = invoke(runner, "partner", "Philippines", "--json", "--facts-dir", str(root))
    assert found.exit_code == 0 and "sample-chip-plant" in found.stdout
    none = invoke(runner, "partner", "Thụy Điển", "--facts-dir", str(root))
    assert none.exit_code == 0 and "Sweden (SE)" in none.stderr
    facts.write_text(facts.read_text("utf-8").replace("partners: [JP, PH]", "partners: [JP, USA]"), "utf-8")
    wrong = invoke(runner, "validate", str(root))
    assert wrong.exit_code == 1 and "facts.yaml:69:" in wrong.stderr and "did you mean 'US'?" in wrong.stderr
