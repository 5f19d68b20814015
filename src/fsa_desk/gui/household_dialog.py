"""Neuer Haushalt: the Haushalt-Nr. (suggested), the allocation date and the first address.

Members are added right after, in the household's member list ("Neue Person …", with the warning
before creating a person who probably exists already).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.gui.context import AppContext
from fsa_desk.gui.date_field import DateField
from fsa_desk.i18n import _
from fsa_desk.services import households
from fsa_desk.services.consultation_entry import choices


class NewHouseholdDialog(QDialog):
    """Creates the household; ``created`` holds it, and the window then shows it."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.created: households.HouseholdSummary | None = None
        self.setWindowTitle(_("New household"))
        self.ref = QLineEdit()
        self.allocation = DateField(optional=True)
        self.street = QLineEdit()
        self.postcode = QLineEdit()
        self.postcode.setMaxLength(5)
        self.district = _combo("districts")
        self.housing = _combo("housing_types")
        self.secret = QCheckBox(_("Address &secret (protection from violence)"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a61b1b;")
        self.message.hide()
        form = QFormLayout()
        form.addRow(_("&Household no."), self.ref)
        form.addRow(_("&Allocated on"), self.allocation)
        form.addRow(_("S&treet and no."), self.street)
        form.addRow(_("&Postcode"), self.postcode)
        form.addRow(_("&District"), self.district)
        form.addRow(_("&Housing"), self.housing)
        form.addRow(self.secret)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())
        store = context.store
        context.runner.run(lambda: households.suggest_ref(store), on_result=self.ref.setText)
        self.ref.setFocus()

    def save(self) -> None:
        try:
            allocated = self.allocation.date()
        except ValueError as problem:
            self._show(str(problem))
            return
        new = households.NewHousehold(self.ref.text(), allocation_date=allocated)
        address = self._address(allocated)
        store = self.context.store
        self.context.runner.run(
            lambda: households.create_household(store, new, address=address),
            on_result=self._created,
            on_error=self._show,
        )

    def _address(self, allocated: date | None) -> households.NewAddress | None:
        street = self.street.text().strip() or None
        district = self.district.currentData()
        if not (street or district):
            return None
        return households.NewAddress(
            valid_from=allocated or date.today(),
            street=street,
            postcode=self.postcode.text().strip() or None,
            district=district,
            housing_type=self.housing.currentData(),
            secret=self.secret.isChecked(),
        )

    def _created(self, created: households.HouseholdSummary) -> None:
        self.created = created
        self.context.changed(_("Household {ref} created").format(ref=created.household_ref))
        self.accept()
        self.context.show_household(created.id)

    def _show(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()


def _combo(list_name: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(_("– please choose –"), None)
    for choice in choices(list_name):
        combo.addItem(choice.label, choice.code)
    return combo
