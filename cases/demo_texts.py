"""Dutch texts for the demo caseload (cases/demo.py): one scenario per kind of problem.

Placeholders: {naam}, {hij}/{Hij}, {zijn}/{Zijn}, {hem}, {lk}/{Lk} (de leerkracht, de mentor,
de SLB'er), {ouder} (who the worker speaks to at home) and per case {verlies}/{verlies_kort}.
{ouder} is never the subject of a sentence, so "ouders" and "moeder" both read well.
"""

from __future__ import annotations

from .models import Category

# A contact: (kind, place, participants, summary)
SCENARIOS: dict[str, dict] = {
    "rouw": {
        "categories": [Category.GRIEF, Category.SOCIAL_EMOTIONAL],
        "intake": {
            "signals": "{Lk} ziet dat {naam} sinds {verlies} vaak stil voor zich uit staart, soms "
            "plotseling huilt en in de pauze alleen blijft.",
            "problems": "{naam} kan zich slecht concentreren, slaapt onrustig en vertelt over nare "
            "dromen. Thuis wil {hij} niet over {verlies_kort} praten om de rest van het gezin "
            "niet verdrietig te maken.",
            "earlier_interventions": "{Lk} heeft een rustig plekje in de klas afgesproken waar "
            "{naam} even naartoe mag. De huisarts heeft na het overlijden één gesprek met het "
            "gezin gehad; dat gaf rust, maar er kwam geen vervolg.",
            "influence_home": "Het gezin is zelf in rouw en heeft weinig ruimte voor het verdriet "
            "van {naam}. Familie springt bij met opvang na schooltijd.",
            "influence_school": "De klas is op de hoogte en heeft een kaart gemaakt. Sommige "
            "klasgenoten stellen onhandige vragen waar {naam} van schrikt.",
            "influence_peers": "{naam} heeft twee goede maatjes die steunen, maar trekt zich de "
            "laatste weken ook van hen terug.",
            "influence_health": "Slaapt slecht en klaagt vaker over buikpijn. Geen medische "
            "bijzonderheden bekend.",
            "strengths": "Creatief: tekent en knutselt graag en laat zo zien wat {hij} voelt. "
            "Warme band met {lk}; betrokken familie.",
            "request_for_help": "Thuis: 'Hoe helpen we {naam} met het verdriet, en hoe praten we "
            "er samen over?' {naam}: 'Ik wil niet steeds moeten huilen in de klas.'",
            "clarified_problem": "Heftige maar passende rouwreactie bij een kind dat {zijn} "
            "verdriet thuis wegstopt om anderen te sparen. Risico op vastlopen als er geen ruimte "
            "komt om te rouwen; geen aanwijzingen voor gecompliceerde rouw. Kortdurende hulp en "
            "deelname aan een rouwgroep zijn passend.",
        },
        "goals": [
            (
                "leerling",
                "{naam} kan in eigen woorden vertellen wat er is gebeurd en weet wat {hij} "
                "kan doen als het verdriet opkomt in de klas.",
            ),
            (
                "gezin",
                "Thuis is er minstens één keer per week een vast moment om samen over "
                "{verlies_kort} te praten (herinneringenmoment).",
            ),
            (
                "school",
                "{Lk} en {naam} hebben een vaste afspraak voor momenten waarop het even "
                "niet gaat (time-out-kaartje).",
            ),
        ],
        "contacts": [
            (
                "leerling",
                "school",
                "{naam}",
                "Kennismakingsgesprek met {naam}. Aan de hand van "
                "tekeningen verteld over {verlies}. {naam} mist vooral de gewone dingen, zoals "
                "samen ontbijten. Afgesproken dat we elke week even praten.",
            ),
            (
                "huisbezoek",
                "thuis",
                "{ouder}",
                "Huisbezoek bij {ouder}. Gesproken over de laatste "
                "maanden en de uitvaart. Thuis is {naam} 'flink' en laat weinig zien. Uitleg "
                "gegeven over rouw bij kinderen en het boekje 'Wat is dood?' meegegeven.",
            ),
            (
                "leerkracht",
                "school",
                "{lk}",
                "Overleg met {lk}: time-out-kaartje afgesproken en "
                "besproken hoe de klas ermee omgaat. {naam} is vooral na het weekend sneller "
                "afgeleid.",
            ),
            (
                "leerling",
                "school",
                "{naam}",
                "Gesprek met {naam} over een herinneringendoosje. "
                "{Hij} had foto's en een sjaal meegenomen. 's Avonds in bed is het het moeilijkst; "
                "samen een slaapritueel bedacht.",
            ),
            (
                "telefonisch",
                "school",
                "{ouder}",
                "Telefonisch contact met {ouder}: {naam} slaapt "
                "iets beter. Besproken hoe het herinneringenmoment thuis vorm kan krijgen.",
            ),
            (
                "gezin",
                "thuis",
                "{naam}, {ouder}",
                "Gezinsgesprek thuis. Samen de foto's uit het "
                "herinneringendoosje bekeken. Afgesproken dat er op zondag een vast moment is om "
                "over {verlies_kort} te praten.",
            ),
        ],
        "evaluation": "{naam} praat makkelijker over {verlies_kort} en gebruikt het "
        "time-out-kaartje nog maar af en toe. Het herinneringenmoment thuis is een gewoonte "
        "geworden.",
    },
    "echtscheiding": {
        "categories": [Category.DIVORCE, Category.SOCIAL_EMOTIONAL],
        "intake": {
            "signals": "Sinds de scheiding van {zijn} ouders is {naam} wisselend gestemd: op "
            "maandag vaak moe en prikkelbaar, op vrijdag onrustig. Huiswerk en gymspullen liggen "
            "regelmatig bij de andere ouder.",
            "problems": "{naam} voelt zich verantwoordelijk voor de stemming van beide ouders en "
            "wil niemand teleurstellen (loyaliteitsconflict). Heeft buikpijn op wisseldagen.",
            "earlier_interventions": "Ouders hebben via een mediator een ouderschapsplan "
            "opgesteld. {Lk} heeft een overdrachtsschriftje ingevoerd; dat werkte een paar weken.",
            "influence_home": "Co-ouderschap, week op week af. Ouders communiceren vooral via "
            "berichten en dat gaat stroef. Vader heeft een nieuwe partner.",
            "influence_school": "Op school lijkt {naam} opgelucht; de resultaten zijn licht "
            "teruggelopen.",
            "influence_peers": "Goede vriendengroep; één vriend heeft ook gescheiden ouders en "
            "daar praat {naam} wel mee.",
            "influence_health": "Buikpijn op wisseldagen; de huisarts vond geen lichamelijke "
            "oorzaak.",
            "strengths": "Sociaal en sportief (voetbal). Beide ouders zijn zeer betrokken en "
            "willen hulp.",
            "request_for_help": "Ouders: 'Hoe zorgen we dat {naam} niet klem komt te zitten tussen "
            "ons?' {naam} wil 'dat papa en mama niet meer over mij ruziën'.",
            "clarified_problem": "Loyaliteitsconflict bij een kind in een co-ouderschapssituatie "
            "met stroeve communicatie tussen ouders. {naam} heeft ruimte nodig om van beide ouders "
            "te mogen houden; ouders hebben handvatten nodig voor de overdracht.",
        },
        "goals": [
            (
                "leerling",
                "{naam} kan aangeven wat {hij} lastig vindt aan de wisseldagen en weet "
                "bij wie {hij} terechtkan.",
            ),
            (
                "gezin",
                "Ouders maken vaste afspraken over de overdracht (spullen, huiswerk) en "
                "bespreken die niet waar {naam} bij is.",
            ),
            (
                "school",
                "School informeert beide ouders tegelijk via het ouderportaal en de "
                "overdrachtsmap.",
            ),
        ],
        "contacts": [
            (
                "leerling",
                "school",
                "{naam}",
                "Gesprek met {naam}. Met het werkblad 'twee huizen' "
                "getekend hoe een week eruitziet. De maandag is het zwaarst: dan moet alles "
                "opnieuw ingepakt worden.",
            ),
            (
                "ouders",
                "school",
                "moeder",
                "Gesprek met moeder. Zorgen over de buikpijn; de "
                "communicatie met vader verloopt moeizaam. Uitleg gegeven over loyaliteit bij "
                "kinderen van gescheiden ouders.",
            ),
            (
                "ouders",
                "school",
                "vader",
                "Gesprek met vader. Hij herkent de spanning bij de "
                "overdracht en staat open voor een gezamenlijk gesprek. Hij houdt de "
                "overdrachtsmap bij.",
            ),
            (
                "bemiddeling",
                "school",
                "moeder, vader, {lk}",
                "Gezamenlijk gesprek met beide ouders "
                "en {lk}. Afspraken over de overdrachtsmap, het ouderportaal en geen discussies "
                "bij het hek.",
            ),
            (
                "leerling",
                "school",
                "{naam}",
                "Vervolggesprek met {naam}. Maandag gaat beter; de map "
                "zit nu altijd in de tas. {naam} vindt het fijn dat papa en mama 'normaal doen' "
                "bij school.",
            ),
            (
                "telefonisch",
                "school",
                "moeder",
                "Telefonisch contact met moeder: minder vaak "
                "buikpijn. Wel onenigheid over de verjaardag van {naam}; geadviseerd dit via de "
                "mediator op te pakken.",
            ),
        ],
        "evaluation": "De overdracht verloopt rustiger en ouders houden zich grotendeels aan de "
        "afspraken. {naam} is minder gespannen op wisseldagen.",
    },
    "vechtscheiding": {
        "categories": [Category.DIVORCE, Category.PARENTING, Category.SOCIAL_EMOTIONAL],
        "intake": {
            "signals": "{naam} vertelt op school over ruzies tussen {zijn} ouders bij de "
            "overdracht. Ouders spreken elkaar bij school aan, ook waar kinderen bij zijn.",
            "problems": "Hoog oplopend conflict tussen gescheiden ouders, ook over school. {naam} "
            "is gespannen, slaapt slecht en is opstandig na een weekend bij de andere ouder.",
            "earlier_interventions": "Ouders zijn begonnen bij een mediator, maar hebben dat "
            "afgebroken. Er loopt een procedure over de omgangsregeling.",
            "influence_home": "Vader heeft geen gezag; de omgangsregeling (om het weekend) wordt "
            "niet altijd nagekomen. Moeder is overbelast.",
            "influence_school": "School wordt door beide ouders aangesproken en voelt zich klem "
            "zitten; er was onduidelijkheid over welke informatie vader mag krijgen.",
            "influence_peers": "{naam} schaamt zich en vertelt vrienden weinig.",
            "influence_health": "Slaapproblemen en spanningsklachten. Geen diagnose.",
            "strengths": "Slim en verbaal sterk; goede band met oma, die rust biedt.",
            "request_for_help": "School: 'Hoe gaan we met beide ouders om?' Moeder: 'Help {naam} "
            "hierdoorheen.' {naam} wil 'gewoon dat het ophoudt'.",
            "clarified_problem": "Kind klem in een vechtscheiding. Ouders kunnen nu niet "
            "samenwerken; eerst stabiliteit op school en een eigen plek voor {naam}. Daarnaast "
            "onderzoeken of specialistische hulp (zoals 'Kinderen uit de knel') passend is.",
        },
        "goals": [
            (
                "leerling",
                "{naam} heeft elke twee weken een veilig gesprek waarin {hij} kan vertellen "
                "hoe het gaat.",
            ),
            (
                "school",
                "School volgt het protocol gescheiden ouders: vader (zonder gezag) krijgt "
                "informatie over de schoolvorderingen in een eigen gesprek.",
            ),
            (
                "gezin",
                "Moeder weet hoe ze {naam} buiten het conflict houdt en heeft informatie over "
                "'Kinderen uit de knel'.",
            ),
        ],
        "contacts": [
            (
                "leerling",
                "school",
                "{naam}",
                "Gesprek met {naam} over de ruzie bij de overdracht "
                "vorige week. Samen een zorgenbakje gemaakt en uitgelegd dat de ruzie niet {zijn} "
                "schuld is.",
            ),
            (
                "ouders",
                "school",
                "moeder",
                "Gesprek met moeder. Boos en verdrietig; wil dat vader "
                "niet meer op school komt. Uitgelegd dat vader recht heeft op informatie over de "
                "schoolvorderingen en dat SMW er is voor {naam}, niet voor één van beide ouders.",
            ),
            (
                "telefonisch",
                "school",
                "vader",
                "Telefonisch gesprek met vader (geen gezag). Hij "
                "voelt zich buitengesloten door school. Afgesproken dat hij een eigen gesprek "
                "krijgt met {lk} over de voortgang.",
            ),
            (
                "leerkracht",
                "school",
                "{lk}, intern begeleider",
                "Overleg met {lk} en de intern "
                "begeleider over het protocol gescheiden ouders; vastgelegd wie welke informatie "
                "krijgt.",
            ),
            (
                "leerling",
                "school",
                "{naam}",
                "Vervolggesprek met {naam}. Het gaat wisselend: "
                "{naam} geeft zichzelf een 5 voor thuis en een 8 voor school.",
            ),
            (
                "ouders",
                "school",
                "moeder",
                "Gesprek met moeder over 'Kinderen uit de knel'. Zij "
                "staat ervoor open als vader ook meedoet; informatie meegegeven.",
            ),
        ],
        "evaluation": "School gaat rustiger om met beide ouders en {naam} gebruikt de gesprekken "
        "goed. Het conflict tussen ouders blijft groot.",
    },
    "pesten": {
        "categories": [Category.BULLYING, Category.SOCIAL_EMOTIONAL],
        "intake": {
            "signals": "{naam} wordt in de pauze buitengesloten en er worden opmerkingen gemaakt "
            "over {zijn} kleding. {Hij} komt vaker te laat en wil niet meer naar buiten.",
            "problems": "Structureel buitengesloten door een groepje klasgenoten. {naam} is "
            "onzeker geworden, zegt 'niemand vindt mij leuk' en heeft 's ochtends buikpijn.",
            "earlier_interventions": "{Lk} heeft een groepsgesprek gehouden en de pesters "
            "aangesproken; dat hielp kort. Er is een gesprek met thuis geweest.",
            "influence_home": "Betrokken opvoeders die zich machteloos voelen. Thuis is {naam} "
            "vrolijk, maar huilt soms bij het naar bed gaan.",
            "influence_school": "De school werkt met een anti-pestprogramma. De sfeer in de groep "
            "is onrustig sinds twee groepen zijn samengevoegd.",
            "influence_peers": "Eén maatje uit de buurt, op een andere school. In de klas geen "
            "vaste vriendjes.",
            "influence_health": "Buikpijn 's ochtends, verder gezond.",
            "strengths": "Behulpzaam, creatief en goed in rekenen. Doet op zaterdag met plezier "
            "aan judo.",
            "request_for_help": "{naam}: 'Ik wil dat ze ophouden en ik wil iemand om mee te "
            "spelen.' Thuis wil men dat school de veiligheid waarborgt.",
            "clarified_problem": "Pesten in een onrustige groep, met bij {naam} afnemend "
            "zelfvertrouwen. Aanpak langs twee sporen: weerbaarheid van {naam} en een groepsaanpak "
            "door school (steungroepaanpak).",
        },
        "goals": [
            (
                "leerling",
                "{naam} kent drie manieren om te reageren als {hij} wordt uitgelachen en "
                "oefent die in de gesprekken.",
            ),
            (
                "school",
                "{Lk} voert de steungroepaanpak uit en bespreekt wekelijks met {naam} hoe "
                "het gaat.",
            ),
            ("gezin", "Thuis wordt elke dag één positief moment van de schooldag besproken."),
        ],
        "contacts": [
            (
                "leerling",
                "school",
                "{naam}",
                "Gesprek met {naam}. Met de plattegrond van de school "
                "in beeld gebracht waar en wanneer het pesten gebeurt: vooral bij het buitenspelen "
                "en in de kleedkamer.",
            ),
            (
                "ouders",
                "school",
                "{ouder}",
                "Gesprek met {ouder}. Veel zorgen en boosheid richting "
                "school. Uitgelegd wat de steungroepaanpak inhoudt; daar wordt mee ingestemd.",
            ),
            (
                "leerkracht",
                "school",
                "{lk}",
                "Overleg met {lk}: een steungroep van zes kinderen "
                "samengesteld, onder wie twee kinderen die meededen aan het pesten.",
            ),
            (
                "leerling",
                "school",
                "{naam}",
                "Weerbaarheidsoefening met {naam} (rots, pinguïn, "
                "aap). Geoefend met stevig staan en 'stop, hou op' zeggen.",
            ),
            (
                "leerling",
                "school",
                "{naam}",
                "Vervolggesprek met {naam}: in de pauze spelen nu "
                "twee kinderen met {hem}. Nog wel vervelende opmerkingen bij de gymles.",
            ),
            (
                "leerkracht",
                "school",
                "{lk}, gymdocent",
                "Evaluatie van de steungroep met {lk}: de "
                "kinderen voeren hun ideeën uit en de sfeer in de groep is beter. De gymdocent is "
                "ingelicht.",
            ),
        ],
        "evaluation": "Het pesten is grotendeels gestopt; {naam} speelt weer buiten en heeft een "
        "vast maatje. Blijft een aandachtspunt bij de gymles.",
    },
    "online_pesten": {
        "categories": [Category.BULLYING, Category.SOCIAL_EMOTIONAL],
        "intake": {
            "signals": "In een groepsapp van de klas worden bewerkte foto's van {naam} gedeeld met "
            "gemene teksten. {naam} is stil en mist de laatste weken op maandag het eerste uur.",
            "problems": "Online pesten; {naam} durft niet te vertellen wie erachter zit. Schaamte "
            "en angst om naar school te gaan.",
            "earlier_interventions": "{Lk} heeft een klassengesprek over online gedrag gehouden. "
            "Thuis was nog niets bekend.",
            "influence_home": "{naam} woont bij moeder, met een jongere broer. Thuis zit {naam} "
            "veel op de kamer en legt de telefoon snel weg als er iemand binnenkomt.",
            "influence_school": "De school heeft een anti-pestcoördinator en een protocol sociale "
            "media; er zijn screenshots nodig om op te treden.",
            "influence_peers": "De vriendengroep van de basisschool is uit elkaar gevallen; in de "
            "klas sluit {naam} nauwelijks aan.",
            "influence_health": "Gaat laat slapen, hoofdpijn. Geen medicatie.",
            "strengths": "Goed in tekenen, sterk rechtvaardigheidsgevoel; wil dat het probleem "
            "echt wordt opgelost.",
            "request_for_help": "{naam}: 'Ik wil dat die foto's weg zijn en dat ik gewoon naar "
            "school kan.'",
            "clarified_problem": "Online pesten met grote schaamte. {naam} heeft steun nodig om "
            "het thuis en op school bespreekbaar te maken, zodat school kan optreden en het "
            "verzuim niet verder oploopt.",
        },
        "goals": [
            (
                "leerling",
                "{naam} verzamelt samen met SMW de screenshots en vertelt {lk} wat er gebeurt.",
            ),
            (
                "gezin",
                "Het online pesten is thuis besproken en er zijn afspraken over "
                "telefoongebruik 's avonds.",
            ),
            (
                "school",
                "De anti-pestcoördinator spreekt de betrokken leerlingen aan en de foto's "
                "worden verwijderd.",
            ),
        ],
        "contacts": [
            (
                "leerling",
                "school",
                "{naam}",
                "Eerste gesprek met {naam}. Na enige aarzeling laat "
                "{hij} de berichten zien. Samen screenshots gemaakt en besproken wie {hij} kan "
                "vertrouwen.",
            ),
            (
                "telefonisch",
                "school",
                "{ouder}",
                "Telefonisch gesprek met {ouder}, met toestemming "
                "van {naam}. Geschrokken reactie; afgesproken om samen op school te komen.",
            ),
            (
                "gezin",
                "school",
                "{naam}, {ouder}",
                "Gesprek met {naam} en {ouder} op school. "
                "Afspraken over de telefoon 's avonds en over melden bij {lk}.",
            ),
            (
                "leerkracht",
                "school",
                "{lk}, anti-pestcoördinator",
                "Overleg met {lk} en de "
                "anti-pestcoördinator. De betrokken leerlingen worden gesproken en hun ouders "
                "gebeld.",
            ),
            (
                "leerling",
                "school",
                "{naam}",
                "Vervolggesprek met {naam}. De foto's zijn verwijderd "
                "en de groepsapp is opgeheven. {naam} is opgelucht, maar nog op {zijn} hoede.",
            ),
        ],
        "evaluation": "De foto's zijn verwijderd en {naam} komt weer op tijd. Contact met "
        "klasgenoten is nog voorzichtig.",
    },
    "gedrag": {
        "categories": [Category.BEHAVIOUR, Category.PARENTING],
        "intake": {
            "signals": "{naam} heeft de afgelopen weken meerdere woede-uitbarstingen gehad: een "
            "stoel omgegooid, een klasgenoot geschopt en weggelopen uit de klas.",
            "problems": "Snel overprikkeld en boos bij veranderingen of als iets niet lukt. Thuis "
            "vergelijkbare uitbarstingen, vooral rond bedtijd en schermtijd.",
            "earlier_interventions": "Beloningssysteem in de klas (stickerkaart), werkt wisselend. "
            "Thuis is een oudercursus positief opvoeden overwogen, maar niet gestart.",
            "influence_home": "Druk gezin met drie kinderen; ouders werken in ploegendienst. De "
            "regels verschillen per ouder.",
            "influence_school": "Grote groep en op woensdag een invaller. {naam} reageert sterk "
            "op de wisselingen.",
            "influence_peers": "Klasgenoten worden wat bang van {naam}; {hij} wordt minder vaak "
            "gevraagd om mee te spelen.",
            "influence_health": "Slaapt onregelmatig. Geen diagnose; thuis vraagt men zich af of "
            "er sprake is van ADHD.",
            "strengths": "Enthousiast, sportief en zorgzaam voor {zijn} kleine zusje. Kan na een "
            "uitbarsting goed praten over wat er gebeurde.",
            "request_for_help": "School: 'Hoe voorkomen we escalaties in de klas?' Thuis: 'Hoe "
            "krijgen we meer rust?'",
            "clarified_problem": "Ontregeld gedrag bij overprikkeling en onvoorspelbaarheid, thuis "
            "en op school. Meer voorspelbaarheid en dezelfde afspraken thuis en op school zijn "
            "nodig; bij onvoldoende resultaat onderzoek via de jeugdarts.",
        },
        "goals": [
            (
                "leerling",
                "{naam} herkent {zijn} 'boze signalen' en gebruikt de afgesproken "
                "rustplek voordat het misgaat.",
            ),
            (
                "gezin",
                "Thuis gelden drie vaste huisregels rond bedtijd en schermtijd, die beide "
                "ouders op dezelfde manier hanteren.",
            ),
            ("school", "{Lk} werkt met een dagritmekaart en kondigt veranderingen vooraf aan."),
        ],
        "contacts": [
            (
                "leerling",
                "school",
                "{naam}",
                "Gesprek met {naam} met de boosheidsthermometer. "
                "{naam} kon goed aangeven wanneer {hij} 'op 8' zit: als anderen lachen als iets "
                "mislukt.",
            ),
            (
                "huisbezoek",
                "thuis",
                "{ouder}",
                "Huisbezoek bij {ouder}. Bedtijd en schermtijd "
                "besproken; samen drie huisregels opgesteld en op de koelkast gehangen.",
            ),
            (
                "leerkracht",
                "school",
                "{lk}",
                "Overleg met {lk} over de rustplek op de gang en de "
                "dagritmekaart. Invallers krijgen voortaan een overdrachtsbriefje.",
            ),
            (
                "leerling",
                "school",
                "{naam}",
                "Vervolggesprek: {naam} heeft de rustplek twee keer "
                "gebruikt en 'niemand geslagen deze week'. Compliment gegeven.",
            ),
            (
                "telefonisch",
                "school",
                "{ouder}",
                "Telefonisch contact met {ouder}: thuis rustiger "
                "rond bedtijd; schermtijd blijft een strijdpunt.",
            ),
            (
                "leerkracht",
                "school",
                "{lk}",
                "Overleg met {lk}: het aantal incidenten is gedaald van vier naar één per week.",
            ),
        ],
        "evaluation": "Minder uitbarstingen op school en de rustplek wordt gebruikt. Thuis "
        "wisselend; de huisregels worden nog niet consequent toegepast.",
    },
    "angst": {
        "categories": [Category.SOCIAL_EMOTIONAL, Category.MENTAL_HEALTH],
        "intake": {
            "signals": "{naam} zegt in de klas bijna niets meer, eet {zijn} lunch niet op en wil "
            "niet mee op uitjes. {Lk} maakt zich zorgen over {zijn} stemming.",
            "problems": "Angstig bij nieuwe situaties, piekert veel ('wat als er iets gebeurt?'), "
            "vermijdt spreekbeurten en groepswerk.",
            "earlier_interventions": "Thuis is een boek over piekeren gelezen. Op school mag "
            "{naam} presentaties voor een klein groepje houden.",
            "influence_home": "Thuis wordt {naam} beschreven als 'altijd al voorzichtig'. Er is "
            "vorig jaar een familielid ernstig ziek geweest.",
            "influence_school": "Goede band met {lk}; dit jaar veel nieuwe kinderen in de klas.",
            "influence_peers": "Eén vast maatje in de klas; speelt verder liever alleen.",
            "influence_health": "Hoofd- en buikpijn, slaapt moeilijk in. De huisarts vond "
            "lichamelijk niets.",
            "strengths": "Zorgvuldig, leergierig en goed in lezen. Zeer betrokken thuis.",
            "request_for_help": "{naam}: 'Ik wil niet meer zo veel piekeren.' Thuis: 'Hoe helpen "
            "we zonder alles over te nemen?'",
            "clarified_problem": "Angst- en piekerklachten die het functioneren op school "
            "beperken. Kortdurende hulp gericht op piekeren (piekerkwartiertje, stap voor stap "
            "oefenen); bij onvoldoende effect verwijzing naar de jeugd-GGZ.",
        },
        "goals": [
            (
                "leerling",
                "{naam} gebruikt het piekerdoosje en het piekerkwartiertje om zorgen een "
                "plek te geven.",
            ),
            (
                "gezin",
                "Thuis wordt {naam} aangemoedigd om kleine spannende dingen zelf te doen, in "
                "plaats van ze over te nemen.",
            ),
            ("school", "{naam} doet mee aan groepswerk in een vast groepje van drie."),
        ],
        "contacts": [
            (
                "leerling",
                "school",
                "{naam}",
                "Gesprek met {naam}. Met de piekerberg in kaart "
                "gebracht waar {hij} zich zorgen over maakt. Het piekerdoosje uitgelegd en "
                "meegegeven.",
            ),
            (
                "ouders",
                "school",
                "{ouder}",
                "Gesprek met {ouder} over angst bij kinderen en het "
                "verschil tussen steunen en overnemen. Thuisopdracht: één spannend ding per week.",
            ),
            (
                "leerkracht",
                "school",
                "{lk}",
                "Overleg met {lk}: groepswerk in een vast groepje, spreekbeurt later in het jaar.",
            ),
            (
                "leerling",
                "school",
                "{naam}",
                "Ademhalingsoefening en 'gedachten als wolken'. "
                "{naam} vertelt trots dat {hij} zelf brood heeft gekocht bij de bakker.",
            ),
            (
                "telefonisch",
                "school",
                "{ouder}",
                "Telefonisch contact met {ouder}: minder "
                "buikpijn, inslapen gaat beter met het piekerkwartiertje.",
            ),
            (
                "leerling",
                "school",
                "{naam}",
                "Vervolggesprek met {naam}: gaat mee op het uitje als "
                "{hij} naast {zijn} maatje mag zitten. Afgestemd met {lk}.",
            ),
        ],
        "evaluation": "{naam} piekert minder en doet mee aan groepswerk. Presenteren blijft "
        "spannend.",
    },
    "verzuim": {
        "categories": [Category.ABSENTEEISM, Category.MENTAL_HEALTH],
        "intake": {
            "signals": "Oplopend ongeoorloofd verzuim, vooral de eerste uren. Er zijn "
            "ziekmeldingen van thuis die niet kloppen met wat {lk} ziet.",
            "problems": "{naam} komt 's ochtends moeilijk op gang, gamet tot diep in de nacht, "
            "loopt achter en ziet school 'niet meer zitten'.",
            "earlier_interventions": "Gesprek met {lk} en een verzuimgesprek met de teamleider. "
            "De verzuimcoördinator heeft de leerplichtambtenaar geïnformeerd.",
            "influence_home": "Thuis vertrekt iedereen vroeg naar het werk. Veel strijd over de "
            "telefoon en de computer.",
            "influence_school": "Er komt een toetsperiode aan en {naam} heeft achterstanden die "
            "{hij} zelf niet meer kan overzien.",
            "influence_peers": "Vrienden vooral online; het contact met klasgenoten is verwaterd.",
            "influence_health": "Slaapritme volledig verschoven, moe, soms hoofdpijn. De jeugdarts "
            "is nog niet betrokken.",
            "strengths": "Slim en technisch handig (bouwt zelf computers); wil eigenlijk wel een "
            "diploma halen.",
            "request_for_help": "{naam}: 'Ik wil het jaar halen, maar ik kom mijn bed niet uit.' "
            "Thuis: 'Help ons het ritme terug te krijgen.'",
            "clarified_problem": "Oplopend verzuim door een verschoven dag-nachtritme en het "
            "vermijden van achterstanden. Eerst ritme en een haalbaar inhaalplan; de jeugdarts "
            "inschakelen voor de ziekmeldingen.",
        },
        "goals": [
            ("leerling", "{naam} is vier weken lang elke dag op tijd voor het eerste uur."),
            (
                "gezin",
                "Thuis geldt de afspraak dat telefoon en computer om 23.00 uur uit de "
                "slaapkamer gaan.",
            ),
            ("school", "{Lk} maakt met {naam} een inhaalplan met haalbare deadlines."),
        ],
        "contacts": [
            (
                "leerling",
                "school",
                "{naam}",
                "Gesprek met {naam} over het verzuim. Samen een week "
                "in kaart gebracht: gemiddeld om 3 uur 's nachts naar bed. {naam} wil zelf ook "
                "'een normaal ritme'.",
            ),
            (
                "huisbezoek",
                "thuis",
                "{naam}, {ouder}",
                "Huisbezoek: gesprek met {naam} en {ouder}. "
                "Afspraken over de telefoon en de wekker; er wordt om 7.15 uur gebeld als "
                "controle.",
            ),
            (
                "leerkracht",
                "school",
                "{lk}, verzuimcoördinator",
                "Overleg met {lk} en de "
                "verzuimcoördinator: inhaalplan opgesteld, de jeugdarts wordt ingeschakeld voor de "
                "ziekmeldingen.",
            ),
            (
                "telefonisch",
                "school",
                "{naam}",
                "Telefonisch contact met {naam}: twee weken geen "
                "ongeoorloofd verzuim, één keer te laat.",
            ),
            (
                "leerling",
                "school",
                "{naam}",
                "Vervolggesprek met {naam}: trots op het resultaat, "
                "wel moeite om in het weekend het ritme vast te houden.",
            ),
        ],
        "evaluation": "Het verzuim is fors gedaald en het ritme door de week redelijk stabiel. "
        "Het inhaalplan loopt.",
    },
    "somber": {
        "categories": [Category.MENTAL_HEALTH, Category.SOCIAL_EMOTIONAL],
        "intake": {
            "signals": "{naam} vertelde {lk} dat {hij} 'het allemaal niet meer ziet zitten'. Een "
            "vriendin maakt zich zorgen over sombere berichten die {naam} 's nachts stuurt.",
            "problems": "Al maanden een sombere stemming; trekt zich terug, slaapt slecht en eet "
            "weinig. Denkt soms aan 'er niet meer zijn', zonder concrete plannen.",
            "earlier_interventions": "Gesprek met de vertrouwenspersoon van school. Twee jaar "
            "geleden kort bij de POH-GGZ van de huisarts geweest.",
            "influence_home": "Thuis veel spanning door financiële zorgen; {naam} wil thuis 'niet "
            "nog meer belasten'.",
            "influence_school": "De cijfers gaan achteruit; docenten merken dat {naam} in de les "
            "afwezig is.",
            "influence_peers": "Een relatie is onlangs uitgegaan. Eén vriendin is de belangrijkste "
            "steun.",
            "influence_health": "Slaapt slecht, weinig eetlust, moe. Geen medicatie.",
            "strengths": "Open in gesprek en reflectief; schrijft gedichten. Heeft zelf hulp "
            "gezocht.",
            "request_for_help": "{naam}: 'Ik wil me weer beter voelen en weten met wie ik hierover "
            "kan praten.'",
            "clarified_problem": "Depressieve klachten met doodsgedachten; de ernst vraagt om "
            "specialistische diagnostiek en behandeling. SMW zorgt voor veiligheid "
            "(signaleringsplan), betrekt thuis, verwijst via de huisarts naar de GGZ en blijft op "
            "school betrokken.",
        },
        "goals": [
            (
                "leerling",
                "{naam} heeft een signaleringsplan en weet wie {hij} kan bellen als het "
                "slechter gaat (113, {lk}, SMW).",
            ),
            (
                "gezin",
                "Thuis is men op de hoogte van de klachten en samen met {naam} naar de "
                "huisarts geweest voor een verwijzing.",
            ),
            ("school", "{Lk} regelt een rustige werkplek en spreidt toetsen in overleg."),
        ],
        "contacts": [
            (
                "leerling",
                "school",
                "{naam}",
                "Gesprek met {naam}. Stemming en veiligheid "
                "uitgevraagd: geen concrete plannen. Signaleringsplan opgesteld, 113 besproken. "
                "Toestemming om {ouder} te informeren.",
            ),
            (
                "telefonisch",
                "school",
                "{naam}, {ouder}",
                "Telefonisch gesprek met {ouder}, samen met "
                "{naam}. Geschrokken maar steunend. Afgesproken om samen de huisarts te bellen.",
            ),
            (
                "leerkracht",
                "school",
                "{lk}",
                "Overleg met {lk}: toetsen spreiden, rustige plek in "
                "het studiecentrum, wekelijkse check-in.",
            ),
            (
                "leerling",
                "school",
                "{naam}",
                "Vervolggesprek met {naam}. De huisarts heeft "
                "verwezen; de wachttijd bij de GGZ is ongeveer zes weken. Signaleringsplan "
                "doorgelopen.",
            ),
            (
                "telefonisch",
                "school",
                "intaker GGZ",
                "Telefonisch overleg met de intaker van de "
                "GGZ (met toestemming van {naam}) over de aanmelding en wat school in de wachttijd "
                "kan doen.",
            ),
            (
                "leerling",
                "school",
                "{naam}",
                "Overbruggingsgesprek met {naam}: slaapt iets beter en "
                "heeft steun aan vriendin en {lk}. Blijft kwetsbaar.",
            ),
        ],
        "evaluation": "{naam} voelt zich veiliger op school en weet waar {hij} terechtkan. De "
        "stemming is nog wisselend; behandeling is nodig.",
        "pre_referral": 2,
        "referral": "Via de huisarts verwezen naar de GGZ voor diagnostiek en behandeling van "
        "depressieve klachten. SMW blijft aanspreekpunt op school tot de behandeling loopt.",
    },
    "armoede": {
        "categories": [Category.POVERTY, Category.PARENTING],
        "intake": {
            "signals": "{naam} komt regelmatig zonder ontbijt en lunch naar school, heeft geen "
            "gymkleding en kon niet mee op schoolreis.",
            "problems": "Het gezin leeft van een minimuminkomen met schulden. {naam} schaamt zich "
            "en verzint smoesjes; heeft moeite met concentreren door honger.",
            "earlier_interventions": "School heeft ongemerkt gymkleding geregeld en de "
            "ouderbijdrage kwijtgescholden.",
            "influence_home": "Eenoudergezin met drie kinderen, onlangs verhuisd naar een kleinere "
            "woning. Grote schaamte om hulp te vragen.",
            "influence_school": "{Lk} is betrokken en geeft soms een boterham. De school doet mee "
            "aan een ontbijtprogramma.",
            "influence_peers": "Kan niet mee naar verjaardagen en sport; voelt zich "
            "buitengesloten.",
            "influence_health": "Vaak moe en soms hoofdpijn. Al lang niet bij de tandarts geweest.",
            "strengths": "Vrolijk en veerkrachtig; een hecht gezin waarin het beste voor de "
            "kinderen wordt gewild.",
            "request_for_help": "Thuis: 'Ik wil niet dat de kinderen de dupe zijn van onze "
            "geldzorgen.'",
            "clarified_problem": "Armoede met schulden en schaamte, waardoor {naam} niet "
            "volwaardig mee kan doen. Toeleiding naar voorzieningen (Jeugdfonds Sport & Cultuur, "
            "Stichting Leergeld, U-pas) en schuldhulp via het wijkteam.",
        },
        "goals": [
            (
                "gezin",
                "Er is een afspraak met de schuldhulpverlening van het wijkteam en een "
                "aanvraag bij Stichting Leergeld.",
            ),
            (
                "leerling",
                "{naam} doet weer mee aan een sport of club, betaald via het Jeugdfonds "
                "Sport & Cultuur.",
            ),
            ("school", "School zorgt dat {naam} elke dag ontbijt via het schoolontbijt."),
        ],
        "contacts": [
            (
                "huisbezoek",
                "thuis",
                "{ouder}",
                "Huisbezoek bij {ouder}. Voorzichtig de geldzorgen "
                "besproken; veel schaamte. Uitgelegd welke regelingen er zijn, zonder oordeel.",
            ),
            (
                "telefonisch",
                "school",
                "{ouder}",
                "Samen met {ouder} Stichting Leergeld gebeld; "
                "aanvraag voor een fiets en schoolspullen gestart.",
            ),
            (
                "leerling",
                "school",
                "{naam}",
                "Gesprek met {naam} over wat {hij} leuk vindt. Wil "
                "graag op voetbal; aanvraag bij het Jeugdfonds Sport & Cultuur wordt gedaan.",
            ),
            (
                "anders",
                "elders",
                "{ouder}, wijkteam",
                "Met {ouder} naar het wijkteam voor een "
                "aanmelding bij de schuldhulpverlening (warme overdracht).",
            ),
            (
                "leerkracht",
                "school",
                "{lk}",
                "Overleg met {lk} over het schoolontbijt en hoe {naam} zonder stigma kan meedoen.",
            ),
        ],
        "evaluation": "De schuldhulp is gestart en {naam} traint sinds een paar weken bij een "
        "sportclub. Het ontbijt op school loopt.",
        "referral": "Aangemeld bij het wijkteam voor schuldhulpverlening en ondersteuning van het "
        "gezin; aanvragen bij Stichting Leergeld en het Jeugdfonds Sport & Cultuur lopen. SMW "
        "houdt contact over {naam} op school.",
    },
    "huiselijk_geweld": {
        "categories": [Category.DOMESTIC_VIOLENCE, Category.SOCIAL_EMOTIONAL],
        "intake": {
            "signals": "{naam} vertelde dat papa 'heel boos' wordt en dat mama dan huilt. Een "
            "blauwe plek op de bovenarm; {naam} zegt 'ik ben gevallen'.",
            "problems": "Vermoeden van huiselijk geweld: spanningen en geweld tussen ouders waar "
            "{naam} getuige van is; mogelijk ook fysiek geweld richting {naam}.",
            "earlier_interventions": "School heeft de meldcode doorlopen en Veilig Thuis om advies "
            "gevraagd. Eerder dit jaar was er een zorgmelding van de politie.",
            "influence_home": "Vader is sinds een half jaar werkloos en drinkt. Moeder is "
            "geïsoleerd en heeft weinig netwerk in Nederland.",
            "influence_school": "{naam} schrikt op school van harde geluiden en blijft na "
            "schooltijd vaak hangen.",
            "influence_peers": "Speelt weinig met anderen en nodigt nooit kinderen thuis uit.",
            "influence_health": "Moe, soms blauwe plekken. Verder geen bijzonderheden bekend.",
            "strengths": "Hechte band met moeder en met {lk}; school is een veilige plek.",
            "request_for_help": "School: 'Hoe zorgen we voor de veiligheid van {naam}?' Moeder wil "
            "hulp, 'maar geen gedoe met instanties'.",
            "clarified_problem": "Onveilige thuissituatie door partnergeweld en mogelijk "
            "kindermishandeling. Volgens de meldcode is een melding bij Veilig Thuis nodig; SMW "
            "ondersteunt moeder en stemt af met het wijkteam.",
        },
        "goals": [
            (
                "leerling",
                "{naam} weet bij wie {hij} op school terechtkan als het thuis niet veilig is.",
            ),
            ("gezin", "Er is een veiligheidsplan, opgesteld met moeder en het wijkteam."),
            (
                "school",
                "{Lk} en de aandachtsfunctionaris volgen {naam} dagelijks en melden "
                "nieuwe signalen.",
            ),
        ],
        "contacts": [
            (
                "leerling",
                "school",
                "{naam}",
                "Gesprek met {naam} op school. {naam} vertelt over "
                "ruzies thuis ('papa gooit dingen'). Veiligheidsvragen gesteld; {naam} weet bij "
                "wie {hij} terechtkan.",
            ),
            (
                "leerkracht",
                "school",
                "{lk}, aandachtsfunctionaris",
                "Overleg met de "
                "aandachtsfunctionaris meldcode: stappen doorgelopen en advies gevraagd aan Veilig "
                "Thuis.",
            ),
            (
                "ouders",
                "school",
                "moeder",
                "Gesprek met moeder, met een telefoontolk. Zij bevestigt "
                "de spanningen en is bang. Besproken dat school en SMW een melding doen bij Veilig "
                "Thuis; moeder is daarmee akkoord.",
            ),
            (
                "telefonisch",
                "school",
                "Veilig Thuis, aandachtsfunctionaris",
                "Melding gedaan bij "
                "Veilig Thuis, samen met de aandachtsfunctionaris. Veilig Thuis neemt de melding "
                "in behandeling en schakelt het wijkteam in.",
            ),
            (
                "anders",
                "elders",
                "wijkteam",
                "Overleg met de ouder- en kindadviseur van het "
                "wijkteam over het veiligheidsplan en de rol van school en SMW.",
            ),
            (
                "leerling",
                "school",
                "{naam}",
                "Gesprek met {naam}: thuis is het rustiger sinds "
                "vader tijdelijk ergens anders woont. {naam} tekende {zijn} 'veilige plekken'.",
            ),
        ],
        "evaluation": "De situatie thuis is rustiger; het veiligheidsplan wordt nageleefd.",
        "pre_referral": 2,
        "referral": "Melding bij Veilig Thuis gedaan (meldcode). Het wijkteam coördineert het "
        "veiligheidsplan en de hulp aan het gezin; SMW blijft contactpersoon op school.",
    },
    "thuisconflict": {
        "categories": [Category.DOMESTIC_VIOLENCE, Category.PARENTING, Category.SOCIAL_EMOTIONAL],
        "intake": {
            "signals": "{naam} heeft de afgelopen week bij vrienden geslapen na een hoog oplopende "
            "ruzie met {zijn} stiefvader. {Hij} is moe, geïrriteerd en durft niet naar huis.",
            "problems": "Escalerende conflicten thuis met duwen en dreigen. {naam} voelt zich "
            "thuis niet veilig en heeft geen vaste slaapplek.",
            "earlier_interventions": "Twee jaar geleden hulp van het wijkteam, gestopt na een "
            "verhuizing.",
            "influence_home": "Woont met moeder, stiefvader en twee halfzusjes. Moeder staat "
            "tussen {naam} en haar partner in.",
            "influence_school": "{Lk} is de belangrijkste vertrouwenspersoon; de stage loopt nog "
            "redelijk.",
            "influence_peers": "Vrienden bieden tijdelijk onderdak.",
            "influence_health": "Slaapt slecht en eet onregelmatig. Geen medische bijzonderheden.",
            "strengths": "Zoekt zelf hulp, heeft een bijbaan en een goede band met oma.",
            "request_for_help": "{naam}: 'Ik wil een veilige plek om te slapen en rust om mijn "
            "diploma te halen.'",
            "clarified_problem": "Onveilige thuissituatie voor een minderjarige zonder vaste "
            "slaapplek. Veiligheid eerst: advies van Veilig Thuis, tijdelijk wonen bij oma en "
            "overdracht aan het wijkteam voor gezinsgerichte hulp.",
        },
        "goals": [
            ("leerling", "{naam} heeft een vaste, veilige slaapplek (tijdelijk bij oma)."),
            ("gezin", "Moeder neemt deel aan een gesprek over veiligheid en afspraken thuis."),
            ("school", "{Lk} weet wat te doen als {naam} niet op school of stage verschijnt."),
        ],
        "contacts": [
            (
                "leerling",
                "school",
                "{naam}",
                "Gesprek met {naam}. Veiligheid uitgevraagd; {naam} "
                "slaapt nu bij een vriend. Met toestemming oma gebeld: {naam} kan tijdelijk bij "
                "haar terecht.",
            ),
            (
                "telefonisch",
                "school",
                "Veilig Thuis",
                "Advies gevraagd bij Veilig Thuis "
                "(meldcode). Advies: veiligheidsafspraken maken met moeder en het wijkteam "
                "inschakelen.",
            ),
            (
                "ouders",
                "school",
                "moeder",
                "Gesprek met moeder. Zorgen over {naam}; de ruzies "
                "worden erkend. Moeder stemt in met aanmelding bij het wijkteam.",
            ),
            (
                "anders",
                "elders",
                "wijkteam, {naam}",
                "Warme overdracht aan de jeugd- en "
                "gezinswerker van het wijkteam; afgesproken wie wat doet.",
            ),
            (
                "leerkracht",
                "school",
                "{lk}",
                "Overleg met {lk} over aanwezigheid en wat te doen bij afwezigheid.",
            ),
        ],
        "evaluation": "{naam} woont stabiel bij oma; gesprekken thuis lopen via het wijkteam.",
        "referral": "Na advies van Veilig Thuis aangemeld bij het wijkteam voor gezinsgerichte "
        "hulp en veiligheidsafspraken; {naam} woont tijdelijk bij oma. SMW blijft aanspreekpunt op "
        "school.",
    },
    "opvoeding": {
        "categories": [Category.PARENTING, Category.BEHAVIOUR],
        "intake": {
            "signals": "Thuis is om hulp gevraagd: {naam} luistert niet meer en er zijn dagelijks "
            "ruzies over huiswerk, schermtijd en bedtijd.",
            "problems": "Dagelijkse machtsstrijd thuis; ouders voelen zich onzeker en reageren "
            "wisselend (eerst toegeven, dan straffen).",
            "earlier_interventions": "Ouders hebben tips op internet gezocht en met de huisarts "
            "gesproken; opa en oma springen bij met opvang.",
            "influence_home": "Beide ouders werken. Ouders zijn het niet altijd eens over regels "
            "en consequenties.",
            "influence_school": "Op school gaat het redelijk; {lk} merkt wel dat {naam} moe is en "
            "huiswerk vaak niet af is.",
            "influence_peers": "Heeft een vaste vriendengroep; daar gaat het goed mee.",
            "influence_health": "Geen bijzonderheden.",
            "strengths": "Ouders zijn gemotiveerd en staan open voor advies; {naam} is grappig en "
            "creatief.",
            "request_for_help": "Ouders: 'Hoe krijgen we weer rust thuis, zonder steeds te "
            "schreeuwen?'",
            "clarified_problem": "Opvoedvragen bij ouders die onvoldoende op één lijn zitten. "
            "Kortdurende opvoedondersteuning (duidelijke regels, belonen, consequent zijn) is "
            "passend.",
        },
        "goals": [
            (
                "gezin",
                "Ouders maken samen drie duidelijke huisregels en reageren er allebei op "
                "dezelfde manier op.",
            ),
            (
                "leerling",
                "{naam} maakt {zijn} huiswerk op een vaste tijd en plek, met een "
                "beloning aan het eind van de week.",
            ),
            ("school", "{Lk} stuurt wekelijks een kort bericht naar huis over wat goed ging."),
        ],
        "contacts": [
            (
                "ouders",
                "school",
                "{ouder}",
                "Gesprek met {ouder} over de situatie thuis. Het "
                "patroon van toegeven en straffen besproken; uitleg over positief opvoeden.",
            ),
            (
                "huisbezoek",
                "thuis",
                "{ouder}, {naam}",
                "Huisbezoek: het avondritueel meegemaakt en samen een weekschema gemaakt.",
            ),
            (
                "telefonisch",
                "school",
                "{ouder}",
                "Telefonisch contact met {ouder}: het weekschema "
                "helpt en bedtijd gaat beter. Huiswerk blijft lastig.",
            ),
            (
                "leerling",
                "school",
                "{naam}",
                "Gesprek met {naam} over de nieuwe afspraken. Als "
                "beloning wil {naam} op vrijdag samen een film kijken.",
            ),
            (
                "ouders",
                "school",
                "{ouder}",
                "Gesprek met {ouder}: dezelfde regels worden nu "
                "door beide ouders gehanteerd en er is minder ruzie. Besproken hoe dit vol te "
                "houden.",
            ),
        ],
        "evaluation": "Ouders reageren consequenter en er is duidelijk minder strijd. De "
        "huiswerkafspraken worden deels nagekomen.",
        "referral": "Aangemeld bij het wijkteam voor intensievere opvoedondersteuning thuis; SMW "
        "blijft betrokken op school.",
    },
    "middelen": {
        "categories": [Category.SUBSTANCE_USE, Category.ABSENTEEISM],
        "intake": {
            "signals": "{naam} is een paar keer stoned op school gezien en is vaak afwezig na de "
            "pauze. Een docent zag {hem} blowen bij het fietsenhok.",
            "problems": "Dagelijks blowen sinds de zomer, vooral 's avonds en na school. Cijfers "
            "en aanwezigheid dalen; geldproblemen.",
            "earlier_interventions": "Gesprek met {lk} en een officiële waarschuwing volgens het "
            "schoolreglement.",
            "influence_home": "Ouders zijn gescheiden; {naam} woont bij moeder, die lange diensten "
            "draait. Weinig toezicht 's avonds.",
            "influence_school": "Aanwezigheid en resultaten dreigen tot een negatief advies te "
            "leiden; school wil een laatste kans geven.",
            "influence_peers": "Nieuwe vriendengroep buiten school waar veel geblowd wordt; oude "
            "vrienden haken af.",
            "influence_health": "Slecht slaapritme, somber in de ochtend, weinig eetlust overdag.",
            "strengths": "Eerlijk over het gebruik en wil zelf minderen. Handig en gemotiveerd "
            "voor een toekomst in de techniek.",
            "request_for_help": "{naam}: 'Ik wil minderen, maar al mijn vrienden blowen.' School: "
            "'Kan {naam} de opleiding volhouden?'",
            "clarified_problem": "Problematisch cannabisgebruik met gevolgen voor school. "
            "Motiverende gespreksvoering en een afbouwplan; bij onvoldoende resultaat verwijzing "
            "naar de jeugdverslavingszorg.",
        },
        "goals": [
            (
                "leerling",
                "{naam} blowt niet op schooldagen en houdt dit bij in een gebruiksdagboek.",
            ),
            (
                "gezin",
                "Thuis zijn afspraken gemaakt over geld en over hoe laat {naam} 's avonds "
                "thuis is.",
            ),
            (
                "school",
                "{Lk} bespreekt wekelijks de aanwezigheid en geeft {naam} de kans "
                "achterstanden in te halen.",
            ),
        ],
        "contacts": [
            (
                "leerling",
                "school",
                "{naam}",
                "Eerste gesprek met {naam} (motiverende "
                "gespreksvoering). Voor- en nadelen van blowen op een rij gezet; {naam} wil vooral "
                "minder geld uitgeven.",
            ),
            (
                "leerling",
                "school",
                "{naam}",
                "Gebruiksdagboek besproken: vier dagen niet "
                "geblowd. Lastig in het weekend met vrienden.",
            ),
            (
                "telefonisch",
                "school",
                "{ouder}",
                "Telefonisch gesprek met {ouder} (met "
                "toestemming van {naam}): afspraken over thuiskomen en zakgeld.",
            ),
            ("leerkracht", "school", "{lk}", "Overleg met {lk} over aanwezigheid en inhaalwerk."),
            (
                "leerling",
                "school",
                "{naam}",
                "Vervolggesprek met {naam}: terugval na een feest, "
                "maar door de week grotendeels gestopt. Besproken wat helpt.",
            ),
            (
                "telefonisch",
                "school",
                "jeugdverslavingszorg",
                "Telefonisch overleg met de "
                "preventiewerker van de jeugdverslavingszorg over een voorlichtingsgesprek en een "
                "eventuele aanmelding.",
            ),
        ],
        "evaluation": "Het gebruik op schooldagen is sterk verminderd en de aanwezigheid "
        "verbeterd. Het weekend blijft een risico.",
        "referral": "Verwezen naar de jeugdverslavingszorg voor een behandeltraject; met "
        "toestemming van {naam} een warme overdracht gedaan.",
    },
    "ontwikkeling": {
        "categories": [Category.DEVELOPMENT, Category.BEHAVIOUR],
        "intake": {
            "signals": "{naam} loopt ondanks extra begeleiding achter in taal en sociale "
            "ontwikkeling en raakt snel overprikkeld in de groep.",
            "problems": "Achterstand in taal en sociale ontwikkeling, moeite met veranderingen. "
            "Vermoeden van een autismespectrumstoornis; er is nog geen diagnose.",
            "earlier_interventions": "Logopedie in de kleutergroepen, onderzoek door de "
            "orthopedagoog van het samenwerkingsverband en een ontwikkelingsperspectief op school.",
            "influence_home": "Tweetalig gezin (Arabisch en Nederlands). Thuis zijn er vooral "
            "problemen rond eten en slapen. Weinig netwerk.",
            "influence_school": "{Lk} werkt met picto's en een vaste werkplek; {naam} functioneert "
            "het best in een kleine groep.",
            "influence_peers": "Speelt vooral naast andere kinderen; contact maken lukt moeilijk.",
            "influence_health": "Eet selectief en plast 's nachts nog in bed. De jeugdarts heeft "
            "doorverwezen naar de kinderarts.",
            "strengths": "Goed visueel geheugen, houdt van treinen en lego. Zeer betrokken ouders.",
            "request_for_help": "School: 'Breng de gezinssituatie en de ondersteuningsbehoefte in "
            "beeld voor de aanvraag.' Ouders: 'Wat heeft {naam} nodig en waar kunnen wij "
            "terecht?'",
            "clarified_problem": "Complexe ontwikkelingsvraag waarvoor diagnostiek en mogelijk "
            "specialistische jeugdhulp nodig zijn. SMW doet het gezinsonderzoek en leidt ouders "
            "toe naar het juiste loket.",
        },
        "goals": [
            (
                "gezin",
                "Het gezinsonderzoek is afgerond en met ouders besproken; ouders weten waar "
                "zij jeugdhulp aanvragen.",
            ),
            (
                "school",
                "School en ouders gebruiken hetzelfde dagschema met picto's, thuis en op school.",
            ),
            ("leerling", "{naam} kan met een picto aangeven wanneer het te druk wordt."),
        ],
        "contacts": [
            (
                "gezinsonderzoek",
                "thuis",
                "ouders",
                "Gezinsonderzoek, deel 1: huisbezoek. "
                "Ontwikkelingsgeschiedenis, gezinssamenstelling en netwerk in kaart gebracht.",
            ),
            (
                "gezinsonderzoek",
                "thuis",
                "ouders, {naam}",
                "Gezinsonderzoek, deel 2: het dagritme "
                "thuis en de opvoedvragen. Ouders lieten zien hoe zij met picto's werken.",
            ),
            (
                "leerkracht",
                "school",
                "{lk}, orthopedagoog",
                "Overleg met {lk} en de "
                "orthopedagoog over de bevindingen; aanvulling op het onderwijskundig rapport.",
            ),
            (
                "ouders",
                "school",
                "ouders",
                "Verslag van het gezinsonderzoek met ouders besproken; "
                "ouders stemmen in met verzending aan het samenwerkingsverband.",
            ),
            (
                "telefonisch",
                "school",
                "wijkteam",
                "Overleg met het wijkteam over de aanvraag "
                "jeugdhulp (ambulante gezinsbegeleiding).",
            ),
        ],
        "evaluation": "Het gezinsonderzoek is afgerond en de aanvraag loopt. Het dagschema wordt "
        "thuis en op school gebruikt.",
        "pre_referral": 2,
        "referral": "Via het wijkteam toegeleid naar specialistische jeugdhulp (diagnostiek en "
        "ambulante gezinsbegeleiding); het gezinsonderzoek is met toestemming van ouders gedeeld.",
    },
    "sexting": {
        "categories": [Category.SEXUAL_ABUSE, Category.BULLYING, Category.SOCIAL_EMOTIONAL],
        "intake": {
            "signals": "Een naaktfoto van {naam} wordt rondgestuurd onder leerlingen. {naam} "
            "meldde dit huilend bij {lk} en wil niet meer naar de lessen.",
            "problems": "Een foto die {naam} naar een ex-vriend stuurde, is zonder toestemming "
            "verspreid. Grote schaamte, angst en boosheid; {naam} wordt nagewezen op de gang.",
            "earlier_interventions": "De school heeft de betrokken leerlingen gesproken en "
            "aangifte besproken; de wijkagent is ingelicht.",
            "influence_home": "Ouders zijn geschrokken en boos; thuis wordt verschillend gedacht "
            "over wie er schuld heeft.",
            "influence_school": "De school treedt op tegen de verspreiding; de teamleider houdt "
            "contact met de ouders van de verspreiders.",
            "influence_peers": "Twee vriendinnen steunen {naam}; anderen maken opmerkingen.",
            "influence_health": "Slaapt slecht, eet weinig en piekert.",
            "strengths": "Weerbaar: heeft zelf aan de bel getrokken. Steunende vriendinnen.",
            "request_for_help": "{naam}: 'Ik wil dat het stopt en dat niemand meer denkt dat het "
            "mijn schuld is.'",
            "clarified_problem": "Slachtoffer van verspreiding van seksueel beeldmateriaal. Hulp "
            "gericht op verwerking en het wegnemen van schuldgevoel, herstel van veiligheid op "
            "school en steun voor ouders; aangifte en verwijdering via Helpwanted.",
        },
        "goals": [
            (
                "leerling",
                "{naam} weet dat {hij} niet schuldig is en gaat weer zonder angst naar de lessen.",
            ),
            (
                "gezin",
                "Ouders steunen {naam} zonder verwijten en zijn geïnformeerd over aangifte "
                "en Helpwanted.",
            ),
            (
                "school",
                "De school zorgt dat de foto overal wordt verwijderd en spreekt de "
                "verspreiders aan.",
            ),
        ],
        "contacts": [
            (
                "leerling",
                "school",
                "{naam}",
                "Gesprek met {naam} over wat er is gebeurd. Benadrukt "
                "dat verspreiden strafbaar is en dat de schuld bij de verspreiders ligt. "
                "Helpwanted besproken.",
            ),
            (
                "gezin",
                "school",
                "{naam}, ouders",
                "Gesprek met {naam} en ouders. Ouders gaven "
                "elkaar de schuld; uitgelegd wat dit met {naam} doet en hoe belangrijk steun "
                "zonder verwijt is.",
            ),
            (
                "leerkracht",
                "school",
                "{lk}, teamleider",
                "Overleg met {lk} en de teamleider over "
                "maatregelen, verwijdering van de foto en de terugkeer in de klas.",
            ),
            (
                "leerling",
                "school",
                "{naam}",
                "Vervolggesprek: {naam} is weer naar alle lessen "
                "geweest; de opmerkingen op de gang nemen af.",
            ),
            (
                "telefonisch",
                "school",
                "{ouder}",
                "Telefonisch contact met {ouder} over de aangifte; de wijkagent begeleidt dit.",
            ),
        ],
        "evaluation": "{naam} gaat weer naar alle lessen; de foto is verwijderd en de aangifte "
        "loopt.",
    },
    "mantelzorg": {
        "categories": [Category.SOCIAL_EMOTIONAL, Category.ABSENTEEISM, Category.OTHER],
        "intake": {
            "signals": "{naam} is vaak te laat of afwezig en levert opdrachten niet in. Op stage "
            "twee keer weggebleven.",
            "problems": "Jonge mantelzorger: zorgt voor een moeder met MS en twee jongere "
            "broertjes. Structureel overbelast; weinig tijd voor school en vrienden.",
            "earlier_interventions": "{Lk} heeft uitstel gegeven voor opdrachten. Geen hulp van "
            "buiten het gezin.",
            "influence_home": "Moeder is grotendeels rolstoelafhankelijk; vader is niet in beeld. "
            "Thuiszorg komt twee keer per week.",
            "influence_school": "Stage en lessen lijden eronder; school wist tot nu toe niet van "
            "de thuissituatie.",
            "influence_peers": "Vriendschappen verwateren omdat {naam} nooit kan afspreken.",
            "influence_health": "Moe, rugklachten van het tillen, te weinig slaap.",
            "strengths": "Zeer verantwoordelijk, zorgzaam en een doorzetter; wil de opleiding "
            "graag afmaken.",
            "request_for_help": "{naam}: 'Ik wil mijn diploma halen en ook weer eens iets voor "
            "mezelf doen.'",
            "clarified_problem": "Overbelaste jonge mantelzorger zonder ondersteuning. Zorg thuis "
            "verlichten (Wmo, respijtzorg), school laten meebewegen en ruimte maken voor {naam} "
            "zelf.",
        },
        "goals": [
            ("gezin", "Er is via het wijkteam een aanvraag voor extra zorg thuis (Wmo) ingediend."),
            ("leerling", "{naam} doet één avond per week iets voor zichzelf (sport of afspreken)."),
            ("school", "{Lk} maakt een aangepaste planning voor inleverdata en stagetijden."),
        ],
        "contacts": [
            (
                "leerling",
                "school",
                "{naam}",
                "Gesprek met {naam}: een week thuis uitgetekend. "
                "{naam} schrok zelf van hoeveel {hij} doet. Informatie gegeven over de steunpunten "
                "voor jonge mantelzorgers.",
            ),
            (
                "huisbezoek",
                "thuis",
                "moeder, {naam}",
                "Huisbezoek bij moeder en {naam}. Moeder "
                "wist niet hoe zwaar het voor {naam} is; toestemming voor aanmelding bij het "
                "wijkteam.",
            ),
            (
                "leerkracht",
                "school",
                "{lk}",
                "Overleg met {lk} over een aangepaste planning en stagetijden.",
            ),
            (
                "telefonisch",
                "school",
                "wijkteam",
                "Aanmelding bij het wijkteam voor een keukentafelgesprek (Wmo).",
            ),
        ],
        "evaluation": "De aanvraag voor extra zorg loopt en de aangepaste planning werkt.",
    },
}

# Follow-up contacts once a scenario's own list is used up.
FOLLOW_UPS = [
    (
        "leerling",
        "school",
        "{naam}",
        "Vervolggesprek met {naam}. Teruggekeken op de afgelopen "
        "weken: {naam} noemt zelf vooruitgang en één ding dat nog lastig is. Afspraken "
        "aangescherpt.",
    ),
    (
        "telefonisch",
        "school",
        "{ouder}",
        "Telefonisch contact met {ouder} over de voortgang "
        "thuis. De afspraken lopen grotendeels; volgende afspraak gepland.",
    ),
    (
        "leerkracht",
        "school",
        "{lk}",
        "Kort overleg met {lk} over hoe het in de klas gaat. Geen "
        "nieuwe zorgen; de afspraken blijven staan.",
    ),
    (
        "gezin",
        "thuis",
        "{naam}, {ouder}",
        "Gezinsgesprek thuis. Samen besproken wat al beter gaat "
        "en wat er tot de evaluatie nog nodig is.",
    ),
]

# Private work notes (werkaantekeningen): only their author ever sees them.
WORK_NOTES = [
    "Eigen indruk: {ouder} lijkt zelf ook erg belast. Volgende keer voorzichtig vragen naar eigen "
    "steun en netwerk.",
    "Niet vergeten: tolk regelen voor het volgende gesprek (telefoontolk via de Tolkencentrale).",
    "Twijfel of de informatie over het gezag klopt; navragen in het gezagsregister.",
    "{naam} noemde terloops een oom die 'vaak boos' is. Bij volgend gesprek op terugkomen.",
    "Zwaar gesprek, ook voor mijzelf (eigen verlieservaring). Meenemen naar intervisie.",
    "Hypothese: het gedrag neemt toe rond de omgangsweekenden. Bijhouden in de komende weken.",
    "{Lk} heeft weinig ruimte in de klas; mogelijk IB'er vragen om mee te denken over extra "
    "handen.",
    "Afspraak met jeugdarts nog niet bevestigd; maandag nabellen.",
]

RESULT_NOTES = {
    "behaald": [
        "Lukt goed, ook zonder herinnering.",
        "Afspraak wordt goed nagekomen.",
        "Duidelijk zichtbaar, thuis en op school.",
    ],
    "deels": [
        "Gaat beter, maar nog niet stabiel.",
        "Lukt in de helft van de weken.",
        "Op school wel, thuis nog niet.",
    ],
    "niet": ["Nog niet gelukt; aanpak bijgesteld.", "Niet van de grond gekomen."],
}

GROUP_SESSIONS = [
    (
        "Kennismaken en je verhaal vertellen",
        "Eerste bijeenkomst van de rouwgroep. De kinderen "
        "stelden zich voor met een foto van degene die zij missen en vertelden hoe hij of zij is "
        "overleden. Afspraken gemaakt over veiligheid in de groep.",
    ),
    (
        "Herinneringen bewaren",
        "Tweede bijeenkomst. Ieder kind werkte aan een herinneringendoosje "
        "en vertelde over één voorwerp. Er werd gelachen én gehuild; de kinderen steunden elkaar.",
    ),
    (
        "Boos, verdrietig, bang: wat doe je ermee?",
        "Derde bijeenkomst over gevoelens bij rouw. Met "
        "de gevoelensthermometer laten zien dat alle gevoelens mogen. Iedereen bedacht wat helpt "
        "als het verdriet in de klas opkomt.",
    ),
]

CONSULTATIONS = [
    # (school BRIN, worker, case key or None, with whom, question, advice)
    (
        "04AB",
        "smw",
        None,
        "ib",
        "Een kleuter in groep 2 praat op school niet, thuis wel. Hoe kan "
        "de leerkracht hiermee omgaan en wanneer is verwijzing nodig?",
        "Geen druk zetten om te "
        "praten; non-verbaal meedoen belonen, een vast maatje en in kleine stappen oefenen (eerst "
        "fluisteren tegen de juf). Ouders betrekken; is er na een half jaar geen verbetering, dan "
        "via de huisarts laten onderzoeken of er sprake is van selectief mutisme.",
    ),
    (
        "12EF",
        "smw",
        None,
        "leerkracht",
        "Een leerling in mijn mentorklas heeft onlangs een ouder "
        "verloren. Hoe bespreek ik dit in de klas en wat zeg ik tegen de leerling zelf?",
        "Vraag de "
        "leerling en ouders eerst wat de klas mag weten. Benoem het verlies zonder details en geef "
        "klasgenoten concrete tips (gewoon doen, vragen hoe het gaat). Spreek een time-outregeling "
        "af en let extra op rond toetsen en feestdagen.",
    ),
    (
        "07CD",
        "smw",
        None,
        "leerkracht",
        "Hoe ga ik om met een moeder die bij elk gesprek boos "
        "wordt en de school verwijt dat haar kind niet genoeg leert?",
        "Erken eerst de zorg, vat "
        "samen en maak het gesprek concreet: wat ziet u thuis, wat zien wij op school. Nodig de "
        "IB'er uit bij het volgende gesprek en leg afspraken schriftelijk vast. SMW kan bemiddelen "
        "als het vastloopt.",
    ),
    (
        "04AB",
        "smw",
        "milan",
        "leerkracht",
        "Hoe betrek ik Milan bij de kringgesprekken zonder dat hij zich bekeken voelt?",
        "Laat hem eerst in tweetallen vertellen, geef het onderwerp "
        "vooraf zodat hij zich kan voorbereiden en laat hem zelf kiezen wanneer hij aan de beurt "
        "is. Geef een compliment voor meedoen, niet voor praten.",
    ),
    (
        "15GH",
        "smw2",
        None,
        "zorgcoordinator",
        "Ouders van een leerling met veel verzuim weigeren "
        "elk contact met school. Wat kunnen we doen?",
        "Blijf laagdrempelig uitnodigen, bijvoorbeeld "
        "met een huisbezoek samen met SMW, en leg de contactpogingen vast. Ongeoorloofd verzuim "
        "moet gemeld worden bij leerplicht; bij zorgen over de veiligheid de meldcode volgen.",
    ),
    (
        "21LM01",
        "smw2",
        "olena",
        "leerkracht",
        "Olena wordt binnenkort 18. Mag ik haar moeder dan "
        "nog informeren over haar verzuim en haar stemming?",
        "Vanaf 18 jaar alleen met toestemming "
        "van Olena zelf; bespreek nu al met haar wat zij wil delen. Bij acuut gevaar mag je zonder "
        "toestemming handelen. Tot haar 18e heeft moeder recht op informatie, maar bespreek ook "
        "dat eerst met Olena.",
    ),
    (
        "18JK",
        "smw2",
        "romy",
        "leerkracht",
        "Hoe sluiten we op school aan bij de afspraken die thuis gelden rond overgangen?",
        "Gebruik dezelfde picto's en het dagschema van thuis, "
        "kondig overgangen twee minuten vooraf aan met een time-timer en geef via het "
        "heen-en-weerschriftje door hoe de dag ging.",
    ),
    (
        "21LM01",
        "smw2",
        None,
        "anders",
        "Steeds meer eerstejaars melden geldzorgen. Wat kan de opleiding doen?",
        "Maak geldzorgen bespreekbaar in de SLB-les, verwijs naar de "
        "studentendecaan en het schuldhulpmaatje-project van de gemeente, en zorg dat boeken en "
        "materialen uit het noodfonds betaald kunnen worden.",
    ),
]
