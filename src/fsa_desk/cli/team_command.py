"""``team create|join|card|enrol|revoke|index|status``: the team flow of DESIGN.md §5, §6."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path

from fsa_desk.cli.output import emit_json, say
from fsa_desk.cli.store_commands import open_from_args
from fsa_desk.errors import EXIT_OK, UsageError
from fsa_desk.i18n import _
from fsa_desk.services import team, team_index
from fsa_desk.services.team import DeviceSummary


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser("team", help=_("create or join the team, enrol devices"))
    sub = command.add_subparsers(dest="team_command", required=True)
    create = _sub(sub, "create", _("lead: create the team file and the recovery key"), run_create)
    create.add_argument("-o", "--output", required=True, type=Path, metavar="TEAM_FILE")
    create.add_argument("--recovery-key-out", required=True, type=Path, metavar="FILE")
    join = _sub(sub, "join", _("counsellor: join the team of a team file"), run_join)
    join.add_argument("team_file", type=Path, metavar="TEAM_FILE")
    card = _sub(sub, "card", _("write this device's card for the lead"), run_card)
    card.add_argument("-o", "--output", required=True, type=Path, metavar="CARD")
    enrol = _sub(sub, "enrol", _("lead: enrol a counsellor's device card"), run_enrol)
    enrol.add_argument("card", type=Path, metavar="CARD")
    enrol.add_argument("--yes", action="store_true", help=_("the fingerprint was compared"))
    revoke = _sub(sub, "revoke", _("reject every bundle a lost key signs"), run_revoke)
    revoke.add_argument("fingerprint", metavar="FINGERPRINT")
    index = _sub(sub, "index", _("lead: the team index for every counsellor"), run_index)
    index.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    _sub(sub, "status", _("known devices, their last bundles and gaps"), run_status)


def _sub(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    help_text: str,
    run: object,
) -> argparse.ArgumentParser:
    parser = sub.add_parser(name, help=help_text)
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(run=run)
    return parser


def run_create(args: argparse.Namespace) -> int:
    with open_from_args(args) as store:
        created = team.create_team(store, args.output, args.recovery_key_out)
    if args.json:
        emit_json(asdict(created))
        return EXIT_OK
    say(_("Team file written: {path}").format(path=created.team_file))
    say(
        _("Recovery key written: {path} — keep it in the office safe.").format(
            path=created.recovery_key_file
        )
    )
    say(_("Your fingerprint: {fingerprint}").format(fingerprint=created.lead.fingerprint))
    return EXIT_OK


def run_join(args: argparse.Namespace) -> int:
    with open_from_args(args) as store:
        joined = team.join_team(store, args.team_file)
    if args.json:
        emit_json(asdict(joined))
        return EXIT_OK
    for lead in joined.leads:
        say(
            _("Joined the team of {name} ({code}). Compare the fingerprint: {fingerprint}").format(
                name=lead.name, code=lead.code, fingerprint=lead.fingerprint
            )
        )
    return EXIT_OK


def run_card(args: argparse.Namespace) -> int:
    with open_from_args(args) as store:
        card = team.write_own_card(store, args.output)
    if args.json:
        emit_json({"card": str(args.output), **asdict(card)})
        return EXIT_OK
    say(_("Device card written: {path}").format(path=args.output))
    say(
        _("Fingerprint to compare with the lead: {fingerprint}").format(
            fingerprint=card.fingerprint
        )
    )
    return EXIT_OK


def run_enrol(args: argparse.Namespace) -> int:
    with open_from_args(args) as store:
        preview = team.preview_card(store, args.card)
        if not args.json:
            _describe(preview.card)
        if not args.yes:
            _confirm()
        enrolled = team.enrol(store, args.card)
    if args.json:
        emit_json(asdict(enrolled))
    else:
        say(_("Enrolled: {name} ({code}).").format(name=enrolled.name, code=enrolled.code))
    return EXIT_OK


def _describe(card: DeviceSummary) -> None:
    say(
        _("Device card of {name} ({code}), role {role}.").format(
            name=card.name, code=card.code, role=card.role
        )
    )
    say(_("Fingerprint: {fingerprint}").format(fingerprint=card.fingerprint))


def _confirm() -> None:
    """Enrolment needs a human who compared the fingerprint with the colleague."""
    if not sys.stdin.isatty():
        raise UsageError(_("Compare the fingerprint with the colleague, then confirm with --yes."))
    answer = input(_("Is it the fingerprint your colleague reads out? [y/N] "))
    if answer.strip().lower() not in ("y", "yes", "j", "ja"):
        raise UsageError(_("Not enrolled."))


def run_revoke(args: argparse.Namespace) -> int:
    with open_from_args(args) as store:
        revoked = team.revoke(store, args.fingerprint)
    if args.json:
        emit_json(asdict(revoked))
    else:
        say(
            _("Revoked: {name} ({code}); bundles this key signs are rejected from now on.").format(
                name=revoked.name, code=revoked.code
            )
        )
    return EXIT_OK


def run_index(args: argparse.Namespace) -> int:
    with open_from_args(args) as store:
        summary = team_index.write_index(store, args.output)
    if args.json:
        emit_json(asdict(summary))
    else:
        say(
            _("Team index with {n} households written for {codes}: {path}").format(
                n=summary.households, codes=", ".join(summary.recipients), path=summary.file
            )
        )
    return EXIT_OK


def run_status(args: argparse.Namespace) -> int:
    with open_from_args(args) as store:
        lines = team.overview(store)
        fingerprint = team.own_fingerprint(store)
    if args.json:
        emit_json({"fingerprint": fingerprint, "devices": [asdict(line) for line in lines]})
        return EXIT_OK
    for line in lines:
        state = _("revoked") if line.device.revoked_at else _("enrolled")
        last = line.last_sequence if line.last_sequence is not None else "–"
        missing = ", ".join(str(n) for n in line.missing) or "–"
        say(
            _("{code} {name} ({role}, {state}): last bundle {last}, missing {missing}").format(
                code=line.device.code,
                name=line.device.name,
                role=line.device.role,
                state=state,
                last=last,
                missing=missing,
            )
        )
    return EXIT_OK
