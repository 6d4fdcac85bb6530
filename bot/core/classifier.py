"""Classify a member's direct message to the bot: thanks, question, request or other.

Pure, deterministic and offline: a normaliser followed by multilingual lexicons and a fixed order of
rules. The order *is* the label precedence from the corpus README:

    empty / emoji-only -> spam, mistyped command, decline or sarcasm (other)
    -> explicit request (a request beats thanks) -> question (a question beats thanks)
    -> implicit request ("ebook pls", "link expired") -> gratitude / praise (thanks) -> other

Every rule is a *general* pattern (a verb of receiving plus a resource noun, an inverted clause, a
gratitude word...), never a stored sentence, so unseen phrasings are classified the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from bot.core import lexicon as lx


class Label(StrEnum):
    THANKS = "thanks"
    QUESTION = "question"
    REQUEST = "request"
    OTHER = "other"


# --- Normalisation ------------------------------------------------------------------------------

_URL_RE = re.compile(r"(?:https?://|www\.|discord\.gg/)\S+", re.I)
_MENTION_RE = re.compile(r"<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|@(?:everyone|here)\b")
_ELISION_RE = re.compile(r"\b([^\W\d_]|qu)['’`´]")  # l'étape, m'envoyer, j'aimerais, I'd -> split
_APOSTROPHE_RE = re.compile(r"['’`´]")  # don't, it's, zzp'ers -> glued
_REPEAT_RE = re.compile(r"([^\W\d_])\1{2,}")  # thaaanks -> thanks (3+ only: "good", "dankjewel" stay)
_CLAUSE_SPLIT_RE = re.compile(r"[.!?¿¡;:,()\[\]\"“”«»…\n|/*_~>#=+]+|\s-\s|\s–\s")
_WORD_RE = re.compile(r"[^\W_]+")
# Emoji that say thank you or show delight (🙏 ❤️ 👍 🙌 😍 🔥 …); text-only ":pray:" too.
_POSITIVE_EMOJI = frozenset("🙏❤♥💖💕💗💓💞💜💙💚💛🧡🤍🖤😍🥰🥹😊🤗👍👌🙌👏💯🫶✨🤩☺😘🔥💪😁😀😃😄🎉")
_POSITIVE_SHORTCODE_RE = re.compile(r":(pray|heart|thumbsup|\+1|raised_hands|clap|heart_eyes|100|fire):")
# Small talk looks like a question but needs no answer about the resource.
_SMALL_TALK_RE = re.compile(
    r"\b(how are (you|u|ya)( doing)?|how r u|hows it going|how is it going|whats up|sup|wassup|"
    r"hoe gaat (het|t)( met je)?|hoe is het|alles goed|wie gehts|wie geht es( dir| ihnen)?|"
    r"comment (ca|vas) va|ca va|que tal|como estas|tudo bem|como vai|come stai|anyone there|"
    r"are you there|you there|hello|hallo|hola|good (morning|afternoon|evening|night|day)|"
    r"goede(morgen|middag|navond|nacht)|guten (morgen|tag|abend)|buenos dias|bom dia|buongiorno|"
    r"bonjour|bonsoir)\b"
)


@dataclass(frozen=True, slots=True)
class _Text:
    words: str  # every token, space separated (phrases that may span punctuation)
    clauses: tuple[str, ...]  # token strings per clause (rules anchored at a clause start)
    has_qmark: bool
    has_url: bool
    positive_emoji: int


@lru_cache(maxsize=8192)
def _correct(word: str) -> str:
    """Fold a misspelled key word into its canonical form ("thnaks" -> "thanks", "tempate" -> "template")."""
    if alias := lx.TYPO_ALIASES.get(word):
        return alias
    if len(word) < 5 or word in _TYPO_SET or word.isdigit():
        return word
    for target in lx.TYPO_TARGETS:
        if lx.within_one_edit(word, target, substitutions=len(word) >= 7 and len(target) >= 7):
            return target
    return word


_TYPO_SET = frozenset(lx.TYPO_TARGETS)


def _normalise(text: str) -> _Text:
    has_url = bool(_URL_RE.search(text))
    text = _URL_RE.sub(" ", text)
    text = _MENTION_RE.sub(" ", text.replace("\\n", "\n"))
    positive = sum(ch in _POSITIVE_EMOJI for ch in text) + len(_POSITIVE_SHORTCODE_RE.findall(text))
    has_qmark = "?" in text or "¿" in text
    text = lx.fold(text)
    text = _ELISION_RE.sub(r"\1 ", text)
    text = _APOSTROPHE_RE.sub("", text).replace("-", " ")
    text = _REPEAT_RE.sub(r"\1", text)
    parts = (" ".join(_correct(w) for w in _WORD_RE.findall(part)) for part in _CLAUSE_SPLIT_RE.split(text))
    clauses = tuple(c for c in parts if c)
    return _Text(" ".join(clauses), clauses, has_qmark, has_url, positive)


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts))


# --- Rule patterns --------------------------------------------------------------------------------

RES = lx.RESOURCE_RE
_RES_RE = re.compile(rf"\b{RES}\b")
_PRONOUN_RE = re.compile(r"\b(it|its|het|hij|es|il|ele|ela|lo|la)\b")
_LEAD = lx.LEAD_FILLERS_RE
_SPAM_RE = _rx(
    r"\b(free nitro|nitro gift|steam gift|giveaway|airdrop|crypto|bitcoin|btc|forex|casino|onlyfans|"
    r"investment|investing|passive income|make money|earn money|from home|click here|claim (your|now)|"
    r"dm me for|limited offer|promo code|get rich|cash app|work from home)\b",
    r"\$\s?\d|\d\s?(\$|usd|eur|euro)\b|\b\d+k?\s?(per|a|/)\s?(week|day|month)\b",
)
_COMMAND_RE = re.compile(r"^\s*[/!.$][^\W\d_]")
_DECLINE_RE = _rx(*lx.DECLINE_PATTERNS)
_USE_RE = re.compile(lx.USE_VERBS_RE)

# An object after a verb of receiving: a resource noun within a few words, or a pronoun.
_OBJECT_RE = re.compile(
    rf"^(?:\w+ ){{0,4}}?{RES}\b|^(?:(?:it|one|them|that|this|those|these|me|us|him|her|het|hem|"
    rf"die|dat|deze|es|le|la|les|lo|los|again|over|here|opnieuw|nochmal|nog|another|another one|"
    rf"the other one|a copy|een kopie|(a |een )?(new|fresh|working|updated|nieuwe|andere) (one|link|url))\b)"
)
ANY = 2  # the resource noun may be anywhere in the clause ("is the workbook still available?")
# (trigger, needs an object after it). Each trigger is a grammatical frame, not a sentence.
_REQUEST_FRAMES: tuple[tuple[re.Pattern[str], bool | int], ...] = (
    # English: "can I get/have…", "could you send me…", "send me…", "I'd like the…", "where is the…"
    (
        re.compile(
            r"\b(can|could|may|might|cn|cud|pls|please) (i|we) (?:\w+ ){0,2}?(get|have|receive|grab"
            r"|download|access|obtain|get a copy of)\b"
        ),
        True,
    ),
    (
        re.compile(
            r"\b(can|could|would|will|pls|please|cn|cud|mind) (you|u|ya) (?:\w+ ){0,2}?(send|resend"
            r"|dm|email|mail|forward|give|pass|drop|share|link|post|text|attach|sending|resending|dming"
            r"|emailing|forwarding|sharing|passing|dropping|posting)\b"
        ),
        True,
    ),
    (re.compile(rf"^{_LEAD}(just |kindly |now )?(send|resend|dm|email|mail|forward|drop|share|give)\b"), True),
    (re.compile(r"\b(send|dm|email|mail|text|forward) (me|us|it to me|this to me|that to me)\b"), False),
    (re.compile(r"\b(gimme|lemme (get|have)|give me (the|a|an|that|this|it|your))\b"), False),
    (
        re.compile(
            r"\b((i d|i would|id|would|we d|we would)( (really|also|still|just|so))? (like|love)|(i|we)"
            r"(?<!\bdo i )(?<!\bdo we )( (really|also|still|just))? (want|need|wanna))"
            r"( to (get|have|receive|download|grab))?( a copy of)?\b"
        ),
        True,
    ),
    (
        re.compile(
            r"\b(wanna|want to|would like to|d like to|d love to|possible to|chance to|able to|a way to)"
            r" (get|have|receive|download|grab|access)\b"
        ),
        True,
    ),
    (
        re.compile(
            r"\b(where|wheres)( (is|are|s|can|could|do|would|should|to|did))?( (i|we|you))?"
            r"( (find|get|download|grab|access|see))?\b"
        ),
        True,
    ),
    (
        re.compile(
            r"\bhow (do|can|could|should|would|to) (i |we )?(get|download|access|receive|find|grab|obtain)"
            r"\b"
        ),
        True,
    ),
    (
        re.compile(
            r"\b(resend|re send|send (it|this|that|them|one|the link|a link)? ?again|send (a|another)"
            r" (new|working|fresh))\b"
        ),
        False,
    ),
    (
        re.compile(
            r"\b(available|beschikbaar|verfugbar|disponible|disponivel|disponibile|dostepn\w*|still (up|"
            r"online|live|around|there|active|valid|working|a thing)|nog (online|te krijgen|te downloaden)|"
            r"noch (online|da|zu haben)|toujours (en ligne|dispo))\b"
        ),
        ANY,
    ),
    (
        re.compile(
            r"\b(interested in|requesting|request|requested|interesse in|interesse an|interesado en|"
            r"interesada en|interessado n\w*|interessada n\w*|interesse pour|interesse per)\b"
        ),
        True,
    ),
    (re.compile(r"\b(download|access|copy) (link|it)\b"), False),
    # "I'm here for the checklist", "commenting for the guide", "ik kom voor de gids"
    (
        re.compile(
            r"\b(here|came|come|coming|commenting|commented|comment|dm you|dming|messaging|message you|asked|"
            r"asking|kom|kwam|hier|vengo|venho|viens|komme)\b( \w+){0,3}? (for|voor|wegen|fur|pour|por|para|per)\b"
        ),
        True,
    ),
    # "heb je de link voor me?", "do you have the pdf for me?"
    (
        re.compile(
            r"\b(heb|hebt|have|got|hast|haben|tienes|tens|tem|as|avez|hai)\b.*\b(voor (me|mij)|for me|fur mich|"
            r"pour moi|para mi|para mim|per me)\b"
        ),
        ANY,
    ),
    # Dutch: "mag ik de…", "kan ik … krijgen", "stuur me…", "ik wil graag het…", "waar vind ik…"
    (re.compile(r"\bmag ik( \w+){0,2}?\b(?=.*\b(de|het|een|die|dat|jouw|je|uw|deze)\b)"), True),
    (
        re.compile(
            r"\b(mag|kan|kun|kunt|zou|zouden|wil|wilt|kunnen|kon|graag)\b.*\b(krijgen|ontvangen|hebben|"
            r"sturen|opsturen|toesturen|doorsturen|mailen|downloaden|bezorgen|doorsturen)\b"
        ),
        False,
    ),
    (
        re.compile(
            r"(?<!\bik )\b(stuur|stuurt|stuure|verstuur|mail)( (je|jij|u))? (me|mij|ons|even|de|het|die|dat|hem|aub"
            r"|alsjeblieft|nog|opnieuw|maar|m)\b"
        ),
        False,
    ),
    (re.compile(r"\b(ik wil|ik zou|ik had|wil ik|graag)( graag| nog| ook| even){0,2}\b"), True),
    (re.compile(r"\bwaar (vind|kan|is|staat|zit|krijg|download|haal|kun|moet|zijn|staan)\b"), True),
    # German: "kann ich … haben/bekommen", "kannst du … schicken", "schick mir", "hätte gern", "wo finde"
    (
        re.compile(
            r"\b(kann|kannst|konnte|konntest|konnen|konnten|darf|durfte|konnt)\b.*\b(haben|bekommen|kriegen|erhalten|herunterladen|"
            r"downloaden|schicken|senden|zuschicken|zusenden|mailen|geben|weiterleiten)\b"
        ),
        False,
    ),
    (re.compile(rf"^{_LEAD}(schick|schicke|sende|gib|schickst)( (du|mir|uns|bitte|das|die|den|es|mal))\b"), False),
    (re.compile(r"\b(hatte|mochte|wurde|will|brauche) (\w+ )?(gern|gerne|ich|bitte)\b"), True),
    (re.compile(r"\bwo (finde|bekomme|kriege|ist|sind|gibt|kann|lade|bekommt)\b"), True),
    # French: "je peux avoir", "envoie-moi", "je voudrais le…", "où est le…", "recevoir"
    (re.compile(r"\b(avoir|recevoir|obtenir|telecharger|acceder)\b"), True),
    (re.compile(r"\b(envoyer|envoie|envoies|envoyez|renvoyer|renvoie|renvoyez|transmettre|m envoyer)\b"), False),
    (re.compile(r"\b(je voudrais|j aimerais|je veux|je souhaiterais|je souhaite)\b"), True),
    (re.compile(r"\bou (est|sont|trouver|je trouve|puis je|peut on|telecharger|se trouve)\b"), True),
    # Spanish / Portuguese / Italian: "me puedes enviar", "me pasas", "pode me mandar", "quero o…"
    (
        re.compile(
            r"\b(puedes|podrias|puede|podria|pueden|podes|pode|poderia|consegue|podia|puoi|potresti)"
            r"( me| mi)? (enviar|mandar|pasar|compartir|reenviar|dar|passar|compartilhar|inviar|"
            r"girar|condivider)\w*"
        ),
        False,
    ),
    (
        re.compile(
            r"\bme (pasas|envias|mandas|compartes|das|reenvias|pasarias|enviarias|mandarias|manda|envia"
            r"|passa)\b"
        ),
        False,
    ),
    (
        re.compile(
            rf"^{_LEAD}(mandame|enviame|pasame|manda|envia|reenvia|mandem|envie|mandami|inviami|"
            rf"passami)\b"
        ),
        False,
    ),
    (re.compile(r"\b(mandarme|enviarme|pasarme|mandarmi|inviarmi|passarmi|mandarmelo|enviarmelo)\b"), False),
    (re.compile(r"\b(quiero|quisiera|me gustaria|necesito|queria|quero|gostaria|preciso|vorrei|voglio)\b"), True),
    (
        re.compile(
            r"\b(puedo|podria|posso|poderia|potrei)( \w+)? (tener|recibir|conseguir|descargar|obtener|ter"
            r"|receber|baixar|pegar|avere|ricevere|scaricare)\b"
        ),
        False,
    ),
    (re.compile(r"\b(recibir|descargar|receber|baixar|ricevere|scaricare)\b"), True),
    (
        re.compile(
            r"\b(donde|onde|dove) (esta|estan|encuentro|puedo|descargo|consigo|encontro|acho|baixo|"
            r"fica|trovo|posso|e|scarico|lo|la)\b"
        ),
        True,
    ),
    # Polish / Turkish: "możesz mi wysłać", "poproszę…", "alabilir miyim", "gönderebilir misin"
    (re.compile(r"\b(wyslac|wyslij|wyslesz|przeslac|przeslij|dostac|otrzymac|poprosze|prosze o)\b"), False),
    (
        re.compile(
            r"\b\w*(alabilir|gonderebilir|gonderir|gonder|yollar|yollayabilir|atabilir|indirebilir|"
            r"paylasabilir)\w*\b"
        ),
        False,
    ),
)
_POLITE_RE = re.compile(
    r"\b(please|pls|plz|plx|aub|alsjeblieft|alstublieft|ajb|graag|bitte|svp|stp|porfa|"
    r"por favor|per favore|prosze|lutfen|pleas)\b"
)
_NOT_RECEIVED_RE = re.compile(
    r"\b((i|we) (didnt|did not|never|havent|have not|still havent|still didnt) (get|got|receive|received|"
    r"gotten)|nothing (came|arrived|has come|showed up)|still waiting|(niet|niks|niets|nooit|nog niet) "
    r"(ontvangen|gekregen|binnengekregen|aangekomen)|nicht (erhalten|bekommen|angekommen)|(pas|rien) recu|"
    r"no (me )?(llego|ha llegado|recibi|he recibido)|nao (recebi|chegou)|non (ho ricevuto|e arrivato))\b"
)
_LINK_RE = re.compile(r"\b(links?|urls?|download|downloadlink|liens?|enlaces?|linki?)\b")

# Questions: markers anywhere, then inverted / wh- clause starts per language.
_QUESTION_MARKER_RE = _rx(
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
_QUESTION_START_RE = re.compile(
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


def _has_object(rest: str) -> bool:
    return bool(_OBJECT_RE.search(rest.strip()))


def _explicit_request(t: _Text) -> str | None:
    for clause in t.clauses:
        for pattern, needs_object in _REQUEST_FRAMES:
            for m in pattern.finditer(clause):
                if needs_object == ANY and not (_RES_RE.search(clause) or _PRONOUN_RE.search(clause)):
                    continue
                if needs_object is True and not _has_object(clause[m.end() :]):
                    continue
                # "mag ik de checklist delen?" / "can I have the template and print it?" -> question frame
                if needs_object is True and _USE_RE.search(clause[m.end() :]):
                    continue
                return f"request frame: {m.group(0)!r}"
    return None


def _noun_only_request(clause: str) -> bool:
    """A clause that is just a resource noun (+ please/greeting): "ebook pls", "link?", "TEMPLATE AUB"."""
    tokens = [w for w in clause.split() if w not in lx.FILLER_WORDS]
    if not tokens or not _RES_RE.search(clause):
        return False
    unknown = [w for w in tokens if not _RES_RE.fullmatch(w)]
    # "content calendar template pls": a couple of qualifiers are fine when the member is asking politely.
    return not unknown or (len(unknown) <= 2 and bool(_POLITE_RE.search(clause)))


def _is_gratitude_word(word: str) -> bool:
    sq = lx.squeeze(word)
    return sq in _GRATITUDE_SQ or sq.startswith(_GRATITUDE_PREFIX_SQ)


_GRATITUDE_SQ = frozenset(lx.squeeze(w) for w in lx.GRATITUDE_WORDS)
_GRATITUDE_PREFIX_SQ = tuple(lx.squeeze(p) for p in lx.GRATITUDE_PREFIXES)
_PRAISE_SQ = frozenset(lx.squeeze(w) for w in lx.PRAISE_WORDS)
_PRAISE_PHRASE_RE = re.compile(
    r"\b(exactly what i (needed|was looking for)|just what i needed|saved (me|my)|life ?saver|game ?changer|"
    r"so (good|helpful|useful)|precies wat ik|echt (top|goed|fijn)|genau (das|was)|justo lo que|"
    r"exactement ce|exactamente lo|salvou|me (ha )?(servido|sirve)|you (are|re) (the best|a legend|amazing)|"
    r"well done|goed gedaan|good job|nice job|great job|thumbs up|love (it|this|that))\b"
)
_PROBLEM_RE = re.compile(lx.PROBLEM_RE)
_ACK_SQ = frozenset(lx.squeeze(w) for w in lx.ACK_WORDS)


@dataclass(frozen=True, slots=True)
class _Sentiment:
    gratitude: bool
    praise: bool
    negative: bool
    sarcasm_cue: bool
    acknowledgement: bool = False  # only "ok" / "cool" / "fine"-type words: noted, not grateful


def _sentiment(t: _Text) -> _Sentiment:
    words = _SMALL_TALK_RE.sub(" ", t.words).split()  # "good morning" is not praise
    gratitude = praise = negative = cue = False
    for i, w in enumerate(words):
        sq = lx.squeeze(w)
        negated = any(prev in lx.NEGATORS for prev in words[max(0, i - 2) : i])
        if _is_gratitude_word(w):
            gratitude = True
        elif sq in _PRAISE_SQ:
            if negated:
                negative = True
            else:
                praise = True
        if w in lx.NEGATIVE_WORDS:
            negative = True
        if w in lx.SARCASM_CUES:
            cue = True
    if _PRAISE_PHRASE_RE.search(t.words):
        praise = True
    if praise and not gratitude and not t.positive_emoji and all(lx.squeeze(w) in _ACK_SQ for w in words):
        return _Sentiment(False, False, negative, cue, acknowledgement=True)
    if _PROBLEM_RE.search(t.words):
        negative = True
    return _Sentiment(gratitude, praise or t.positive_emoji > 0, negative, cue)


def _is_question(t: _Text) -> str | None:
    words = _SMALL_TALK_RE.sub(" ", t.words)
    if m := _QUESTION_MARKER_RE.search(words):
        return f"question marker {m.group(0)!r}"
    for clause in t.clauses:
        clause = _SMALL_TALK_RE.sub(" ", clause).strip()
        if clause and (m := _QUESTION_START_RE.match(clause)):
            return f"question clause {m.group(0)!r}"
    if t.has_qmark:
        # "?" with real content (not "hello?" / "how are you?" / "thanks?") needs a human answer.
        content = [w for w in words.split() if w not in lx.FILLER_WORDS and not _is_gratitude_word(w)]
        if content:
            return "question mark"
    return None


_MAX_CHARS = 4000  # Discord's own limit; keeps the worst case of the ".*" rules bounded


def classify_with_reason(text: str) -> tuple[Label, str]:
    """Classify ``text`` and say which rule decided (for logs and debugging)."""
    if not text or not text.strip():
        return Label.OTHER, "empty"
    text = text[:_MAX_CHARS]
    t = _normalise(text)
    if not t.words:
        if t.positive_emoji:
            return Label.THANKS, "thankful emoji only"
        return Label.OTHER, "no words" if not t.has_url else "link only"
    if _SPAM_RE.search(t.words) and (t.has_url or len(_SPAM_RE.findall(t.words)) > 1 or "dm me" in t.words):
        return Label.OTHER, "spam"
    if _COMMAND_RE.match(text.replace("`", "")) and len(t.words.split()) <= 3:
        return Label.OTHER, "mistyped command"
    if m := _DECLINE_RE.search(t.words):
        return Label.OTHER, f"decline/sarcasm {m.group(0)!r}"
    if reason := _explicit_request(t):
        return Label.REQUEST, reason
    if any(_noun_only_request(c) for c in t.clauses):
        return Label.REQUEST, "resource noun on its own"
    s = _sentiment(t)
    if (s.gratitude or s.praise) and s.negative and s.sarcasm_cue:
        return Label.OTHER, "sarcastic thanks"
    if reason := _is_question(t):
        return Label.QUESTION, reason
    if _NOT_RECEIVED_RE.search(t.words) or (_PROBLEM_RE.search(t.words) and _LINK_RE.search(t.words)):
        return Label.REQUEST, "resource not received / link broken"
    if s.gratitude:
        return Label.THANKS, "gratitude word"
    if s.praise and not s.negative:
        return Label.THANKS, "praise"
    if s.acknowledgement:
        return Label.OTHER, "bare acknowledgement"
    return Label.OTHER, "negative feedback" if s.negative else "nothing to act on"


def classify(text: str) -> Label:
    """Label a member's DM as THANKS, QUESTION, REQUEST or OTHER (see module docstring for precedence)."""
    return classify_with_reason(text)[0]
