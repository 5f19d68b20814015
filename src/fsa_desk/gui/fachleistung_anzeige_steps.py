"""The Bedarfsanzeige's way to the Sozialamt, as steps of its editor: signed, sent, queried,
answered, decided (Bewilligung or refusal), withdrawn, or a new version that replaces a sent one.

Each step asks for its dates (and a text where the history keeps one), runs the service on the
worker and reloads the editor; the service refuses what the status does not allow, in German.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt

from fsa_desk.gui.context import AppContext
from fsa_desk.gui.fachleistung_steps import Field, StepDialog
from fsa_desk.i18n import _
from fsa_desk.services import bedarfsanzeige


class AnzeigeSteps:
    """Mixed into ``BedarfsanzeigeDialog``: uses its context, ids, clock, message and reload."""

    context: AppContext
    case_id: uuid.UUID
    anzeige_id: uuid.UUID | None
    clock: Callable[[], date]
    step: StepDialog | None

    def _ask(
        self,
        title: str,
        explanation: str,
        fields: list[Field],
        do: Callable[[dict[str, object]], object],
        done: str,
    ) -> None:
        """Ask for a step's dates and text, run ``do`` on the worker, reload."""
        dialog = StepDialog(title, explanation, fields, self)
        self.step = dialog

        def accepted() -> None:
            values = dialog.values()
            self.context.runner.run(
                lambda: do(values),
                on_result=lambda _r: self._stepped(done),
                on_error=self.message.setText,
            )

        dialog.accepted.connect(accepted)
        dialog.open()

    def _stepped(self, done: str) -> None:
        self.message.clear()
        self.context.changed(done)
        self.reload()

    def sign(self) -> None:
        def signed() -> None:
            store, anzeige_id, today = self.context.store, self.anzeige_id, self.clock()
            assert anzeige_id is not None
            self._ask(
                _("Signatures"),
                _('Did the client read the form ("What goes to the Amt") before signing?'),
                [
                    Field("client", _("Signed by the &client on:"), value=today),
                    Field("counsellor", _("Signed by the c&ounsellor on:"), value=today),
                ],
                lambda v: bedarfsanzeige.sign(
                    store,
                    anzeige_id,
                    v["client"],
                    v["counsellor"],
                    today=today,  # type: ignore[arg-type]
                ),
                _("Bedarfsanzeige signed."),
            )

        self._saved_first(signed)

    def send(self) -> None:
        store, anzeige_id, today = self.context.store, self.anzeige_id, self.clock()
        assert anzeige_id is not None
        self._ask(
            _("Sent to the Sozialamt"),
            _("When did the form go to the Sozialamt, and when did it arrive (if known)?"),
            [
                Field("sent", _("&Sent on:"), value=today),
                Field("received", _("&Received on:"), "optional_date"),
            ],
            lambda v: bedarfsanzeige.send(
                store,
                anzeige_id,
                v["sent"],
                received_on=v["received"],
                today=today,  # type: ignore[arg-type]
            ),
            _("Bedarfsanzeige sent."),
        )

    def query(self) -> None:
        store, anzeige_id, today = self.context.store, self.anzeige_id, self.clock()
        assert anzeige_id is not None
        self._ask(
            _("Query from the Sozialamt"),
            _("What did the Sozialamt ask? It is kept in the case history."),
            [
                Field("day", _("&Asked on:"), value=today),
                Field("question", _("&Question:"), "text"),
            ],
            lambda v: bedarfsanzeige.rueckfrage(
                store,
                anzeige_id,
                v["day"],
                str(v["question"]),
                today=today,  # type: ignore[arg-type]
            ),
            _("Query recorded."),
        )

    def answer_query(self) -> None:
        store, anzeige_id, today = self.context.store, self.anzeige_id, self.clock()
        assert anzeige_id is not None
        self._ask(
            _("Query answered"),
            _("Answered without changing the form? (To change it, make a new version.)"),
            [Field("day", _("&Answered on:"), value=today), Field("note", _("&Note:"), "text")],
            lambda v: bedarfsanzeige.answer_rueckfrage(
                store,
                anzeige_id,
                v["day"],
                str(v["note"]),  # type: ignore[arg-type]
            ),
            _("Query answered."),
        )

    def refuse(self) -> None:
        store, anzeige_id, today = self.context.store, self.anzeige_id, self.clock()
        assert anzeige_id is not None
        self._ask(
            _("Refused by the Sozialamt"),
            _("The Sozialamt refused the Fachleistung."),
            [Field("day", _("&Decided on:"), value=today)],
            lambda v: bedarfsanzeige.refuse(store, anzeige_id, v["day"], today=today),  # type: ignore[arg-type]
            _("Refusal recorded."),
        )

    def withdraw(self) -> None:
        store, anzeige_id, today = self.context.store, self.anzeige_id, self.clock()
        assert anzeige_id is not None
        self._ask(
            _("Withdraw the Bedarfsanzeige"),
            _("The client or the counsellor withdraws the request."),
            [
                Field("day", _("&Withdrawn on:"), value=today),
                Field("reason", _("&Reason:"), "text"),
            ],
            lambda v: bedarfsanzeige.withdraw(store, anzeige_id, v["day"], str(v["reason"])),  # type: ignore[arg-type]
            _("Bedarfsanzeige withdrawn."),
        )

    def new_version(self) -> None:
        store, anzeige_id = self.context.store, self.anzeige_id
        assert anzeige_id is not None

        def made(new_id: uuid.UUID) -> None:
            self.anzeige_id = new_id
            self._stepped(_("New version made: change it, sign it and send it again."))

        self.context.runner.run(
            lambda: bedarfsanzeige.new_version(store, anzeige_id),
            on_result=made,
            on_error=self.message.setText,
        )

    def record_decision(self) -> None:
        """The Sozialamt approved (fully or in part): enter its Bewilligung."""
        from fsa_desk.gui.fachleistung_bewilligung import BewilligungDialog

        dialog = BewilligungDialog(
            self.context,
            self.case_id,
            bedarfsanzeige_id=self.anzeige_id,
            parent=self,  # type: ignore[arg-type]
            clock=self.clock,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.reload)
        self.decision = dialog
        dialog.open()
