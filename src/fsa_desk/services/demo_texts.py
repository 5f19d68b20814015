"""Short synthetic German texts for demo notes, agreements and Fachleistung forms.

Generic on purpose: they read like real documentation without describing anyone.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

NOTES = {
    "existenzsicherung": (
        "Bescheid des Jobcenters gemeinsam gelesen und erklärt.",
        "Weiterbewilligungsantrag ausgefüllt, Kontoauszüge fehlen noch.",
        "Nachfrage beim Sozialamt zur ausstehenden Zahlung.",
        "Mahnung besprochen, Ratenzahlung vorgeschlagen.",
    ),
    "aufenthalt": (
        "Termin bei der Ausländerbehörde vorbereitet.",
        "Anhörung beim BAMF besprochen, Ablauf erklärt.",
        "Verlängerung des Aufenthaltstitels beantragt.",
        "Schreiben des BAMF übersetzt und Fristen notiert.",
    ),
    "gesundheit": (
        "Facharzttermin vereinbart, Überweisung liegt vor.",
        "Krankenkasse wegen Kostenübernahme angeschrieben.",
        "Behandlungsschein beim Sozialamt beantragt.",
        "Über Angebote der psychosozialen Beratung informiert.",
    ),
    "familie": (
        "Gespräch zur familiären Situation, Entlastung besprochen.",
        "Antrag auf Familiennachzug: fehlende Unterlagen geklärt.",
        "Kontakt zum Jugendamt nach Absprache aufgenommen.",
        "Kindergeldantrag vervollständigt.",
    ),
    "wohnen": (
        "Wohnungsangebote gesichtet, Bewerbung vorbereitet.",
        "Mietvertrag erklärt, Hausordnung besprochen.",
        "Nebenkostenabrechnung geprüft.",
        "Antrag auf Wohnberechtigungsschein gestellt.",
    ),
    "krise": (
        "Akute Belastungssituation, Stabilisierung und nächste Schritte vereinbart.",
        "Kontakt zu Krisendienst hergestellt.",
        "Sicherheitsplan besprochen.",
    ),
    "schule_kita": (
        "Kitaplatz-Anmeldung beim Eigenbetrieb Kindertageseinrichtungen.",
        "Elterngespräch in der Schule vorbereitet.",
        "Antrag auf Bildung und Teilhabe gestellt.",
    ),
    "sprache_bildung": (
        "Anmeldung zum Integrationskurs besprochen.",
        "Berechtigungsschein für den Sprachkurs beantragt.",
        "Anerkennung des Schulabschlusses: Unterlagen zusammengestellt.",
    ),
    "arbeit": (
        "Lebenslauf erstellt, Bewerbung besprochen.",
        "Arbeitsvertrag erklärt.",
        "Beschäftigungserlaubnis bei der Ausländerbehörde beantragt.",
    ),
    "alltag": (
        "Handyvertrag erklärt und Kündigung vorbereitet.",
        "Orientierung im Stadtteil, Wege zu Ämtern gezeigt.",
        "Rundfunkbeitrag: Befreiung beantragt.",
    ),
    "teilhabe": (
        "Informationen zu Sportverein und Nachbarschaftstreff gegeben.",
        "Kontakt zu einem Patenschaftsprojekt vermittelt.",
    ),
    "sonstiges": ("Allgemeine Anfrage beantwortet.",),
}

AGREEMENTS = (
    "Unterlagen zum nächsten Termin mitbringen.",
    "Klient:in ruft beim Jobcenter an und meldet sich.",
    "Beraterin schreibt an die Behörde.",
    "Termin in zwei Wochen.",
    "Formular wird zu Hause ausgefüllt.",
    "Rückmeldung nach dem Arzttermin.",
)

FACHLEISTUNG_TEXTS = {
    "situation": (
        "Mehrfach belastete Familie mit gesundheitlichen und finanziellen Problemen; "
        "Behördenkontakte werden ohne Unterstützung nicht bewältigt.",
        "Alleinerziehende Mutter mit chronisch krankem Kind, drohende Überforderung.",
        "Drohender Wohnungsverlust wegen Mietschulden, parallel psychische Belastung.",
        "Komplexer Familiennachzug mit offenen Identitätsfragen und hohem Zeitaufwand.",
    ),
    "client_view": (
        "Ich weiß nicht mehr, welche Briefe wichtig sind. Ich brauche Hilfe.",
        "Wir wollen eine eigene Wohnung und dass die Kinder zur Ruhe kommen.",
        "Ich möchte gesund werden und wieder arbeiten.",
    ),
    "goals": (
        "Sicherung der Wohnung; geregelte Kommunikation mit Jobcenter und Vermieter.",
        "Anbindung an fachärztliche Behandlung; Entlastung im Alltag.",
        "Abschluss des Familiennachzugs; Stabilisierung der Familie.",
    ),
    "who_does_what": (
        "Beraterin koordiniert Termine; Klient:in sammelt Unterlagen.",
        "Gemeinsame Termine bei Ämtern; Klient:in übernimmt schrittweise selbst.",
    ),
    "other_services": (
        "Andere Dienste sind beteiligt, decken aber die Koordination nicht ab.",
        "Kein anderer Dienst erreichbar; Wartezeiten von mehreren Monaten.",
    ),
    "justification": (
        "Mehrere Behörden beteiligt, Sprachbarriere, hoher Koordinationsaufwand.",
        "Ohne Begleitung droht der Verlust von Leistungen oder Wohnung.",
        "Belastung erfordert engmaschige Begleitung über mehrere Monate.",
    ),
    "amt_goals": (
        "Stabilisierung der Wohn- und Lebenssituation.",
        "Anbindung an das Regelsystem, Verselbständigung.",
    ),
    "course": (
        "Regelmäßige Termine, Ziele teilweise erreicht; Wohnung gesichert.",
        "Behandlung begonnen; Kommunikation mit Behörden verbessert.",
        "Verlauf durch Krankheit verzögert, Vertrauensverhältnis tragfähig.",
    ),
    "client_assessment": (
        "Es ist besser geworden, aber ich brauche noch Hilfe bei den Briefen.",
        "Wir haben jetzt eine Wohnung. Danke.",
        "Ich verstehe mehr und kann manches allein machen.",
    ),
    "obstacles": (
        "Lange Wartezeiten auf Facharzttermine.",
        "Bearbeitungszeiten der Ausländerbehörde.",
        "Kaum bezahlbarer Wohnraum.",
    ),
    "further_need": (
        "Weiterhin Begleitung bei Behördenkontakten nötig.",
        "Stabilisierung noch nicht abgeschlossen.",
    ),
}


def pick(rng: random.Random, texts: Sequence[str]) -> str:
    return texts[rng.randrange(len(texts))]
