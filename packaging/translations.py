"""Keep the gettext catalogs in resources/locale in step with the code.

    python packaging/translations.py update   # extract messages, merge into every .po, compile .mo
    python packaging/translations.py check    # exit 1 on untranslated, fuzzy or stale entries
    python packaging/translations.py fill de.json  # update, then take translations from a JSON
                                                    # object {"English id": "Deutsch", ...}

Message ids are English; ``de`` must translate every one. Needs the ``test`` extra (babel).
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "fsa_desk"
LOCALE = ROOT / "resources" / "locale"
DOMAIN = "fsa_desk"
LANGUAGES = ("de",)
KEYWORDS = {"_": None, "ngettext": (1, 2), "translatable": None}


def extract() -> Catalog:
    template = Catalog(project="fsa-desk", domain=DOMAIN)
    for filename, lineno, message, comments, context in extract_from_dir(
        SOURCE, method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def load(language: str) -> Catalog:
    path = po_path(language)
    if not path.exists():
        return Catalog(locale=language, domain=DOMAIN)
    with path.open("rb") as file:
        return read_po(file, locale=language, domain=DOMAIN)


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def update(translations: dict[str, str | list[str]] | None = None) -> None:
    """Merge the code's messages into every catalog; ``translations`` fill in ``de``."""
    template = extract()
    for language in LANGUAGES:
        catalog = load(language)
        catalog.update(template, no_fuzzy_matching=True)
        if language == "de" and translations:
            _fill(catalog, translations)
        path = po_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as file:
            write_po(file, catalog, width=100, omit_header=False, ignore_obsolete=True)
        path.with_suffix(".mo").write_bytes(compiled(catalog))


def _fill(catalog: Catalog, translations: dict[str, str | list[str]]) -> None:
    for message in catalog:
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if key and key in translations:
            value = translations[key]
            message.string = tuple(value) if isinstance(value, list) else value
            message.flags.discard("fuzzy")


def problems() -> list[str]:
    template = extract()
    found = []
    for language in LANGUAGES:
        catalog = load(language)
        for message in template:
            if not message.id:
                continue
            entry = catalog.get(message.id)
            if entry is None or not entry.string or entry.fuzzy:
                found.append(f"{language}: untranslated or fuzzy: {message.id!r}")
        mo = po_path(language).with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != compiled(catalog):
            found.append(f"{language}: {mo.name} is stale; run 'translations.py update'")
    return found


if __name__ == "__main__":
    if sys.argv[1:] == ["update"]:
        update()
    elif len(sys.argv) == 3 and sys.argv[1] == "fill":
        update(json.loads(Path(sys.argv[2]).read_text(encoding="utf-8")))
    elif sys.argv[1:] == ["check"]:
        issues = problems()
        print("\n".join(issues) or "translations complete")
        sys.exit(1 if issues else 0)
    else:
        sys.exit(__doc__)
