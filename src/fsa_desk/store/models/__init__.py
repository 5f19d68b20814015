"""All mapped tables. Importing this package registers every table on ``Base.metadata``."""

from fsa_desk.store.models.billing import Abrechnung, AbrechnungLine, BillingRule
from fsa_desk.store.models.casework import (
    Bescheid,
    Kompetenzerhebung,
    Referral,
    Task,
    Vollmacht,
    WelcomeChecklistItem,
)
from fsa_desk.store.models.consent import Art13Record, Consent, InterpreterCommitment
from fsa_desk.store.models.contacts import (
    Consultation,
    ConsultationLifeArea,
    ConsultationPerson,
    DuplicateLink,
    GroupOffer,
    GroupOfferCounsellor,
    GroupOfferHousehold,
    Kurzkontakt,
)
from fsa_desk.store.models.fachleistung import (
    Auswertungsgespraech,
    Bedarfsanzeige,
    BedarfsanzeigeCriterion,
    BedarfsanzeigeHours,
    BedarfsanzeigeService,
    Bewilligung,
    BewilligungHours,
    CasePerson,
    CaseStatusChange,
    FachleistungCase,
    Fallberatung,
    Fallbericht,
    Goal,
    GoalRating,
    Integrationsplan,
)
from fsa_desk.store.models.local import ChangeLog, Installation, Setting
from fsa_desk.store.models.people import (
    Address,
    Benefit,
    Counsellor,
    CounsellorAbsence,
    CounsellorFte,
    Household,
    HouseholdCounsellor,
    Membership,
    Person,
    ResidenceStatus,
)

__all__ = [
    "Abrechnung", "AbrechnungLine", "Address", "Art13Record", "Auswertungsgespraech",
    "Bedarfsanzeige", "BedarfsanzeigeCriterion", "BedarfsanzeigeHours", "BedarfsanzeigeService",
    "Benefit", "Bescheid", "Bewilligung", "BewilligungHours", "BillingRule", "CasePerson",
    "CaseStatusChange", "ChangeLog", "Consent", "Consultation", "ConsultationLifeArea",
    "ConsultationPerson", "Counsellor", "CounsellorAbsence", "CounsellorFte", "DuplicateLink",
    "FachleistungCase", "Fallberatung", "Fallbericht", "Goal", "GoalRating", "GroupOffer",
    "GroupOfferCounsellor", "GroupOfferHousehold", "Household", "HouseholdCounsellor",
    "Installation", "InterpreterCommitment", "Integrationsplan", "Kompetenzerhebung", "Kurzkontakt",
    "Membership", "Person", "Referral", "ResidenceStatus", "Setting", "Task", "Vollmacht",
    "WelcomeChecklistItem",
]
