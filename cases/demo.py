"""Demo caseload for `manage.py seed_demo`: about forty pupils in every stage of the workflow.

Every case is walked through the real workflow functions (cases/workflow.py), so the timeline
(CaseEvent rows) is what the application itself would have written. The workflow stamps
everything "today"; afterwards the dates are moved back onto school days of the last six months
with queryset updates. Random choices come from random.Random(2026) and all dates are relative
to today, so two runs on the same day give the same data. When demo pupils exist already,
nothing is added (the access log cannot be deleted, and cases protect their pupils).
"""

from __future__ import annotations

import datetime
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from schools.models import School, SchoolYear

from . import workflow
from .demo_texts import (
    CONSULTATIONS,
    FOLLOW_UPS,
    GROUP_SESSIONS,
    RESULT_NOTES,
    SCENARIOS,
    WORK_NOTES,
)
from .models import (
    Case,
    CaseEvent,
    Consultation,
    Contact,
    Group,
    GroupSession,
    Guardian,
    Intake,
    Plan,
    Pupil,
)

SEED = 2026
WINDOW_DAYS = 185  # about six months back from today
COORDINATORS = {"04AB": "zc", "15GH": "zc2"}
WORKERS = {"04AB": "smw", "07CD": "smw", "12EF": "smw", "15GH": "smw2", "18JK": "smw2"}
WORKERS["21LM01"] = "smw2"
DEMO_BRINS = list(WORKERS)

S = Case.Source
M, V = "m", "v"
MOTHER, FATHER = Guardian.Relation.MOTHER, Guardian.Relation.FATHER
FOSTER, GUARDIAN = Guardian.Relation.FOSTER, Guardian.Relation.GUARDIAN


@dataclass
class Spec:
    """One demo pupil and the path their case has taken so far."""

    key: str
    brin: str
    first: str
    last: str
    sex: str
    age: int  # age on 1 October of the current school year
    group: str
    scenario: str
    # untaken | signal | intake | plan | help | help_eval | help_overdue | group | refer_intake
    # | refer_help | reopen | close_signal:<reason> | close_intake:<reason> | close_help:<reason>
    # | close_refer_intake:<reason> | close_refer_help:<reason>
    path: str
    noticed: str
    guardians: list[tuple[str, str, bool]]  # name, relation, has parental authority
    source: str = S.TEACHER
    by_coordinator: bool = False
    ouder: str = "ouders"
    extra: dict = field(default_factory=dict)
    outcome: str = ""
    informed: bool = True
    agree: bool = True
    contacts: list | None = None  # replaces the scenario's contacts
    intake: dict = field(default_factory=dict)  # replaces some of the scenario's intake texts
    no_email: bool = False


SPECS = [
    # --- OBS De Regenboog (PO, Utrecht) — smw; coordinator zc -----------------------------------
    Spec(
        "lina",
        "04AB",
        "Lina",
        "Haddad",
        V,
        8,
        "5b",
        "pesten",
        "untaken",
        "Lina is dit schooljaar van een school in Amersfoort gekomen en sluit in groep 5b moeilijk "
        "aan. Juf Ellen ziet dat zij in de pauze steeds alleen staat en dat twee meisjes haar 'de "
        "nieuwe' noemen en haar niet laten meedoen. Moeder vroeg bij het kennismakingsgesprek of "
        "er iemand is om mee te praten.",
        [("Rania Haddad", MOTHER, True), ("Samir Haddad", FATHER, True)],
        source=S.COORDINATOR,
        by_coordinator=True,
    ),
    Spec(
        "jayden",
        "04AB",
        "Jayden",
        "Soekhoe",
        M,
        7,
        "4a",
        "armoede",
        "untaken",
        "Jayden komt de laatste weken vaak zonder ontbijt en lunch op school, heeft geen "
        "gymspullen en had bij de herfstwandeling geen jas. Meester Tim heeft hem een paar keer "
        "een boterham gegeven. Moeder is alleen met drie kinderen en reageert ontwijkend op "
        "vragen; zij is geïnformeerd over de aanmelding maar wil eerst zelf met SMW kennismaken.",
        [("Sharmila Soekhoe", MOTHER, True)],
        source=S.COORDINATOR,
        by_coordinator=True,
        ouder="moeder",
        agree=False,
    ),
    Spec(
        "daan",
        "04AB",
        "Daan",
        "de Groot",
        M,
        9,
        "6a",
        "gedrag",
        "signal",
        "Daan had de afgelopen weken drie woede-uitbarstingen in de klas: hij gooide zijn tafel om "
        "toen een rekentoets niet lukte en liep weg naar het schoolplein. De leerkracht en de "
        "IB'er willen graag dat SMW meekijkt; ouders zijn geïnformeerd en staan open voor een "
        "gesprek.",
        [("Marieke Bos", MOTHER, True), ("Erik de Groot", FATHER, True)],
        source=S.COORDINATOR,
        by_coordinator=True,
        ouder="moeder",
        contacts=[
            (
                "telefonisch",
                "school",
                "moeder",
                "Kennismakingstelefoontje met moeder. Thuis "
                "herkent men de uitbarstingen, vooral rond bedtijd. Afspraak gemaakt voor een "
                "intakegesprek op school met beide ouders.",
            )
        ],
    ),
    Spec(
        "sem",
        "04AB",
        "Sem",
        "van Leeuwen",
        M,
        10,
        "7b",
        "echtscheiding",
        "intake",
        "Ouders van Sem zijn sinds kort gescheiden en hebben co-ouderschap. De leerkracht merkt "
        "dat Sem op maandag moe en prikkelbaar is en regelmatig spullen bij de andere ouder "
        "vergeet. Moeder heeft zelf bij de IB'er om hulp gevraagd.",
        [("Anouk Kramer", MOTHER, True), ("Jeroen van Leeuwen", FATHER, True)],
        source=S.PARENT,
        by_coordinator=True,
    ),
    Spec(
        "fleur",
        "04AB",
        "Fleur",
        "Mulder",
        V,
        11,
        "8a",
        "rouw",
        "group",
        "Fleurs vader is vorig schooljaar plotseling overleden. De laatste weken is zij stiller "
        "geworden, huilt soms onverwacht in de klas en kan zich slecht concentreren. Moeder vraagt "
        "of Fleur kan meedoen aan een rouwgroep.",
        [("Sandra Mulder", MOTHER, True)],
        source=S.PARENT,
        ouder="moeder",
        extra={"verlies": "het overlijden van haar vader", "verlies_kort": "papa"},
    ),
    Spec(
        "mohammed",
        "04AB",
        "Mohammed",
        "Ait Taleb",
        M,
        9,
        "6b",
        "rouw",
        "group",
        "Mohammeds opa, bij wie hij elke woensdagmiddag was, is overleden. Sindsdien is Mohammed "
        "onrustig, reageert fel op klasgenoten en zegt dat hij 'nergens meer zin in heeft'.",
        [("Khadija Ouali", MOTHER, True), ("Rachid Ait Taleb", FATHER, True)],
        source=S.COORDINATOR,
        by_coordinator=True,
        extra={"verlies": "het overlijden van zijn opa", "verlies_kort": "opa"},
    ),
    Spec(
        "yara",
        "04AB",
        "Yara",
        "Boateng",
        V,
        8,
        "5a",
        "rouw",
        "group",
        "Yara's moeder is na een lange ziekte overleden. Yara woont met haar vader en broertje. De "
        "juf ziet dat Yara heel hard werkt en 'altijd lacht', maar bij het moederdagproject "
        "ontroostbaar was.",
        [("Kwame Boateng", FATHER, True)],
        source=S.TEACHER,
        ouder="vader",
        extra={"verlies": "het overlijden van haar moeder", "verlies_kort": "mama"},
    ),
    Spec(
        "milan",
        "04AB",
        "Milan",
        "Hoekstra",
        M,
        7,
        "4b",
        "angst",
        "help_overdue",
        "Milan zegt in de klas bijna niets meer, wil niet meer buitenspelen en eet zijn lunch niet "
        "op. Hij vraagt meerdere keren per dag of mama hem wel komt ophalen. De leerkracht maakt "
        "zich zorgen over zijn stemming.",
        [("Eline Hoekstra", MOTHER, True), ("Bart Hoekstra", FATHER, True)],
        source=S.TEACHER,
    ),
    Spec(
        "aylin",
        "04AB",
        "Aylin",
        "Demir",
        V,
        6,
        "3a",
        "huiselijk_geweld",
        "refer_intake",
        "Aylin vertelde juf Miriam in de kring dat papa 'heel boos' wordt en dat mama dan huilt. "
        "Ze had een blauwe plek op haar bovenarm en zei 'ik ben gevallen'. De "
        "aandachtsfunctionaris heeft de stappen van de meldcode in gang gezet.",
        [("Elif Demir", MOTHER, True), ("Murat Demir", FATHER, True)],
        source=S.COORDINATOR,
        by_coordinator=True,
        ouder="moeder",
        no_email=True,
    ),
    Spec(
        "saar",
        "04AB",
        "Saar",
        "van Dijk",
        V,
        10,
        "7a",
        "pesten",
        "close_help:doel_bereikt",
        "Saar wordt volgens de leerkracht buitengesloten door een groepje meiden uit groep 7: ze "
        "mag niet meedoen met spelletjes en er worden opmerkingen gemaakt over haar kleding. Ze "
        "komt de laatste tijd met buikpijn naar school.",
        [("Ilse van Dijk", MOTHER, True), ("Mark van Dijk", FATHER, True)],
        source=S.TEACHER,
        outcome="Het pesten is gestopt na de steungroepaanpak. Saar heeft twee vaste vriendinnen "
        "en gaat weer met plezier naar school. De leerkracht blijft alert; ouders weten dat zij "
        "opnieuw contact kunnen opnemen.",
    ),
    # --- SBO De Brug (Utrecht) — smw ------------------------------------------------------------
    Spec(
        "ibrahim",
        "07CD",
        "Ibrahim",
        "Al-Khatib",
        M,
        8,
        "MB2",
        "ontwikkeling",
        "plan",
        "De school vraagt SMW om een gezinsonderzoek voor de aanvraag van een "
        "toelaatbaarheidsverklaring voor het SO. Ibrahim loopt ondanks extra begeleiding achter in "
        "taal en sociale ontwikkeling en raakt in de groep snel overprikkeld.",
        [("Hiba Al-Khatib", MOTHER, True), ("Omar Al-Khatib", FATHER, True)],
        source=S.IB,
    ),
    Spec(
        "dylan",
        "07CD",
        "Dylan",
        "Verhoef",
        M,
        11,
        "BB2",
        "gedrag",
        "help_eval",
        "Dylan raakt op school meerdere keren per week in conflict: schelden, duwen en weglopen "
        "uit de klas. Moeder ziet thuis hetzelfde rond bedtijd en gamen. Vader (geen gezag) ziet "
        "Dylan om het weekend.",
        [("Natasja Verhoef", MOTHER, True), ("Rob Koster", FATHER, False)],
        source=S.TEACHER,
        ouder="moeder",
    ),
    Spec(
        "noah",
        "07CD",
        "Noah",
        "Wijnands",
        M,
        9,
        "MB3",
        "opvoeding",
        "close_help:verhuisd",
        "Moeder vraagt via de leerkracht om opvoedadvies: Noah luistert thuis niet meer, er zijn "
        "elke dag ruzies over huiswerk en bedtijd en ouders zitten niet op één lijn.",
        [("Priscilla Wijnands", MOTHER, True), ("Remco Wijnands", FATHER, True)],
        source=S.PARENT,
        outcome="Het gezin is verhuisd naar Zwolle; Noah gaat daar naar een SBO-school. Met "
        "toestemming van ouders een overdrachtsgesprek gevoerd met de IB'er van de nieuwe school. "
        "De opvoedafspraken thuis liepen redelijk.",
    ),
    Spec(
        "maja",
        "07CD",
        "Maja",
        "Kowalska",
        V,
        10,
        "BB1",
        "angst",
        "intake",
        "Maja is sinds het begin van het schooljaar erg stil, wil niet meer mee naar zwemles met "
        "de klas en klaagt elke ochtend over buikpijn. De leerkracht merkt dat ze veel piekert "
        "over haar oma in Polen, die ernstig ziek is.",
        [("Agnieszka Kowalska", MOTHER, True), ("Tomasz Kowalski", FATHER, True)],
        source=S.TEACHER,
    ),
    # --- Christelijk Lyceum Oudwijk (VO, Utrecht) — smw ----------------------------------------
    Spec(
        "thijs",
        "12EF",
        "Thijs",
        "Vermeulen",
        M,
        14,
        "H3b",
        "verzuim",
        "signal",
        "De mentor meldt dat Thijs deze periode al 38 lesuren heeft gemist, vooral de eerste uren "
        "op maandag en dinsdag. Ouders melden hem vaak ziek. Hij slaapt in de les en loopt achter "
        "met wiskunde en Frans.",
        [("Monique Vermeulen", MOTHER, True), ("Hans Vermeulen", FATHER, True)],
        source=S.TEACHER,
        contacts=[
            (
                "leerling",
                "school",
                "Thijs",
                "Kort kennismakingsgesprek met Thijs na de "
                "les. Hij is wantrouwig maar wil wel praten 'als mijn ouders er niet bij "
                "zijn'. Afspraak gemaakt voor een intakegesprek.",
            )
        ],
    ),
    Spec(
        "amira",
        "12EF",
        "Amira",
        "Benali",
        V,
        13,
        "H2a",
        "online_pesten",
        "intake",
        "Een klasgenoot vertelde de mentor dat er in een groepsapp van H2a bewerkte foto's van "
        "Amira worden gedeeld met gemene teksten. Amira is stil en miste de afgelopen twee "
        "maandagen het eerste uur.",
        [("Nadia Benali", MOTHER, True)],
        source=S.TEACHER,
        ouder="moeder",
    ),
    Spec(
        "lucas",
        "12EF",
        "Lucas",
        "Brouwer",
        M,
        13,
        "V2b",
        "vechtscheiding",
        "plan",
        "Lucas vertelde zijn mentor dat de politie onlangs bij hem thuis was na een ruzie tussen "
        "zijn gescheiden ouders bij de overdracht. Beide ouders bellen de school over elkaar; "
        "vader wil de cijfers inzien, moeder wil dat niet.",
        [("Marloes Brouwer", MOTHER, True), ("Dennis Hofman", FATHER, False)],
        source=S.TEACHER,
        ouder="moeder",
    ),
    Spec(
        "mila",
        "12EF",
        "Mila",
        "Schouten",
        V,
        15,
        "H4a",
        "sexting",
        "help",
        "Mila meldde zich huilend bij haar mentor: een naaktfoto die zij naar haar ex-vriend had "
        "gestuurd, wordt rondgestuurd onder leerlingen van de school. Ze durft niet meer naar de "
        "lessen.",
        [("Caroline Schouten", MOTHER, True), ("Michiel Schouten", FATHER, True)],
        source=S.PUPIL,
    ),
    Spec(
        "zeynep",
        "12EF",
        "Zeynep",
        "Aydin",
        V,
        16,
        "V5a",
        "somber",
        "refer_help",
        "Zeynep vertelde haar mentor dat ze 'het allemaal niet meer ziet zitten'. Een vriendin "
        "maakt zich zorgen over sombere berichten die Zeynep 's nachts stuurt. Haar cijfers zijn "
        "sterk gedaald.",
        [("Hatice Aydin", MOTHER, True), ("Mehmet Aydin", FATHER, True)],
        source=S.TEACHER,
    ),
    Spec(
        "finn",
        "12EF",
        "Finn",
        "Dekker",
        M,
        15,
        "H4b",
        "opvoeding",
        "close_intake:advies_volstond",
        "Moeder meldt zich via de mentor: Finn komt 's avonds laat thuis, houdt zich niet aan "
        "afspraken en er is veel ruzie. Zij twijfelt of dit 'normaal pubergedrag' is en wil "
        "advies.",
        [("Judith Dekker", MOTHER, True), ("Arjan Dekker", FATHER, True)],
        source=S.PARENT,
        outcome="Twee adviesgesprekken met ouders over puberteit, onderhandelen en grenzen. Ouders "
        "hebben met Finn nieuwe afspraken gemaakt die goed werken; verdere hulp is niet nodig.",
        contacts=[
            (
                "ouders",
                "school",
                "moeder, vader",
                "Adviesgesprek met ouders. De ontwikkeling in de "
                "puberteit besproken: behoefte aan zelfstandigheid, onderhandelen in plaats van "
                "verbieden. Ouders gaan met Finn afspraken maken over uitgaan en thuiskomen.",
            ),
            (
                "gezin",
                "school",
                "Finn, moeder, vader",
                "Gesprek met Finn en ouders. Samen "
                "afspraken gemaakt over thuiskomtijden in het weekend en hoe ze elkaar laten weten "
                "als het later wordt. Finn voelt zich serieus genomen.",
            ),
            (
                "telefonisch",
                "school",
                "moeder",
                "Telefonisch contact met moeder: de afspraken "
                "werken en er is veel minder ruzie. Afgesproken de begeleiding af te sluiten.",
            ),
        ],
    ),
    Spec(
        "ricardo",
        "12EF",
        "Ricardo",
        "Martina",
        M,
        16,
        "H5a",
        "middelen",
        "close_refer_help:verwezen",
        "Ricardo is een paar keer stoned op school gezien en een docent zag hem blowen bij het "
        "fietsenhok. Hij verzuimt vaak na de pauze en zijn cijfers zakken. Hij heeft een "
        "officiële waarschuwing gekregen.",
        [("Sharella Martina", MOTHER, True), ("Edsel Martina", FATHER, True)],
        source=S.TEACHER,
        ouder="moeder",
        outcome="Ricardo is overgedragen aan de jeugdverslavingszorg en volgt daar een "
        "behandeltraject. Het gebruik is verminderd en de aanwezigheid verbeterd; school en "
        "behandelaar stemmen maandelijks af.",
        extra={
            "handover": "verwezen via de huisarts; de behandelaar bevestigde telefonisch dat "
            "de behandeling is gestart"
        },
    ),
    # --- CBS Het Kompas (PO, Nieuwegein) — smw2; coordinator zc2 --------------------------------
    Spec(
        "bram",
        "15GH",
        "Bram",
        "Willems",
        M,
        8,
        "5a",
        "echtscheiding",
        "untaken",
        "Ouders van Bram gaan uit elkaar; vader is twee weken geleden uit huis gegaan. Bram is "
        "sindsdien onrustig, huilt bij het afscheid 's ochtends en vraagt steeds of papa morgen "
        "komt. Beide ouders hebben ingestemd met de aanmelding.",
        [("Femke Willems", MOTHER, True), ("Stefan Willems", FATHER, True)],
        source=S.COORDINATOR,
        by_coordinator=True,
    ),
    Spec(
        "hanna",
        "15GH",
        "Hanna",
        "Tesfay",
        V,
        6,
        "3b",
        "armoede",
        "intake",
        "Hanna komt vaak zonder ontbijt, heeft geen winterjas en ging niet mee op schoolreis omdat "
        "er niet betaald kon worden. Moeder is alleenstaand met drie kinderen en spreekt nog "
        "weinig Nederlands.",
        [("Senait Gebremedhin", MOTHER, True)],
        source=S.COORDINATOR,
        by_coordinator=True,
        ouder="moeder",
        no_email=True,
    ),
    Spec(
        "luuk",
        "15GH",
        "Luuk",
        "Maas",
        M,
        10,
        "7b",
        "opvoeding",
        "reopen",
        "Ouders van Luuk vragen de leerkracht om hulp: thuis zijn er dagelijks ruzies over "
        "huiswerk, schermtijd en bedtijd, en Luuk is brutaal tegen zijn moeder. Op school is hij "
        "moe.",
        [("Kim Maas", MOTHER, True), ("Johan Maas", FATHER, True)],
        source=S.PARENT,
        outcome="Ouders willen het na de eerste gesprekken eerst zelf proberen met de gegeven "
        "tips; geen verdere hulp gewenst.",
        contacts=[
            (
                "ouders",
                "school",
                "moeder, vader",
                "Intakegesprek met ouders over de ruzies thuis. "
                "Het patroon van toegeven en straffen besproken; tips gegeven over vaste routines "
                "en belonen.",
            ),
            (
                "leerling",
                "school",
                "Luuk",
                "Gesprek met Luuk. Hij vindt dat zijn ouders 'altijd "
                "boos' zijn en wil meer zelf beslissen over gamen. Afgesproken dat hij zijn kant "
                "thuis ook mag vertellen.",
            ),
            (
                "huisbezoek",
                "thuis",
                "moeder, vader, Luuk",
                "Huisbezoek na de heropening. De "
                "ruzies zijn toegenomen; ouders staan nu open voor begeleiding. Samen een "
                "weekschema voor huiswerk en schermtijd gemaakt.",
            ),
        ],
        extra={
            "reopen": "Ouders nemen opnieuw contact op: de situatie thuis is verslechterd en "
            "zij willen nu wel begeleiding."
        },
    ),
    Spec(
        "isa",
        "15GH",
        "Isa",
        "Lammers",
        V,
        9,
        "6a",
        "pesten",
        "plan",
        "Isa woont sinds een jaar in een pleeggezin en is dit schooljaar ingestroomd in groep 6a. "
        "Klasgenoten noemen haar 'het pleegkind' en ze mag niet meedoen met spelletjes. "
        "Pleegmoeder heeft de school om hulp gevraagd.",
        [
            ("Wilma Schipper", FOSTER, False),
            ("Henk Schipper", FOSTER, False),
            ("Gecertificeerde instelling – voogd M. Verbeek", GUARDIAN, True),
        ],
        source=S.PARENT,
        ouder="pleegmoeder",
    ),
    Spec(
        "jasper",
        "15GH",
        "Jasper",
        "Timmermans",
        M,
        11,
        "8b",
        "angst",
        "help",
        "Jasper is in groep 8 steeds stiller geworden en zegt nauwelijks iets in de klas. Hij is "
        "bang voor de eindtoets en de overstap naar de middelbare school en heeft vaak hoofdpijn.",
        [("Sanne Timmermans", MOTHER, True), ("Wouter Timmermans", FATHER, True)],
        source=S.TEACHER,
    ),
    Spec(
        "liam",
        "15GH",
        "Liam",
        "Veenstra",
        M,
        7,
        "4a",
        "vechtscheiding",
        "help_overdue",
        "Liam vertelt in de klas over ruzies tussen zijn ouders bij het ophalen; onlangs was er "
        "een schreeuwpartij op het schoolplein. Beide ouders spreken de leerkracht aan over de "
        "ander. Liam is gespannen en slaapt slecht.",
        [("Esther Veenstra", MOTHER, True), ("Patrick Wouters", FATHER, False)],
        source=S.COORDINATOR,
        by_coordinator=True,
        ouder="moeder",
    ),
    Spec(
        "ayoub",
        "15GH",
        "Ayoub",
        "El Khattabi",
        M,
        6,
        "3a",
        "ontwikkeling",
        "refer_intake",
        "Besproken in het ZAT: Ayoub loopt achter in taal en spel, raakt snel overprikkeld in de "
        "groep en heeft moeite met elke verandering. Ouders maken zich zorgen over eten en slapen "
        "thuis. Mogelijk is een indicatie voor speciaal onderwijs nodig.",
        [("Samira El Khattabi", MOTHER, True), ("Hassan El Khattabi", FATHER, True)],
        source=S.ZAT,
        by_coordinator=True,
    ),
    Spec(
        "evi",
        "15GH",
        "Evi",
        "Meijer",
        V,
        9,
        "6b",
        "rouw",
        "close_help:doel_bereikt",
        "Evi's oma, die bij het gezin inwoonde, is overleden. Evi is sindsdien snel in tranen, "
        "kan zich slecht concentreren en wil 's avonds niet alleen in slaap vallen.",
        [("Laura Meijer", MOTHER, True), ("Dirk Meijer", FATHER, True)],
        source=S.PARENT,
        extra={"verlies": "het overlijden van haar oma", "verlies_kort": "oma"},
        outcome="Evi kan over haar oma praten en gebruikt het herinneringendoosje. De concentratie "
        "in de klas is hersteld. Ouders en leerkracht weten waar ze op moeten letten rond de "
        "sterfdag en de feestdagen.",
    ),
    Spec(
        "levi",
        "15GH",
        "Levi",
        "Bosman",
        M,
        10,
        "7a",
        "gedrag",
        "close_signal:wil_niet",
        "Levi reageert fel als hij wordt aangesproken, heeft twee keer gevochten op het "
        "schoolplein en weigert werk te maken. De leerkracht wil graag advies en ondersteuning "
        "thuis.",
        [("Jolanda Bosman", MOTHER, True), ("Kees Bosman", FATHER, True)],
        source=S.COORDINATOR,
        by_coordinator=True,
        outcome="Ouders zien op dit moment geen noodzaak voor hulp van SMW en willen het eerst "
        "zelf oplossen met de leerkracht. School houdt een vinger aan de pols; ouders weten SMW te "
        "vinden.",
        contacts=[
            (
                "telefonisch",
                "school",
                "vader",
                "Telefonisch gesprek met vader. Hij herkent "
                "het gedrag deels maar vindt dat school 'overdrijft'. Ouders willen nu geen hulp "
                "van SMW; uitgelegd hoe zij SMW later alsnog kunnen bereiken.",
            )
        ],
    ),
    # --- SO De Wissel (Nieuwegein) — smw2 -------------------------------------------------------
    Spec(
        "tygo",
        "18JK",
        "Tygo",
        "van den Berg",
        M,
        9,
        "SO4",
        "gedrag",
        "intake",
        "Tygo heeft de laatste weken veel conflicten in de klas en in de taxi naar school: hij "
        "slaat en scheldt als het te druk wordt. Thuis gaat het volgens moeder ook moeizaam sinds "
        "de geboorte van zijn zusje.",
        [("Marloes van den Berg", MOTHER, True), ("Niels van den Berg", FATHER, True)],
        source=S.TEACHER,
        ouder="moeder",
    ),
    Spec(
        "romy",
        "18JK",
        "Romy",
        "Kuipers",
        V,
        11,
        "SO7",
        "opvoeding",
        "help_eval",
        "Ouders van Romy vragen hulp bij de opvoeding: Romy (licht verstandelijke beperking) heeft "
        "thuis driftbuien, vooral bij overgangen zoals opstaan en naar bed gaan. School ziet dat "
        "ze op maandag erg moe is.",
        [("Linda Kuipers", MOTHER, True), ("Gerard Kuipers", FATHER, True)],
        source=S.PARENT,
    ),
    Spec(
        "emre",
        "18JK",
        "Emre",
        "Yildiz",
        M,
        12,
        "SO8",
        "armoede",
        "refer_intake",
        "Emre komt vaak hongerig op school, zijn kleding is te klein en hij vertelt dat 'de stroom "
        "bijna wordt afgesloten'. Moeder heeft de school laten weten dat zij hulp wil bij de "
        "geldzorgen.",
        [("Ayse Yildiz", MOTHER, True)],
        source=S.TEACHER,
        ouder="moeder",
    ),
    Spec(
        "jada",
        "18JK",
        "Jada",
        "Sedney",
        V,
        8,
        "SO3",
        "angst",
        "plan",
        "Jada is angstig en huilt bij elke verandering in het rooster. Ze wil 's ochtends niet van "
        "moeder los bij de taxi en zegt in de klas bijna niets.",
        [("Marcia Sedney", MOTHER, True), ("Ricardo Linger", FATHER, False)],
        source=S.TEACHER,
        ouder="moeder",
    ),
    # --- ROC Midden-Nederland locatie Nieuwegein (MBO) — smw2 ------------------------------------
    Spec(
        "dewi",
        "21LM01",
        "Dewi",
        "Santoso",
        V,
        18,
        "MZ3",
        "armoede",
        "signal",
        "Dewi meldde zich zelf via haar SLB'er: ze heeft betalingsachterstanden bij haar "
        "telefoonabonnement en zorgverzekering, kan haar boeken niet betalen en werkt daarom 25 "
        "uur per week naast haar opleiding. Ze slaapt slecht van de zorgen.",
        [("Ratna Santoso", MOTHER, False)],
        source=S.PUPIL,
        ouder="moeder",
        contacts=[
            (
                "leerling",
                "school",
                "Dewi",
                "Eerste gesprek met Dewi. De schulden op een rij "
                "gezet: ruim € 1.400 aan achterstanden. Dewi neemt alle brieven mee naar het "
                "volgende gesprek; informatie gegeven over de studentendecaan en het "
                "noodfonds.",
            )
        ],
    ),
    Spec(
        "bilal",
        "21LM01",
        "Bilal",
        "Achahbar",
        M,
        17,
        "ICT2A",
        "verzuim",
        "intake",
        "Bilal heeft de afgelopen zes weken bijna 60 klokuren verzuimd en is twee keer niet op "
        "zijn stage verschenen. De verzuimcoördinator heeft een melding gedaan bij leerplicht/RMC; "
        "de SLB'er vraagt SMW om mee te kijken.",
        [("Fatima Achahbar", MOTHER, True), ("Driss Achahbar", FATHER, True)],
        source=S.TEACHER,
    ),
    Spec(
        "chantal",
        "21LM01",
        "Chantal",
        "Gerritsen",
        V,
        18,
        "MZ3",
        "mantelzorg",
        "plan",
        "Chantal komt vaak te laat, levert opdrachten niet in en is op stage twee keer "
        "weggebleven. Tegen haar SLB'er vertelde ze dat ze thuis zorgt voor haar moeder, die MS "
        "heeft, en voor haar twee jongere broertjes.",
        [("Petra Gerritsen", MOTHER, False)],
        source=S.TEACHER,
        ouder="moeder",
    ),
    Spec(
        "olena",
        "21LM01",
        "Olena",
        "Kovalenko",
        V,
        17,
        "PW3",
        "somber",
        "help_overdue",
        "Olena woont sinds 2022 met haar moeder in Nederland. De SLB'er ziet dat ze steeds "
        "somberder wordt en zich terugtrekt in de klas. Ze vertelt dat ze 's nachts niet slaapt en "
        "'niet weet waar ze het voor doet'.",
        [("Iryna Kovalenko", MOTHER, True)],
        source=S.TEACHER,
        ouder="moeder",
    ),
    Spec(
        "jordy",
        "21LM01",
        "Jordy",
        "van Vliet",
        M,
        17,
        "ELK2B",
        "middelen",
        "help",
        "Jordy is meerdere keren stoned op school gezien en zijn stagebegeleider meldt dat hij te "
        "laat komt en zijn werk niet afmaakt. Hij heeft een officiële waarschuwing gekregen en "
        "zegt zelf dat hij 'wel wil minderen'.",
        [("Monique van Vliet", MOTHER, True), ("Ronald van Vliet", FATHER, True)],
        source=S.TEACHER,
        ouder="moeder",
    ),
    Spec(
        "kay",
        "21LM01",
        "Kay",
        "Brinkman",
        M,
        17,
        "AG2B",
        "thuisconflict",
        "refer_intake",
        "Kay vertelde zijn SLB'er dat hij de afgelopen week bij vrienden heeft geslapen na een "
        "hoog oplopende ruzie met zijn stiefvader. Hij is moe, prikkelbaar en durft niet naar "
        "huis.",
        [("Bianca Brinkman", MOTHER, True)],
        source=S.PUPIL,
        ouder="moeder",
    ),
    Spec(
        "stan",
        "21LM01",
        "Stan",
        "Post",
        M,
        18,
        "LOG2",
        "verzuim",
        "close_intake:anders",
        "Stan is sinds een maand nauwelijks op school en op stage geweest. Zijn SLB'er bereikt hem "
        "moeilijk; hij zou 'een baan hebben gevonden'.",
        [("Wendy Post", MOTHER, False)],
        source=S.TEACHER,
        ouder="moeder",
        outcome="Stan heeft zich uitgeschreven en werkt fulltime bij een distributiecentrum. Met "
        "zijn toestemming overgedragen aan de RMC-trajectbegeleider, voor een eventuele terugkeer "
        "naar een opleiding via de BBL.",
        intake={
            "problems": "Stan ziet het nut van de opleiding niet meer en heeft een baan "
            "aangeboden gekregen bij een distributiecentrum. Hij mist lessen en stagedagen.",
            "influence_home": "Woont bij moeder; thuis is er weinig geld en moeder is blij met "
            "zijn inkomen.",
            "influence_school": "De opleiding past niet goed bij hem; hij heeft een achterstand "
            "in de beroepsgerichte vakken.",
            "influence_peers": "Vrienden werken al en verdienen geld.",
            "influence_health": "Geen bijzonderheden.",
            "strengths": "Werkt hard en is betrouwbaar op zijn werk; praktisch ingesteld.",
            "request_for_help": "Stan: 'Ik wil werken en geld verdienen, school kan later nog.'",
            "clarified_problem": "Dreigende voortijdige schoolverlater zonder startkwalificatie. "
            "Hulp gericht op een bewuste keuze en op een route terug naar een diploma (BBL).",
        },
        contacts=[
            (
                "leerling",
                "school",
                "Stan",
                "Gesprek met Stan over het verzuim. Hij heeft werk "
                "aangeboden gekregen en twijfelt of hij de opleiding wil afmaken. Besproken wat "
                "een startkwalificatie betekent.",
            ),
            (
                "telefonisch",
                "school",
                "Stan",
                "Telefonisch contact met Stan: hij heeft besloten te "
                "stoppen. Uitgelegd hoe hij later via de BBL kan terugkomen en dat het RMC contact "
                "met hem opneemt.",
            ),
            (
                "anders",
                "school",
                "RMC-trajectbegeleider",
                "Overdracht aan de RMC-trajectbegeleider, met toestemming van Stan.",
            ),
        ],
    ),
    Spec(
        "priya",
        "21LM01",
        "Priya",
        "Ramdin",
        V,
        19,
        "PW4",
        "somber",
        "close_refer_intake:verwezen",
        "Priya vertelde haar SLB'er dat ze al maanden somber is, nauwelijks slaapt en soms denkt "
        "dat 'het niet meer hoeft'. Haar stage dreigt te worden stopgezet.",
        [("Anita Ramdin", MOTHER, False)],
        source=S.PUPIL,
        ouder="moeder",
        outcome="Priya is via de huisarts aangemeld bij de GGZ en heeft haar eerste "
        "behandelafspraak gehad. Met haar toestemming is er een warme overdracht geweest; de "
        "SLB'er houdt contact over de studievoortgang.",
        extra={
            "handover": "verwezen via de huisarts; Priya bevestigde dat de eerste "
            "behandelafspraak heeft plaatsgevonden"
        },
    ),
]


# --- Calendar --------------------------------------------------------------------------------


def _holiday(day: datetime.date) -> bool:
    """Approximate school holidays (regio midden): summer, Christmas, May and autumn weeks."""
    md = (day.month, day.day)
    if (7, 18) <= md <= (8, 30) or md >= (12, 21) or md <= (1, 2):
        return True
    return day.isocalendar().week in (18, 43)


def next_school_day(day: datetime.date | None, today: datetime.date) -> datetime.date | None:
    """A planned date moved off weekends and holidays (a past date stays in the past)."""
    moved = day
    while moved is not None and (moved.weekday() >= 5 or _holiday(moved)):
        moved += datetime.timedelta(days=1)
    return day if day is not None and day < today <= moved else moved


def school_days(today: datetime.date) -> list[datetime.date]:
    """Weekdays outside the holidays in the last WINDOW_DAYS, up to yesterday."""
    day, days = today - datetime.timedelta(days=WINDOW_DAYS), []
    while day < today:
        if day.weekday() < 5 and not _holiday(day):
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


# --- One case, step by step -----------------------------------------------------------------

SLACK = {  # school days between a case's last step and today
    "untaken": (0, 4),
    "signal": (0, 3),
    "intake": (0, 5),
    "plan": (0, 4),
    "help": (0, 3),
    "help_eval": (0, 3),
    "help_overdue": (0, 2),
    "group": (15, 16),
    "refer_intake": (1, 8),
    "refer_help": (1, 6),
    "reopen": (0, 3),
}


def _schedule(spec: Spec, rng: random.Random) -> list[tuple[int, str, dict]]:
    """The steps of one case as (school day from its signal, action, options)."""
    kind, _, reason = spec.path.partition(":")
    steps: list[tuple[int, str, dict]] = []
    day = 0

    def add(gap: tuple[int, int] | int, action: str, **options) -> None:
        nonlocal day
        day += rng.randint(*gap) if isinstance(gap, tuple) else gap
        steps.append((day, action, options))

    def contacts(n: int, gap=(4, 8)) -> None:
        for _ in range(n):
            add(gap, "contact")

    add(0, "signal")
    if kind == "untaken":
        return steps
    if spec.by_coordinator and (kind in ("signal", "close_signal") or rng.random() < 0.5):
        add((1, 3), "take_on")
    if kind in ("signal", "close_signal"):
        add((0, 2), "contact")
        if kind == "close_signal":
            add((2, 5), "close", reason=reason)
        return steps
    add((2, 7), "intake")
    add(0, "contact")
    add((2, 5), "contact")
    add(0, "intake_save", full=kind != "intake" or rng.random() < 0.5)
    if kind == "intake":
        return steps
    if kind == "reopen":
        add((3, 6), "close", reason="wil_niet")
        add((12, 25), "reopen")
        add((0, 2), "intake_save", full=True)
        add((1, 4), "contact")
        return steps
    if kind == "close_intake":
        contacts(1, (3, 8))
        add((1, 5), "close", reason=reason)
        return steps
    if kind in ("refer_intake", "close_refer_intake"):
        contacts(SCENARIOS[spec.scenario].get("pre_referral", 0), (2, 5))
        add((2, 6), "refer")
        contacts(rng.randint(1, 2), (2, 6))
        if kind == "close_refer_intake":
            add((8, 20), "close", reason=reason)
        return steps
    add((3, 7), "plan")
    if kind == "plan":
        return steps
    add((2, 5), "contact")
    add(0, "agree")
    add((0, 1), "help")
    if kind == "group":
        contacts(rng.randint(0, 1))
    elif kind == "help":
        contacts(rng.randint(3, 5))
    elif kind == "help_overdue":
        contacts(rng.randint(5, 6))
    elif kind == "help_eval":
        contacts(3)
        add((3, 6), "evaluate", final=False)
        add(0, "set_eval")
        contacts(2)
    elif kind in ("refer_help", "close_refer_help"):
        contacts(2)
        add((2, 5), "refer")
        contacts(rng.randint(1, 2), (3, 7))
        if kind == "close_refer_help":
            add((8, 15), "close", reason=reason)
    elif kind == "close_help" and reason == Case.ClosureReason.GOAL_REACHED:
        contacts(rng.randint(4, 5))
        add((3, 6), "evaluate", final=True)
        add((1, 5), "close", reason=reason)
    elif kind == "close_help":
        contacts(rng.randint(2, 3))
        add((3, 8), "close", reason=reason)
    return steps


class CaseRun:
    """Walks one demo case through the workflow and remembers when each step 'really' was."""

    def __init__(self, spec: Spec, *, worker: User, reporter: User, school: School, rng):
        self.spec, self.worker, self.reporter = spec, worker, reporter
        self.school, self.rng = school, rng
        self.scenario = SCENARIOS[spec.scenario]
        self.case: Case | None = None
        self.pupil: Pupil | None = None
        self.stamps: list[datetime.datetime] = []  # one per CaseEvent, in creation order
        self.dates: dict[str, datetime.date | None] = {}
        self.contact_times: dict[int, datetime.datetime] = {}
        self.contact_days: list[datetime.date] = []
        self.text_saved_at: dict[str, datetime.datetime] = {}
        self.evaluation_on: datetime.date | None = None
        self.next_contact = 0
        sector = school.sector
        lk = {"VO": "de mentor", "MBO": "de SLB'er"}.get(sector, "de leerkracht")
        he = spec.sex == M
        self.words = {
            "naam": spec.first,
            "hij": "hij" if he else "zij",
            "Hij": "Hij" if he else "Zij",
            "zijn": "zijn" if he else "haar",
            "Zijn": "Zijn" if he else "Haar",
            "hem": "hem" if he else "haar",
            "lk": lk,
            "Lk": lk[0].upper() + lk[1:],
            "ouder": spec.ouder,
            "verlies": "het verlies",
            "verlies_kort": "het verlies",
            **spec.extra,
        }

    def text(self, template: str) -> str:
        return template.format(**self.words)

    # Timestamps: office hours, later on the same day for each next step.
    def stamp(self, day: datetime.date) -> datetime.datetime:
        last = self.stamps[-1] if self.stamps else None
        if last is not None and timezone.localtime(last).date() == day:
            moment = last + datetime.timedelta(minutes=self.rng.randint(10, 40))
        else:
            minute = self.rng.randrange(8 * 60 + 30, 15 * 60 + 30, 5)
            moment = timezone.make_aware(
                datetime.datetime.combine(day, datetime.time(minute // 60, minute % 60))
            )
        self.stamps.append(moment)
        return moment

    # --- the steps ---
    def create_pupil(self, year: SchoolYear, day: datetime.date) -> None:
        spec, rng = self.spec, self.rng
        earliest = datetime.date(year.start_year - spec.age - 1, 10, 2)
        born = earliest + datetime.timedelta(days=rng.randint(0, 363))
        self.pupil = Pupil.objects.create(
            school=self.school,
            first_name=spec.first,
            last_name=spec.last,
            date_of_birth=born,
            group=spec.group,
            created_by=self.reporter,
        )
        guardians = []
        for name, relation, authority in spec.guardians:
            person = relation in (MOTHER, FATHER, FOSTER)
            email = ""
            if person and not spec.no_email:
                first, *rest = name.split()
                email = f"{slugify(first)}.{slugify(''.join(rest))}@example.com"
            phone = f"06-{rng.randint(10_000_000, 99_999_999)}"
            if not person:
                phone = f"030-{rng.randint(2_000_000, 2_999_999)}"
            guardians.append(
                Guardian(
                    pupil=self.pupil,
                    name=name,
                    relation=relation,
                    phone=phone,
                    email=email,
                    has_authority=authority,
                )
            )
        Guardian.objects.bulk_create(guardians)

    def signal(self, day: datetime.date) -> None:
        spec = self.spec
        categories = list(dict.fromkeys(self.scenario["categories"]))
        self.case = workflow.submit_signal(
            by=self.reporter,
            pupil=self.pupil,
            categories=[str(c) for c in categories],
            noticed=spec.noticed,
            source=spec.source,
            parents_informed=spec.informed,
            parents_agree=spec.agree,
            signalled_on=day,
        )
        self.pupil_created_at = self.stamp(day)

    def take_on(self, day: datetime.date) -> None:
        workflow.take_on(self.case, by=self.worker)
        self.stamp(day)

    def intake(self, day: datetime.date) -> None:
        workflow.start_intake(self.case, by=self.worker)
        self.stamp(day)
        self.dates["intake_on"] = day

    def intake_save(self, day: datetime.date, *, full: bool) -> None:
        intake = Intake.objects.get(case=self.case)
        templates = {**self.scenario["intake"], **self.spec.intake}
        texts = {name: self.text(t) for name, t in templates.items()}
        if not full:
            for name in ("strengths", "request_for_help", "clarified_problem"):
                texts[name] = ""
        if intake.held_on is None:
            intake.held_on = self.dates["intake_on"]
        elif "reopen" in self.spec.extra:
            texts["problems"] += " " + self.spec.extra["reopen"]
        for name, value in texts.items():
            setattr(intake, name, value)
        workflow.save_intake(
            intake, by=self.worker, version=intake.version, fields=["held_on", *texts]
        )
        self.text_saved_at["intake"] = self.stamp(day)

    def contact(self, day: datetime.date) -> None:
        pool = self.spec.contacts if self.spec.contacts is not None else self.scenario["contacts"]
        if self.next_contact < len(pool):
            kind, place, participants, summary = pool[self.next_contact]
        else:
            kind, place, participants, summary = FOLLOW_UPS[
                (self.next_contact - len(pool)) % len(FOLLOW_UPS)
            ]
        self.next_contact += 1
        rng = self.rng
        low = 30 if kind in ("huisbezoek", "gezinsonderzoek", "gezin", "bemiddeling") else 20
        minutes = rng.randrange(low, 61, 5) if kind != "telefonisch" else rng.choice([20, 25, 30])
        note = ""
        if self.next_contact == 2 and rng.random() < 0.3:
            note = self.text(rng.choice(WORK_NOTES))
        contact = workflow.log_contact(
            self.case,
            by=self.worker,
            held_on=day,
            minutes=minutes,
            kind=kind,
            place=place,
            participants=participants.format(**{**self.words, "lk": self.words["lk"][3:]}),
            summary=self.text(summary),
            work_note=note,
        )
        self.contact_times[contact.pk] = self.stamp(day)
        self.contact_days.append(day)

    def _goals(self, plan: Plan) -> list[dict]:
        existing = list(plan.goals.all())
        if existing:
            return [
                {"id": g.pk, "domain": g.domain, "description": g.description} for g in existing
            ]
        goals = self.scenario["goals"]
        count = self.rng.randint(1, 3) if len(goals) > 1 else 1
        chosen = sorted(self.rng.sample(range(len(goals)), count))
        return [{"domain": goals[i][0], "description": self.text(goals[i][1])} for i in chosen]

    def plan(self, day: datetime.date) -> None:
        workflow.start_plan(self.case, by=self.worker)
        self.stamp(day)
        self.dates["plan_on"] = day
        plan = Plan.objects.get(case=self.case)
        plan.planned_sessions = self.rng.randint(4, 8)
        plan.evaluation_on = self.evaluation_on
        plan.agreed_school = self.rng.random() < 0.5
        workflow.save_plan(
            plan,
            by=self.worker,
            version=plan.version,
            fields=["planned_sessions", "evaluation_on", "agreed_school"],
            goals=self._goals(plan),
        )
        self.text_saved_at["plan"] = self.stamp(day)

    def agree(self, day: datetime.date) -> None:
        plan = Plan.objects.get(case=self.case)
        adult_student = self.school.sector == "MBO" and self.spec.age >= 18
        plan.agreed_pupil = self.spec.age >= 10 or self.rng.random() < 0.5
        plan.agreed_parents = not adult_student
        plan.agreed_school = True
        plan.agreed_on = day
        plan.evaluation_on = self.evaluation_on
        workflow.save_plan(
            plan,
            by=self.worker,
            version=plan.version,
            fields=[
                "agreed_pupil",
                "agreed_parents",
                "agreed_school",
                "agreed_on",
                "evaluation_on",
            ],
            goals=self._goals(plan),
        )
        self.text_saved_at["plan"] = self.stamp(day)

    def help(self, day: datetime.date) -> None:
        workflow.start_help(self.case, by=self.worker)
        self.stamp(day)
        self.dates["help_on"] = day

    def evaluate(self, day: datetime.date, *, final: bool) -> None:
        plan = Plan.objects.get(case=self.case)
        rng, results = self.rng, {}
        for goal in plan.goals.all():
            if final:
                result = "behaald" if rng.random() < 0.8 else "deels"
            else:
                result = rng.choice(["behaald", "deels", "deels", "niet"])
            results[goal.pk] = (result, rng.choice(RESULT_NOTES[result]))
        note = self.text(self.scenario["evaluation"])
        workflow.evaluate_plan(plan, by=self.worker, held_on=day, note=note, results=results)
        self.stamp(day)

    def set_eval(self, day: datetime.date, *, new_date: datetime.date) -> None:
        plan = Plan.objects.get(case=self.case)
        plan.evaluation_on = new_date
        workflow.save_plan(
            plan,
            by=self.worker,
            version=plan.version,
            fields=["evaluation_on"],
            goals=self._goals(plan),
        )
        self.text_saved_at["plan"] = self.stamp(day)

    def refer(self, day: datetime.date) -> None:
        note = self.text(self.scenario["referral"])
        workflow.refer_case(self.case, by=self.worker, note=note)
        self.stamp(day)
        self.dates["referred_on"] = day

    def close(self, day: datetime.date, *, reason: str) -> None:
        handover = {}
        if self.dates.get("referred_on") is not None:
            # The referral went through the GP, outside SMW's own referral records.
            handover = {"handover_complete": False, "handover_note": self.spec.extra["handover"]}
        workflow.close_case(
            self.case, by=self.worker, reason=reason, outcome=self.spec.outcome, **handover
        )
        self.stamp(day)
        self.dates["closed_on"] = day

    def reopen(self, day: datetime.date) -> None:
        workflow.reopen_case(self.case, by=self.worker, reason=self.spec.extra["reopen"])
        self.stamp(day)
        self.dates["closed_on"] = None


def _evaluation_dates(
    spec: Spec, timeline: list, today: datetime.date, days: list, rng: random.Random
) -> tuple[datetime.date | None, datetime.date | None]:
    """(evaluation date in the plan, new date after a mid-way evaluation) for one case."""
    kind = spec.path.partition(":")[0]
    by_action = {action: day for day, action, _ in timeline}
    if "plan" not in by_action:
        return None, None
    if "evaluate" in by_action:
        later = today + datetime.timedelta(days=rng.randint(21, 42))
        return by_action["evaluate"], later if kind == "help_eval" else None
    if "agree" not in by_action:
        planned = by_action["plan"] + datetime.timedelta(weeks=rng.randint(7, 9))
        return max(planned, today + datetime.timedelta(days=rng.randint(14, 35))), None
    planned = by_action["agree"] + datetime.timedelta(weeks=rng.randint(6, 8))
    if kind == "help_overdue":
        earliest = by_action["agree"] + datetime.timedelta(weeks=3)
        overdue = days[-1 - rng.randint(2, 8)]
        return max(min(planned, overdue), earliest), None
    if kind in ("help", "group") and planned < today:
        return today + datetime.timedelta(days=rng.randint(7, 28)), None
    return planned, None


# --- The whole caseload ---------------------------------------------------------------------


def seed_cases(stdout=None) -> dict[str, int]:
    """Create the demo caseload unless it is there already. Returns what was created."""

    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(message)

    if Pupil.objects.filter(school__brin__in=DEMO_BRINS).exists():
        say("Demo cases already present: nothing added.")
        return {}
    with transaction.atomic():
        counts = _seed()
    stages = ", ".join(f"{stage} {counts.get(stage, 0)}" for stage in Case.Stage.values)
    say(
        f"Demo cases: {counts['pupils']} pupils, {counts['cases']} cases ({stages}), "
        f"{counts['contacts']} contacts, {counts['groups']} group, "
        f"{counts['consultations']} consultations."
    )
    return counts


def _seed() -> dict[str, int]:
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    today = timezone.localdate()
    days = school_days(today)
    last = len(days) - 1
    year = SchoolYear.current()
    users = {u.username: u for u in User.objects.filter(username__in=["smw", "smw2", "zc", "zc2"])}
    schools = {s.brin: s for s in School.objects.filter(brin__in=DEMO_BRINS)}

    runs: dict[str, CaseRun] = {}
    for spec in SPECS:
        worker = users[WORKERS[spec.brin]]
        reporter = users[COORDINATORS[spec.brin]] if spec.by_coordinator else worker
        run = CaseRun(spec, worker=worker, reporter=reporter, school=schools[spec.brin], rng=rng)
        timeline = _schedule(spec, rng)
        kind = spec.path.partition(":")[0]
        slack = rng.randint(*SLACK.get(kind, (6, 45)))
        span = timeline[-1][0]
        end = last - slack
        start = end - span
        if start < 0:  # squeeze a long case into the window
            timeline = [(round(d * end / span), a, o) for d, a, o in timeline]
            start = 0
        timeline = [(days[start + d], a, o) for d, a, o in timeline]
        planned = _evaluation_dates(spec, timeline, today, days, rng)
        run.evaluation_on, new_evaluation = (next_school_day(d, today) for d in planned)
        run.create_pupil(year, timeline[0][0])
        for day, action, options in timeline:
            if action == "set_eval":
                options = {"new_date": new_evaluation}
            getattr(run, action)(day, **options)
        runs[spec.key] = run

    group = _grief_group(runs, users["smw"], schools["04AB"], days, rng)
    _consultations(runs, users, schools, days, rng)
    _backdate(runs, group)

    cases = Case.objects.filter(pk__in=[r.case.pk for r in runs.values()])
    counts = Counter(cases.values_list("stage", flat=True))
    counts.update(
        pupils=len(runs),
        cases=cases.count(),
        contacts=Contact.objects.filter(case__in=cases).count(),
        groups=1,
        consultations=Consultation.objects.filter(school__brin__in=DEMO_BRINS).count(),
    )
    return dict(counts)


def _grief_group(runs, worker, school, days, rng) -> Group:
    """A rouwgroep at OBS De Regenboog: three weekly sessions, a contact on each case."""
    members = [runs[key] for key in ("fleur", "mohammed", "yara")]
    session_days = [days[-13], days[-8], days[-3]]
    group = workflow.start_group(
        by=worker,
        school=school,
        name="Rouwgroep De Regenboog",
        kind=Group.Kind.GRIEF,
        started_on=session_days[0],
        cases=list(Case.objects.filter(pk__in=[run.case.pk for run in members])),
    )
    for day, (topic, summary) in zip(session_days, GROUP_SESSIONS, strict=True):
        workflow.record_group_session(
            group,
            by=worker,
            held_on=day,
            minutes=rng.choice([45, 60]),
            topic=topic,
            summary=summary,
        )
        for run in members:
            run.stamp(day)
    return group


def _consultations(runs, users, schools, days, rng) -> None:
    for brin, username, key, with_whom, question, advice in CONSULTATIONS:
        run = runs.get(key) if key else None
        if run is not None:
            day = run.contact_days[-2] if len(run.contact_days) > 1 else run.contact_days[-1]
        else:
            day = days[-1 - rng.randint(3, 70)]
        workflow.record_consultation(
            by=users[username],
            school=schools[brin],
            case=run.case if run else None,
            held_on=day,
            minutes=rng.randrange(20, 50, 5),
            with_whom=with_whom,
            question=question,
            advice=advice,
        )
        if run is not None:
            run.stamp(day)


def _backdate(runs: dict[str, CaseRun], group: Group) -> None:
    """Move every 'today' the workflow wrote back to the day the step was meant to happen."""
    by_case = {run.case.pk: run for run in runs.values()}
    events = defaultdict(list)
    for event in CaseEvent.objects.filter(case__in=by_case).order_by("case_id", "pk"):
        events[event.case_id].append(event)
    cases = Case.objects.filter(pk__in=by_case).in_bulk()
    for case_id, run in by_case.items():
        timeline = events[case_id]
        if len(timeline) != len(run.stamps):
            raise RuntimeError(
                f"Demo case {run.spec.key}: {len(timeline)} events, {len(run.stamps)} dates."
            )
        for event, moment in zip(timeline, run.stamps, strict=True):
            event.at = moment
        case = cases[case_id]
        for name in ("intake_on", "plan_on", "help_on", "referred_on", "closed_on"):
            if name in run.dates:
                setattr(case, name, run.dates[name])
        case.stage_changed_at = max(e.at for e in timeline if e.to_stage)
        case.last_activity_at = max(e.at for e in timeline)
    CaseEvent.objects.bulk_update([e for t in events.values() for e in t], ["at"], batch_size=500)
    Case.objects.bulk_update(
        cases.values(),
        [
            "intake_on",
            "plan_on",
            "help_on",
            "referred_on",
            "closed_on",
            "stage_changed_at",
            "last_activity_at",
        ],
    )
    contacts = Contact.objects.filter(case__in=by_case, group_session__isnull=True).only("pk")
    moments = {pk: t for run in runs.values() for pk, t in run.contact_times.items()}
    changed = []
    for contact in contacts:
        contact.created_at = moments[contact.pk]
        changed.append(contact)
    Contact.objects.bulk_update(changed, ["created_at"], batch_size=500)
    for session in GroupSession.objects.filter(group=group):
        moment = timezone.make_aware(datetime.datetime.combine(session.held_on, datetime.time(15)))
        Contact.objects.filter(group_session=session).update(created_at=moment)
    pupils = []
    for run in runs.values():
        run.pupil.created_at = run.pupil_created_at
        pupils.append(run.pupil)
    Pupil.objects.bulk_update(pupils, ["created_at"])
    for run in runs.values():
        for model, key in ((Intake, "intake"), (Plan, "plan")):
            if key in run.text_saved_at:
                model.objects.filter(case=run.case).update(updated_at=run.text_saved_at[key])
