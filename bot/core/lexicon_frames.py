"""Request frames: the grammatical shapes of "send me / can I have / where is" in nine languages.

Split from ``bot.core.lexicon`` (which holds the shared word lists these frames build on) to keep
each module readable. Written in the classifier's normalised form, like the rest of the lexicon.
Each entry is ``(pattern, mode)``; the mode says what must follow the trigger for it to count:
``False`` nothing, ``True`` an object (a resource noun or pronoun), ``ANY`` a resource noun
anywhere in the clause, ``LOOSE`` an object or a definite article ("can I get the presets?").
"""

from __future__ import annotations

import re

from bot.core.lexicon import ANY, LEAD_FILLERS_RE, LOOSE
from bot.core.lexicon_round3 import REQUEST_FRAMES_ROUND3

_LEAD = LEAD_FILLERS_RE

# (trigger, needs an object after it). Each trigger is a grammatical frame, not a sentence.
_REQUEST_FRAMES: tuple[tuple[re.Pattern[str], bool | int], ...] = (  # mode: False, True (object), ANY, LOOSE
    # English: "can I get/have…", "could you send me…", "send me…", "I'd like the…", "where is the…"
    (
        re.compile(
            r"\b(can|could|may|might|cn|cud|pls|please) (i|we) (?:\w+ ){0,2}?(get|have|receive|grab"
            r"|download|access|obtain|get a copy of|snag|nab|score|still get|also get)\b"
        ),
        LOOSE,
    ),
    (
        re.compile(
            r"\b(can|could|would|will|pls|please|cn|cud|mind) (you|u|ya) (?:\w+ ){0,2}?(send|resend"
            r"|dm|email|mail|forward|give|pass|drop|share|link|post|text|attach|sending|resending|dming"
            r"|emailing|forwarding|sharing|passing|dropping|posting)\b"
        ),
        LOOSE,
    ),
    (re.compile(rf"^{_LEAD}(just |kindly |now )?(send|resend|dm|email|mail|forward|drop|share|give)\b"), True),
    (re.compile(r"\b(send|dm|email|mail|text|forward) (me|us|it to me|this to me|that to me)\b"), False),
    (re.compile(r"\b(gimme|lemme (get|have)|give me (the|a|an|that|this|it|your))\b"), False),
    (
        re.compile(
            r"\b((i d|i would|id|would|we d|we would)( (really|also|still|just|so))? (like|love)|(?<!\bdo )"
            r"(?<!\bdid )(i|we)( (really|also|still|just))? (want|need|wanna))"
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
            r"\b(where|wheres)( (is|are|s|can|could|do|to|did))?( (i|we))?"
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
            r"noch (online|da|zu haben)|toujours (en ligne|dispo)|dispo|"
            r"still free|free to (download|get|grab))\b"
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
    # "download link pls" (not "how long is the download link valid?", "when I download it")
    (
        re.compile(
            r"^(?!(how|when|what|why|do|does|did|will|is|are|if|was)\b)(\w+ ){0,3}?(download|access|copy) (link|it)\b"
        ),
        False,
    ),
    # "I'm here for the checklist", "commenting for the guide", "ik kom voor de gids"
    (
        re.compile(
            r"\b(here|came|come|coming|commenting|commented|comment|dm you|dmd|dmed|dming|a dm|messaging|message you|"
            r"a message|asked|"
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
    (re.compile(r"\bmag ik( \w+){0,2}?\b(?=.*\b(de|het|een|die|dat|jouw|je|uw|deze|hem|m|the|a|your)\b)"), True),
    (
        re.compile(
            r"\b(mag|kan|kun|kunt|zou|zouden|wil|wilt|kunnen|kon|graag)\b.*\b(krijgen|ontvangen|hebben|downloaden)\b"
        ),
        False,
    ),
    (  # sending is asked of "je" / "u" ("kun je me … sturen"), not announced by "ik" ("mag ik het doorsturen?")
        re.compile(
            r"\b(mag|kan|kun|kunt|zou|zouden|wil|wilt|kunnen|kon|graag)\b(?! ik\b).*\b(sturen|opsturen|toesturen|"
            r"doorsturen|mailen|bezorgen)\b"
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
    (re.compile(r"\b(mag|kan|krijg|wil) ik er (ook |nog |even )*(een|1|eentje)\b"), False),  # "mag ik er ook een?"
    # German: "kann ich … haben/bekommen", "kannst du … schicken", "schick mir", "hätte gern", "wo finde"
    (
        re.compile(
            r"\b(kann|kannst|konnte|konntest|konnen|konnten|darf|durfte|konnt|magst|mochtest|willst|will|mochte|"
            r"wurdest)\b.*\b(haben|bekommen|kriegen|erhalten|herunterladen|downloaden)\b"
        ),
        False,
    ),
    (  # sending is asked of "du" / "Sie": "kannst du mir … schicken" (not "kann ich Feedback geben")
        re.compile(
            r"\b(kannst|konntest|konnen|konnten|konnt|magst|willst|wurdest|wurden)\b.*\b(schicken|senden|zuschicken|"
            r"zusenden|mailen|geben|weiterleiten)\b"
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
    (
        re.compile(
            r"\b(wyslac|wyslij|wyslesz|przeslac|przeslij|przeslesz|podeslac|podeslij|podeslesz|dostac|otrzymac|"
            r"poprosze|prosze o)\b"
        ),
        False,
    ),
    (
        re.compile(
            r"\b\w*(alabilir|gonderebilir|gonderir|gonder|yollar|yollayabilir|atabilir|indirebilir|"
            r"paylasabilir)\w*\b"
        ),
        False,
    ),
)
REQUEST_FRAMES = (*_REQUEST_FRAMES, *REQUEST_FRAMES_ROUND3)  # asking again, a new one, still have it (round 3)
