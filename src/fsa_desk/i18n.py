"""One translation system for GUI, CLI and PDFs: gettext catalogs in ``resources/locale``.

Message ids are English; German is the default language of the product.
"""

from __future__ import annotations

import gettext
import os

from fsa_desk.paths import resources_dir

DOMAIN = "fsa_desk"
LANGUAGES = ("de", "en")
_translation: gettext.NullTranslations | None = None
_language = "de"


def set_language(language: str) -> None:
    """Switch every later message to ``language`` (``de`` or ``en``)."""
    global _translation, _language
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; choose one of {LANGUAGES}")
    _language = language
    _translation = gettext.translation(
        DOMAIN, localedir=resources_dir() / "locale", languages=[language], fallback=True
    )


def language() -> str:
    return _language


def _(message: str) -> str:
    if _translation is None:
        set_language(os.environ.get("FSA_DESK_LANG", "de"))
    assert _translation is not None
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    if _translation is None:
        set_language(os.environ.get("FSA_DESK_LANG", "de"))
    assert _translation is not None
    return _translation.ngettext(singular, plural, n)
