"""Demo data: a school with classes, pupils, parents and years of school–home cooperation.

``generate_demo`` fills an empty data folder with a believable school, Skovbakkeskolen:
classes that move up a grade every year, pupils with names from Denmark's many
backgrounds, their parents (some divorced, some siblings in other classes), school–home
conversations with notes and agreements, the message book's focus points and their
presentations, and the informal contact log. It is meant for trying the program, for
screenshots and for benchmarks; no person in it is real and no CPR number exists in it.

Everything comes from ``random.Random(seed)`` and the day given as ``today``: the same
seed and day give the very same rows. The current school year is left half done relative
to ``today``, so that the overview of what is still owed has something to show: pupils
with no ordinary conversation yet, focus points not presented, overdue agreements and
unanswered messages.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal, cast

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from skolehjem_desktop.domain.enums import (
    ContactChannel,
    ContactTopic,
    ConversationKind,
    ConversationStatus,
    FocusArea,
    FocusStatus,
    Language,
    PresentationVia,
    Relation,
    RequestedBy,
    Responsible,
    SectionKind,
    StartedBy,
)
from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services import demo_names as names
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.services.workdays import is_working_day, reply_due
from skolehjem_desktop.store.database import Database
from skolehjem_desktop.store.models import (
    Agreement,
    Base,
    ClassTeacher,
    ContactEntry,
    Conversation,
    ConversationGuardian,
    ConversationSection,
    ConversationTeacher,
    Enrolment,
    FocusPoint,
    FocusPresentation,
    Guardian,
    SchoolClass,
    Setting,
    Student,
    StudentGuardian,
    Teacher,
)

SCHOOL_NAME: Final = "Skovbakkeskolen"
LETTERS: Final = ("A", "B", "C")
MAX_GRADE: Final = 9

Row = dict[str, Any]


@dataclass(frozen=True)
class DemoSummary:
    """What the demo made: ``classes`` are this school year's classes."""

    classes: int
    students: int
    guardians: int
    conversations: int
    focus_points: int
    contacts: int
    school_years: tuple[int, ...]


@dataclass(frozen=True)
class _Plan:
    classes: int
    years: int
    pupils: tuple[int, int]
    user_classes: int
    other_teachers: int


_PLANS: Final = {
    "small": _Plan(classes=6, years=3, pupils=(20, 24), user_classes=2, other_teachers=12),
    "school": _Plan(classes=30, years=5, pupils=(25, 25), user_classes=3, other_teachers=25),
}

# Parents and school ids are written in this order, so every foreign key finds its row.
_ORDER: Final[tuple[type[Base], ...]] = (
    Teacher,
    SchoolClass,
    ClassTeacher,
    Student,
    Enrolment,
    Guardian,
    StudentGuardian,
    Conversation,
    ConversationTeacher,
    ConversationGuardian,
    ConversationSection,
    Agreement,
    FocusPoint,
    FocusPresentation,
    ContactEntry,
)
_WITH_ID: Final[tuple[type[Base], ...]] = (
    Teacher,
    SchoolClass,
    Student,
    Guardian,
    Conversation,
    ConversationSection,
    Agreement,
    FocusPoint,
    FocusPresentation,
    ContactEntry,
)

# --- the texts (Danish, as a Danish teacher writes them) -------------------------------------
# Placeholders: {navn} the pupil's first name, {navns} its genitive, {han}/{Han}/{ham}/{hans}
# the pronouns, {klasse} the class.

PREPARATION: Final = (
    "Husk at spørge ind til, hvordan {navn} har det i frikvartererne. Jeg har set {ham} "
    "alene ved bænkene et par gange.",
    "Tjek fraværet inden samtalen: {navn} har haft flere enkeltdage med sygdom.",
    "Tal med matematiklæreren om {navns} seneste test, før vi mødes.",
    "Forældrene var sidst utilfredse med informationen fra skolen. Start med det, der går godt.",
    "{navn} har selv sagt, at {han} gerne vil sidde et andet sted i klassen. Tag det op "
    "forsigtigt.",
    "Mor har skrevet på Aula, at der er sket ændringer derhjemme. Spørg åbent, ikke direkte.",
    "Husk at have {navns} læseprøve og et par skriveeksempler med.",
    "Overvej, om AKT-læreren skal deltage næste gang.",
    "Forældrene har tidligere ønsket mere udfordring – undersøg mulighederne på årgangen.",
    "Få fat i dansklærerens indtryk af {navns} læsning inden samtalen.",
    "Husk at nævne {navns} flotte fremlæggelse i natur/teknologi.",
)

AGENDA: Final = {
    ConversationKind.ORDINARY: (
        "1. Velkommen og rammen for samtalen\n"
        "2. Hvordan går det med {navn}? Jeres og {navns} egen oplevelse\n"
        "3. Fagligt: dansk, matematik og de øvrige fag\n"
        "4. Trivsel og fællesskab i {klasse}\n"
        "5. Fokuspunkter i meddelelsesbogen\n"
        "6. Aftaler og næste skridt",
        "1. Status siden sidste samtale\n"
        "2. {navns} faglige udvikling\n"
        "3. Trivsel, venskaber og frikvarterer\n"
        "4. Styrker og udviklingsmuligheder\n"
        "5. Meddelelsesbogen: fokuspunkter\n"
        "6. Aftaler",
        "1. Forældrenes og {navns} forberedelse\n"
        "2. Faglig status fra klassens lærere\n"
        "3. Det sociale liv i {klasse}\n"
        "4. Fokuspunkter og aftaler",
    ),
    ConversationKind.AS_NEEDED: (
        "1. Baggrunden for samtalen\n"
        "2. Forældrenes og skolens oplevelse af situationen\n"
        "3. Hvad kan vi gøre – hjemme og i skolen?\n"
        "4. Aftaler og opfølgning",
        "1. Hvad er der sket?\n2. Hvordan har {navn} det med det?\n3. Næste skridt og aftaler",
    ),
    ConversationKind.WELLBEING: (
        "1. {navns} trivsel i klassen og i frikvartererne\n"
        "2. Venskaber og fællesskab\n"
        "3. Hvad har hjulpet indtil nu?\n"
        "4. Aftaler og opfølgning",
        "1. Hvordan har {navn} det for tiden?\n"
        "2. Skolens iagttagelser\n"
        "3. Forældrenes iagttagelser\n"
        "4. Fælles plan",
    ),
    ConversationKind.EXPECTATION: (
        "1. Præsentation og gensidige forventninger\n"
        "2. {navns} start i {klasse}\n"
        "3. Hvordan vi kontakter hinanden: Aula, telefon efter aftale\n"
        "4. Hvad er vigtigt for jer som forældre?",
        "1. Hvem er vi?\n2. Forventninger til skole/hjem-samarbejdet\n"
        "3. Det vigtigste at vide om {navn}\n4. Aftaler",
    ),
}

PARENTS_INPUT: Final = (
    "Forældrene fortæller, at {navn} er glad for at gå i skole og især ser frem til idræt og "
    "frikvartererne.",
    "Hjemme oplever forældrene, at lektierne i matematik tager lang tid, og at {navn} hurtigt "
    "giver op.",
    "Forældrene er glade for den ugentlige information på Aula og vil gerne have besked, hvis "
    "der sker noget særligt i løbet af dagen.",
    "{navn} har fortalt derhjemme, at der er uro i klassen, og at det kan være svært at "
    "koncentrere sig.",
    "Forældrene oplever, at {navn} læser meget i fritiden og gerne vil have sværere bøger.",
    "Familien har haft en travl periode, og forældrene beder skolen være ekstra opmærksom på "
    "{navn} de næste uger.",
    "Forældrene ønsker, at {navn} bliver udfordret mere i matematik.",
    "Forældrene spørger, hvordan de bedst kan støtte læsningen hjemme.",
    "{navn} har selv forberedt sig med forældrene og fortæller, at {han} er glad for sin "
    "bordmakker.",
)

ACADEMIC: Final = (
    (  # grades 0–3
        "{navn} kender alle bogstaverne og er godt i gang med at læse små tekster. {Han} bruger "
        "lydene aktivt, når {han} skriver.",
        "I matematik tæller {navn} sikkert og kan lægge sammen og trække fra med tal under 20.",
        "{navn} lytter godt efter i fællesskabet, men har brug for en voksen til at komme i gang "
        "med opgaverne.",
        "{navn} er glad for at skrive små historier og tegner gerne til.",
        "{navn} blander stadig b og d og træner dem med sin læsemakker.",
    ),
    (  # grades 4–6
        "{navn} læser flydende og forstår det læste godt. Næste skridt er at skrive "
        "sammenhængende tekster med afsnit.",
        "I matematik arbejder {navn} sikkert med de fire regnearter. Brøker og procent driller "
        "stadig lidt.",
        "{navn} deltager aktivt i timerne og tør sige sin mening, også når {han} er i tvivl.",
        "{navns} afleveringer kommer ikke altid til tiden, og det påvirker det faglige udbytte.",
        "I engelsk er {navn} blevet mere modig til at tale, og ordforrådet er vokset meget.",
    ),
    (  # grades 7–9
        "{navn} klarer sig godt i dansk og skriver gode argumenterende tekster. Kommatering og "
        "korrektur kan blive bedre.",
        "I matematik arbejder {navn} selvstændigt med ligninger og funktioner og viser sine "
        "mellemregninger.",
        "{navn} kommer ofte for sent til første lektion, og det går ud over fysik/kemi og "
        "matematik.",
        "{navn} forbereder sig godt og bruger terminsprøverne til at se, hvad {han} skal øve.",
        "{navn} kan mere, end {han} viser i timerne. Vi taler om at række hånden op og stille "
        "spørgsmål.",
    ),
)

SOCIAL: Final = (
    "{navn} er en god kammerat og har flere gode venner i klassen.",
    "{navn} trives i klassen, men har haft nogle konflikter i frikvartererne, som vi har talt "
    "om sammen.",
    "{navn} er lidt stille i store grupper, men blomstrer op i mindre grupper.",
    "{navn} hjælper gerne andre og tager ansvar, når klassen arbejder i grupper.",
    "{navn} har fundet nye venner i løbet af året og virker gladere og mere tryg.",
    "{navn} fortæller, at {han} somme tider føler sig udenfor i pauserne. Vi holder øje med det.",
    "Klassen har arbejdet med fællesskab og gode klasseregler, og {navn} har været aktiv i det.",
)

STRENGTHS: Final = (
    "{navn} er nysgerrig og stiller gode spørgsmål. Næste skridt er at holde fokus, til "
    "opgaven er færdig.",
    "{navn} er kreativ og god til at finde egne løsninger. {Han} kan udvikle sig ved at "
    "forklare sine tanker for andre.",
    "{navn} er vedholdende og giver ikke op. Vi vil udfordre {ham} mere i problemløsning.",
    "{navn} er god til at samarbejde og er en rolig kraft i gruppen.",
    "{navn} har en god fornemmelse for sprog og læser med stor indlevelse.",
    "{navn} er sportslig og energisk; bevægelse i undervisningen hjælper {ham} med at lære.",
)

CONCERNS: Final = (
    "Ingen særlige bekymringer. Vi fortsætter som hidtil.",
    "Ingen bekymringer fra skolens side.",
    "Vi er lidt bekymrede for {navns} koncentration i de sidste lektioner og holder øje med det.",
    "Fraværet er steget i dette skoleår. Vi følger det tæt og tager kontakt, hvis det fortsætter.",
    "{navn} virker træt om morgenen. Forældrene vil se på sengetiderne hjemme.",
    "Læsningen halter efter årgangen. Skolen tilbyder et læsekursus, og vi følger op efter jul.",
    "{navn} har svært ved at håndtere konflikter og kan blive meget vred. Vi laver en fælles plan.",
)

SUMMARY_OPENING: Final = {
    ConversationKind.ORDINARY: (
        "God og åben samtale om {navns} skolegang.",
        "Vi talte om, hvordan det går med {navn} i {klasse}.",
        "Samtalen tog udgangspunkt i forældrenes og {navns} forberedelse.",
    ),
    ConversationKind.AS_NEEDED: (
        "Samtalen blev holdt, fordi {navn} i en periode har været ked af at gå i skole.",
        "Samtalen blev holdt på grund af uro og konflikter i frikvartererne.",
        "Vi mødtes for at tale om {navns} faglige udfordringer i matematik.",
    ),
    ConversationKind.WELLBEING: (
        "Trivselssamtale om {navns} venskaber og hverdagen i {klasse}.",
        "Vi talte om, hvordan {navn} har det i klassen og i frikvartererne.",
    ),
    ConversationKind.EXPECTATION: (
        "Forventningssamtale ved {navns} start i {klasse}.",
        "Vi afstemte forventningerne til samarbejdet om {navn} i dette skoleår.",
    ),
}
SUMMARY_MIDDLE: Final = (
    "{navn} trives og er fagligt godt med.",
    "{navn} er på vej frem i dansk og matematik, men har brug for støtte til at holde fokus.",
    "Trivslen er blevet bedre siden sidst.",
    "Fagligt går det fremad; socialt er der stadig ting, vi skal arbejde med.",
    "Skolen og hjemmet ser {navn} på samme måde, og det er et godt udgangspunkt.",
)
SUMMARY_CLOSING: Final = (
    "Fokuspunkterne i meddelelsesbogen blev gennemgået, og aftalerne står nedenfor.",
    "Vi følger op ved næste samtale eller tidligere på Aula, hvis der er behov.",
    "Forældrene kontakter skolen via Aula, hvis der opstår spørgsmål.",
)

AGREEMENTS: Final = {
    Responsible.SCHOOL: (
        "Klasselæreren giver {navn} ekstra læsetræning to gange om ugen.",
        "Skolen sender en kort status på Aula hver fredag de næste fire uger.",
        "Matematiklæreren laver et træningsark med tabeller til {navn}.",
        "{navn} får en fast plads tæt på tavlen.",
        "Skolen tager kontakt til PPR om en samtale om {navns} læsning.",
        "Klassens lærere laver faste legegrupper i frikvartererne.",
    ),
    Responsible.HOME: (
        "Forældrene læser 20 minutter med {navn} hver dag.",
        "Forældrene sørger for, at {navn} kommer tidligere i seng på skoledage.",
        "Forældrene skriver på Aula, hvis {navn} er ked af at gå i skole.",
        "Hjemmet sørger for, at {navn} har idrætstøj og en opladt computer med.",
        "Forældrene inviterer en klassekammerat med hjem i den kommende måned.",
    ),
    Responsible.PUPIL: (
        "{navn} rækker hånden op mindst én gang i hver dansktime.",
        "{navn} afleverer sine opgaver til tiden.",
        "{navn} siger til en voksen, når der er konflikter i frikvarteret.",
        "{navn} læser en selvvalgt bog og fortæller om den i klassen.",
        "{navn} øver tabellerne fem minutter hver dag.",
    ),
}

PARENTS_WISHES: Final = (
    "Forældrene ønsker, at matematiklæreren deltager.",
    "Far kan først efter kl. 15.",
    "Forældrene vil gerne tale om lektiemængden.",
    "Forældrene ønsker, at {navn} kun deltager i sidste del af samtalen.",
    "Mor ønsker, at samtalen handler om {navns} venskaber.",
)
PUPIL_ABSENT_NOTE: Final = (
    "Forældrene fortæller {navn} om samtalen bagefter.",
    "{navn} deltager ikke; vi taler med {ham} dagen efter.",
)
PUPIL_PART_NOTE: Final = ("Deltager de første 10 minutter.", "Deltager i sidste halvdel.")

PLACES: Final = (
    "Lokale 12",
    "Lokale 7",
    "Lokale 23",
    "Mødelokalet ved kontoret",
    "Biblioteket",
    "Lokale 104",
    "Personalemødelokalet",
)

# The focus points of the message book, by area; Danish and maths by stage (0–3, 4–6, 7–9).
FOCUS_GOALS: Final[dict[FocusArea, tuple[tuple[str, ...], ...]]] = {
    FocusArea.LANGUAGE_AWARENESS: (
        (
            "{navn} kan genkende og sige lydene til bogstaverne i sit navn.",
            "{navn} kan høre, om to ord rimer, og finde på egne rim.",
            "{navn} kan dele korte ord op i stavelser ved at klappe.",
            "{navn} lytter til en højtlæst historie og kan genfortælle den.",
        ),
    ),
    FocusArea.MATHS_AWARENESS: (
        (
            "{navn} kan tælle sikkert til 20 og kender tallene.",
            "{navn} kan sortere og sammenligne efter form, farve og størrelse.",
            "{navn} bruger ord som flere, færre, størst og mindst.",
        ),
    ),
    FocusArea.DANISH: (
        (
            "{navn} læser korte tekster sikkert og med forståelse.",
            "{navn} skriver små sætninger med stort begyndelsesbogstav og punktum.",
            "{navn} kender de hyppigste ord og kan læse dem hurtigt.",
        ),
        (
            "{navn} skriver en sammenhængende tekst med indledning, midte og afslutning.",
            "{navn} læser alderssvarende bøger og kan fortælle om handling og personer.",
            "{navn} bruger læsestrategier, når {han} læser faglige tekster.",
        ),
        (
            "{navn} skriver en argumenterende tekst med en klar påstand og gode argumenter.",
            "{navn} kan analysere en novelle og bruge fagbegreberne.",
            "{navn} læser sine egne tekster korrektur for kommatering og stavning.",
        ),
    ),
    FocusArea.MATHS: (
        (
            "{navn} kan lægge sammen og trække fra med tal op til 100.",
            "{navn} kender tabellerne for 2, 5 og 10.",
            "{navn} kan måle og sammenligne længder.",
        ),
        (
            "{navn} bruger de fire regnearter i tekstopgaver.",
            "{navn} forstår brøker og kan sammenligne dem.",
            "{navn} kan alle tabellerne fra 1 til 10.",
        ),
        (
            "{navn} kan løse ligninger med én ubekendt.",
            "{navn} kan tegne og aflæse lineære funktioner.",
            "{navn} forklarer sine mellemregninger i problemløsning.",
        ),
    ),
    FocusArea.ALL_ROUND: (
        (
            "{navn} tør sige sin mening i klassen.",
            "{navn} leger og samarbejder med mange forskellige kammerater.",
            "{navn} kan arbejde selvstændigt i 15–20 minutter.",
            "{navn} holder orden i sine ting og har det med, {han} skal bruge.",
            "{navn} kan sige fra på en god måde i konflikter.",
        ),
    ),
    FocusArea.FURTHER_EDUCATION: (
        (
            "{navn} undersøger mindst to ungdomsuddannelser og fortæller om dem.",
            "{navn} deltager i brobygning og skriver en kort refleksion bagefter.",
            "{navn} forbereder uddannelsesparathedsvurderingen sammen med vejlederen.",
            "{navn} kender optagelseskravene til den uddannelse, {han} ønsker.",
        ),
    ),
    FocusArea.OTHER_SUBJECT: (
        (
            "{navn} tør tale engelsk i små grupper.",
            "{navn} læser en let engelsk bog og fortæller om den.",
            "{navn} skriver korte tekster på engelsk om sig selv.",
        ),
    ),
}
FOCUS_ACTIONS: Final[dict[FocusArea, tuple[str, ...]]] = {
    FocusArea.LANGUAGE_AWARENESS: (
        "Vi leger med bogstaver og lyde i morgensamlingen. Hjemme læser I højt hver dag.",
        "Rim og remser i klassen; rimespil derhjemme.",
    ),
    FocusArea.MATHS_AWARENESS: (
        "Tælleleg i hverdagen: trappetrin, knapper, biler.",
        "Konkrete materialer og spil i undervisningen.",
    ),
    FocusArea.DANISH: (
        "Læsebånd hver dag og 20 minutters læsning hjemme.",
        "Skriveskabeloner og respons fra læsemakkeren.",
        "Ugentlig stavetræning og fælles korrektur med læreren.",
    ),
    FocusArea.MATHS: (
        "Daglig træning med tabelspil; hjemme øver I fem minutter om dagen.",
        "Konkrete materialer og samtale om løsningsstrategier i makkerpar.",
        "Ekstra opgaver i lektiecaféen om tirsdagen.",
    ),
    FocusArea.ALL_ROUND: (
        "Faste makkerpar og roller i gruppearbejdet.",
        "Korte mål på tavlen og en tjekliste på bordet.",
        "Vi øver stop-tænk-tal ved konflikter, og hjemme taler I om dagen.",
    ),
    FocusArea.FURTHER_EDUCATION: (
        "Samtale med vejlederen og besøg på en erhvervsskole og et gymnasium.",
        "Arbejde med uddannelsesplanen i klassen og hjemme.",
    ),
    FocusArea.OTHER_SUBJECT: (
        "Engelske samtalekort i makkerpar.",
        "Engelske film med engelske undertekster hjemme.",
    ),
}
EVALUATION: Final = {
    FocusStatus.ACHIEVED: (
        "Målet er nået. {navn} har arbejdet stabilt med det hele året.",
        "Nået – flot udvikling siden efteråret.",
        "{navn} har nået målet og kan nu hjælpe andre med det.",
    ),
    FocusStatus.IN_PROGRESS: (
        "Delvist nået. Vi fortsætter med målet i næste skoleår.",
        "{navn} er godt på vej, men har brug for mere tid.",
    ),
    FocusStatus.DISCONTINUED: (
        "Målet blev erstattet af et andet, som passede bedre til {navn}.",
        "Ikke længere relevant efter samtalen med forældrene.",
    ),
}

CONTACT_TEXT: Final = {
    (StartedBy.PARENT, ContactTopic.WELLBEING): (
        "Mor skriver, at {navn} har været ked af det efter skole, og spørger, om der er sket "
        "noget i frikvarteret.",
        "Far fortæller (telefon efter aftale), at {navn} ikke vil i skole om morgenen.",
        "Forældrene fortæller, at {navn} sover dårligt og er træt om morgenen.",
        "Mor takker for en god uge – {navn} er meget gladere for at gå i skole nu.",
        "Far spørger, om {navn} har nogen at lege med i frikvartererne.",
    ),
    (StartedBy.SCHOOL, ContactTopic.WELLBEING): (
        "Besked til forældrene: {navn} var ked af det i 10-frikvarteret; vi har talt med de "
        "involverede.",
        "Kort snak ved afhentning: {navn} har haft en god dag med nye legekammerater.",
        "Skolen ringer, fordi {navn} har ondt i maven og gerne vil hentes.",
    ),
    (StartedBy.PARENT, ContactTopic.ACADEMIC): (
        "Forældrene spørger til lektierne i matematik, og om {navn} kan få ekstra opgaver.",
        "Mor spørger, hvordan de kan støtte læsningen hjemme.",
    ),
    (StartedBy.SCHOOL, ContactTopic.ACADEMIC): (
        "Besked om, at {navn} mangler to afleveringer i dansk.",
        "Ros til {navn} for en flot fremlæggelse i natur/teknologi.",
    ),
    (StartedBy.PARENT, ContactTopic.PRACTICAL): (
        "{navn} skal til tandlæge torsdag og går tidligt hjem.",
        "Forældrene spørger, hvornår klassens tur til skoven er, og hvad {navn} skal have med.",
        "Forældrene spørger om fri til en familiebegivenhed; henvist til skolens kontor.",
    ),
    (StartedBy.SCHOOL, ContactTopic.PRACTICAL): (
        "Påmindelse om den underskrevne seddel til lejrskolen.",
        "Besked om glemt madpakke og jakke.",
    ),
    (StartedBy.PARENT, ContactTopic.CONFLICT): (
        "Far skriver om en konflikt mellem {navn} og en klassekammerat på vej hjem. Svar: det "
        "skete uden for skoletiden; vi opfordrer til direkte kontakt mellem forældrene.",
        "Mor er bekymret over beskeder i klassens chatgruppe.",
    ),
    (StartedBy.SCHOOL, ContactTopic.CONFLICT): (
        "Skolen orienterer om en konflikt i frikvarteret; sagen er talt igennem, og begge "
        "elever har sagt undskyld.",
    ),
    (StartedBy.PARENT, ContactTopic.OTHER): (
        "Forældrene spørger til datoen for forældremødet.",
        "Spørgsmål om klassens trivselsundersøgelse.",
    ),
    (StartedBy.SCHOOL, ContactTopic.OTHER): ("Invitation til klassens forældrekaffe.",),
}


# --- the people ---------------------------------------------------------------------------


@dataclass
class _Parent:
    id: int
    relation: Relation
    has_custody: bool


@dataclass
class _Family:
    background: names.Background
    last_name: str
    parents: list[_Parent]

    @property
    def custodial(self) -> list[_Parent]:
        return [p for p in self.parents if p.has_custody]


@dataclass
class _Cohort:
    """A class that moves up a grade every year: 3.A, then 4.A, then 5.A."""

    grade_now: int
    letter: str
    has_user: bool
    class_ids: dict[int, int] = field(default_factory=dict)
    contacts: dict[int, list[int]] = field(default_factory=dict)
    subject_teachers: dict[int, list[int]] = field(default_factory=dict)
    places: dict[int, str] = field(default_factory=dict)
    pupils: list[_Pupil] = field(default_factory=list)


@dataclass
class _Pupil:
    id: int
    first_name: str
    girl: bool
    cohort: _Cohort
    family: _Family


def _genitive(name: str) -> str:
    """The Danish genitive: "Idas", but "Mads'" after s, x and z."""
    return f"{name}'" if name[-1:].lower() in "sxz" else f"{name}s"


def _ctx(pupil: _Pupil, class_name: str) -> dict[str, str]:
    he, him, his = ("hun", "hende", "hendes") if pupil.girl else ("han", "ham", "hans")
    return {
        "navn": pupil.first_name,
        "navns": _genitive(pupil.first_name),
        "han": he,
        "Han": he.capitalize(),
        "ham": him,
        "hans": his,
        "klasse": class_name,
    }


def _stage(grade: int) -> int:
    return 0 if grade <= 3 else 1 if grade <= 6 else 2


def _required_areas(grade: int) -> tuple[FocusArea, ...]:
    if grade == 0:
        return (FocusArea.LANGUAGE_AWARENESS, FocusArea.MATHS_AWARENESS, FocusArea.ALL_ROUND)
    areas = (FocusArea.DANISH, FocusArea.MATHS, FocusArea.ALL_ROUND)
    return (*areas, FocusArea.FURTHER_EDUCATION) if grade >= 7 else areas


def _successor_area(area: FocusArea) -> FocusArea:
    return {
        FocusArea.LANGUAGE_AWARENESS: FocusArea.DANISH,
        FocusArea.MATHS_AWARENESS: FocusArea.MATHS,
    }.get(area, area)


class _Builder:
    """Makes all rows in memory, with ids given here, so they can be inserted in bulk."""

    def __init__(
        self,
        rng: random.Random,
        today: dt.date,
        plan: _Plan,
        offsets: dict[type[Base], int],
    ) -> None:
        self.rng = rng
        self.today = today
        self.now = dt.datetime.combine(today, dt.time(7, 30))
        self.plan = plan
        self.current = SchoolYear.of(today).start_year
        self.years = list(range(self.current - plan.years + 1, self.current + 1))
        self.rows: dict[type[Base], list[Row]] = {model: [] for model in _ORDER}
        self._last_id = dict(offsets)
        self.user_id = 0
        self.pool: list[int] = []
        self.cohorts: list[_Cohort] = []
        self.pupils: list[_Pupil] = []
        self._emails: set[str] = set()
        self._full_names: set[str] = set()
        # (pupil id, year) -> (conversation id, day) of the held ordinary conversation
        self.ordinary_held: dict[tuple[int, int], tuple[int, dt.date]] = {}
        self.missing_ordinary: set[int] = set()
        self.missing_area: set[int] = set()

    # --- small helpers --------------------------------------------------------------------

    def _id(self, model: type[Base]) -> int:
        self._last_id[model] += 1
        return self._last_id[model]

    def _add(self, model: type[Base], row: Row) -> None:
        self.rows[model].append(row)

    def _chance(self, p: float) -> bool:
        return self.rng.random() < p

    def _text(self, templates: Sequence[str], ctx: dict[str, str]) -> str:
        return self.rng.choice(templates).format(**ctx)

    def _texts(self, templates: Sequence[str], ctx: dict[str, str], k: int) -> str:
        chosen = self.rng.sample(range(len(templates)), min(k, len(templates)))
        return " ".join(templates[i].format(**ctx) for i in sorted(chosen))

    def _day_between(self, lo: dt.date, hi: dt.date, *, working: bool = True) -> dt.date | None:
        """A random (working) day from ``lo`` to ``hi``, or None if there is none."""
        span = (hi - lo).days
        if span < 0:
            return None
        for _try in range(12):
            day = lo + dt.timedelta(days=self.rng.randint(0, span))
            if not working or is_working_day(day):
                return day
        day = lo
        while day <= hi:
            if is_working_day(day):
                return day
            day += dt.timedelta(days=1)
        return None

    def _at(self, day: dt.date, earliest: int, latest: int) -> dt.datetime:
        """``day`` at a random quarter of an hour from ``earliest`` to ``latest`` o'clock."""
        quarter = self.rng.randint(earliest * 4, latest * 4)
        return dt.datetime.combine(day, dt.time(quarter // 4, quarter % 4 * 15))

    def _grade(self, cohort: _Cohort, year: int) -> int:
        return cohort.grade_now - (self.current - year)

    def _years_of(self, cohort: _Cohort) -> list[int]:
        return [y for y in self.years if self._grade(cohort, y) >= 0]

    def _class_name(self, cohort: _Cohort, year: int) -> str:
        return f"{self._grade(cohort, year)}.{cohort.letter}"

    # --- school, teachers and classes -----------------------------------------------------

    def teachers(self, existing: list[tuple[int, str, bool]]) -> None:
        taken = {initials.upper() for _id, initials, _user in existing}
        users = [tid for tid, _initials, is_user in existing if is_user]
        if users:
            self.user_id = users[0]
        else:
            name, initials = names.USER_TEACHER
            suffix = 2
            while initials in taken:
                initials = f"{names.USER_TEACHER[1]}{suffix}"
                suffix += 1
            self.user_id = self._teacher(name, initials, is_user=True)
            taken.add(initials)
        free = [t for t in names.TEACHERS if t[1] not in taken]
        for name, initials in self.rng.sample(free, min(self.plan.other_teachers, len(free))):
            self.pool.append(self._teacher(name, initials, is_user=False))
        if len(self.pool) < 4:  # a crowded teacher list: the demo still needs colleagues
            for n in range(4 - len(self.pool)):
                self.pool.append(self._teacher(f"Vikar {n + 1}", f"VIK{n + 1}", is_user=False))

    def _teacher(self, name: str, initials: str, *, is_user: bool) -> int:
        tid = self._id(Teacher)
        email = f"{names.ascii_slug(name)}@example.dk"
        self._add(
            Teacher,
            {"id": tid, "name": name, "initials": initials, "email": email, "is_user": is_user},
        )
        return tid

    def classes(self) -> None:
        plan = self.plan
        if plan.classes >= (MAX_GRADE + 1) * len(LETTERS):
            slots = [(g, letter) for g in range(MAX_GRADE + 1) for letter in LETTERS]
        else:
            # Only classes old enough to have been at the school in every year of history.
            lowest = plan.years - 1
            candidates = [(g, letter) for g in range(lowest, MAX_GRADE + 1) for letter in LETTERS]
            slots = sorted(self.rng.sample(candidates, plan.classes))
        user_slots = set(self.rng.sample(range(len(slots)), plan.user_classes))
        self.cohorts = [
            _Cohort(grade_now=g, letter=letter, has_user=i in user_slots)
            for i, (g, letter) in enumerate(slots)
        ]
        for cohort in self.cohorts:
            # Contact teachers follow a class through a stage (0–3, 4–6, 7–9).
            by_stage: dict[int, list[int]] = {}
            for year in self._years_of(cohort):
                stage = _stage(self._grade(cohort, year))
                if stage not in by_stage:
                    by_stage[stage] = self.rng.sample(self.pool, self.rng.choice((1, 2, 2)))
                cohort.contacts[year] = list(by_stage[stage])
            if cohort.has_user:
                partner = [] if self._chance(0.5) else self.rng.sample(self.pool, 1)
                cohort.contacts[self.current] = [self.user_id, *partner]
            for year in self._years_of(cohort):
                others = [t for t in self.pool if t not in cohort.contacts[year]]
                cohort.subject_teachers[year] = self.rng.sample(others, self.rng.choice((1, 2)))
                cohort.places[year] = (
                    f"Klasselokalet {self._class_name(cohort, year)}"
                    if self._chance(0.6)
                    else self.rng.choice(PLACES)
                )
        for year in self.years:  # year by year, so last year's class exists first
            for cohort in self.cohorts:
                grade = self._grade(cohort, year)
                if grade < 0:
                    continue
                cid = self._id(SchoolClass)
                cohort.class_ids[year] = cid
                self._add(
                    SchoolClass,
                    {
                        "id": cid,
                        "name": f"{grade}.{cohort.letter}",
                        "school_year": year,
                        "grade": grade,
                        "archived": False,
                        "previous_id": cohort.class_ids.get(year - 1),
                    },
                )
                for tid in cohort.contacts[year]:
                    self._add(
                        ClassTeacher,
                        {"class_id": cid, "teacher_id": tid, "is_contact_teacher": True},
                    )
                for tid in cohort.subject_teachers[year]:
                    self._add(
                        ClassTeacher,
                        {"class_id": cid, "teacher_id": tid, "is_contact_teacher": False},
                    )

    # --- pupils and their families --------------------------------------------------------

    def pupils_and_families(self) -> None:
        lo, hi = self.plan.pupils
        slots: list[_Cohort] = []
        for cohort in self.cohorts:
            slots.extend([cohort] * self.rng.randint(lo, hi))
        n = len(slots)
        # About 8 % of the pupils have a brother or sister in another grade, same parents.
        sibling_of: dict[int, int] = {}
        in_pair: set[int] = set()
        wanted = max(1, round(0.04 * n))
        order = list(range(n))
        self.rng.shuffle(order)
        for a in order:
            if len(sibling_of) >= wanted:
                break
            if a in in_pair:
                continue
            for _try in range(30):
                b = self.rng.randrange(n)
                if b not in in_pair and b != a and slots[b].grade_now != slots[a].grade_now:
                    first, second = min(a, b), max(a, b)
                    sibling_of[second] = first
                    in_pair.update((a, b))
                    break
        families: dict[int, _Family] = {}
        for index, cohort in enumerate(slots):
            if index in sibling_of:
                family = families[sibling_of[index]]
            else:
                family = self._family(two_parents=index in in_pair)
            families[index] = family
            self._pupil(cohort, family)
        missing = round(0.15 * n)
        self.missing_ordinary = {p.id for p in self.rng.sample(self.pupils, missing)}
        self.missing_area = {p.id for p in self.rng.sample(self.pupils, round(0.10 * n))}

    def _background(self) -> names.Background:
        return self.rng.choices(names.BACKGROUNDS, weights=[b.weight for b in names.BACKGROUNDS])[0]

    def _family(self, *, two_parents: bool) -> _Family:
        bg = self._background()
        kinds = ("together", "divorced", "non_custodial", "single", "guardian")
        weights = (58, 16, 6, 16, 4) if not two_parents else (75, 25, 0, 0, 0)
        kind = self.rng.choices(kinds, weights=weights)[0]
        last_name = self.rng.choice(bg.surnames)
        family = _Family(background=bg, last_name=last_name, parents=[])
        if kind == "guardian":
            # A grandparent or foster parent with custody.
            woman = self._chance(0.7)
            own_name = last_name if self._chance(0.5) else self.rng.choice(bg.surnames)
            self._parent(
                family,
                bg,
                woman=woman,
                surname=own_name,
                relation=Relation.GUARDIAN,
                has_custody=True,
            )
            return family
        # The other parent is sometimes of another background.
        other_bg = self._background() if bg is names.DANISH and self._chance(0.08) else bg
        same_sex = self._chance(0.04)
        first_woman = True
        second_woman = same_sex
        first_relation = Relation.PARENT if same_sex or self._chance(0.08) else Relation.MOTHER
        second_relation = Relation.PARENT if same_sex or self._chance(0.08) else Relation.FATHER
        mother_name = (
            last_name if kind == "together" and self._chance(0.6) else self.rng.choice(bg.surnames)
        )
        if kind == "single":
            woman = self._chance(0.75)
            relation = (
                Relation.PARENT
                if self._chance(0.08)
                else Relation.MOTHER
                if woman
                else Relation.FATHER
            )
            self._parent(
                family, bg, woman=woman, surname=last_name, relation=relation, has_custody=True
            )
            return family
        first = (first_woman, mother_name, first_relation, bg)
        second = (second_woman, last_name, second_relation, other_bg)
        if self._chance(0.5):
            first, second = second, first
        custody = (True, True) if kind != "non_custodial" else (True, False)
        for (woman, surname, relation, background), has_custody in zip(
            (first, second), custody, strict=True
        ):
            self._parent(
                family,
                background,
                woman=woman,
                surname=surname,
                relation=relation,
                has_custody=has_custody,
            )
        return family

    def _parent(
        self,
        family: _Family,
        bg: names.Background,
        *,
        woman: bool,
        surname: str,
        relation: Relation,
        has_custody: bool,
    ) -> None:
        gid = self._id(Guardian)
        first = self.rng.choice(bg.women if woman else bg.men)
        family_first = bg.key in names.FAMILY_NAME_FIRST
        name = f"{surname} {first}" if family_first else f"{first} {surname}"
        local = names.ascii_slug(f"{first} {surname}")
        domain = "example.dk" if self._chance(0.8) else "example.com"
        email = f"{local}@{domain}"
        n = 2
        while email in self._emails:
            email = f"{local}{n}@{domain}"
            n += 1
        self._emails.add(email)
        r = self.rng.randint
        phone = f"+45 {r(20, 29)} {r(0, 99):02d} {r(0, 99):02d} {r(0, 99):02d}"
        english = self._chance(bg.english_share)
        self._add(
            Guardian,
            {
                "id": gid,
                "name": name,
                "email": email if self._chance(0.96) else None,
                "phone": phone if self._chance(0.95) else None,
                "preferred_language": Language.EN if english else Language.DA,
            },
        )
        family.parents.append(_Parent(gid, relation, has_custody))

    def _pupil(self, cohort: _Cohort, family: _Family) -> None:
        girl = self._chance(0.5)
        bg = family.background
        first = self.rng.choice(bg.girls if girl else bg.boys)
        for _try in range(8):
            if f"{first} {family.last_name}" not in self._full_names:
                break
            first = self.rng.choice(bg.girls if girl else bg.boys)
        self._full_names.add(f"{first} {family.last_name}")
        sid = self._id(Student)
        pupil = _Pupil(sid, first, girl, cohort, family)
        cohort.pupils.append(pupil)
        self.pupils.append(pupil)
        born_year = self.current - 6 - cohort.grade_now
        born = dt.date(born_year, 1, 1) + dt.timedelta(
            days=self.rng.randint(0, (dt.date(born_year, 12, 31) - dt.date(born_year, 1, 1)).days)
        )
        first_year = self._years_of(cohort)[0]
        created = dt.datetime.combine(
            SchoolYear(first_year).first_day + dt.timedelta(days=self.rng.randint(0, 10)),
            dt.time(8, self.rng.randint(0, 59)),
        )
        self._add(
            Student,
            {
                "id": sid,
                "first_name": first,
                "last_name": family.last_name,
                "birth_date": born,
                "left_on": None,
                "created_at": min(created, self.now),
            },
        )
        for year in self._years_of(cohort):
            self._add(
                Enrolment,
                {"student_id": sid, "school_year": year, "class_id": cohort.class_ids[year]},
            )
        for position, parent in enumerate(family.parents):
            self._add(
                StudentGuardian,
                {
                    "student_id": sid,
                    "guardian_id": parent.id,
                    "relation": parent.relation,
                    "has_custody": parent.has_custody,
                    "position": position,
                },
            )

    # --- conversations --------------------------------------------------------------------

    def conversations(self) -> None:
        for cohort in self.cohorts:
            for year in self._years_of(cohort):
                self._ordinary_round(cohort, year)
                for pupil in cohort.pupils:
                    self._extra_conversations(pupil, year)

    def _ordinary_window(self, year: int) -> tuple[dt.date, dt.date]:
        if year < self.current:
            if self._chance(0.5):
                return dt.date(year, 10, 27), dt.date(year, 12, 12)
            return dt.date(year + 1, 1, 12), dt.date(year + 1, 3, 27)
        first, last = dt.date(year, 9, 1), dt.date(year + 1, 6, 20)
        center = self.today + dt.timedelta(days=self.rng.randint(-30, 20))
        lo = max(first, center - dt.timedelta(days=20))
        hi = min(last, center + dt.timedelta(days=20))
        # At least a fortnight, inside the part of the year with teaching.
        if hi - lo < dt.timedelta(days=14):
            if lo <= first + dt.timedelta(days=14):
                lo, hi = first, first + dt.timedelta(days=30)
            else:
                lo, hi = min(lo, last) - dt.timedelta(days=14), min(hi, last)
        return lo, hi

    def _ordinary_round(self, cohort: _Cohort, year: int) -> None:
        """The class's round of ordinary conversations, a few afternoons in a row of weeks."""
        pupils = [
            p for p in cohort.pupils if year < self.current or p.id not in self.missing_ordinary
        ]
        if not pupils:
            return
        grade = self._grade(cohort, year)
        lo, hi = self._ordinary_window(year)
        days_wanted = math.ceil(len(pupils) / 6) + self.rng.randint(0, 1)
        days: list[dt.date] = []
        for _try in range(days_wanted * 4):
            day = self._day_between(lo, hi)
            if day is not None and day not in days:
                days.append(day)
            if len(days) == days_wanted:
                break
        if not days:  # no working day in the window: the last one before it
            day = hi
            while not is_working_day(day):
                day -= dt.timedelta(days=1)
            days = [day]
        days.sort()
        duration = self.rng.choice((15, 20, 20, 30) if grade <= 2 else (20, 30, 30, 30, 45))
        order = list(pupils)
        self.rng.shuffle(order)
        per_day: list[list[_Pupil]] = [order[i :: len(days)] for i in range(len(days))]
        step = duration + 5
        for day, group in zip(days, per_day, strict=True):
            start = dt.datetime.combine(day, dt.time(14)) + dt.timedelta(
                minutes=self.rng.choice((-60, -30, 0, 0, 30))
            )
            latest = dt.datetime.combine(day, dt.time(18, 45))
            if start + dt.timedelta(minutes=step * (len(group) - 1)) > latest:
                start = latest - dt.timedelta(minutes=step * (len(group) - 1))
            start = max(start, dt.datetime.combine(day, dt.time(8)))
            for i, pupil in enumerate(group):
                at = start + dt.timedelta(minutes=step * i)
                self._ordinary(pupil, year, at, duration)

    def _is_past(self, year: int, day: dt.date) -> bool:
        return year < self.current or day < self.today

    def _status(self, year: int, day: dt.date) -> ConversationStatus:
        """Held if it lies before today, planned if it is still to come."""
        return ConversationStatus.HELD if self._is_past(year, day) else ConversationStatus.PLANNED

    def _ordinary(self, pupil: _Pupil, year: int, at: dt.datetime, duration: int) -> None:
        kind, school = ConversationKind.ORDINARY, RequestedBy.SCHOOL
        if self._is_past(year, at.date()) and self._chance(0.04):
            # Cancelled (illness, a clash) and held again a week or two later.
            cancelled = ConversationStatus.CANCELLED
            self._conversation(
                pupil, year, kind, school, status=cancelled, at=at, duration=duration
            )
            last = min(SchoolYear(year).last_day, dt.date(year + 1, 6, 25))
            day = self._day_between(at.date() + dt.timedelta(days=7), at.date() + dt.timedelta(21))
            if day is None or day > last:
                return
            at = self._at(day, 14, 18)
        status = self._status(year, at.date())
        cid = self._conversation(pupil, year, kind, school, status=status, at=at, duration=duration)
        if status is ConversationStatus.HELD:
            self.ordinary_held[(pupil.id, year)] = (cid, at.date())

    def _extra_conversations(self, pupil: _Pupil, year: int) -> None:
        grade = self._grade(pupil.cohort, year)
        extras: list[tuple[ConversationKind, RequestedBy, dt.date, dt.date]] = []
        first = SchoolYear(year).first_day
        season = (dt.date(year, 8, 15), dt.date(year + 1, 6, 20))
        if (grade == 0 and self._chance(0.5)) or self._chance(0.03):
            extras.append(
                (
                    ConversationKind.EXPECTATION,
                    RequestedBy.SCHOOL,
                    dt.date(year, 8, 15),
                    dt.date(year, 9, 30),
                )
            )
        if self._chance(0.10):
            asked = RequestedBy.PARENTS if self._chance(0.55) else RequestedBy.SCHOOL
            extras.append((ConversationKind.AS_NEEDED, asked, *season))
        if self._chance(0.06):
            asked = RequestedBy.PARENTS if self._chance(0.4) else RequestedBy.SCHOOL
            extras.append((ConversationKind.WELLBEING, asked, *season))
        for kind, asked, lo, hi in extras:
            last = min(hi, self.today + dt.timedelta(days=30)) if year == self.current else hi
            day = self._day_between(max(lo, first), last)
            if day is None:
                continue
            at = self._at(day, 8, 17)
            status = self._status(year, day)
            duration = self.rng.choice((20, 30, 30, 45))
            self._conversation(pupil, year, kind, asked, status=status, at=at, duration=duration)

    def _conversation(
        self,
        pupil: _Pupil,
        year: int,
        kind: ConversationKind,
        requested_by: RequestedBy,
        *,
        status: ConversationStatus,
        at: dt.datetime,
        duration: int,
    ) -> int:
        rng = self.rng
        cohort = pupil.cohort
        grade = self._grade(cohort, year)
        ctx = _ctx(pupil, self._class_name(cohort, year))
        cid = self._id(Conversation)
        end = at + dt.timedelta(minutes=duration)
        created = at - dt.timedelta(days=rng.randint(7, 30), hours=rng.randint(0, 6))
        if created > self.now:
            created = self.now - dt.timedelta(hours=rng.randint(1, 200))
        if status is ConversationStatus.HELD:
            updated = min(end + dt.timedelta(minutes=rng.randint(10, 2880)), self.now)
        elif status is ConversationStatus.CANCELLED:
            updated = max(created, at - dt.timedelta(hours=rng.randint(2, 72)))
        else:
            updated = created
        attends = self._chance(0.85 if grade >= 4 else 0.4)
        if attends:
            note = rng.choice(PUPIL_PART_NOTE) if self._chance(0.15) else ""
        else:
            note = self._text(PUPIL_ABSENT_NOTE, ctx) if self._chance(0.5) else ""
        held = status is ConversationStatus.HELD
        next_talk = ""
        if held and kind is ConversationKind.ORDINARY:
            next_talk = rng.choice(
                (
                    "Næste ordinære skole/hjemsamtale i næste skoleår.",
                    "Opfølgning på Aula efter ca. seks uger.",
                    "Opfølgende samtale efter behov.",
                )
            )
        self._add(
            Conversation,
            {
                "id": cid,
                "student_id": pupil.id,
                "kind": kind,
                "requested_by": requested_by,
                "status": status,
                "starts_at": at,
                "duration_minutes": duration,
                "place": cohort.places[year] if self._chance(0.8) else rng.choice(PLACES),
                "pupil_attends": attends,
                "pupil_attends_note": note,
                "parents_wishes": (self._text(PARENTS_WISHES, ctx) if self._chance(0.2) else ""),
                "next_conversation": next_talk,
                "created_at": created,
                "updated_at": updated,
            },
        )
        teachers = list(cohort.contacts[year])
        if self._chance(0.15):
            teachers.append(rng.choice(cohort.subject_teachers[year]))
        for tid in teachers:
            self._add(ConversationTeacher, {"conversation_id": cid, "teacher_id": tid})
        guardians = pupil.family.custodial
        if held and len(guardians) > 1 and self._chance(0.15):
            guardians = [rng.choice(guardians)]
        for parent in guardians:
            self._add(ConversationGuardian, {"conversation_id": cid, "guardian_id": parent.id})
        self._section(cid, SectionKind.PRIVATE_PREPARATION, self._texts(PREPARATION, ctx, 2), False)
        self._section(cid, SectionKind.AGENDA, self._text(AGENDA[kind], ctx), True)
        if held:
            self._held_notes(cid, kind, grade, ctx, at.date())
        return cid

    def _section(self, cid: int, kind: SectionKind, text: str, shared: bool) -> None:
        self._add(
            ConversationSection,
            {
                "id": self._id(ConversationSection),
                "conversation_id": cid,
                "kind": kind,
                "text": text,
                "shared": shared,
            },
        )

    def _held_notes(
        self, cid: int, kind: ConversationKind, grade: int, ctx: dict[str, str], day: dt.date
    ) -> None:
        rng = self.rng
        self._section(cid, SectionKind.PARENTS_INPUT, self._texts(PARENTS_INPUT, ctx, 2), True)
        self._section(cid, SectionKind.ACADEMIC, self._texts(ACADEMIC[_stage(grade)], ctx, 2), True)
        self._section(cid, SectionKind.SOCIAL_WELLBEING, self._texts(SOCIAL, ctx, 2), True)
        self._section(cid, SectionKind.STRENGTHS_DEVELOPMENT, self._text(STRENGTHS, ctx), True)
        self._section(cid, SectionKind.CONCERNS, self._text(CONCERNS, ctx), not self._chance(0.2))
        summary = " ".join(
            (
                self._text(SUMMARY_OPENING[kind], ctx),
                self._text(SUMMARY_MIDDLE, ctx),
                self._text(SUMMARY_CLOSING, ctx),
            )
        )
        self._section(cid, SectionKind.SUMMARY, summary, True)
        used: set[str] = set()
        for position in range(rng.choice((1, 2, 2, 3))):
            responsible = rng.choice(list(Responsible))
            text = self._text(AGREEMENTS[responsible], ctx)
            if text in used:
                continue
            used.add(text)
            due = day + dt.timedelta(days=rng.randint(14, 90))
            if due < self.today:
                done = self._chance(0.96 if SchoolYear.of(due).start_year < self.current else 0.75)
            else:
                done = self._chance(0.15)
            self._add(
                Agreement,
                {
                    "id": self._id(Agreement),
                    "conversation_id": cid,
                    "text": text,
                    "responsible": responsible,
                    "due": due,
                    "done": done,
                    "position": position,
                },
            )

    # --- the message book -----------------------------------------------------------------

    def message_book(self) -> None:
        year_span = (SchoolYear(self.current).last_day - SchoolYear(self.current).first_day).days
        progress = (self.today - SchoolYear(self.current).first_day).days / year_span
        for pupil in self.pupils:
            carried: list[tuple[int, FocusArea, str, str, str]] = []
            for year in self._years_of(pupil.cohort):
                carried = self._focus_year(pupil, year, carried, progress)
                self._presentation(pupil, year)

    def _focus_year(
        self,
        pupil: _Pupil,
        year: int,
        carried: list[tuple[int, FocusArea, str, str, str]],
        progress: float,
    ) -> list[tuple[int, FocusArea, str, str, str]]:
        """One year's focus points; returns those still in progress, to carry on."""
        rng = self.rng
        grade = self._grade(pupil.cohort, year)
        ctx = _ctx(pupil, self._class_name(pupil.cohort, year))
        areas = list(_required_areas(grade))
        current = year == self.current
        if current and pupil.id in self.missing_area:
            areas.remove(rng.choice(areas))
        carried_other = any(a is FocusArea.OTHER_SUBJECT for _i, a, _s, _g, _x in carried)
        if grade >= 1 and (carried_other or self._chance(0.08)):
            areas.append(FocusArea.OTHER_SUBJECT)
        open_points: list[tuple[int, FocusArea, str, str, str]] = []
        position = 0
        for area in areas:
            points: list[tuple[int | None, str, str, str]] = [
                (old_id, subject, goal, actions)
                for old_id, old_area, subject, goal, actions in carried
                if _successor_area(old_area) == area
            ]
            wanted = 2 if self._chance(0.3) else 1
            stage_goals = FOCUS_GOALS[area]
            goals = stage_goals[min(_stage(grade), len(stage_goals) - 1)]
            for _n in range(max(0, wanted - len(points))):
                goal = self._text(goals, ctx)
                if any(goal == g for _i, _s, g, _a in points):
                    continue
                subject = "Engelsk" if area is FocusArea.OTHER_SUBJECT else ""
                points.append((None, subject, goal, self._text(FOCUS_ACTIONS[area], ctx)))
            for carried_from, subject, goal, actions in points:
                status = self._focus_status(current, carried_from is not None, progress)
                evaluation = ""
                if status in EVALUATION and (not current or self._chance(0.3)):
                    evaluation = self._text(EVALUATION[status], ctx)
                pid = self._id(FocusPoint)
                self._add(
                    FocusPoint,
                    {
                        "id": pid,
                        "student_id": pupil.id,
                        "school_year": year,
                        "area": area,
                        "subject": subject,
                        "goal": goal,
                        "actions": actions,
                        "status": status,
                        "evaluation": evaluation,
                        "position": position,
                        "carried_from_id": carried_from,
                    },
                )
                position += 1
                if not current and status is FocusStatus.IN_PROGRESS:
                    open_points.append((pid, area, subject, goal, actions))
        return open_points

    def _focus_status(self, current: bool, carried: bool, progress: float) -> FocusStatus:
        r = self.rng.random()
        if not current:
            if r < 0.72:
                return FocusStatus.ACHIEVED
            return FocusStatus.IN_PROGRESS if r < 0.94 else FocusStatus.DISCONTINUED
        if carried:
            return FocusStatus.ACHIEVED if r < 0.3 * progress else FocusStatus.IN_PROGRESS
        if progress < 0.1:
            return FocusStatus.NOT_STARTED if r < 0.7 else FocusStatus.IN_PROGRESS
        if r < 0.25 * progress:
            return FocusStatus.ACHIEVED
        return FocusStatus.NOT_STARTED if r > 0.85 else FocusStatus.IN_PROGRESS

    def _presentation(self, pupil: _Pupil, year: int) -> None:
        held = self.ordinary_held.get((pupil.id, year))
        current = year == self.current
        if current and held is None:
            return  # not presented yet: the overview shows it
        via, day, cid, note = PresentationVia.CONVERSATION, None, None, ""
        share_conversation = 0.9 if current else 0.82
        if held is not None and self._chance(share_conversation):
            cid, day = held
        elif current and held is not None:
            via = PresentationVia.AULA
            day = self._day_between(held[1], self.today - dt.timedelta(days=1)) or held[1]
            note = "Fokuspunkterne er delt med forældrene på Aula efter samtalen."
        else:
            via = PresentationVia.AULA if self._chance(0.6) else PresentationVia.MEETING
            day = self._day_between(dt.date(year + 1, 2, 1), dt.date(year + 1, 5, 31))
            note = (
                "Sendt til forældrene på Aula med mulighed for at stille spørgsmål."
                if via is PresentationVia.AULA
                else "Gennemgået med forældrene ved et kort møde på skolen."
            )
        if day is None:
            return
        self._add(
            FocusPresentation,
            {
                "id": self._id(FocusPresentation),
                "student_id": pupil.id,
                "school_year": year,
                "presented_on": day,
                "via": via,
                "conversation_id": cid,
                "note": note,
            },
        )

    # --- the contact log ------------------------------------------------------------------

    def contacts(self) -> None:
        current_first = SchoolYear(self.current).first_day
        progress = (self.today - current_first).days / 365
        for pupil in self.pupils:
            for year in self._years_of(pupil.cohort):
                count = self.rng.choices((0, 1, 2, 3, 4, 5), weights=(10, 25, 28, 20, 11, 6))[0]
                for _n in range(count):
                    if year == self.current and not self._chance(progress):
                        continue
                    self._contact(pupil, year)

    def _contact(self, pupil: _Pupil, year: int) -> None:
        rng = self.rng
        sy = SchoolYear(year)
        lo = sy.first_day + dt.timedelta(days=7)
        hi = sy.last_day - dt.timedelta(days=7)
        if year == self.current:
            hi = min(hi, self.today - dt.timedelta(days=1))
        parent_started = self._chance(0.65)
        started_by = StartedBy.PARENT if parent_started else StartedBy.SCHOOL
        if parent_started:
            channel = rng.choices(
                (
                    ContactChannel.AULA,
                    ContactChannel.EMAIL,
                    ContactChannel.PHONE,
                    ContactChannel.AD_HOC,
                    ContactChannel.MEETING,
                ),
                weights=(55, 10, 15, 15, 5),
            )[0]
        else:
            channel = rng.choices(
                (
                    ContactChannel.AULA,
                    ContactChannel.PHONE,
                    ContactChannel.MEETING,
                    ContactChannel.AD_HOC,
                ),
                weights=(50, 30, 10, 10),
            )[0]
        written = parent_started and channel in (ContactChannel.AULA, ContactChannel.EMAIL)
        # Parents write at all hours, weekends too; calls and talks are in working hours.
        day = self._day_between(lo, hi, working=not (written and self._chance(0.2)))
        if day is None:
            return
        if written:
            at = self._at(day, 6, 22)
        elif channel is ContactChannel.AD_HOC:
            at = self._at(day, 14, 16) if self._chance(0.6) else self._at(day, 7, 8)
        else:
            at = self._at(day, 8, 16)
        topic = rng.choices(
            (
                ContactTopic.WELLBEING,
                ContactTopic.ACADEMIC,
                ContactTopic.PRACTICAL,
                ContactTopic.CONFLICT,
                ContactTopic.OTHER,
            ),
            weights=(55, 15, 15, 10, 5),
        )[0]
        ctx = _ctx(pupil, self._class_name(pupil.cohort, year))
        due = reply_due(at) if parent_started else None
        if year < self.current:
            done = True
        elif due is not None:
            done = self._chance(0.88 if due < self.today else 0.35)
        else:
            done = self._chance(0.85 if day < self.today - dt.timedelta(days=7) else 0.5)
        parents = pupil.family.custodial or pupil.family.parents
        if self._chance(0.05):
            parents = pupil.family.parents
        self._add(
            ContactEntry,
            {
                "id": self._id(ContactEntry),
                "student_id": pupil.id,
                "guardian_id": rng.choice(parents).id,
                "occurred_at": at,
                "channel": channel,
                "started_by": started_by,
                "topic": topic,
                "summary": self._text(CONTACT_TEXT[(started_by, topic)], ctx),
                "reply_due": due,
                "done": done,
            },
        )

    # --- writing --------------------------------------------------------------------------

    def write(self, session: Session) -> None:
        connection = session.connection()
        for model in _ORDER:
            rows = self.rows[model]
            if rows:
                connection.execute(cast(Table, model.__table__).insert(), rows)

    def summary(self) -> DemoSummary:
        return DemoSummary(
            classes=len(self.cohorts),
            students=len(self.rows[Student]),
            guardians=len(self.rows[Guardian]),
            conversations=len(self.rows[Conversation]),
            focus_points=len(self.rows[FocusPoint]),
            contacts=len(self.rows[ContactEntry]),
            school_years=tuple(self.years),
        )


def generate_demo(
    db: Database,
    *,
    size: Literal["small", "school"] = "small",
    seed: int = 1,
    today: dt.date | None = None,
) -> DemoSummary:
    """Fill an empty data folder with a demo school; the same seed and day give the same rows.

    ``small``: 6 classes of 20–24 pupils and 3 school years (this one and the two before);
    ``school``: all 30 classes from 0.A to 9.C of 25 pupils and 5 school years. Refuses,
    changing nothing, a data folder that already holds a class or a pupil.
    """
    plan = _PLANS.get(size)
    if plan is None:
        raise ValidationError(_("Unknown demo size {size}.").format(size=size))
    day = today if today is not None else dt.date.today()
    with db.transaction() as s:
        has_class = s.scalar(select(SchoolClass.id).limit(1)) is not None
        if has_class or s.scalar(select(Student.id).limit(1)) is not None:
            raise ValidationError(
                _("The data folder is not empty; the demo fills only an empty one.")
            )
        offsets: dict[type[Base], int] = {}
        for model in _WITH_ID:
            table = cast(Table, model.__table__)
            offsets[model] = s.scalar(select(func.max(table.c.id))) or 0
        existing = [
            (tid, initials, bool(is_user))
            for tid, initials, is_user in s.execute(
                select(Teacher.id, Teacher.initials, Teacher.is_user).order_by(Teacher.id)
            )
        ]
        builder = _Builder(random.Random(seed), day, plan, offsets)
        builder.teachers(existing)
        builder.classes()
        builder.pupils_and_families()
        builder.conversations()
        builder.message_book()
        builder.contacts()
        if s.get(Setting, "school_name") is None:
            s.add(Setting(key="school_name", value=SCHOOL_NAME))
            s.flush()
        builder.write(s)
        from skolehjem_desktop.services.demo_class_records import add_class_records

        add_class_records(s, builder, random.Random(f"{seed}:class-records"))
    return builder.summary()
