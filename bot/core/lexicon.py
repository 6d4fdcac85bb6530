"""Multilingual word lists and regex fragments shared by the classifier, matcher and language guesser.

Everything here is written in *normalised* form (see ``bot.core.classifier.normalise``): casefolded,
accents stripped (é -> e, ß -> ss, ł -> l, ı -> i), hyphens turned into spaces, runs of 3+ identical
letters collapsed to one. Keeping the data apart from the logic keeps the classifier readable and
makes adding a language a matter of extending lists, not rules.
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
)

# --- Typos -------------------------------------------------------------------------------------------
# Words that decide a label, and the misspellings to fold into them. Only tokens of 5+ letters are
# corrected (swaps/insertions/deletions; substitutions from 7 letters) so "than", "thinks", "mercy"
# and "planned" are left alone.
TYPO_TARGETS = (
    "thanks", "thank", "bedankt", "dankjewel", "dankje", "danke", "gracias", "obrigado", "obrigada",
    "grazie", "checklist", "checklists", "checkliste", "template", "templates", "workbook", "werkboek",
    "spreadsheet", "download", "worksheet", "plantilla", "vorlage", "explain", "uitleggen", "enviar",
    "please", "available", "beschikbaar",
)  # fmt: skip
TYPO_ALIASES = {
    "snd": "send", "sned": "send", "sedn": "send", "cna": "can", "cn": "can", "teh": "the", "hte": "the",
    "wher": "where", "whre": "where", "thsi": "this", "tihs": "this", "yu": "you", "plz": "please",
    "pfd": "pdf", "pdfje": "pdf", "nothin": "nothing", "tq": "thanks", "thak": "thank", "thnak": "thank",
    "thnaks": "thanks", "tnks": "thanks", "thks": "thanks", "thanq": "thanks", "dankjwl": "dankjewel",
    "dnkjwl": "dankjewel", "bdankt": "bedankt", "vindt": "vind", "wat's": "whats", "gib": "gib",
}  # fmt: skip

# --- Praise / enthusiasm (thanks without a "thank" word: "this is gold", "saved me hours") ---------
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
SARCASM_CUES = frozenset("oh gee yeah yea sure another really".split())
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
    r"trackers?|printables?|swipe ?files?|"
    r"werkboek(?:en|je)?|bestand(?:en|je)?|gids(?:en|je)?|lijst(?:je|jes|en)?|werkmap(?:pen)?|"
    r"document(?:en|je)?|planning|boekje|vorlagen?|leitfaden|arbeitsbuch|arbeitsblatt|datei(?:en)?|"
    r"dokument|anleitung|unterlagen|modeles?|fichiers?|liens?|cahier|plantillas?|guias?|archivos?|"
    r"enlaces?|modelos?|arquivos?|planilhas?|materia(?:l|is|les)|apostila|guida|modello|"
    r"szablon\w*|plik\w*|sablon\w*|dosya\w*|rehber\w*|ebook\w*|lista)"
)
# Words that may surround a bare resource noun in a request like "ebook pls" or "graag de gids".
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
    r"compartir|imprimir|editar|traducir|compartilhar|usare|condividere|stampare|uzywac)\b"
)

# --- Clause-start fillers (skipped before testing "does this…", "werkt dit…", "kannst du…") --------
LEAD_FILLERS_RE = (
    r"(?:(?:hi|hey|hello|hallo|hoi|hai|heey|yo|dear|ok|okay|oke|so|and|but|also|oh|well|btw|ps|maar|"
    r"en|dus|aber|und|mais|et|alors|pero|y|mas|e|ma|just|sorry|please|pls|plz|quick|q|thanks?|thx|"
    r"ty|dankjewel|bedankt|danke|merci|gracias|obrigad[oa]|grazie|also|ah|oke|oki|hmm|um|uh|"
    r"question|vraagje|vraag|frage|curious|one|wait|bitte|tho|though|then|en|nou|ook) )*"
)
