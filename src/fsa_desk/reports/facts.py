"""The report facts (``store/models/derived.py``): kept in step with the data, read by reports.

``refresh(db)`` runs before every report. It reads the change log since the facts were last built
and rebuilds the facts of the households those changes touched; a new definition of the facts
(``VERSION``) or a long run of changes rebuilds everything. Every write — services, bulk loads,
imported bundles — goes through the change log, so nothing slips past the facts. Rebuilding is
set-based SQL (``INSERT … SELECT``), a few hundred milliseconds for five years at Mitte scale.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Float,
    Select,
    Subquery,
    and_,
    case,
    cast,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session, aliased

from fsa_desk.reports.common import (
    Database,
    Month,
    ReportParams,
    counsellor_ids,
    month_key,
    month_number,
)
from fsa_desk.store.models import (
    Address,
    ChangeLog,
    Consultation,
    ConsultationLifeArea,
    ConsultationPerson,
    Counsellor,
    Household,
    Membership,
    Person,
    ReportConsultation,
    ReportKey,
    ReportLifeArea,
    ReportMembership,
    ReportPresence,
    ReportState,
)

# Raise when the facts' definition changes: the next report rebuilds them all.
VERSION = 1
# Beyond this many change-log rows since the last refresh (a demo, an import, a large bundle), one
# full rebuild is cheaper than finding and rebuilding the households they touched.
FULL_REBUILD_CHANGES = 20_000
NO_LIFE_AREA = "ohne"
NO_SHOW = "nicht_erschienen"
PRESENT = "anwesend"
_CHUNK = 500  # ids per IN (…) list
_FACTS = (ReportConsultation, ReportLifeArea, ReportPresence, ReportMembership)
Fact = type[ReportConsultation] | type[ReportLifeArea] | type[ReportPresence]


def refresh(db: Database) -> None:
    """Bring the facts up to the change log; cheap (two small queries) when they are current."""
    connection = db.connection() if isinstance(db, Session) else db
    latest = connection.execute(select(func.max(ChangeLog.seq))).scalar() or 0
    state = connection.execute(
        select(ReportState.version, ReportState.change_seq).where(ReportState.id == 1)
    ).first()
    if state is not None and state.version == VERSION and state.change_seq >= latest:
        return
    _add_keys(connection)
    if state is None or state.version != VERSION:
        _rebuild(connection, None)
    else:
        touched = _touched_households(connection, state.change_seq)
        if touched is None or touched:
            _rebuild(connection, touched)
    _save_state(connection, latest, new=state is None)


def rebuild(db: Database) -> None:
    """Forget the facts and build them anew (after data was written past the change log)."""
    connection = db.connection() if isinstance(db, Session) else db
    connection.execute(delete(ReportState))
    refresh(connection)


def _save_state(connection: Connection, seq: int, *, new: bool) -> None:
    if new:
        connection.execute(insert(ReportState).values(id=1, version=VERSION, change_seq=seq))
    else:
        values = {"version": VERSION, "change_seq": seq}
        connection.execute(update(ReportState).where(ReportState.id == 1).values(**values))


def _add_keys(connection: Connection) -> None:
    """An integer key for every household, person and counsellor that has none yet."""
    for model in (Household, Person, Counsellor):
        missing = select(model.id).where(model.id.not_in(select(ReportKey.id)))
        connection.execute(insert(ReportKey).from_select(["id"], missing))


# --- what changed -----------------------------------------------------------------------------


@dataclass
class _Touched:
    """Ids named by the change log, by table; ``old`` ids of moved rows count as touched too."""

    rows: dict[str, set[uuid.UUID]] = field(default_factory=dict)

    def add(self, table: str, hex_id: str | None) -> None:
        if hex_id:
            self.rows.setdefault(table, set()).add(uuid.UUID(hex_id))

    def of(self, *tables: str) -> set[uuid.UUID]:
        return set().union(*(self.rows.get(table, set()) for table in tables))


# A changed parent reference: the row left the old parent, whose facts change too.
_PARENT_FIELDS = {
    "household_id": "household",
    "consultation_id": "consultation",
    "person_id": "person",
}


def _touched_households(connection: Connection, since: int) -> set[uuid.UUID] | None:
    """The households whose facts changes since ``since`` affect; ``None``: too many to bother."""
    newer = ChangeLog.seq > since
    if connection.execute(select(func.count()).where(newer)).scalar_one() > FULL_REBUILD_CHANGES:
        return None
    touched = _Touched()
    query = select(ChangeLog.table_name, ChangeLog.row_id, ChangeLog.field, ChangeLog.old)
    for table, row_id, name, old in connection.execute(query.where(newer)):
        touched.add(table, row_id)
        if name in _PARENT_FIELDS and old is not None:
            touched.add(_PARENT_FIELDS[name], json.loads(old))
    return _households_of(connection, touched)


def _households_of(connection: Connection, touched: _Touched) -> set[uuid.UUID]:
    cla, cp, m = ConsultationLifeArea, ConsultationPerson, Membership
    persons = touched.of("person")
    consultations = touched.of("consultation")
    consultations |= _values(connection, cla.consultation_id, cla.id, touched.of(cla.__tablename__))
    consultations |= _values(connection, cp.consultation_id, cp.id, touched.of(cp.__tablename__))
    consultations |= _values(connection, cp.consultation_id, cp.person_id, persons)
    households = touched.of("household")
    households |= _values(connection, Consultation.household_id, Consultation.id, consultations)
    households |= _values(connection, Address.household_id, Address.id, touched.of("address"))
    households |= _values(connection, m.household_id, m.id, touched.of("membership"))
    households |= _values(connection, m.household_id, m.person_id, persons)
    return households


def _values(connection: Connection, column: Any, key: Any, ids: set[uuid.UUID]) -> set[Any]:
    """``column`` of the rows whose ``key`` is one of ``ids``."""
    found: set[Any] = set()
    for chunk in _chunks(ids):
        found.update(connection.execute(select(column).where(key.in_(chunk))).scalars())
    return found


def _chunks(ids: Iterable[Any]) -> Iterator[list[Any]]:
    ordered = list(ids)
    for start in range(0, len(ordered), _CHUNK):
        yield ordered[start : start + _CHUNK]


# --- building -----------------------------------------------------------------------------------


def _rebuild(connection: Connection, households: set[uuid.UUID] | None) -> None:
    """The facts of ``households`` (``None``: of all) deleted and written anew."""
    if households is None:
        for fact in _FACTS:
            connection.execute(delete(fact))
        _insert_facts(connection, None)
        return
    for chunk in _chunks(households):
        keys = select(ReportKey.n).where(ReportKey.id.in_(chunk)).scalar_subquery()
        for fact in _FACTS:
            connection.execute(delete(fact).where(fact.household.in_(keys)))
        _insert_facts(connection, chunk)


def _insert_facts(connection: Connection, households: list[uuid.UUID] | None) -> None:
    connection.execute(_consultation_facts(households))
    keys = None
    if households is not None:
        keys = select(ReportKey.n).where(ReportKey.id.in_(households)).scalar_subquery()
    connection.execute(_life_area_facts(keys))
    connection.execute(_presence_facts(keys))
    connection.execute(_membership_facts(households))


def _deleted(model: type[Household] | type[Person]) -> Select[Any]:
    return select(model.id).where(model.deleted_hlc.is_not(None))


def _consultation_facts(households: list[uuid.UUID] | None) -> Any:
    c = Consultation
    household, counsellor = aliased(ReportKey), aliased(ReportKey)
    query = (
        select(
            household.n,
            counsellor.n,
            month_number(c.date),
            c.date,
            c.module,
            _regions_on(c.household_id, c.date),
            c.id,
            c.contact_type,
            c.outcome == NO_SHOW,
            c.duration_minutes,
            c.travel_minutes,
        )
        .join(household, household.id == c.household_id)
        .join(counsellor, counsellor.id == c.counsellor_id)
        .where(c.deleted_hlc.is_(None), c.household_id.not_in(_deleted(Household)))
    )
    if households is not None:
        query = query.where(c.household_id.in_(households))
    f = ReportConsultation
    columns = [
        f.household,
        f.counsellor,
        f.month,
        f.day,
        f.module,
        f.regions,
        f.consultation_id,
        f.contact_type,
        f.no_show,
        f.minutes,
        f.travel,
    ]
    return insert(f).from_select([column.key for column in columns], query)


def _regions_on(household_id: Any, day: Any) -> Any:
    """``|Mitte|`` — every region the household had an address in on ``day`` (``None``: none)."""
    a = Address
    regions = (
        select(func.aggregate_strings(a.region, "|"))
        .where(
            a.household_id == household_id,
            a.deleted_hlc.is_(None),
            a.region.is_not(None),
            or_(a.valid_from.is_(None), a.valid_from <= day),
            or_(a.valid_to.is_(None), a.valid_to >= day),
        )
        .scalar_subquery()
    )
    return literal("|") + regions + literal("|")


def _dimensions(f: Any) -> list[Any]:
    return [f.household, f.counsellor, f.month, f.day, f.module, f.regions]


def _life_area_facts(keys: Any) -> Any:
    """A consultation's minutes per life area, by the rule in ``reports.monthly``'s docstring."""
    rc, cla = ReportConsultation, ConsultationLifeArea
    stats = _life_area_stats(keys)
    query = (
        select(
            *_dimensions(rc),
            func.coalesce(cla.life_area, NO_LIFE_AREA),
            _area_share(rc.minutes, cla.minutes, stats.c),
        )
        .outerjoin(stats, stats.c.consultation_id == rc.consultation_id)
        .outerjoin(cla, and_(cla.consultation_id == rc.consultation_id, cla.deleted_hlc.is_(None)))
    )
    if keys is not None:
        query = query.where(rc.household.in_(keys))
    f = ReportLifeArea
    names = [column.key for column in [*_dimensions(f), f.life_area, f.minutes]]
    return insert(f).from_select(names, query)


def _life_area_stats(keys: Any) -> Subquery:
    """Per consultation: all its areas, those without minutes, and the minutes given."""
    cla = ConsultationLifeArea
    query = select(
        cla.consultation_id,
        func.count().label("areas"),
        (func.count() - func.count(cla.minutes)).label("open"),
        func.coalesce(func.sum(cla.minutes), 0).label("given"),
    ).where(cla.deleted_hlc.is_(None))
    if keys is not None:
        counted = select(ReportConsultation.consultation_id).where(
            ReportConsultation.household.in_(keys)
        )
        query = query.where(cla.consultation_id.in_(counted))
    return query.group_by(cla.consultation_id).subquery("area_stats")


def _area_share(duration: Any, own: Any, stats: Any) -> Any:
    real = cast(duration, Float)
    return case(
        (stats.areas.is_(None), real),  # no life area: all minutes to "ohne"
        (
            and_(stats.open > 0, stats.given <= duration),
            func.coalesce(cast(own, Float), (real - stats.given) / cast(stats.open, Float)),
        ),
        (stats.given > 0, cast(func.coalesce(own, 0), Float) * real / cast(stats.given, Float)),
        else_=real / cast(stats.areas, Float),
    )


def _presence_facts(keys: Any) -> Any:
    """Persons (not deleted) recorded present at a consultation that took place."""
    rc, cp = ReportConsultation, ConsultationPerson
    person = aliased(ReportKey)
    query = (
        select(*_dimensions(rc), person.n)
        .join(cp, cp.consultation_id == rc.consultation_id)
        .join(person, person.id == cp.person_id)
        .where(
            rc.no_show.is_(False),
            cp.role == PRESENT,
            cp.deleted_hlc.is_(None),
            cp.person_id.not_in(_deleted(Person)),
        )
    )
    if keys is not None:
        query = query.where(rc.household.in_(keys))
    f = ReportPresence
    return insert(f).from_select([column.key for column in [*_dimensions(f), f.person]], query)


def _membership_facts(households: list[uuid.UUID] | None) -> Any:
    m = Membership
    household, person = aliased(ReportKey), aliased(ReportKey)
    query = (
        select(household.n, person.n, month_number(m.valid_from), month_number(m.valid_to))
        .join(household, household.id == m.household_id)
        .join(person, person.id == m.person_id)
        .where(m.deleted_hlc.is_(None), m.person_id.not_in(_deleted(Person)))
    )
    if households is not None:
        query = query.where(m.household_id.in_(households))
    f = ReportMembership
    names = [column.key for column in (f.household, f.person, f.from_month, f.to_month)]
    return insert(f).from_select(names, query)


# --- reading ------------------------------------------------------------------------------------


def conditions(fact: Fact, params: ReportParams, period: list[Month]) -> list[ColumnElement[bool]]:
    """``fact``'s rows in the period that match the report's filters."""
    in_period = fact.month.between(month_key(period[0]), month_key(period[-1]))
    return [in_period, *filters(fact, params)]


def filters(fact: Fact, params: ReportParams) -> list[ColumnElement[bool]]:
    """``fact``'s rows that match the counsellor, module and region filters, in any month."""
    found: list[ColumnElement[bool]] = []
    if params.counsellor is not None:
        keys = select(ReportKey.n).where(ReportKey.id.in_(counsellor_ids(params.counsellor)))
        found.append(fact.counsellor.in_(keys))
    if params.module is not None:
        found.append(fact.module == params.module)
    if params.region is not None:
        found.append(fact.regions.contains(f"|{params.region}|", autoescape=True))
    return found


def counsellor_codes_by_key(db: Database) -> dict[int, str]:
    """Every counsellor's code by fact key (deleted counsellor records too)."""
    query = select(ReportKey.n, Counsellor.code).join(Counsellor, Counsellor.id == ReportKey.id)
    return {row.n: row.code for row in db.execute(query)}
