"""The phrase lists of the text analysis whose German and English entries interleave,
and the joined lists (German first) of `de` and
`en`.

Rule authors: these are the heuristics; extend them here, with tests
(`tests/test_text.py`). The phrase lists are *regex fragments* over lower-cased text
(the syntax is in the `knigge_engine.text` docstring), built with the helpers of
`knigge_engine.text.fragments`. Entries stand under `# German` and `# English`
comments; order matters, because where two phrases of one list start at the same place
the one listed first is tried first (`knigge_engine.text.compiler.combine`).
"""

from __future__ import annotations

from ..fragments import AE, CLAUSE_WORDS, OE, SZ, UE, any_of, compound, unless, within
from . import de, en
from .de import (
    DE_PLACE_NOUNS,
    DE_ROLES,
    DE_WORK_NOUNS,
    ICH_BIN_ADVERBS,
    ICH_BIN_NOT_INTRO,
)
from .en import (
    EN_GENERIC_NOUNS,
    EN_PLACE_NOUNS,
    EN_ROLES,
    EN_WORK_NOUNS,
    I_AM_ADVERBS,
    I_AM_NOT_INTRO,
)

# Salutations that open a note. Matched only among the first few words of the text.
GREETINGS: tuple[str, ...] = de.GREETINGS + en.GREETINGS
"""Salutation fragments (lower case), German then English; see the module docstring of
`knigge_engine.text` for the syntax."""

# Greetings that are also ordinary words ("ich liebe", "my dear colleague"): they count
# only as the first word of a sentence.
AMBIGUOUS_GREETINGS = frozenset({"liebe", "lieber", "liebes", "dear", "werte", "werter"})

# Whom a German sender's business serves ("ich zeige Freelancern …").
_PITCH_CLIENTS_EN = (
    "founders", "companies", "businesses", "startups", "start-ups", "agencies", "brands",
    "entrepreneurs", "clients", "organizations", "organisations", "smbs", "freelancers",
)  # fmt: skip
_PITCH_CLIENTS_DE = (
    "unternehmen", "firmen", "kmu", "kmus", "freelancern", "selbstständigen",
    "selbststaendigen", "agenturen", "gründern", "gruendern", "kunden", "teams",
)  # fmt: skip


# The sender says who they are or what they do. The first match is reported.
SELF_INTRODUCTIONS: tuple[str, ...] = (
    # German
    "mein name ist",
    "mein name lautet",
    "ich hei(?:ße|sse)",
    f"ich bin(?! (?:{any_of(ICH_BIN_ADVERBS)} |){any_of(ICH_BIN_NOT_INTRO)}(?!\\w))",
    f"ich arbeite (?:als|bei|f{UE}r|im|in|seit)",
    "ich leite",
    "ich verantworte",
    "ich betreue",
    "ich berate",
    "ich begleite",
    "ich studiere",
    "ich betreibe",
    f"ich gr{UE}nde",
    "ich komme aus der",
    "ich helfe",
    "ich unterst(?:ü|ue)tze",
    "ich analysiere",
    "ich entwickle",
    "ich arbeite mit",
    "ich arbeite an",
    "ich bin teil",
    "seit [0-9][0-9]{0,1} jahren",
    "jahre erfahrung",
    "jahren erfahrung",
    "mein hintergrund",
    "beruflich (?:bin|arbeite|besch(?:ä|ae)ftige)",
    "wir helfen",
    "wir automatisieren",
    "wir analysieren",
    "wir entwickeln",
    "wir unterst(?:ü|ue)tzen",
    "wir bieten",
    "wir haben " + within(any_of(("entwickelt", "gebaut", "gegründet", "gegruendet")), 4),
    "ich habe " + within(any_of(("entwickelt", "gebaut")), 4),
    "besch(?:ä|ae)ftige ich mich",
    "hier (?:ist|schreibt) [\\w-]{1,25}+ (?:von|aus|bei)",
    "ich komme von der",
    "ich habe " + within(f"gegr{UE}ndet", 3),
    "bei uns",
    "in meiner (?:rolle|funktion|position|t(?:ä|ae)tigkeit) als",
    "darf ich mich vorstellen",
    "darf ich mich kurz vorstellen",
    f"ich m{OE}chte mich kurz vorstellen",
    "kurz zu mir",
    "zu meiner person",
    "mein unternehmen",
    "meine firma",
    "mein team",
    "unser unternehmen",
    "unsere firma",
    "unser team",
    "wir sind ein",
    "wir sind eine",
    # The sender's firm in the "wir" form: "Wir sind die Acme GmbH und …", "Wir bauen
    # …", "Wir beraten …", "wir von Acme", "Unsere Agentur …" ("Wir sind der Meinung"
    # is an opinion, not a firm)
    "wir sind (?:die|das|der(?! (?:meinung|ansicht|auffassung|(?:ü|ue)berzeugung)))",
    "wir sind (?:spezialisiert|spezialisten|experten|ein team|seit [0-9])",
    "wir (?:bauen|betreiben|produzieren|vertreiben|beraten|begleiten|programmieren"
    "|gestalten|digitalisieren|organisieren|vermitteln|fertigen|liefern|schulen)",
    "wir von",
    "unsere (?:agentur|kanzlei|praxis|beratung|manufaktur|werkstatt)",
    "unser (?:startup|start-up|betrieb|b(?:ü|ue)ro|studio|produkt)",
    # English
    "my name is",
    "my name's",
    f"i am(?! (?:{any_of(I_AM_ADVERBS)} |){any_of(I_AM_NOT_INTRO)}(?!\\w))",
    f"i'm(?! (?:{any_of(I_AM_ADVERBS)} |){any_of(I_AM_NOT_INTRO)}(?!\\w))",
    "i work (?:at|as|for|in|on|with)",
    "i've been working",
    "i have been working",
    "i lead",
    "i run",
    "i head",
    "i manage",
    "i founded",
    "i co-founded",
    "i own",
    "i study",
    "i teach",
    "let me introduce myself",
    "i help",
    "i'm helping",
    "i specialize",
    "i specialise",
    "i build",
    "i built",
    "i've built",
    "i have built",
    "i develop",
    "i design",
    "i coach",
    "i advise",
    "i consult",
    "i recruit",
    "i focus on",
    "i do " + within(any_of(("strategy", "writing", "design", "consulting", "marketing",
                              "development", "research", "recruiting", "coaching")), 3),
    "my background",
    "background in",
    "i have a background",
    "i've spent",
    "i have spent",
    "i spent " + within("years", 2),
    "i have " + within("years", 3),
    "i've " + within("years", 3),
    "with [0-9][0-9]{0,1}\\+? years",
    "i (?:just |recently |have |)applied",
    "i've (?:just |recently |)applied",
    "i (?:just |recently |)submitted my",
    "my consultancy",
    "my agency",
    "my business",
    "my startup",
    "my start-up",
    "my firm",
    "my studio",
    "my practice",
    "fellow " + within("(?:here|too)", 3),
    "built (?:a|an|the|my|our)",
    "i (?:just |recently |)(?:finished|launched|created|developed|released|shipped|"
    "co-founded|started) (?:a|an|my|our)",
    "i just finished helping",
    "i do these",
    "ich zeige " + within(any_of(_PITCH_CLIENTS_DE), 1),
    "als [\\w-]{1,30}+ (?:bei|f(?:ü|ue)r) (?:der|die|dem|den|einer|einem|einem)",
    "fellow (?:sales|marketing|product|data|software|design|content|hr|finance|tech|it)",
    "as someone who",
    "most recently as",
    "just helped",
    "i recently helped",
    "i've helped",
    "i have helped",
    "i work with",
    "i'm working (?:at|with|for|on)",
    "i'm also in",
    "i am also in",
    "we help",
    "we work with",
    "we build",
    "we provide",
    "we offer",
    "we specialize",
    "we specialise",
    "we connect",
    "allow me to introduce myself",
    # with an adverb between: "I currently work at", "I also run", "I recently joined"
    "i (?:currently|also|now|recently|previously|actually|just) (?:work|lead|run|head|manage"
    "|study|teach|coach|advise|build|help|founded|joined|started|graduated|worked|led|ran"
    "|managed|completed|moved into|oversee|own)",
    "i (?:just |recently |)joined",
    "i (?:worked|have worked|'ve worked|previously worked) (?:at|as|for|in|with|on)",
    "(?:i graduated|graduated from|recent graduate|a graduate of|i'm graduating|i am graduating)",
    "being (?:a|an) " + within(any_of(EN_ROLES), 3),
    # a title without article: "as Head of Data at …", "as CEO of …"
    "as (?:head|ceo|cto|cfo|coo|cmo|vp|director|founder|co-founder|lead|managing director"
    "|partner|owner|president|chair) (?:of|at|for)",
    "currently (?:working|studying|leading|running|pursuing|completing|serving|employed"
    "|based|teaching|building) (?:at|as|in|for|on|with|a|an|my|the)",
    "i'm responsible for",
    "i am responsible for",
    "i oversee",
    # German, with an adverb or the verb second: "ich arbeite derzeit als", "bin ich als"
    "ich arbeite (?:derzeit |aktuell |momentan |gerade |seit [\\w-]{1,20}+ |)"
    f"(?:als|bei|f{UE}r|im|in)",
    f"(?:bin|arbeite) ich (?:als|bei|seit|f{UE}r|im|in der|verantwortlich|zust{AE}ndig"
    f"|t{AE}tig)",
    f"(?:ich bin |bin ich |)(?:verantwortlich|zust{AE}ndig) f{UE}r",
    f"t{AE}tig (?:als|bei|im)",
    "ich habe " + within("studiert", 4),
    "mein studium",
    "meine ausbildung",
    "ich mache (?:gerade |derzeit |aktuell |)(?:meinen|meine|ein|eine|mein) (?:master|bachelor"
    "|ausbildung|studium|promotion|praktikum|mba|referendariat)",
    "im rahmen meines (?:studiums|masters|bachelors|praktikums|mba)",
    "ich schreibe (?:gerade |derzeit |)(?:meine|eine) (?:bachelorarbeit|masterarbeit"
    "|abschlussarbeit|doktorarbeit|dissertation)",
    "ich komme aus dem",
    "as (?:a|an|the) " + within(any_of(EN_ROLES), 3),
    # "als Junior Product Manager", "als Vertriebsleiterin" (a compound ends in the role)
    "als " + within(r"[\w-]{0,25}?" + any_of(DE_ROLES + EN_ROLES), 2),
    # "after 6 years in student events", "nach 10 Jahren im Vertrieb"
    "(?:[0-9][0-9]?\\+?|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty) "
    "years (?:in|as|at|of experience|of work|working|leading|building)",
    f"(?:nach|mit|{UE}ber) (?:[0-9][0-9]?|zwei|drei|vier|f{UE}nf|sechs|sieben|acht|neun|zehn"
    "|zw(?:ö|oe)lf|f(?:ü|ue)nfzehn|zwanzig) jahren (?:als|im|in|bei|erfahrung)",
    "this is [\\w-]{1,25}+ (?:from|at|with|here)",
    "[\\w-]{1,25}+ here from",
    "a bit about me",
    "about myself",
    "my company",
    "my team",
    "our company",
    "our team",
    "we are a",
    "we're a",
    "we(?:'re| are) building",
    "i support " + within(any_of((*_PITCH_CLIENTS_EN, "people", "teams", "leaders")), 2),
    "(?:i've|i have) been doing " + within("for (?:[0-9][0-9]?\\+?|over [0-9]+) years", 6),
    "here at",
)
"""Self-introduction fragments (lower case), German then English."""


# "Ihr/dein/euer" in all cases, and the articles before a place ("auf der", "bei einem").
_POSSESSIVES = (
    "ihr", "ihre", "ihren", "ihrem", "ihrer", "ihres", "dein", "deine", "deinen", "deinem",
    "deiner", "deines", "euer", "eure", "euren", "eurem", "eurer", "eures",
)  # fmt: skip
_ARTICLES = (
    "der", "dem", "den", "die", "das", "einer", "einem", "eine", "unserer", "unserem",
    "unsere",
)  # fmt: skip

# Pages every visitor sees ("your profile", "Ihre Website", "your company page"): no
# reason to contact *this* person, so phrases that would otherwise count ("I came across
# your", "weil ich Ihr Profil") do not when one of these follows.
_EN_PAGES = any_of((
    "profile", "website", "web site", "site", "homepage", "home page", "page",
    "company page", "company profile", "company website", "business page",
))  # fmt: skip
_DE_PAGES = any_of((
    "profil", "profils", "website", "webseite", "homepage", "seite", "internetseite",
    "unternehmensseite", "firmenseite", "unternehmensprofil", "firmenprofil",
))  # fmt: skip
_EN_SAW = "(?:saw|found|came across|visited|viewed|checked|looked at)"
_DE_YOUR_PAGE = f"(?:|auf ){any_of(_POSSESSIVES)} {_DE_PAGES}"


# Growing one's own network is no reason to contact *this* person ("because I want to
# expand my network", "weil ich mein Netzwerk erweitern möchte").
_EN_MY_NETWORK = ("i (?:want|would like|'d like|am looking|'m looking|hope|wish|aim|am trying"
                  "|'m trying) to (?:expand|grow|build|broaden|extend|widen) my")
_EN_GROWING_NETWORK = ("(?:looking|trying|hoping|keen|eager|aiming|working) to (?:expand|grow"
                       "|build|broaden|extend|widen) my")
_DE_MY_NETWORK = ("ich (?:mein|meine) " + within("(?:netzwerk|kontakte|reichweite)", 2))
# Where anyone is seen: "I saw you in my feed", "noticed you in People you may know".
_EN_ANYWHERE = ("(?:on|in|via|through) (?:here|this platform|this site|the platform|my feed"
                "|the feed|people you may know|my suggestions|the suggestions|search"
                "|my network|social media)")

# Where the two met, a group or community they share, a mutual contact or a referral:
# a shared context (KN206), and also a reason to write (KN102). All matches are reported.
SHARED_CONTEXT: tuple[str, ...] = (
    # German: where you met
    "wir haben uns "
    + within(
        any_of(
            (
                "kennengelernt",
                "kennen gelernt",
                "getroffen",
                "gesehen",
                "unterhalten",
                "ausgetauscht",
                "gesprochen",
            )
        ),
        CLAUSE_WORDS,
    ),
    "wir sind uns " + within("begegnet", CLAUSE_WORDS),
    f"wir kennen uns (?:von|aus|{UE}ber|vom|seit)",
    "kennengelernt",
    "kennen gelernt",
    any_of(("auf", "bei", "von", "nach", "seit", "aus", "in", "über", "während"))
    + " "
    + any_of(_ARTICLES)
    + " "
    + within(compound(any_of(DE_PLACE_NOUNS))),
    any_of(("beim", "vom", "zum", "am")) + " " + within(compound(any_of(DE_PLACE_NOUNS))),
    # German: mutual contacts and recommendations
    "gemeinsame (?:kontakte|bekannte|freunde|interessen|gruppe|gruppen)",
    "gemeinsamen (?:kontakt|kontakte|kontakten|bekannten|freund|freunde|interessen|gruppen)",
    "gemeinsamer (?:kontakt|bekannter|freund)",
    "empfohlen",
    "weiterempfohlen",
    "empfehlung",
    "verwiesen",
    f"{UE}ber (?:die|unsere) gruppe",
    "in der gruppe",
    "aus der gruppe",
    "in der community",
    "aus der community",
    "gleiche (?:schule|uni|universit(?:ä|ae)t|hochschule)",
    "ehemalige kollegin",
    "ehemaliger kollege",
    "ehemalige kollegen",
    # English: where you met
    "we met",
    "met you",
    "meeting you",
    "we spoke",
    "we talked",
    "we chatted",
    "saw you (?:speak|present|at|on stage|attended)",
    "you attended",
    "heard you speak",
    "(?:at|during|after|from|in|through|via) (?:the|a|an|our|this|last|your|yesterday's|"
    "last week's|today's) "
    + within(compound(any_of(EN_PLACE_NOUNS)), 3),
    # English: mutual contacts and recommendations
    # "mutual contacts", not "mutual benefit"
    "mutual" + unless(any_of(("benefit", "benefits", "interest", "interests", "growth",
                               "support", "success", "value", "respect", "opportunities",
                               "learning", "gain"))),
    "common connection",
    "common connections",
    "shared connection",
    "shared connections",
    "recommended",
    "referred me",
    "referred by",
    "suggested (?:i|that i|we|you)",
    "introduced me",
    "pointed me",
    "mentioned you",
    "we both",
    "we share",
    "fellow (?:alum|alums|alumni|alumnus|alumna|member|members|student|students|attendee|"
    "attendees|speaker|speakers|participant|participants|volunteer|volunteers|mentor|mentors)",
    "alumni",
    "alumnus",
    "alumna",
    "former colleague",
    "former colleagues",
    "we worked together",
    "worked with you",
    "connecting from the",
    "connect from",
    "connecting from",
    "(?:great|nice|good|lovely) (?:talking|speaking|chatting|meeting) (?:to|with) you",
    "(?:great|nice|good|lovely) to (?:talk|speak|chat|meet) (?:to|with) you",
    "talk to you at",
    "career fair",
    "job fair",
    "group member",
    "both connected to",
    "we're both",
    "we are both",
    "in the same group",
    "slack channel",
    "slack group",
    "discord server",
    "(?:also|both) (?:a )?members? of",
    # Praise of an occasion both attended: "what a great web meeting!", "thanks for a
    # lovely evening at the meetup"
    "(?:what a|such a|thanks for a|thank you for a|thanks for the|thank you for the|enjoyed "
    "the|loved the) "
    + within(compound(any_of((*EN_PLACE_NOUNS, "meeting", "evening", "call", "roundtable"))),
              6),
    f"(?:was f{UE}r ein|danke f{UE}r (?:den|das|die)) "
    + within(compound(any_of(DE_PLACE_NOUNS)), 3),
)
"""Shared-context fragments (lower case): where you met, shared groups, mutual contacts,
referrals. They also count as reasons."""

# Why *this* person besides a shared context: a reference to their work or a concrete
# concern. All matches are reported (with the shared-context matches) as reasons.
REASONS: tuple[str, ...] = (
    # German: their work ("Ihr Vortrag", "Ihren spannenden Beitrag", "dein Post")
    any_of(_POSSESSIVES) + " " + within(compound(any_of(DE_WORK_NOUNS))),
    # German: a concrete concern
    "weil" + unless("ich " + _DE_YOUR_PAGE) + unless(_DE_MY_NETWORK),
    "da ich" + unless(_DE_YOUR_PAGE) + unless(_DE_MY_NETWORK),
    "da wir",
    "ich interessiere mich",
    "interessiere mich",
    "mein interesse",
    f"ich besch{AE}ftige mich",
    "aus diesem grund",
    f"bez{UE}glich",
    "bzgl",
    "es geht um",
    "zum thema",
    "ich habe gesehen",
    "ich habe gelesen",
    "habe gesehen",
    "ich sehe(?:,|) (?:dass |)(?:sie|du)",
    "(?:sie|du) (?:sind|bist) (?:in|im|als|bei)",
    "(?:analysiert|verglichen)",
    "mir sind " + within("aufgefallen", 4),
    "(?:dein|deine|ihr|ihre) (?:portfolio|arbeiten|beitr(?:ä|ae)ge|website analysiert)",
    f"(?:sie|du) (?:arbeiten|arbeitest|sind|bist) (?:bei|f{UE}r)",
    f"(?:ihre|deine) (?:arbeit|rolle|position|t{AE}tigkeit|aufgabe) (?:bei|f{UE}r|im|in)",
    "(?:die|der|ihre|deine|eine) (?:diskussion|debatte) (?:zu|zum|zur|um|über|ueber|in)",
    f"(?:gleichen|selben|{AE}hnlichen) (?:branche|bereich|feld|gebiet)",
    # English: their work ("your talk", "your recent post")
    "your " + within(compound(any_of(EN_WORK_NOUNS))),
    "your " + within(any_of(EN_GENERIC_NOUNS) + " (?:at|in|with|on|as|building|leading|"
                      "across|from|moving|going)", 1),
    # "your company", but not "your company page" or "your company's website"
    # "your company" fits every reader: a reason only with something about it ("your
    # company's move into Spain", "your company is hiring", "your company, Acme,").
    "your " + within(
        "company(?:'s (?!" + _EN_PAGES + "(?!\\w))[\\w-]{2,25}+"
        "|(?:,? [\\w.&-]{2,30}+,?|) (?:is|was) (?:hiring|expanding|growing|launching|building"
        "|moving|opening|looking|recruiting"
        "|searching)| (?:just |recently |)(?:launched"
        "|released|announced|opened|won|raised|acquired|hired)| (?:runs|handles|does|uses"
        "|approaches|manages|builds|makes|treats|hires|scales|ships|serves|supports))"),
    "same field",
    "same industry",
    # English: their employer or a discussion they took part in
    "you (?:work|worked|are working) (?:at|for|in|on)",
    "you're (?:at|with|working)",
    "your (?:role|team|work|position|time) (?:at|with|in)",
    "(?:the|your|a) (?:discussion|thread|debate|conversation) (?:on|about|in|around)",
    "your (?:comment|comments|answer|question|reply|contribution) (?:on|in|to|about|under)",
    "(?:i |i've |i have |just |recently |)applied (?:for|to)",
    "submitted my (?:application|resume|cv)",
    "(?:the|this|a|your) [\\w-]{1,30}+ (?:role|position|opening|vacancy) "
    "(?:at|on|with|through|in|you)",
    "role (?:at|on|with) (?:your|the)",
    "saw your" + unless(_EN_PAGES),
    "noticed your" + unless(_EN_PAGES),
    "saw (?:you're|you are|that you|you)" + unless(_EN_ANYWHERE),
    "noticed (?:you|that you)" + unless(_EN_ANYWHERE),
    "(?:been |)following (?:your|[\\w-]{1,30}+'s)",
    "'s (?:work|approach|mission|growth|journey) (?:on|to|in|with)",
    "you're (?:hiring|building|scaling|growing|recruiting|the)",
    "you are (?:hiring|building|scaling|growing|recruiting|the)",
    "you recruit",
    "learning from how",
    "learn from how",
    "your (?:note|content|intro|introduction|portfolio|message|request|newsletter)",
    "you subscribed",
    "your (?:recent |)(?:connection |)(?:request|invitation|invite)",
    "checked out my",
    "i (?:analyzed|analysed|reviewed|audited|researched) your",

    # English: a concrete concern
    "because" + unless(f"i {_EN_SAW} your {_EN_PAGES}") + unless(_EN_MY_NETWORK),
    "since i" + unless(f"{_EN_SAW} your {_EN_PAGES}") + unless(_EN_MY_NETWORK[2:]),
    "since we",
    "as i am" + unless(_EN_GROWING_NETWORK),
    "as i'm" + unless(_EN_GROWING_NETWORK),
    "interested in your" + unless(_EN_PAGES),
    "interested in learning",
    "curious about your" + unless(_EN_PAGES),
    "regarding",
    "i noticed" + unless(f"(?:|on )your {_EN_PAGES}"),
    "i saw that you",
    "i read your" + unless(_EN_PAGES),
    "i came across your" + unless(_EN_PAGES),
    "i admire",
    # English: news, interests and questions that concern this person
    # "I read data-monk often", "I follow Bytes religiously": their publication by name
    "i (?:read|follow|watch|listen to) [\\w.-]{2,30}+ (?:often|regularly|religiously|daily"
    "|weekly|every)",
    "congratulations on",
    "congrats on",
    "(?:enjoyed|loved|liked|appreciated) (?:reading|hearing|listening|watching|learning)",
    "what you(?:'re| are) (?:building|doing|working on|creating)",
    "you (?:posted|shared|wrote|published|presented|spoke|gave|hosted|organized|organised"
    "|recently|mentioned)",
    "(?:told|tells|telling) me about you",
    "(?:mentioned|gave me|passed along|shared) your name",
    "your name came up",
    "(?:speaks|spoke|speak) (?:highly|very highly) of you",
    "at the suggestion of",
    "on the recommendation of",
    "sent me your way",
    "applying (?:for|to)",
    "interested in (?:the|joining|working|roles|opportunities|positions|a career|careers"
    "|pursuing|transitioning|moving|breaking|getting)",
    "(?:reaching out|writing|getting in touch|contacting you) (?:about|regarding|with a "
    "question|to ask|to learn|to inquire|to enquire|in connection with)",
    "(?:a|one|quick|short|specific) question (?:about|regarding|on|for you about)",
    "in common",
    "(?:same|similar) (?:role|roles|space|area|city|team|program|programme|school|university"
    "|company|background|path|journey|interests|field|industry|work)",
    "my (?:research|thesis|dissertation|project|paper|study) (?:on|about|into|in)",
    "i'm (?:working on|writing|researching|putting together) (?:a|an|my)",
    # German: news, interests and questions that concern this person
    f"(?:gratulation|gratuliere|herzlichen gl{UE}ckwunsch) (?:zu|zum|zur|ihnen|dir)",
    "ausgeschrieben",
    "ausgeschriebene",
    "ausgeschriebenen",
    "ich verfolge",
    "verfolge ich",
    "folge (?:ihnen|dir|euch)",
    f"ich lese (?:ihre|deine|regelm{AE}{SZ}ig|gerne|gern|seit)",
    "da (?:sie|du)",
    "(?:wie|genau wie) (?:sie|du) (?:auch|bin|arbeite)",
    "(?:eine|meine|kurze) frage (?:zu|zum|zur|bez|an sie|an dich|zu ihrem|zu deinem)",
    "(?:melde|wende) mich (?:bei (?:ihnen|dir|euch) |an (?:sie|dich|euch) |)"
    "(?:wegen|bez|aufgrund|mit einer frage|mit einer bitte|in sachen)",
    "(?:ihr|dein) name (?:fiel|ist gefallen|wurde)",
    # What the sender knows about the recipient's role, employer or move, said to them:
    # "I see you lead the data team", "looks like you're based in Hamburg", "you made
    # the same switch", "Sie leiten das Controlling bei …", "du hast … gewechselt"
    "i see (?:that |)(?:you|your)" + unless(_EN_ANYWHERE) + unless(_EN_PAGES),
    "(?:it |)(?:looks|seems) like (?:you|your)" + unless(_EN_PAGES),
    "i (?:heard|learned|read|understand) (?:that |about |)(?:you|your)" + unless(_EN_PAGES),
    "you (?:lead|head|run|manage|oversee|founded|co-founded|started|launched|joined|made"
    "|moved|switched|transitioned|passed|organize|organise|host|teach|built|grew|scaled)"
    " (?:the|a|an|your|this|that|it|[\\w-]{1,25}+'s|at|for|into|from|to|over)",
    "where you (?:work|lead|are|'re|run|teach|study|studied|worked)",
    "(?:sie|du) (?:leiten|leitest|verantworten|verantwortest|f(?:ü|ue)hren|f(?:ü|ue)hrst"
    "|betreuen|betreust|organisieren|organisierst|unterrichten|unterrichtest) "
    "(?:das|die|den|ein|eine|einen|bei|seit|f(?:ü|ue)r|im|in)",
    "(?:sie haben|du hast|haben sie|hast du) " + within(any_of((
        "geschrieben", "gepostet", "geteilt", "veröffentlicht", "veroeffentlicht",
        "erwähnt", "erwaehnt", "vorgestellt", "gesprochen", "präsentiert", "praesentiert",
        "gegründet", "gegruendet", "aufgebaut", "gewechselt", "übernommen", "uebernommen",
        "gestartet", "organisiert", "moderiert", "gewonnen", "abgeschlossen")), 5),
    "(?:wie ich sehe|ich sehe gerade)",
    "(?:gehört|gehoert|gelesen|erfahren)(?:,|) dass (?:sie|du)",
    "ich habe von (?:ihnen|ihrer|ihrem|ihren|dir|deiner|deinem|deinen)",
    # Both in one place or plan: "we'll both be at Web Summit", "wir sind beide in
    # Hamburg im E-Commerce"
    "we(?:'ll| will) both",
    "both of us",
    "wir (?:sind|waren|arbeiten|kommen|studieren|haben|werden) beide",
    "wir beide",
    # A reason tied to them in a subordinate clause or as praise of something specific:
    # "since you've led …", "given your work in …", "impressed by Acme's growth", "the
    # work you do on …", "how you scaled …", "noticed Acme is hiring"
    "since you(?:'ve| have|'re| are| were| did| led| built| work| worked|)",
    "given (?:your|that you|you)",
    "(?:impressed|inspired|fascinated|intrigued|struck) by (?:your|what|how|the way"
    "|[\\w.&-]{1,30}+'s)",
    "the work you(?:'re| are|'ve| have| do| did)",
    "how you (?:built|grew|scaled|lead|led|approach|approached|handle|handled|run|ran"
    "|managed|made|got|went|moved|switched|transitioned)",
    "(?:noticed|saw|see|read|heard) (?:that |)[\\w.&-]{2,30}+ (?:is|are|has|have|just"
    "|recently|was|won|raised|launched|opened)" + unless(any_of(("a", "an", "the"))),
    "aufmerksam geworden (?:durch|(?:ü|ue)ber|bei|auf)",
    # A job application naming the reader's firm or opening: "dass Ihr Unternehmen
    # einen Data Engineer sucht", "dass Sie eine Werkstudentin suchen", "Ihr Team
    # stellt ein", "I saw that your company Acme was hiring"
    "dass (?:sie|du|ihr unternehmen|ihr team|ihre firma|ihre abteilung|euer team) "
    + within(any_of(("suchen", "sucht", "suchst", "einstellen", "einstellt", "einstellst",
                      "verstärken", "verstaerken", "verstärkung", "verstaerkung")), 5),
    "(?:ihr|dein|euer) (?:unternehmen|team|firma) (?:sucht|stellt|expandiert|w(?:ä|ae)chst)",
    # A question or a figure about the reader's firm, or the reader as the source: "Does
    # Acme have a plan for NIS2?", "Hat Acme schon einen Plan …?", "Acme wächst 30% pro
    # Jahr", "du und Tom habt mir erzählt …", "eures Werbebudgets"
    "does (?!(?:anyone|anybody|someone|somebody|everyone|that|this|it|he|she|one|what|not"
    "|the|a|an)(?!\\w))[\\w.&-]{2,30}+ (?:have|use|already|still|plan|need|run|offer)",
    "hat (?!(?:er|sie|es|man|jemand|das|dies|mir|sich)(?!\\w))[\\w.&-]{2,30}+ (?:schon|bereits"
    "|eigentlich|aktuell) (?:einen|eine|ein)",
    "(?:is growing|grows|w(?:ä|ae)chst) (?:by |um |)[0-9]",
    "(?:hat|haben|hast|habt) mir (?:von (?:ihnen|dir|euch) |)(?:erz(?:ä|ae)hlt|berichtet)",
    "(?:sie|du) (?:arbeiten|arbeitest) (?:im|in der|in|als|an|am)",
    "wie (?:sie|du) (?:ihr|ihre|ihren|dein|deine|deinen|das|die|den) ",
)
"""Reason fragments (lower case): their work or a concern (see also SHARED_CONTEXT)."""

# The note asks for something: a job, an introduction, a call or meeting, a purchase,
# feedback, or is phrased as a request ("könnten Sie", "could you").
ASKS: tuple[str, ...] = (
    # German: job
    "offene stelle",
    "offene stellen",
    "eine stelle",
    "die stelle",
    "neue stelle",
    "stellenangebot",
    "stellenangebote",
    "jobangebot",
    "offene position",
    "eine position",
    "neue position",
    "praktikum",
    "praktikumsplatz",
    "werkstudentenstelle",
    "bewerbung",
    "bewerben",
    "auf der suche nach",
    "ich suche",
    # German: introduction
    f"vorstellen k{OE}nnten",
    f"vorstellen k{OE}nnen",
    f"vorstellen w{UE}rden",
    f"vorstellen k{OE}nntest",
    "stellen sie mich",
    "stellst du mich",
    "bekannt machen",
    "kontakt herstellen",
    "kontakt vermitteln",
    f"vermitteln k{OE}nnten",
    f"empfehlen k{OE}nnten",
    "in kontakt bringen",
    # German: call, meeting, time
    "telefonat",
    "telefonieren",
    "anruf",
    "anrufen",
    "termin",
    "terminvorschlag",
    f"gespr{AE}ch",
    "videocall",
    "call",
    "einen call",
    "ein meeting",
    "ein kurzes meeting",
    "auf einen kaffee",
    "kaffee trinken",
    "[0-9][0-9]{0,2} minuten",
    f"(?:zehn|f{UE}nfzehn|zwanzig|drei{SZ}ig|ein paar|einige) minuten",
    f"h{AE}tten sie zeit",
    "haben sie zeit",
    "hast du zeit",
    f"h{AE}ttest du zeit",
    "wann passt es",
    f"wann h{AE}tten sie",
    # German: a request
    f"k{OE}nnten sie",
    f"k{OE}nnen sie",
    f"w{UE}rden sie",
    f"w{AE}ren sie",
    "kannst du",
    f"k{OE}nntest du",
    f"w{UE}rdest du",
    f"w{AE}rst du",
    f"w{AE}re es m{OE}glich",
    "darf ich sie fragen",
    "darf ich dich fragen",
    f"ich m{OE}chte sie bitten",
    "ich bitte",
    "bitte um",
    "meine frage",
    f"h{AE}tten sie interesse",
    "haben sie interesse",
    # German: purchase
    "kaufen",
    "kauf",
    "bestellen",
    "bestellung",
    "erwerben",
    "buchen",
    "auftrag",
    # German: feedback, advice
    "feedback",
    f"r{UE}ckmeldung",
    f"ihre einsch{AE}tzung",
    "ihre meinung",
    "ihren rat",
    f"deine einsch{AE}tzung",
    "deine meinung",
    "deinen rat",
    # English: job ("job" alone is a topic, not an ask)
    "a job",
    "any jobs",
    "open position",
    "a position",
    "the position",
    "new role",
    "opening",
    "openings",
    "vacancy",
    "vacancies",
    "are you hiring",
    "looking for a job",
    "looking for work",
    "looking for a new",
    "referral",
    "refer me",
    "apply for",
    "apply to",
    # English: introduction
    "introduce me",
    "introduction to",
    "an introduction",
    "an intro",
    "intro to",
    "put me in touch",
    "connect me with",
    "connect me to",
    "put in a good word",
    # English: call, meeting, time
    "a call",
    "phone call",
    "quick call",
    "quick chat",
    "a chat",
    "coffee",
    "a meeting",
    "meet up",
    "[0-9][0-9]{0,2} minutes",
    "(?:ten|fifteen|twenty|thirty|a few) minutes",
    "your time",
    "hop on",
    "jump on",
    "schedule a",
    "schedule time",
    "book a time",
    "set up a time",
    "time to talk",
    "available for",
    "do you have time",
    # English: a request
    "would you",
    "could you",
    "can you",
    "will you",
    "would it be possible",
    "are you open to",
    "may i ask",
    "i was wondering if",
    "i'd like to ask",
    # English: purchase
    "buy",
    "purchase",
    "place an order",
    "sign up",
    "subscribe",
    # English: feedback, advice
    "feedback",
    "your advice",
    "your opinion",
    "your thoughts on",
    "your input",
    "pick your brain",
    "your perspective",
    "learn more about (?:[\\w-]{1,25}+'s |)" + within(any_of((
        "hiring", "process", "role", "roles", "position", "positions", "recruiting",
        "interview", "interviews", "openings", "internship", "internships", "vacancy")), 3),
    "curious to learn",
    "curious to hear",
    "love to hear",
    "let me know when",
    "(?:love|like|want|glad|happy|able) to (?:chat|talk|speak) (?:with|to) you",
    "(?:like|love|want) to know more",
    "please let me know",
    "get some leads",
    "would like to ask",
    "i'd appreciate",
    "i would appreciate",
    "on your radar",
    "keep me in mind",
    "keep me posted",
    "find my resume",
    # German: conversation, advice, information
    "freue mich auf (?:einen|ein|das|den) (?:kurzen |)(?:gespr(?:ä|ae)ch|telefonat)",
    "interesse an einem",
    "wollen sie wissen",
    "lassen sie mich wissen",
    "lass mich wissen",
    "melden sie sich",
    "ihre perspektive",
    "deine perspektive",
    # English: learning from them, advice, guidance
    "(?:love|like|hoping|hope|keen|eager|want|glad) to learn (?:more |a bit more |)"
    "(?:about|from|how)",
    "(?:any|some) (?:advice|tips|guidance|insights|suggestions|recommendations|pointers"
    "|direction)",
    "words of wisdom",
    "mentorship",
    "mentor me",
    "informational (?:interview|chat|call|conversation)",
    "virtual coffee",
    "coffee chat",
    "grab (?:a |)coffee",
    "catch up",
    "catch-up",
    "(?:brief|short|quick|15-minute|15-min|20-minute|20-min|30-minute|phone|video|zoom"
    "|intro|exploratory) (?:call|chat|conversation|meeting)",
    "a (?:brief |short |quick |)(?:conversation|discussion)",
    "let's (?:chat|talk|connect for|meet|grab|set up|schedule|find a time|hop)",
    "(?:speak|talk|chat) with you (?:about|more|further|briefly|sometime)",
    "if you have (?:a few minutes|a moment|a minute|some time|time)",
    "when you have (?:a moment|a minute|some time|time)",
    "would you be (?:open|willing|available|interested|able)",
    "are you (?:available|free|open to)",
    "do you have (?:a few|any|some|a moment|a minute|15|10|20|30)",
    "would you mind",
    "(?:i'd|i would|i'll|i will) be (?:very |really |so |truly |)grateful",
    "grateful if",
    "appreciate (?:it if|any|your help|your advice|your time|a)",
    "it would mean a lot",
    "(?:review|take a look at|look at|check out|glance at) my",
    "feedback on my",
    "consider me",
    "considered for",
    "recommend me",
    "vouch for me",
    "(?:pass|forward|share) (?:along |on |)my (?:resume|cv|name|profile|application)",
    "are there any (?:openings|opportunities|roles|positions)",
    "any (?:opportunities|open roles|job openings)",
    "(?:open roles|job openings) (?:at|on|in|with)",
    # English: a job search, a referral by someone they know, a request in other words
    "(?:seeking|looking for|searching for|pursuing) (?:a |an |new |my next |)(?:new |)"
    "(?:opportunities|opportunity|roles|role|position|positions|job|jobs|internship"
    "|internships|employment|work|career opportunities)",
    "open to (?:new |)(?:opportunities|roles|positions)",
    "my next (?:role|position|opportunity|job)",
    "(?:if|whether) you know (?:anyone|anybody|someone|of any|of anyone|any)",
    "know (?:anyone|anybody|someone) who",
    "(?:could|can|shall) we",
    "i was hoping (?:you|we|to)",
    "hoping (?:you|we) (?:can|could|might|would)",
    "i hope (?:you|we) (?:can|could|might|would)",
    # German: exchange, advice, time
    "(?:einen|ein|zum|zu einem|auf einen|für einen|fuer einen) (?:kurzen |kleinen "
    "|persönlichen |persoenlichen |virtuellen |unverbindlichen |fachlichen |)austausch",
    "austauschen w(?:ü|ue)rden",
    "kennenzulernen",
    "kennen zu lernen",
    f"(?:ein paar |einige |)(?:tipps|ratschl{AE}ge|ratschlag|einen rat|einblicke|einblick)",
    "von ihnen lernen",
    "von dir lernen",
    f"(?:w{UE}rde|w{UE}rden) mich (?:sehr |riesig |)freuen(?:,|) wenn (?:sie|du)",
    f"(?:w{UE}rde|w{UE}rden) mich (?:sehr |riesig |)(?:{UE}ber|auf) (?:eine|ihre|deine"
    "|einen|ein) (?:kurze |)(?:r(?:ü|ue)ckmeldung|antwort|nachricht|einsch(?:ä|ae)tzung"
    "|tipps|austausch|gespr(?:ä|ae)ch|telefonat|empfehlung|vermittlung|einladung|chance"
    "|gelegenheit|m(?:ö|oe)glichkeit|hinweis|tipp|rat)",
    f"(?:kurz |etwas |ein wenig |)zeit h{AE}tten",
    f"(?:kurz |etwas |ein wenig |)zeit h{AE}ttest",
    "minuten zeit",
    "ansprechpartner",
    "weiterleiten",
    "(?:meinen|meine) (?:lebenslauf|unterlagen|bewerbungsunterlagen)",
    "in betracht ziehen",
    "(?:freie|offene|vakante) (?:stelle|stellen|position|positionen)",
    f"einstiegsm{OE}glichkeiten",
    "neue herausforderung",

    "jobsuche",
    "stellensuche",
    "(?:kennen sie|kennst du) (?:jemanden|jemand)",
    f"(?:k{OE}nnten|k{OE}nnen) wir",
    f"ich hoffe(?:,|) (?:sie|du) (?:k{OE}nnen|k{OE}nnten|kannst|k{OE}nntest)",
    # To be considered, pointed to the right person, told about openings, or to have
    # their work looked at: "I'd love to be considered", "who would be the right person
    # to talk to", "let me know if you hear of any openings", "Schauen Sie sich gern
    # mein Portfolio an"
    "(?:love|like|hope|want|glad|happy|keen) to be considered",
    "(?:the |)(?:right|best|correct|appropriate) (?:person|contact|people) (?:to|for)",
    f"(?:der|die) (?:richtige|passende|zust{AE}ndige) (?:person|kontakt|ansprechpartnerin)",
    "let me know if (?:there (?:is|are|'s)|you (?:hear of|know of|come across|have any "
    "(?:openings|roles|positions|opportunities))|your (?:team|company) (?:has|needs|is))",
    "looking for someone (?:to|who)",
    "(?:schauen|sehen) sie sich (?:gern |gerne |doch |ruhig |)(?:mal |)(?:mein|meine|meinen)",
    "(?:schau|sieh) dir (?:gern |gerne |doch |ruhig |)(?:mal |)(?:mein|meine|meinen)",
    # Information and advice asked in German: "ich würde gern erfahren, wie …", "Gibt es
    # bei Ihnen Praktikumsplätze?", "Dürfte ich Ihnen ein paar Fragen stellen?", "einen
    # Tipp", "Sind Sie offen für …"
    f"(?:w{UE}rde|m{OE}chte|w{UE}rden|m{OE}chten) (?:sehr |)(?:gern|gerne) "
    f"(?:erfahren|wissen|h{OE}ren|lernen|verstehen)",
    "gibt es bei (?:ihnen|euch|dir)",
    f"praktikumspl{AE}tze",
    f"(?:d{UE}rfte|darf|k{OE}nnte|kann) ich (?:ihnen|dir|euch) (?:ein paar |einige |eine |"
    f"kurz |)(?:fragen|frage)",
    "(?:can|could|may) i ask you (?:a|some|a few|one)",
    "einen tipp",
    f"(?:sind sie|bist du|w{AE}ren sie|w{AE}rst du) offen f{UE}r",
    "open to (?:a|an) (?:quick |short |brief |virtual |informal |)(?:chat|call|conversation"
    "|coffee|meeting|intro)",
    "worth a (?:quick |short |brief |)(?:chat|call|conversation|look)",
    # Openings asked about, a chance welcomed, a conditional request: "Are there any
    # internships at BMW?", "I'd welcome the chance to …", "if you could …", "point me
    # to …", "I'd love to chat"
    "are there any (?:internships|internship|jobs|vacancies|open roles|roles|positions"
    "|openings|opportunities)",
    "(?:any|some) (?:openings|opportunities|internships|roles|positions|vacancies) "
    "(?:at|on|in|with|for)",
    "(?:would|'d) (?:welcome|value|appreciate) (?:the chance|the opportunity|your|any|a)"
    + unless("to (?:connect|stay in touch|be connected)"),
    "if you (?:could|would|might|'d be (?:willing|open|able)|are (?:willing|open|able))",
    "(?:point|direct|steer) me (?:to|toward|towards|in)",
    "(?:i'd|i would|would) (?:love|like) to (?:chat|talk|speak|meet)",
    # A job seeker asking to talk about their fit: "discuss more how I may fit", "I'd
    # be thrilled if I can speak to you"
    "(?:discuss|talk about|chat about|explore) (?:more |further |)how i (?:may|might|could"
    "|can|would) fit",
    "if i (?:can|could|may|might) (?:speak|talk) (?:to|with) you",
)
"""Ask fragments (lower case): job, introduction, call or meeting, purchase, feedback."""

# The note offers something: help, an introduction, material, an idea.
OFFERS: tuple[str, ...] = de.OFFERS + en.OFFERS
"""Offer fragments (lower case): help, an introduction, material, an idea."""

# Default sales/pitch phrases (casefolded literals, matched on word boundaries, with
# "ss" also matching "ß" and umlauts also matching their transliteration).
DEFAULT_SALES_PHRASES: tuple[str, ...] = de.DEFAULT_SALES_PHRASES + en.DEFAULT_SALES_PHRASES
"""Default pitch phrases (casefolded literals); KN105/KN207 may replace them."""

# "<number> (up to two words) Tipps": the counted nouns of listicle pitches ...
SALES_COUNT_NOUNS: tuple[str, ...] = (
    "tipps",
    "tips",
    "tricks",
    "geheimnisse",
    "secrets",
    "hacks",
    "strategien",
    "strategies",
)
"""Nouns counted by listicle pitches: "7 geheime Tipps", "5 secret tips"."""
# ... and the number words that may stand for the digits.
SALES_NUMBER_WORDS: tuple[str, ...] = (
    "zwei",
    "drei",
    "vier",
    "fünf",
    "fuenf",
    "sechs",
    "sieben",
    "acht",
    "neun",
    "zehn",
    "elf",
    "zwölf",
    "zwoelf",
    "zwanzig",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "twenty",
)
"""Number words that stand for digits in listicles ("sieben Tipps")."""
# A listicle may have at most this many words between the number and the noun.
_SALES_COUNT_MAX_WORDS_BETWEEN = 2
# Digits, not a year: one to three of them.
_SALES_COUNT_NUMBER = r"[0-9][0-9]{0,2}"
_SALES_NUMBER = f"(?:{_SALES_COUNT_NUMBER}|{any_of(SALES_NUMBER_WORDS)})"
LISTICLE: str = (
    f"{_SALES_NUMBER}[.:]?\\s+"
    # a compound noun may carry a prefix of up to 20 characters ("Verkaufstipps")
    + within(r"[\w-]{0,20}?" + any_of(SALES_COUNT_NOUNS), _SALES_COUNT_MAX_WORDS_BETWEEN)
)
"""Regex fragment of a listicle pitch: a number, at most two words, a counted noun ("7
Tipps", "5 secret tips", "sieben supergeheime Verkaufstipps"); always a sales phrase."""
# "<number> new clients a month": the qualifier (with its space) and the period.
_SALES_MORE = "(?:new|more|extra|additional|neue|weitere|zus(?:ä|ae)tzliche|mehr) "
_SALES_PER_MONTH = " (?:a|per|each|every|pro|im|jeden|jede|in the) (?:month|week|monat|woche)"
_SALES_MORE_NOUNS = (
    "patients", "appointments", "bookings", "sales", "patienten", "termine", "anfragen",
    "aufträge",
)  # fmt: skip
# Packages that are no pitch: "our benefits package", "unser Willkommenspaket".
_NOT_PITCH_PACKAGES = any_of((
    "benefits", "benefit", "compensation", "relocation", "salary", "severance", "welcome",
    "press", "media", "info", "information", "sponsorship", "gehalts", "vergütungs",
    "willkommens", "umzugs", "presse", "sponsoring", "sozial",
))  # fmt: skip

# Pitch shapes that a literal list cannot spell: a number, a noun after "our", a verb in
# several forms. Regex fragments in the syntax of the phrase lists (a space is any run of
# whitespace), always active like the listicle pattern, also when KN105 replaces the
# literal phrases. Each shape needs pitch wording around its key word: "call" alone is an
# ask and "package" alone may be a parcel, so neither counts by itself.
_PITCH_FREE_NOUNS = (
    "demo", "audit", "trial", "analysis", "assessment", "consultation", "strategy",
    "session", "review", "check", "report", "webinar", "test", "probemonat", "analyse",
    "erstgespräch", "erstgespraech", "beratung", "potenzialanalyse", "potentialanalyse",
    "check-up", "quote", "estimate", "angebot",
)  # fmt: skip
_PITCH_CLIENTS = (
    "companies", "businesses", "brands", "agencies", "teams", "founders", "startups",
    "start-ups", "entrepreneurs", "clients", "organizations", "organisations", "smbs",
    "freelancers", "owners", "professionals", "coaches", "creators", "retailers",
    "unternehmen", "firmen", "kmu", "kmus", "freelancern", "selbstständigen",
    "selbststaendigen", "agenturen", "gründern", "gruendern", "kunden", "mittelständlern",
    "mittelständler", "mittelstaendler", "mittelstaendlern", "mittelstand",
    "firms", "shops", "practices", "clinics", "stores", "restaurants", "hotels",
)  # fmt: skip
# Firms a consultant serves ("I support founders", "ich unterstütze Mittelständler").
_FIRM_CLIENTS = (
    "founders", "companies", "businesses", "startups", "start-ups", "agencies", "brands",
    "entrepreneurs", "smbs", "unternehmen", "firmen", "kmu", "kmus", "agenturen",
    "gründer", "gründern", "gruender", "gruendern", "mittelständler", "mittelständlern",
    "mittelstaendler", "mittelstaendlern", "selbstständige", "selbstständigen",
)  # fmt: skip
# People a coach or trainer sells to ("I've helped 300 engineers …").
_PITCH_GROUPS = (
    "engineers", "developers", "managers", "leaders", "executives", "people", "women",
    "men", "candidates", "job seekers", "students", "sales teams", "salespeople",
)  # fmt: skip
# What a business sells, presented as built by the sender ("we built a platform that").
_PRODUCT_NOUNS = (
    "platform", "tool", "system", "app", "software", "solution", "product", "plugin",
    "dashboard", "service", "saas", "engine", "bot", "chatbot", "agent", "api", "suite",
    "plattform", "lösung", "loesung", "produkt", "anwendung", "dienst", "programm",
    "erp", "crm", "solutions", "systems", "services", "systeme", "lösungen", "loesungen",
)  # fmt: skip
# What a course or programme seller enrols ("our Data Science programme"), and the job
# programmes that are no pitch ("our graduate programme").
_PROGRAMME_NOUNS = (
    "program", "programme", "course", "courses", "bootcamp", "masterclass", "certification",
    "cohort", "batch", "training", "mba", "diploma",
)  # fmt: skip
_NOT_SOLD_PROGRAMMES = (
    "graduate", "trainee", "internship", "intern", "apprenticeship", "rotational",
    "early", "leadership", "alumni", "mentoring", "mentorship", "volunteer", "community",
    "referral", "ambassador",
)  # fmt: skip
_DE_PROGRAMME_NOUNS = (
    "kurs", "onlinekurs", "online-kurs", "programm", "coaching", "coaching-programm",
    "lehrgang", "masterclass", "bootcamp", "akademie", "intensivkurs", "mentoring-programm",
)  # fmt: skip
_MONEY = r"(?:[$€£]\s*[0-9][0-9.,]*k?|[0-9][0-9.,]*\s*(?:€|eur|euro|usd|dollars?)(?!\w))"

SALES_PATTERNS: tuple[str, ...] = (
    # "a free 15-minute website audit", "kostenlosen 15-Min Check", "free demo"
    "(?:free|kostenlos|kostenlose|kostenlosen|kostenloser|kostenloses|gratis) (?!to )"
    + within(r"[\w-]{0,20}?" + any_of(_PITCH_FREE_NOUNS), 3),
    # The sender's business offered to the reader: "we help agencies", "I help SaaS
    # founders", "Wir helfen Unternehmen", "ich helfe Freelancern"
    # (Spelled out, not "(?:we|i) help": the literal prefix must be longer than the
    # self-introduction "we help", or that shorter phrase wins at the same place.)
    *(f"{who} " + within(any_of(_PITCH_CLIENTS), 3) for who in (
        "we help", "i help", "wir helfen", "ich helfe", "we connect", "wir verbinden",
        "wir vermitteln", "ich zeige", "wir zeigen", "we show", "i show")),
    # "companies like yours", "entrepreneurs like you"
    any_of(("companies", "businesses", "brands", "agencies", "founders", "startups",
            "entrepreneurs", "retailers")) + " like (?:you|yours|yourself)",
    # A price: "my rate: $500", "Kosten: 399€/Monat", "zum Festpreis 197 €"
    "(?:my rate|our rate|price|pricing|preis|fee|for only|für nur|fuer nur|ab nur|"
    "zum festpreis|kosten) " + _MONEY + " (?:|per |pro |a |im )(?:month|monat|mo|project|"
    "projekt|dashboard|woche|week|hour|stunde)",
    _MONEY + " (?:|per |pro |a |im )(?:month|monat|mo|dashboard|project|projekt|woche|week)",
    # "save your team 10+ hours", "increase your conversions"
    "save (?:you|your team|your company|your business) (?:[0-9][0-9,.]*\\+? |up to [0-9])"
    + within(
        any_of(("hours", "time", "money", "months", "weeks", "days")), 3),
    "(?:increase|increasing|boost|boosting|grow|growing|improve) (?:your|their) "
    "(?:conversions|conversion|revenue|sales|leads|margins|roi|bookings|pipeline)",
    "wie wir (?:ihnen|dir|euch|ihr|dein|deinen|ihren) " + within(
        any_of(("helfen", "unterstützen", "erleichtern", "zeigen")), 3),
    # "30% off", "20 % Rabatt", "50 Prozent Nachlass"
    _SALES_COUNT_NUMBER
    + r"\s*(?:%|prozent|percent|per cent) (?:off|rabatt|discount|nachlass|sale)",
    # "10 new clients a month", "20 Neukunden pro Monat", "five more leads every week"
    _SALES_NUMBER
    + f" (?:|{_SALES_MORE})"
    + any_of(("clients", "customers", "leads", "kunden", "neukunden", "mandanten"))
    + _SALES_PER_MONTH,
    # "30 more patients a week" is a pitch; "I see 30 patients a week" is a job.
    _SALES_NUMBER + " " + _SALES_MORE + any_of(_SALES_MORE_NOUNS) + _SALES_PER_MONTH,
    # "double your revenue", "10x your sales"
    "(?:double|triple|quadruple|doubling|tripling|2x|3x|5x|10x|skyrocket) your "
    "(?:revenue|sales|income|profits?|turnover|leads|clients|customers|bookings)",
    # "Wir verdoppeln Ihren Umsatz", "verdreifachen Sie Ihre Umsätze"
    "(?:verdoppeln|verdoppelt|verdreifachen|verdreifacht|vervielfachen) (?:|sie )"
    + any_of(("ihren", "ihre", "deinen", "deine", "euren", "eure", "den", "die"))
    + " "
    + any_of(("umsatz", "umsätze", "gewinn", "kundenzahl", "anfragen", "einnahmen")),
    # "Ihren Umsatz zu verdoppeln", not "unseren Umsatz verdoppeln" (a report, no pitch)
    any_of(("ihren", "deinen", "euren", "den"))
    + " umsatz (?:|zu )(?:verdoppeln|verdreifachen|vervielfachen)",
    # The firm's help as the subject of a call: "explore how we can help", "discuss how
    # our platform could support your team" ("how I can help" may be a job seeker's).
    "(?:explore|discuss|see|show you|talk about|chat about|share) how (?:we|our [\\w-]{1,25}+)"
    " (?:can|could|might) (?:help|support|assist|benefit|add value)",
    "(?:wie|inwiefern) wir (?:sie|dich|euch|ihr unternehmen|ihr team|ihre firma) "
    + within(any_of(("unterstützen", "helfen", "entlasten", "voranbringen")), 3),
    # A product presented: "we built a platform that …", "Wir haben ein KI-System
    # entwickelt, das …"
    # (Also without a subject, as DMs write it: "Built an AI system that …"; not when
    # the reader built it, see _mine.)
    "(?:i |we |i've |we've |i have |we have |)(?:just |recently |)(?:built|developed"
    "|created|launched|designed) (?:a|an|our) "
    + within(r"[\w-]{0,25}?" + any_of(_PRODUCT_NOUNS), 3) + " (?:that|which|to|for)",
    "(?:ein|eine|einen|unser|unsere|unseren) " + within(
        r"[\w-]{0,25}?" + any_of(_PRODUCT_NOUNS), 2) + " entwickelt (?:das|die|der|mit)",
    # "show you a quick demo", "give you a short walkthrough"
    "(?:show|give) you a (?:quick |short |brief |live |free |personal |)(?:demo|walkthrough"
    "|walk-through|tour of)",
    # A price with no period: "197€ Investment", "for just $99"
    _MONEY + " (?:investment|investition|einmalig|one-time|flat|pauschal)",
    "(?:for just|for only|only|nur|für nur|ab) " + _MONEY,
    "(?:roi|erfolg|ergebnisse|results|roi-garantie) (?:garantiert|guaranteed)",
    "(?:guaranteed|garantierter|garantierte) (?:roi|results|erfolg|ergebnisse|leads)",
    # "our SEO package", "unser Starter-Paket", "our premium coaching packages"
    any_of(("our", "unser", "unsere", "unseres", "unserem", "unseren"))
    + f"(?! {_NOT_PITCH_PACKAGES}[\\s-]?pa)"
    + " "
    + within(r"[\w-]{0,20}?" + any_of(("package", "packages", "paket", "pakete", "paketen"))),
    # A track record sold to the reader: "We've helped 40+ logistics firms …", "Wir
    # haben bereits über 200 Unternehmen …"
    "(?:we've|we have|i've|i have) helped (?:over |more than |)(?:[0-9][0-9,.]*\\+?|dozens of"
    "|hundreds of|thousands of) " + within(any_of(_PITCH_CLIENTS + _PITCH_GROUPS), 2),
    "wir haben (?:bereits |schon |)(?:(?:ü|ue)ber |mehr als |)[0-9][0-9.]*\\+? "
    + within(any_of(_PITCH_CLIENTS), 2),
    # What the sender's clients get: "our clients typically see a 30% lift", "Unsere
    # Kunden sparen im Schnitt 20 Stunden"
    "(?:our|my) (?:clients|customers) (?:typically |usually |often |on average |"
    "|consistently |)(?:see|get|save|achieve|report|gain|increase|grow|cut|reduce|double"
    "|generate|land|close|book)",
    "(?:unsere|meine) kunden (?:sparen|erzielen|steigern|gewinnen|erreichen|verdoppeln"
    "|senken|profitieren|generieren)",
    # Probing for the vendor the reader has: "Are you currently working with anyone on
    # your paid social?", "who handles payroll at your company?", "Sind Sie mit Ihrer
    # IT-Betreuung zufrieden?"
    "are you (?:currently |still |)(?:working with|using|happy with|satisfied with) "
    "(?:anyone|an agency|an outside|a partner|a provider|a vendor|a supplier|your current"
    "|an external)",
    "who (?:handles|manages|takes care of|is responsible for|looks after) "
    + within("(?:at|for) your (?:company|business|firm|team|organization|organisation)", 4),
    "(?:sind sie|bist du) mit (?:ihrer|ihrem|ihren|deiner|deinem|deinen) "
    + within("zufrieden", 3),
    # The firm's service offered to a group: "we partner with SaaS companies to …",
    # "Wir unterstützen mittelständische Unternehmen bei …"
    *(f"{who} " + within(any_of(_PITCH_CLIENTS), 3) for who in (
        "we partner with", "we work with", "wir unterstützen", "wir unterstuetzen",
        "wir begleiten", "wir beraten")),
    # A product shown to the reader: "I'd love to show you how our ERP can …",
    # "Darf ich Ihnen zeigen, wie …"
    "show you how (?:our|my) [\\w-]{1,25}+ (?:can|could|will|helps|would)",
    "(?:ihnen|dir|euch) (?:gerne |gern |kurz |)zeigen(?:,|) wie",
    # Goods, prices and returns: "surplus laptops at wholesale prices", "for $499",
    # "12 % Rendite pro Jahr", "crypto returns"
    "(?:wholesale|discounted|special|unbeatable|factory|clearance) (?:prices|price|rates)",
    "(?:surplus|excess|overstock|clearance) (?:stock|inventory|units|lots|goods)",
    "stock (?:list|lots|lot)",
    "(?:restposten|sonderposten|lagerware)",
    "(?:for|f(?:ü|ue)r) " + _MONEY,
    "[0-9][0-9]{0,2}(?:[.,][0-9]|)\\s*(?:%|prozent|percent) (?:rendite|returns?|roi|yield"
    "|zinsen|p\\.a\\.|per year|pro jahr|im jahr|a year|monthly|weekly)",
    "(?:rendite|returns?|yield) (?:von|of|up to|bis zu) [0-9]",
    "(?:crypto|krypto|bitcoin|forex) " + within(any_of((
        "investment", "investments", "trading", "returns", "profits", "gewinne",
        "rendite", "signals", "signale", "opportunity", "portfolio")), 2),
    # A call to sign up or buy, with the link: "Book here: acme.com/demo", "Jetzt
    # testen: www.beispiel.de" (":" and "/" read as spaces)
    "(?:sign up|register|book|buy|order|download|grab|claim|try it|get started|get yours"
    "|learn more|find out more|check it out|click here|jetzt anmelden|jetzt testen"
    "|hier buchen|hier anmelden|hier klicken|mehr erfahren|jetzt sichern|hier testen)"
    " (?:here |hier |now |jetzt |today |heute |free |kostenlos |)(?:https? "
    "|(?:www[.]|)[\\w-]{2,30}+[.](?:com|io|de|net|org|app|ai|co|example|ly|at|ch|eu)(?!\\w))",
    # A quantified promise to the reader: "help engineers negotiate 20% higher
    # salaries", "get you 30% more leads" (not the sender's record: "achieved 30% higher
    # conversion" is a job seeker's)
    "(?:get|bring|save|earn|land|negotiate|win|make) (?:you |your [\\w-]{1,25}+ "
    "|yourself |)[0-9][0-9]{0,2}\\s*(?:%|percent) (?:higher|more|faster|lower|cheaper"
    "|lift|increase|uplift|boost)",
    # A course or programme sold to the reader: "a Data Science programme specifically
    # for professionals", "join our bootcamp", "do this program with us", "we just
    # opened up enrollment", "Pay fees in EMI", "90% employment rate", "limited seats",
    # "nur noch 5 Plätze", "melden Sie sich für unser Coaching an" (not a job programme:
    # "join our graduate programme" is a job offer)
    any_of(_PROGRAMME_NOUNS) + " (?:specifically |especially |designed |tailored |built "
    "|made |)for (?:working |busy |experienced |)(?:professionals|people like you|you)(?!\\w)",
    "(?:join|do|take|enrol in|enroll in|sign up for|register for|be part of) our "
    "(?!" + any_of(_NOT_SOLD_PROGRAMMES) + "(?!\\w))" + within(
        r"[\w-]{0,20}?" + any_of(_PROGRAMME_NOUNS), 2),
    "(?:join|do|take) this " + within(any_of(_PROGRAMME_NOUNS), 2) + " with us",
    "(?:opened up|opened|opening|open) enrol(?:l|)ment",
    "enrol(?:l|)ments? (?:is |are |)(?:now |)open",
    "enrol(?:l|) (?:now|today)",
    "fees in emi",
    "[0-9]{1,3}\\s*% (?:employment|placement) rate",
    "(?:placement|job) (?:assistance|guarantee)",
    "guaranteed (?:placement|job|interview)",
    "(?:limited|few) seats",
    "only [0-9]{1,3} (?:seats|spots|places) (?:left|remaining|available)",
    "seats (?:are |)(?:limited|filling)",
    "(?:reserve|secure|grab|claim) your (?:seat|spot|place)",
    "(?:nur noch|begrenzte|wenige|limitierte) (?:[0-9]{1,3} |)(?:freie |)pl(?:ä|ae)tze",
    "pl(?:ä|ae)tze sind (?:begrenzt|limitiert)",
    "(?:sichern sie sich|sichere dir) (?:ihren|deinen|einen) platz",
    "einschreibung (?:ist |l(?:ä|ae)uft |)(?:offen|ge(?:ö|oe)ffnet|gestartet)",
    "(?:f(?:ü|ue)r|an|zu) (?:unserem|unser|unsere|unseren|unserer) " + within(
        r"[\w-]{0,20}?" + any_of(_DE_PROGRAMME_NOUNS), 2)
    + " (?:an(?!\\w)|anmelden|teilnehmen|teil(?!\\w)|buchen)",
    # Income or a business offered to the reader: "a secondary source of income",
    # "partners who are looking for business opportunity", "ein zweites Standbein"
    "(?:second|secondary|additional|extra|side|alternative|multiple) (?:sources? of |)"
    "incomes?(?!\\w)",
    "income (?:opportunity|opportunities|stream|streams)",
    "(?:hunt of|looking for|searching for|seeking|in search of) partners who (?:are|want"
    "|would|wish)",
    "(?:develop|build|start) a (?:business|side business|second business) outside",
    "(?:nebeneinkommen|nebenverdienst|zusatzeinkommen|zweites einkommen"
    "|zus(?:ä|ae)tzliches einkommen|zweites standbein)",
    # A product the sender's firm offers: "We offer Microsoft ERP system", "Wir bieten
    # Ihnen eine Software-Lösung" (not "we offer a competitive salary")
    # (Spelled out, as "we help" above: the literal prefix must be longer than the
    # self-introductions "we offer" and "wir bieten".)
    *(f"{who} " + within(r"[\w-]{0,25}?" + any_of(_PRODUCT_NOUNS), 3) for who in (
        "we offer", "we sell", "we supply", "i offer", "i sell")),
    *(f"{who} (?:ihnen |dir |euch |)" + within(r"[\w-]{0,25}?" + any_of(_PRODUCT_NOUNS), 3)
      for who in ("wir bieten", "wir verkaufen", "wir liefern", "wir vertreiben")),
    # A consultant prospecting: "Ich unterstütze Mittelständler bei …", "Can I show you
    # in 15 minutes …", "wie viele meiner Kunden"
    # (Firms as clients, not "teams" or "Kunden": "I support teams as a Scrum Master" is
    # a job.)
    *(f"{who} " + within(any_of(_FIRM_CLIENTS), 3) for who in (
        "ich unterstütze", "ich unterstuetze", "i support")),
    # (Not one's own work: "Ihnen in 10 Minuten mein Portfolio zeigen".)
    "(?:show you|ihnen|dir|euch) in [0-9]{1,2} (?:minutes|minuten|min)(?!\\w)"
    "(?! (?:my|mein|meine|meinen|meinem)(?!\\w))",
    "(?:many|most) of (?:my|our) (?:clients|customers)",
    "(?:viele|die meisten) (?:meiner|unserer) kunden",
    # Investments offered: "invest with us", "an investment plan", "guaranteed daily
    # profits", "minimum deposit", "Mindesteinlage", "garantierte Rendite"
    "invest (?:with us|in our|now|today)",
    "(?:investment|investing|trading) (?:plan|plans|package|packages|scheme|schemes"
    "|account|accounts)",
    "(?:guaranteed|fixed|daily|weekly) (?:profits?|returns?|income|payouts?|earnings)",
    "minimum (?:investment|deposit)",
    "mindesteinlage",
    "(?:garantierte|garantierten|t(?:ä|ae)gliche|t(?:ä|ae)glichen|feste) (?:rendite|gewinne"
    "|auszahlungen|zinsen)",
    "(?:earn|make|verdienen sie|verdiene) (?:up to |bis zu |)" + _MONEY,
)
"""Regex fragments for pitch shapes (percent off, clients a month, double your revenue)."""

