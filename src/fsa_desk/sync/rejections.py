"""Why a bundle, card or team file is refused: one sentence each, never client data.

Every rejection carries a stable ``code`` for scripts (``import --json``) and tests; the sentence
is for people and translated.
"""

from __future__ import annotations

from fsa_desk.errors import InputRejected
from fsa_desk.i18n import _


class BundleRejected(InputRejected):
    """A bundle failed a check; nothing was changed."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class BundleTooNew(BundleRejected):
    """Written by a newer fsa-desk: the one rejection an update of fsa-desk cures."""


def damaged() -> BundleRejected:
    return BundleRejected(
        "damaged", _("The bundle is damaged or was changed after it was written.")
    )


def too_large(limit_mib: int) -> BundleRejected:
    return BundleRejected(
        "too_large",
        _("The bundle is larger than the limit of {limit} MiB.").format(limit=limit_mib),
    )


def content_too_large(limit_mib: int) -> BundleRejected:
    return BundleRejected(
        "content_too_large",
        _("The bundle's content unpacks to more than the limit of {limit} MiB.").format(
            limit=limit_mib
        ),
    )


def not_addressed() -> BundleRejected:
    return BundleRejected("not_addressed", _("The bundle is not addressed to this installation."))


def too_new() -> BundleTooNew:
    return BundleTooNew(
        "too_new", _("The bundle was written by a newer fsa-desk; please update fsa-desk.")
    )


def unknown_signer() -> BundleRejected:
    return BundleRejected(
        "unknown_signer", _("The bundle was signed by a device that is not enrolled in the team.")
    )


def revoked_signer() -> BundleRejected:
    return BundleRejected(
        "revoked_signer", _("The bundle was signed with a key that has been revoked.")
    )


def bad_signature() -> BundleRejected:
    return BundleRejected("bad_signature", _("The bundle's signature does not match its content."))


def wrong_kind_for_counsellor() -> BundleRejected:
    return BundleRejected(
        "wrong_kind",
        _("A counsellor's installation accepts only handover and team index bundles."),
    )


def wrong_kind_for_lead() -> BundleRejected:
    return BundleRejected(
        "wrong_kind", _("A lead's installation accepts only counsellors' export bundles.")
    )


def not_from_lead() -> BundleRejected:
    return BundleRejected(
        "not_from_lead", _("Handover and team index bundles must be signed by the team's lead.")
    )


def foreign_change() -> BundleRejected:
    return BundleRejected(
        "foreign_device", _("The bundle contains changes claiming to come from another device.")
    )


def future_change() -> BundleRejected:
    return BundleRejected(
        "future",
        _("The bundle contains changes dated more than 24 hours in the future; check the clocks."),
    )


def bad_change() -> BundleRejected:
    return BundleRejected(
        "bad_change", _("The bundle contains a change this version of fsa-desk cannot read.")
    )


def counts_differ() -> BundleRejected:
    return BundleRejected(
        "counts", _("The bundle's content does not match the counts in its manifest.")
    )
