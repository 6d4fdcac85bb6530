"""Multilingual word lists, regex fragments and compiled rule patterns for the classifier and matcher.

Everything here is written in *normalised* form (see ``bot.core.classifier_text.normalise``): casefolded,
accents stripped (é -> e, ß -> ss, ł -> l, ı -> i), hyphens turned into spaces, runs of 3+ identical
letters collapsed to one. Keeping the data (word lists, request frames, question markers) apart from
the logic keeps ``classifier.py`` readable and makes adding a language a matter of extending lists.
"""

from __future__ import annotations

import re
import unicodedata

# Letters NFKD does not decompose into "base letter + accent"; mapped by hand so "dziękuję",
# "teşekkür" and "łatwy" fold like everything else.
_EXTRA_FOLD = str.maketrans({"ł": "l", "ı": "i", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d"})
_COMBINING_RE = re.compile(r"[\u0300-\u036f]")


def fold(text: str) -> str:
    """Casefold and strip accents: "Bedankt VOOR het Werkboek ÉÉN" -> "bedankt voor het werkboek een"."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_EXTRA_FOLD))
    return _COMBINING_RE.sub("", text)


def within_one_edit(a: str, b: str, *, substitutions: bool = True) -> bool:
    """True when ``a`` and ``b`` differ by one insertion, deletion, adjacent swap or (optionally) one
    substituted letter: "chekclist"/"checklist", "tempate"/"template", "werkboekk"/"werkboek"."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return substitutions
        i = diff[0]
        return len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    if la > lb:
        a, b = b, a
    i = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    return a[i:] == b[i + 1 :]


def squeeze(word: str) -> str:
    """Reduce every run of a repeated letter to one letter: "thaaanks" -> "thanks", "mercii" -> "merci"."""
    return re.sub(r"(.)\1+", r"\1", word)


# --- Gratitude -----------------------------------------------------------------------------------
# Checked per token on a "squeezed" form (every run of a repeated letter reduced to one letter), so
# "thanksss", "mercii", "graciass" and "dankeee" all hit without listing every spelling.
GRATITUDE_WORDS = frozenset(
    """thanks thank thanx thx thnx thnks thks tnx tx ty tysm tyvm tyty thanku thankyou thankyu
    appreciate appreciated cheers kudos dankjewel dankje dankuwel danku bedankt dank dankzij dankie
    merci mersi danke dankeschon dankschon gracias grax obrigado obrigada obg brigado valeu vlw
    grazie dzieki dziekuje dziekujemy tesekkurler tesekkur tesekurler sagol saol
    grateful thankful dankbaar dankbar reconnaissant reconnaissante agradecido agradecida grato grata grata""".split()
)
# Prefixes catch inflections and compounds: "thankful", "bedankje", "dankjewell", "obrigadão".
GRATITUDE_PREFIXES = (
    "thank", "thnk", "thanx", "bedank", "dankje", "dankjw", "danke", "dankuw", "merci", "graci",
    "obrigad", "brigad", "grazi", "remerci", "agradec", "agradez", "ringrazi", "dziek", "tesekk", "apreciat",
    "waardeer", "apprecie", "aprecio", "apprezz", "docenia", "docenie", "minnettar",
)  # fmt: skip

# Gratitude words that are really part of a decline or sarcasm, checked on the joined word string.
DECLINE_PATTERNS = (
    r"\b(no|nah|nope),? (thanks?|thank you|thx|thnx|thanx|ty|tnx)\b",
    r"\bthanks? but no thanks?\b",
    r"\b(thanks?|thank you|thx|thnx|ty) for nothing\b",
    r"\b(nee|neen),? (dank ?je( ?wel)?|dank ?u( ?wel)?|bedankt|dankjewel|dankuwel|hoor)\b",
    r"\b(bedankt|dank ?je( ?wel)?|dankjewel) voor (niks|niets|helemaal niks)\b",
    r"\bnein,? danke\b",
    r"\bdanke fur (nichts|nix)\b",
    r"\bnon,? merci\b",
    r"\bmerci pour rien\b",
    r"\bno,? gracias\b",
    r"\bgracias por nada\b",
    r"\bnao,? (obrigad[oa]|valeu)\b",
    r"\bobrigad[oa] por nada\b",
    r"\bno,? grazie\b",
    r"\bgrazie per (niente|nulla)\b",
    r"\bnie,? dzieki\w*\b",
    r"\b(not|niet|nicht|pas) (interested|geinteresseerd|interessiert|interesse)\b",
    r"\b(stop|quit) (messaging|dming|spamming|texting) me\b",
    r"\bunsubscribe me\b",
    r"\b(i m|im|i am) (good|fine|ok|okay|all set|set),? (thanks?|thank you|thx|ty)\b",
    r"\b(thanks?|thank you|thx|ty),? (but|though) (i m|im|i am) (good|fine|ok|okay|all set)$",
)

# --- Typos -------------------------------------------------------------------------------------------
# Words that decide a label, and the misspellings to fold into them. Only tokens of 5+ letters are
# corrected (swaps/insertions/deletions; substitutions from 7 letters) so "than", "thinks", "mercy"
# and "planned" are left alone.
TYPO_TARGETS = (
    "thanks", "thank", "bedankt", "dankjewel", "dankje", "danke", "gracias", "obrigado", "obrigada",
    "grazie", "checklist", "checklists", "checkliste", "template", "templates", "workbook", "werkboek",
    "spreadsheet", "download", "worksheet", "plantilla", "vorlage", "explain", "uitleggen", "enviar",
    "please", "available", "beschikbaar", "attachment",
)  # fmt: skip
TYPO_ALIASES = {
    "snd": "send", "sned": "send", "sedn": "send", "cna": "can", "cn": "can", "teh": "the", "hte": "the",
    "wher": "where", "whre": "where", "thsi": "this", "tihs": "this", "yu": "you", "plz": "please",
    "pfd": "pdf", "pdfje": "pdf", "nothin": "nothing", "tq": "thanks", "thak": "thank", "thnak": "thank",
    "thnaks": "thanks", "tnks": "thanks", "thks": "thanks", "thanq": "thanks", "dankjwl": "dankjewel",
    "dnkjwl": "dankjewel", "bdankt": "bedankt", "vindt": "vind",
    "culd": "could", "coud": "could", "kanst": "kannst", "kanste": "kannst", "recieve": "receive",
    "recieved": "received", "thansk": "thanks", "krijgn": "krijgen", "krjgen": "krijgen",
    "schiken": "schicken", "temp": "template", "temps": "templates", "schiecken": "schicken", "ontvagen": "ontvangen",
}  # fmt: skip

# --- Praise / enthusiasm (thanks without a "thank" word: "pure gold", "a lifesaver") ---------
PRAISE_WORDS = frozenset(
    """love loved lovely loving amazing awesome great gold golden goud helpful useful handy handig
    geweldig fantastisch fantastic prachtig mooi strak super top topper toppie perfect perfecto perfeito
    perfekt perfetto brilliant briljant incredible excellent excelent gem legend legende lifesaver saved
    blessing beautiful nice cool wow wauw woow toll klasse hilfreich nutzlich genial genialny buenisimo
    buenisima util utile utilissimo incrivel otimo otima lindo linda adorei amei adore magnifique bravo
    chapeau mega stark fijn leuk gaaf good goed clean clear duidelijk gut sehr wunderbar sirve sirvio
    servido salvou salvo salvaste fire dope neat epic solid valuable waardevol incroyable
    genius gorgeous wonderful fab fabulous spot rocks rock best beste mejor melhor bueno buena bom boa
    bello bella bellissimo swietne swietny super harika mukemmel""".split()
)
# A message made only of these is a shrug ("cool cool", "ok good", "schon gut"), not a thank-you.
ACK_WORDS = frozenset("ok okay oke k kk cool good goed gut bien bom bueno fine alright sure schon vale oki".split())
NEGATORS = frozenset("not no niet geen nicht kein keine nie pas nao non nem never hardly barely niks nada".split())
# Plain negative feedback; turns praise or thanks into "other" (sarcasm, complaints).
NEGATIVE_WORDS = frozenset(
    """useless waste worst bad terrible awful meh bof naja disappointing disappointed tegenvallend
    tegenvallen teleurgesteld teleurstellend slecht nutteloos waardeloos mull schlecht enttauschend
    nul nulle decu decevant inutil inutile malo mala horrible pessimo ruim broken kapot scam garbage
    trash rubbish boring saai lame overrated wrong error typo typos fout fouten fehler erreur
    tegenvaller niks nothing""".split()
)
SARCASM_CUES = frozenset("oh gee yeah yea sure another really weer wieder encore otra ancora znowu yine".split())
# Technical problem reports ("the pdf won't open", "link expired"): alone they ask nothing.
PROBLEM_RE = (
    r"\b(?:(?:doesnt|does not|dont|do not|wont|will not|cant|can not|cannot|isnt|is not|not|never|"
    r"didnt|did not) (?:work|working|works|open|opening|opens|load|loading|download|downloading)|"
    r"broken|expired|expire|dead|404|werkt niet|werkt (?:het )?niet|opent niet|doet het niet|verlopen|"
    r"funktioniert nicht|geht nicht|abgelaufen|ne (?:marche|fonctionne|s ouvre) (?:pas|plus)|"
    r"no (?:funciona|abre|carga)|caducado|caduco|nao (?:funciona|abre)|expirou|non funziona|"
    r"scaduto|nie dziala|calismiyor|acilmiyor)\b"
)

# --- Resources ------------------------------------------------------------------------------------
# Nouns a member uses for "the thing you give away", with plural/diminutive endings folded in.
RESOURCE_RE = (
    r"(?:check ?lists?|checkliste[n]?|checklistje|templates?|pdfs?|links?|urls?|files?|guides?|"
    r"e ?books?|workbooks?|planners?|calendars?|spreadsheets?|sheets?|docs?|documents?|worksheets?|"
    r"freebies?|resources?|downloads?|cheat ?sheets?|toolkits?|kits?|copy|copies|bundles?|slides?|"
    r"trackers?|printables?|swipe ?files?|manuals?|handbooks?|roadmaps?|blueprints?|frameworks?|scripts?|"
    r"mind ?maps?|posters?|courses?|handleiding(?:en)?|stappenplan(?:nen)?|sjablo(?:on|nen)|overzicht(?:je)?|"
    r"cursus(?:sen)?|presentatie(?:s)?|handbuch|kurs|manuel|guide|manual|"
    r"werkboek(?:en|je)?|bestand(?:en|je)?|gids(?:en|je)?|lijst(?:je|jes|en)?|werkmap(?:pen)?|"
    r"document(?:en|je)?|planning|boekje|vorlagen?|leitfaden|arbeitsbuch|arbeitsblatt|datei(?:en)?|"
    r"dokument|anleitung|unterlagen|modeles?|fichiers?|liens?|cahier|plantillas?|guias?|archivos?|"
    r"enlaces?|modelos?|arquivos?|planilhas?|materia(?:l|is|les)|apostila|guida|modello|"
    r"szablon\w*|plik\w*|sablon\w*|dosya\w*|rehber\w*|ebook\w*|lista)"
)
# Words that may surround a bare resource noun in a request like "the planner pls" or "graag het werkboek".
FILLER_WORDS = frozenset(
    """the a an this that your my ur de het een die dat je jouw uw der die das den dem ein eine dein
    le la les l un une ton ta votre el los las una tu su o os um uma seu sua il lo gli
    please pls plz plx pleas pleaseee aub alsjeblieft alstublieft ajb svp stp bitte porfa porfavor por
    favor per favore prosze lutfen graag also ook too again nog ook even free gratis kostenlos gratuit
    hi hey hello hallo hoi hai yo hola oi ola ciao salut bonjour hej dear sir and en und et y e
    i me ik mij moi mir one ones other andere new nieuwe nieuw neue nouveau nuevo novo
    of van voor for von du del da di""".split()
)
# Verbs of *using* a resource: "mag ik de checklist delen?" is a question, not a request.
USE_VERBS_RE = (
    r"\b(use|using|share|sharing|print|printing|edit|editing|adapt|translate|modify|sell|post|import|"
    r"duplicate|fill|gebruiken|gebruik|delen|printen|aanpassen|vertalen|verkopen|invullen|verwenden|"
    r"benutzen|teilen|drucken|anpassen|ubersetzen|utiliser|partager|imprimer|modifier|traduire|usar|"
    r"compartir|imprimir|editar|traducir|compartilhar|usare|condividere|stampare|uzywac|forward to|doorsturen naar|"
    r"weiterleiten an|transferer a|reenviar a|encaminhar|inoltrare|"
    # Round 13: copying it for a class, posting it, hanging it up. Read with their writers left out, "mag ik
    # de werkbladen kopiëren voor mijn klas?" and "… op mijn blog zetten?" were the 'mag ik' frame's misses.
    r"photocopy|kopieren|fotokopieren|photocopier|fotocopiar|fotocopiare|kserowac|skserowac|xerocar|"
    r"posten|repost|ophangen|aufhangen|afficher|uitdelen|austeilen|distribuer|"
    r"op (mijn|mn|onze|ons|de|het|jouw|je|een) (\w+ ){0,4}?zetten|"
    r"auf (meinen|meine|meiner|unsere|unserer|die) (\w+ ){0,2}?stellen)\b"
)

# --- Clause-start fillers (skipped before testing "does this…", "werkt dit…", "kannst du…") --------
LEAD_FILLERS_RE = (
    r"(?:(?:hi|hey|hello|hallo|hoi|hai|heey|yo|dear|ok|okay|oke|so|and|but|also|oh|well|btw|ps|maar|"
    r"en|dus|aber|und|mais|et|alors|pero|y|mas|e|ma|just|sorry|please|pls|plz|quick|q|thanks?|thx|"
    r"ty|dankjewel|bedankt|danke|merci|gracias|obrigad[oa]|grazie|also|ah|oke|oki|hmm|um|uh|"
    r"question|vraagje|vraag|frage|curious|one|wait|bitte|tho|though|then|en|nou|ook) )*"
)


# --- Compiled rule patterns (used by bot.core.classifier) ----------------------------------------


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts))


# Emoji that say thank you or show delight (🙏 ❤️ 👍 🙌 😍 🔥 …); text-only ":pray:" too.
POSITIVE_EMOJI = frozenset("🙏❤♥💖💕💗💓💞💜💙💚💛🧡🤍🖤😍🥰🥹😊🤗👍👌🙌👏💯🫶✨🤩☺😘🔥💪😁😀😃😄🎉🥳🌟⭐💝😻💐💎🤘")
POSITIVE_SHORTCODE_RE = re.compile(r":(pray|heart|thumbsup|\+1|raised_hands|clap|heart_eyes|100|fire):")
# Small talk looks like a question but needs no answer about the resource.
SMALL_TALK_RE = re.compile(
    r"\b(how are (you|u|ya)( doing)?|how r u|hows it going|how is it going|whats up|sup|wassup|"
    r"hoe gaat (het|t)( met je)?|hoe is het|alles goed|wie gehts|wie geht es( dir| ihnen)?|"
    r"comment (ca|vas) va|ca va|que tal|como estas|tudo bem|como vai|come stai|anyone there|"
    r"are you there|you there|hello|hallo|hola|good (morning|afternoon|evening|night|day)|"
    r"goede(morgen|middag|navond|nacht)|guten (morgen|tag|abend)|buenos dias|bom dia|buongiorno|"
    r"bonjour|bonsoir)\b"
)


PRAISE_PHRASE_RE = re.compile(
    r"\b((exactly|just|precisely) what (\w+ ){0,2}(needed|was looking for|were looking for|wanted)|"
    r"saved (me|my)|life ?saver|game ?changer|"
    r"so (good|helpful|useful)|precies wat ik|echt (top|goed|fijn)|genau (das|was)|justo lo que|"
    r"exactement ce|exactamente lo|salvou|me (ha )?(servido|sirve)|you (are|re) (the best|a legend|amazing)|"
    r"well done|goed gedaan|good job|nice job|great job|thumbs up|love (it|this|that))\b"
)

RES = RESOURCE_RE
RES_RE = re.compile(rf"\b{RES}\b")
PRONOUN_RE = re.compile(r"\b(it|its|het|hij|es|il|ele|ela|lo|la)\b")
_LEAD = LEAD_FILLERS_RE
SPAM_RE = _rx(
    r"\b(free nitro|nitro gift|steam gift|giveaway|airdrop|crypto|bitcoin|btc|forex|casino|onlyfans|"
    r"investment|investing|passive income|make money|earn money|from home|click here|claim (your|now)|"
    r"dm me for|limited offer|promo code|get rich|cash app|work from home)\b",
    r"\$\s?\d|\d\s?(\$|usd|eur|euro)\b|\b\d+k?\s?(per|a|/)\s?(week|day|month)\b",
)
COMMAND_RE = re.compile(r"^\s*[/!.$][^\W\d_]")
DECLINE_RE = _rx(*DECLINE_PATTERNS)
USE_RE = re.compile(USE_VERBS_RE)

# An object after a verb of receiving: a resource noun within a few words, or a pronoun.
OBJECT_RE = re.compile(
    rf"^(?:\w+ ){{0,5}}?(?:\w{{3,}}?)?{RES}\b|^(?:(?:it|one|them|that|this|those|these|me|us|him|her|het|hem|"
    rf"die|dat|deze|es|le|la|les|lo|los|again|over|here|opnieuw|nochmal|nog|another|another one|eins|eine|einen|"
    rf"eentje|un|une|uno|una|um|uma|en|jeden|jedna|"
    rf"the other one|a copy|een kopie|(a |een )?(new|fresh|working|updated|nieuwe|andere) (one|link|url))\b)"
)
# Resources can be called anything ("presets", "recipes"): after "can I get" / "could you send", a
# definite object is enough, unless it is something a creator answers rather than sends.
LOOSE = 3
LOOSE_OBJECT_RE = re.compile(
    r"^(?:(?:also|still|just|please|pls|access to|a copy of) )*(the|your|ur|those|these|that|de|het|die|dat|"
    r"jouw|je)\b"
    r"(?! (opinion|feedback|advice|help|refund|discount|answer|hang|chance|difference|same|thoughts|time)\b)"
)
ANY = 2  # the resource noun may be anywhere in the clause ("is the planner still up?")
POLITE_RE = re.compile(
    r"\b(please|pls|plz|plx|aub|alsjeblieft|alstublieft|ajb|graag|bitte|svp|stp|porfa|"
    r"por favor|per favore|prosze|lutfen|pleas)\b"
)
NOT_RECEIVED_RE = re.compile(
    r"\b((i|we) (didnt|did not|never|havent|have not|still havent|still didnt) (get|got|receive|received|"
    r"gotten)|nothing (came|arrived|has come|showed up)|still waiting|(niet|niks|niets|nooit|nog niet) "
    r"(ontvangen|gekregen|binnengekregen|aangekomen)|nicht (erhalten|bekommen|angekommen)|(pas|rien) recu|"
    r"no (me )?(llego|ha llegado|recibi|he recibido)|nao (recebi|chegou)|non (ho ricevuto|e arrivato))\b"
)
LINK_RE = re.compile(r"\b(links?|urls?|download|downloadlink|liens?|enlaces?|linki?)\b")

# Questions: markers anywhere, then inverted / wh- clause starts per language.
QUESTION_MARKER_RE = _rx(
    r"\b((i d|i would|would|id) (love|like) to (know|hear|learn|ask)|i want to know|(wanted|want) to ask|"
    r"(may|can|could) i ask|wil graag weten|wilde (even )?vragen|mag ik (je )?(iets )?vragen|wollte fragen|"
    r"voulais savoir|queria preguntar|gostaria de saber)\b",
    r"\b(wondering|i wonder|wonder (if|whether)|curious (if|whether|about|how|what|why)|just curious|quick q"
    r"|quick question|one question|a question|question for you|(een |1 )?vraag(je)?|vraag me af|vroeg me af"
    r"|kurze frage|eine frage|frage mich|mich gefragt|petite question|une question|je me demande|"
    r"je me demandais|una pregunta|una duda|me pregunto|me preguntaba|uma duvida|uma pergunta|"
    r"me pergunto|queria saber|una domanda|mi chiedo|mi chiedevo|pytanie|bir sorum)\b",
    r"\bany (tips|advice|suggestions?|recommendations?|ideas?|idea|chance|way|update|updates|news|plans?)\b",
    r"\b(tips|tipps|advies|raad) (voor|om|over|on|for|fur|zu)\b|\b(would|do|could) you recommend\b",
    r"\b(explain|uitleggen|uitleg|leg \w+ uit|erklaren|erklar|erklaeren|expliquer|explique|explicar|"
    r"explica|explicame|spiegare|spiegarmi|spieghi|wytlumacz|aciklar|aciklayabilir)\w*\b",
    r"\b(help me (understand|with|figure)|can you help|could you help|kun je (me )?helpen|kan je (me )?helpen)\b",
    r"\b(dont|do not|didnt|did not|not) (understand|quite understand|get how|get what|get why|get the part"
    r"|quite get|really get|get it)\b",
    r"\b(snap|begrijp|verstehe?|versteh|comprends|entiendo|entendi|capisco)( \w+){0,3} (niet|nicht|pas)\b",
    r"\b(no entiendo|nao entendi|non capisco|ne comprends pas)\b",
    r"\bnot sure (how|what|if|whether|why|where|when|which)\b|\b(weet|snap) (niet )?(hoe|of|wat)\b",
    r"\b(im confused|confused (about|by)|confuses me|need (some )?help|hulp nodig|brauche hilfe)\b",
    r"\b(is it possible|is het mogelijk|ist es moglich|es posible|e possivel|est ce|est ce que)\b",
    r"\b(nasil|neden|nerede|hangi|misin|misiniz|miyim|musun|musunuz|midir|mudur)\b",
)
_PRON = r"(i|you|u|we|they|he|she)"  # "what I needed", "how you did it": a relative clause, not a question
_SUBJ_EN = r"(you|u|i|we|it|this|that|there|the|these|those|they|he|she|anyone|anybody|someone|your|ur|any|people)"
_SUBJ_NL = r"(je|jij|u|jullie|we|wij|dit|dat|het|er|de|deze|die|iemand|men|hij|zij|ze)"
_SUBJ_DE = r"(du|man|es|das|dies|die|der|den|dieser|diese|ihr|sie|wir|er|jemand|auch|"
_SUBJ_DE += r"ich (das|dies|die|den|es|auch|hier|damit))"  # "kann ich gut gebrauchen" is a statement
_PRAISE_ADJ = r"(cool|great|nice|amazing|awesome|helpful|useful|good|leuk|mooi|fijn|gaaf|tof|handig|top|super|"
_PRAISE_ADJ += r"geweldig|goed|lief|een|toll|schon|geil|bueno|buena|bien|lindo|linda|genial|bom|bello|bella)"
QUESTION_START_RE = re.compile(
    rf"^{_LEAD}(?:"
    rf"(do|does|did|is|are|was|were|can|could|would|will|should|shall|have|has|may|might|am|isnt|doesnt|"
    rf"arent|didnt|cant|wont|shouldnt|r) {_SUBJ_EN}\b"
    rf"|(how|what|whats|when|where|why|which|who|hows|wheres|whens|whys)(?! {_PRAISE_ADJ}\b)(?! {_PRON}\b)"
    rf"( \w+){{0,3}}? "
    rf"(do|does|did|is|are|was|were|can|could|would|will|should|have|has|s|re|to|much|many|long|often|"
    rf"come|else)\b"
    rf"|(werkt|werken|kan|kun|kunt|kunnen|mag|mogen|is|zijn|heb|hebt|heeft|hebben|geef|geeft|doe|doet|ben|"
    rf"bent|wordt|worden|moet|moeten|zou|zouden|gaat|gaan|bestaat|komt|komen|gebruik|gebruikt|wil|wilt|weet"
    rf"|raad|raadt|maak|maakt|geldt|past|staat|helpt|bied|biedt|krijg|krijgt|organiseer|organiseert|deel|"
    rf"deelt|vind|vindt|zie) {_SUBJ_NL}\b"
    rf"|(kan|kun|mag|moet|zou) ik (dit|dat|het|deze|die|ook|er|hier|zelf|nog|je|u)\b"
    rf"|(hoe|wat|wanneer|waar|waarom|welke|welk|hoeveel|hoelang|hoezo|waarmee|waarvoor|waarop)"
    rf"(?! {_PRAISE_ADJ}\b)\b"
    rf"|(funktioniert|funktionieren|kann|kannst|konnen|konntest|konnte|ist|sind|gibt|darf|durfen|hast|habt|"
    rf"hat|sollte|soll|sollen|muss|musst|geht|machst|macht|bietest|bieten|benutzt|hilft|wird|wurdest|"
    rf"klappt|lauft|passt|eignet|empfiehlst|weisst|kommt) {_SUBJ_DE}\b"
    rf"|(wie|wo|wann|warum|wieso|weshalb|welche|welcher|welches|wer|wieviel|wieviele|woher|womit|wofur)"
    rf"(?! {_PRAISE_ADJ}\b)\b|was (ist|sind|bedeutet|meinst|heisst|mache|soll|kann|muss|genau)\b"
    rf"|(comment|quand|pourquoi|quel|quelle|quels|quelles|combien|qu est ce|c est quoi)\b"
    rf"|(peux|pouvez|pourrais|pourriez|puis|sont|faut|avez|fais|faites|vas|allez|sais|savez|existe|marche|"
    rf"fonctionne|conseilles|conseillez|recommandes|utilises|utilisez|dois|doit|y a) (tu|vous|il|elle|on|je"
    rf"|t il|t elle|t on)\b|tu (fais|peux|pourrais|sais|conseilles|utilises|proposes|offres|recommandes)\b"
    rf"|(como|cuando|donde|por que|cual|cuales|quien|cuanto|cuanta|cuantos|cuantas|hay|se puede|puedo|"
    rf"puedes|podrias|tienes|es posible|deberia|quando|onde|qual|quais|quem|quanto|tem como|da pra|"
    rf"da para|posso|pode|voce tem|vc tem|existe|devo|deveria|consigo|dove|perche|quale|quali|chi|c e|"
    rf"ci sono|si puo|avete|dovrei|come (si|posso|funziona|faccio|usare|usi))\b"
    rf"|(czy|jak|kiedy|gdzie|dlaczego|ile)\b"
    rf")"
)
