"""The texts of the demo school, in Danish as a Danish teacher writes them. Data only.

Placeholders: ``{navn}`` the pupil's first name, ``{navns}`` its genitive, ``{han}``,
``{Han}``, ``{ham}``, ``{hans}`` the pronouns, ``{klasse}`` the class.
"""

from __future__ import annotations

from typing import Final

from skolehjem_desktop.domain.enums import (
    ContactTopic,
    ConversationKind,
    FocusArea,
    FocusStatus,
    Responsible,
    StartedBy,
)

# --- conversations -------------------------------------------------------------------------

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

# Where a class usually meets its parents: "Klasselokalet 3.A".
CLASSROOM: Final = "Klasselokalet {klasse}"

NEXT_CONVERSATION: Final = (
    "Næste ordinære skole/hjemsamtale i næste skoleår.",
    "Opfølgning på Aula efter ca. seks uger.",
    "Opfølgende samtale efter behov.",
)

# --- the message book ----------------------------------------------------------------------

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

# The subject of a focus point in another subject (FocusArea.OTHER_SUBJECT).
OTHER_SUBJECT: Final = "Engelsk"

# How the focus points were presented: after a conversation held this year, on Aula;
# in the years before, on Aula or at a short meeting.
SHARED_AFTER_CONVERSATION: Final = "Fokuspunkterne er delt med forældrene på Aula efter samtalen."
SENT_ON_AULA: Final = "Sendt til forældrene på Aula med mulighed for at stille spørgsmål."
PRESENTED_AT_MEETING: Final = "Gennemgået med forældrene ved et kort møde på skolen."

# --- the contact log -----------------------------------------------------------------------

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

# --- parent meetings (the class records) ----------------------------------------------------

MEETING_AGENDA: Final = (
    "Velkommen og præsentation af klassens lærere\n"
    "Nyt fra fagene og skoleårets planer\n"
    "Trivsel i klassen og aftaler om legegrupper\n"
    "Forventninger til samarbejdet mellem hjem og skole\n"
    "Valg af klasseforældreråd og kontaktforælder\n"
    "Eventuelt"
)
MEETING_MINUTES: Final = (
    "Lærerne fortalte om fagene og om skoleårets planer for {klasse}, herunder lejrskole og "
    "emneuger.\n\n"
    "Vi talte om trivsel. Forældrene bakker op om legegrupper, og der holdes fødselsdage "
    "for hele klassen eller alle drenge / alle piger.\n\n"
    "Forventninger: Aula er den faste kanal. Lærerne svarer på hverdage inden for "
    "arbejdstiden.\n\n"
    "Klasseforældrerådet blev valgt.",
    "Klassens lærere præsenterede årets undervisning i {klasse}.\n\n"
    "Forældrene ønsker mere information om lektier; lærerne skriver ugebrev på Aula "
    "hver fredag.\n\n"
    "Der blev valgt et klasseforældreråd, som planlægger et klassearrangement i efteråret.",
)
SPRING_AGENDA: Final = "Klassearrangementet i foråret\nTrivsel og sociale aftaler\nEventuelt"
SPRING_MINUTES: Final = (
    "Klasseforældrerådet havde indkaldt til mødet. Vi planlagde forårsfesten, og lærerne "
    "fortalte om klassens trivsel."
)
MEETING_PLACES: Final = ("Klasselokalet", "Skolens aula", "Biblioteket", "Personalerummet")

# The message book's year besides the focus points (L 174): interventions and their
# follow-up for a pupil who needs them, the pupil's own thoughts on further education.
INTERVENTIONS: Final = (
    "{navn} går på læsekursus to gange om ugen i otte uger, og {han} har lydbøger og "
    "oplæsning på computeren i alle fag.",
    "{navn} får støtte af en matematikvejleder i to af ugens matematiktimer og har en "
    "makker ved gruppearbejde.",
    "{navn} har et fast sted at trække sig tilbage til i frikvartererne og en kort "
    "morgensamtale med en voksen hver mandag.",
)
FOLLOW_UPS: Final = (
    "Vi ser på, hvordan det går, til skole/hjemsamtalen i foråret. Læsevejlederen tester "
    "{navn} igen i marts.",
    "Vi følger op hver fjerde uge med en kort besked på Aula, og vi taler om det igen til "
    "næste samtale.",
)
FURTHER_EDUCATION: Final = (
    "{navn} vil gerne være elektriker og overvejer EUX. {Han} har været i praktik hos en "
    "el-installatør og kunne godt lide det.",
    "{navn} tænker på det almene gymnasium, måske med naturvidenskab. {Han} er ikke helt "
    "sikker endnu og vil besøge to gymnasier.",
    "{navn} har lyst til at arbejde med dyr og undersøger dyrepasseruddannelsen. "
    "{Han} vil gerne tage 10. klasse først.",
    "{navn} er i tvivl og vil gerne tale mere med vejlederen. Brobygningen på handelsskolen "
    "gav {ham} lyst til at vide mere om EUD Business.",
)
