"""Catalogs: complete, faithful to the English placeholders, compiled, and up to date."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from babel.support import Translations

from advice.content import placeholders
from advice.i18n import TRANSLATIONS_DIR, languages
from tests.conftest import ROOT

CATALOGUED = [lang for lang in languages().values() if lang.catalog]
POT = TRANSLATIONS_DIR / "messages.pot"


def read(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def entries(catalog):
    return {(m.context, m.id): m for m in catalog if m.id}


@pytest.mark.parametrize("lang", CATALOGUED, ids=lambda lang: lang.code)
def test_catalog_is_complete_and_keeps_placeholders(lang):
    path = TRANSLATIONS_DIR / lang.catalog / "LC_MESSAGES" / f"{lang.domain}.po"
    assert path.exists(), f"no catalog for {lang.code} at {path}"
    catalog = entries(read(path))
    missing, fuzzy, broken = [], [], []
    for key in entries(read(POT)):
        message = catalog.get(key)
        if message is None or not message.string:
            missing.append(key[0])
        elif message.fuzzy:
            fuzzy.append(key[0])
        elif sorted(placeholders(message.string)) != sorted(placeholders(key[1])):
            broken.append(key[0])
    assert not missing, f"{lang.code}: {len(missing)} untranslated, e.g. {missing[:5]}"
    assert not fuzzy, f"{lang.code}: fuzzy entries {fuzzy[:5]}"
    assert not broken, f"{lang.code}: placeholders differ from the English in {broken[:5]}"


@pytest.mark.parametrize("lang", CATALOGUED, ids=lambda lang: lang.code)
def test_compiled_catalog_loads(lang):
    translations = Translations.load(str(TRANSLATIONS_DIR), [lang.catalog], domain=lang.domain)
    assert isinstance(translations, Translations), f"{lang.code}: no compiled catalog (run make catalogs)"
    english = "OK. I will write in English from now on. You can change the language at any time."
    assert translations.pgettext("language_changed|text", english) != english


def test_template_matches_the_content(tmp_path):
    """A content edit without `make i18n-update` would leave translators behind."""
    fresh = tmp_path / "messages.pot"
    pybabel = str(Path(sys.executable).with_name("pybabel"))
    subprocess.run(
        [pybabel, "extract", "-F", "babel.cfg", "-o", str(fresh), "."],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env={"PYTHONPATH": str(ROOT), "PATH": str(Path(sys.executable).parent)},
    )
    assert set(entries(read(fresh))) == set(entries(read(POT))), "run `make i18n-update`"
