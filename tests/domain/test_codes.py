"""The shipped code lists and Kriterienkatalog load, are consistent and resolve what users type."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fsa_desk.domain.codes import (
    CodeListError,
    UnknownCodeError,
    UnknownCodeListError,
    available_code_lists,
    code_list,
    kriterienkatalog,
    load_code_list,
    load_kriterienkatalog,
    region_of_district,
)

EXPECTED_LISTS = {
    "life_areas", "contact_types", "outcomes", "sexes", "nationalities", "residence_statuses",
    "benefit_types", "sprachmittlung", "housing_types", "closure_reasons", "billable_reasons",
    "modules", "household_roles", "membership_reasons", "bescheid_kinds", "other_services",
    "welcome_checklist", "bedarfsanzeige_kinds", "languages", "districts", "regions",
}  # fmt: skip

LIFE_AREAS_FACHLEISTUNG = {
    "existenzsicherung": False,
    "aufenthalt": False,
    "gesundheit": True,
    "familie": True,
    "wohnen": True,
    "krise": True,
    "schule_kita": False,
    "sprache_bildung": False,
    "arbeit": False,
    "alltag": False,
    "teilhabe": False,
    "sonstiges": False,
}

ALL_LISTS = available_code_lists()


def test_all_lists_of_the_design_are_shipped() -> None:
    assert set(ALL_LISTS) >= EXPECTED_LISTS


@pytest.mark.parametrize("name", ALL_LISTS)
def test_list_loads_with_version_and_unique_codes_and_labels(name: str) -> None:
    codes = code_list(name)
    assert codes.version == "2026-11-01"
    assert len({c.code for c in codes}) == len(codes) > 0
    assert len({c.de.casefold() for c in codes}) == len(codes)
    assert all(c.en.strip() and c.de.strip() for c in codes)


def test_life_areas_are_the_twelve_of_the_design_with_their_fachleistung_flags() -> None:
    areas = code_list("life_areas")
    assert {c.code: c.extra["fachleistung"] for c in areas} == LIFE_AREAS_FACHLEISTUNG
    assert [c.code for c in areas][:3] == ["existenzsicherung", "aufenthalt", "gesundheit"]
    assert areas.label("alltag") == "Alltag, Werte und Orientierung"
    assert areas.label("existenzsicherung") == (
        "Materielle Existenzsicherung (Jobcenter, Sozialamt, Leistungen)"
    )
    assert areas.get("sonstiges").extra["city_area"] == ""
    assert areas.get("krise").extra["city_area"] == "Krisenbewältigung"


def test_every_life_area_has_a_coding_hint_in_both_languages() -> None:
    areas = code_list("life_areas")
    assert all(area.hint("de") and area.hint("en") for area in areas)
    assert "Mietschulden → Wohnen" in areas.get("existenzsicherung").hint()


def test_direct_contact_types_are_the_five_of_the_design() -> None:
    types = code_list("contact_types")
    direct = {c.code for c in types.codes_where(direct=True)}
    assert direct == {"buero", "hausbesuch", "telefon", "online", "begleitung"}
    assert types.get("begleitung").extra["default_minutes"] == 120


def test_child_interpreting_is_the_only_flagged_sprachmittlung() -> None:
    flagged = code_list("sprachmittlung").codes_where(flag=True)
    assert [c.code for c in flagged] == ["kind"]


@pytest.mark.parametrize(
    ("list_name", "text", "expected"),
    [
        ("life_areas", "wohnen", "wohnen"),
        ("life_areas", "  WOHNEN ", "wohnen"),
        ("life_areas", "Persönliche Krisen", "krise"),
        ("life_areas", "personal crises", "krise"),
        ("life_areas", "Materielle Existenzsicherung", "existenzsicherung"),
        ("life_areas", "materielle   existenzsicherung", "existenzsicherung"),
        ("life_areas", "Alltag, Werte und Orientierung", "alltag"),
        ("sexes", "f", "w"),
        ("sexes", "Weiblich", "w"),
        ("sexes", "männlich", "m"),
        ("sexes", "MALE", "m"),
        ("sexes", "divers", "d"),
        ("sexes", "ohne Angabe", "x"),
        ("residence_statuses", "Aufenthaltsgestattung", "gestattung"),
        ("residence_statuses", "aufenthaltserlaubnis", "erlaubnis"),
        ("residence_statuses", "Duldung", "duldung"),
        ("residence_statuses", "Fiktionsbescheinigung", "fiktion"),
        ("residence_statuses", "Niederlassungserlaubnis", "niederlassung"),
        ("residence_statuses", "§ 24", "erlaubnis_24"),
        ("contact_types", "Büro", "buero"),
        ("benefit_types", "SGB II", "buergergeld"),
        ("housing_types", "Gemeinschaftsunterkunft", "gu"),
        ("languages", "Farsi", "fa"),
        ("languages", "Kurmandschi", "ku"),
    ],
)
def test_lookup_accepts_codes_labels_aliases_in_any_case(
    list_name: str, text: str, expected: str
) -> None:
    found = code_list(list_name).lookup(text)
    assert found is not None
    assert found.code == expected


def test_lookup_rejects_unknown_and_ambiguous_names() -> None:
    assert code_list("life_areas").lookup("Wohnem") is None
    assert code_list("life_areas").lookup("") is None
    # "Kurdisch" is the bracket-less label of both ku and ckb, so it names neither.
    assert code_list("languages").lookup("Kurdisch") is None


def test_suggest_finds_the_closest_entry_for_a_typo() -> None:
    areas = code_list("life_areas")
    assert areas.suggest("Wohnem") is areas.get("wohnen")
    assert areas.suggest("Gesundhiet") is areas.get("gesundheit")
    assert areas.suggest("xyz") is None
    assert code_list("nationalities").suggest("Syrein") is code_list("nationalities").get("SY")


def test_get_of_an_unknown_code_names_the_list_and_the_closest_code() -> None:
    with pytest.raises(KeyError) as raised:
        code_list("life_areas").get("wohnem")
    assert isinstance(raised.value, UnknownCodeError)
    assert str(raised.value) == "unknown code 'wohnem' in life_areas; did you mean 'wohnen'?"


def test_unknown_list_is_a_clear_error() -> None:
    with pytest.raises(UnknownCodeListError, match=r"unknown code list 'colours'.*life_areas"):
        code_list("colours")
    with pytest.raises(UnknownCodeListError):
        code_list("../codes/sexes")


@pytest.mark.parametrize(
    ("code", "alpha3", "german"),
    [
        ("SY", "SYR", "Syrien"),
        ("AF", "AFG", "Afghanistan"),
        ("UA", "UKR", "Ukraine"),
        ("IQ", "IRQ", "Irak"),
        ("ER", "ERI", "Eritrea"),
    ],
)
def test_nationalities_accept_alpha2_alpha3_and_german_names(
    code: str, alpha3: str, german: str
) -> None:
    nationalities = code_list("nationalities")
    assert nationalities.label(code) == german
    for text in (code.lower(), alpha3, alpha3.lower(), german, german.upper()):
        assert nationalities.lookup(text) is nationalities.get(code)


def test_nationalities_cover_every_iso_country_plus_stateless_and_unknown() -> None:
    nationalities = code_list("nationalities")
    iso = [c for c in nationalities if not c.extra.get("special")]
    assert len(iso) == 249
    assert all(len(c.code) == 2 and c.code.isupper() for c in iso)
    assert len({str(c.extra["alpha3"]) for c in iso}) == 249
    assert nationalities.lookup("staatenlos") is nationalities.get("XX")
    assert nationalities.lookup("ungeklärt") is nationalities.get("XU")


def test_every_district_lies_in_one_of_the_four_regions() -> None:
    districts = code_list("districts")
    regions = {c.code for c in code_list("regions")}
    assert regions == {"nord", "west", "mitte", "sued"}
    assert len(districts) >= 40
    assert {c.extra["region"] for c in districts} == regions


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("Friedrichstadt", "mitte"),
        ("johannstadt_nord", "mitte"),
        ("Johannstadt", "mitte"),
        ("Äußere Neustadt", "nord"),
        ("Neustadt", "nord"),
        ("Klotzsche", "nord"),
        ("GORBITZ", "west"),
        ("Löbtau", "west"),
        ("Prohlis", "sued"),
        ("Leubnitz-Neuostra", "sued"),
        ("Pillnitz", "mitte"),
        ("Nord", None),
        ("Atlantis", None),
    ],
)
def test_region_of_district(name: str, region: str | None) -> None:
    assert region_of_district(name) == region


def test_kriterienkatalog_is_a_draft_with_items_in_the_four_fachleistung_areas() -> None:
    katalog = kriterienkatalog()
    assert katalog.draft
    assert katalog.title == "ENTWURF – nicht amtlicher Kriterienkatalog"
    assert katalog.life_areas == ("familie", "gesundheit", "wohnen", "krise")
    assert len({item.code for item in katalog.items}) == len(katalog.items)
    assert all(item.code.startswith(f"{item.life_area}.") for item in katalog.items)
    assert len(katalog.for_life_area("wohnen")) == 3
    assert katalog.get("krise.haft").label("en") == "Imprisonment"


def test_kriterienkatalog_from_a_given_file(tmp_path: Path) -> None:
    path = tmp_path / "amtlich.toml"
    path.write_text(
        'version = "2027-01-01"\ndraft = false\ntitle = "Kriterienkatalog"\n'
        '[[kriterium]]\ncode = "wohnen.x"\nlife_area = "wohnen"\nde = "X"\nen = "X"\n',
        encoding="utf-8",
    )
    katalog = kriterienkatalog(path)
    assert not katalog.draft
    assert katalog.for_life_area("familie") == ()


def test_kriterium_with_an_unknown_life_area_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        'version = "1"\ndraft = true\ntitle = "T"\n'
        '[[kriterium]]\ncode = "a.b"\nlife_area = "freizeit"\nde = "X"\nen = "X"\n',
        encoding="utf-8",
    )
    with pytest.raises(CodeListError, match="unknown life area 'freizeit'"):
        load_kriterienkatalog(path)


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ('[[code]]\ncode = "a"\nde = "A"\nen = "A"\n' * 2, "the code 'a' appears twice"),
        (
            '[[code]]\ncode = "a"\nde = "A"\nen = "A"\naliases = ["B"]\n'
            '[[code]]\ncode = "b"\nde = "B"\nen = "Bee"\n',
            "'b' names both 'a' and 'b'",
        ),
        ('[[code]]\ncode = "a"\nde = ""\nen = "A"\n', "'de' must be a non-empty string"),
        ("", "no \\[\\[code\\]\\] entries"),
    ],
)
def test_malformed_code_list_is_rejected_with_its_reason(
    tmp_path: Path, entries: str, message: str
) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(f'version = "1"\n{entries}', encoding="utf-8")
    with pytest.raises(CodeListError, match=message):
        load_code_list(path)


def test_domain_codes_import_no_outer_layer() -> None:
    outer = (
        "PySide6",
        "sqlalchemy",
        "fsa_desk.store",
        "fsa_desk.services",
        "fsa_desk.gui",
        "fsa_desk.cli",
    )
    script = (
        "import sys, fsa_desk.domain.codes\n"
        f"print([m for m in sys.modules if m.startswith({outer!r})])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


ALL_NAMES = sorted(
    (name, code.code, spelling)
    for name in ALL_LISTS
    for code in code_list(name)
    for spelling in (code.code, code.de, code.en, *code.aliases)
)


@st.composite
def respelled_names(draw: st.DrawFn) -> tuple[str, str, str]:
    list_name, code, spelling = draw(st.sampled_from(ALL_NAMES))
    flips = draw(st.lists(st.booleans(), min_size=len(spelling), max_size=len(spelling)))
    cased = "".join(
        char.upper() if flip else char.lower() for char, flip in zip(spelling, flips, strict=True)
    )
    padding = st.text(alphabet=" \t\n\u00a0", max_size=3)
    return list_name, code, draw(padding) + cased + draw(padding)


@given(respelled_names())
def test_lookup_ignores_case_and_surrounding_whitespace(case: tuple[str, str, str]) -> None:
    list_name, code, text = case
    found = code_list(list_name).lookup(text)
    assert found is not None
    assert found.code == code
