"""Device cards and the team file: the two small signed files of the team flow (DESIGN.md §5).

A *device card* introduces a counsellor's installation to the lead: counsellor, device, both
public keys and their fingerprint, signed with the card's own key (proof that whoever wrote it
holds the key). A *team file* introduces the team to a counsellor: provider, the lead(s) with
their keys, and the recovery recipient, signed by the lead. Both are canonical JSON files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from fsa_desk.errors import InputRejected
from fsa_desk.i18n import _
from fsa_desk.sync import keys
from fsa_desk.sync.canonical import canonical_json, parse_canonical

CARD_FORMAT = "fsa-desk/card/v1"
TEAM_FORMAT = "fsa-desk/team/v1"
ROLES = ("counsellor", "lead")
_HEX32 = re.compile(r"[0-9a-f]{32}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEX128 = re.compile(r"[0-9a-f]{128}")


class CardRejected(InputRejected):
    """A device card or team file that is damaged, forged or of an unknown format."""


@dataclass(frozen=True)
class DeviceCard:
    device_id: str  # 32 hex
    counsellor_id: str  # 32 hex
    code: str
    name: str
    role: str
    provider: str | None
    signing_public: bytes
    age_recipient: str

    @property
    def fingerprint(self) -> str:
        return keys.fingerprint(self.signing_public, self.age_recipient)

    def body(self) -> dict[str, Any]:
        return {
            "age_recipient": self.age_recipient,
            "code": self.code,
            "counsellor_id": self.counsellor_id,
            "device_id": self.device_id,
            "fingerprint": self.fingerprint,
            "format": CARD_FORMAT,
            "name": self.name,
            "provider": self.provider,
            "role": self.role,
            "signing_key": self.signing_public.hex(),
        }


@dataclass(frozen=True)
class TeamFile:
    team_id: str
    provider: str | None
    created: str  # ISO date
    leads: tuple[DeviceCard, ...]
    recovery_recipient: str

    def body(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "format": TEAM_FORMAT,
            "leads": [lead.body() for lead in self.leads],
            "provider": self.provider,
            "recovery_recipient": self.recovery_recipient,
            "team_id": self.team_id,
        }


def write_card(card: DeviceCard, signing_private: bytes) -> bytes:
    """The card file: the card and its self-signature."""
    return _signed_file("card", card.body(), keys.CARD_CONTEXT, signing_private)


def card_json(card: DeviceCard) -> str:
    """The card's content as canonical JSON text, for keeping beside an enrolled device."""
    return canonical_json(card.body()).decode("utf-8")


def read_card(data: bytes) -> DeviceCard:
    """The card in ``data``, after checking its form, fingerprint and self-signature."""
    body, signature = _open_signed_file(data, "card")
    card = _card(body)
    if not keys.signature_valid(
        card.signing_public, keys.CARD_CONTEXT, canonical_json(body), signature
    ):
        raise _card_rejected()
    return card


def write_team_file(team: TeamFile, signing_private: bytes) -> bytes:
    """The team file, signed by its first lead."""
    return _signed_file("team", team.body(), keys.TEAM_CONTEXT, signing_private)


def read_team_file(data: bytes) -> TeamFile:
    """The team in ``data``, after checking its form and the first lead's signature."""
    body, signature = _open_signed_file(data, "team")
    team = _team(body)
    signer = team.leads[0].signing_public
    if not keys.signature_valid(signer, keys.TEAM_CONTEXT, canonical_json(body), signature):
        raise _team_rejected()
    return team


def _signed_file(name: str, body: dict[str, Any], context: bytes, private: bytes) -> bytes:
    signature = keys.sign(private, context, canonical_json(body))
    return canonical_json({name: body, "signature": signature.hex()}) + b"\n"


def _open_signed_file(data: bytes, name: str) -> tuple[dict[str, Any], bytes]:
    rejected = _card_rejected if name == "card" else _team_rejected
    try:
        document = parse_canonical(data.removesuffix(b"\n"))
    except ValueError:
        raise rejected() from None
    body, signature = document.get(name), document.get("signature")
    if set(document) != {name, "signature"} or not isinstance(body, dict):
        raise rejected()
    if not isinstance(signature, str) or not _HEX128.fullmatch(signature):
        raise rejected()
    return body, bytes.fromhex(signature)


def _card(body: dict[str, Any]) -> DeviceCard:
    try:
        card = _card_fields(body)
    except (KeyError, TypeError, ValueError):
        raise _card_rejected() from None
    if body != card.body():  # also checks the stated fingerprint and that nothing is extra
        raise _card_rejected()
    return card


def _card_fields(body: dict[str, Any]) -> DeviceCard:
    if body["format"] != CARD_FORMAT:
        raise ValueError("unknown card format")
    signing_key = _matching(body["signing_key"], _HEX64)
    provider = body["provider"]
    if provider is not None and not isinstance(provider, str):
        raise TypeError("provider")
    if body["role"] not in ROLES:
        raise ValueError("role")
    return DeviceCard(
        device_id=_matching(body["device_id"], _HEX32),
        counsellor_id=_matching(body["counsellor_id"], _HEX32),
        code=_text(body["code"]),
        name=_text(body["name"]),
        role=body["role"],
        provider=provider,
        signing_public=bytes.fromhex(signing_key),
        age_recipient=keys.check_recipient(_text(body["age_recipient"])),
    )


def _team(body: dict[str, Any]) -> TeamFile:
    try:
        if body["format"] != TEAM_FORMAT or not body["leads"]:
            raise ValueError("format")
        team = TeamFile(
            team_id=_matching(body["team_id"], _HEX32),
            provider=body["provider"],
            created=_text(body["created"]),
            leads=tuple(_card(lead) for lead in body["leads"]),
            recovery_recipient=keys.check_recipient(_text(body["recovery_recipient"])),
        )
    except (KeyError, TypeError, ValueError, CardRejected):
        raise _team_rejected() from None
    if body != team.body():
        raise _team_rejected()
    return team


def _matching(value: object, pattern: re.Pattern[str]) -> str:
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise ValueError("malformed")
    return value


def _text(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("empty")
    return value


def _card_rejected() -> CardRejected:
    return CardRejected(_("The device card is damaged or not an fsa-desk device card."))


def _team_rejected() -> CardRejected:
    return CardRejected(_("The team file is damaged or not an fsa-desk team file."))
