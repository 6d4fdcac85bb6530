"""Patterns added in the second round of issue 14, on folded text (see lexicon.fold): declines that
thank ("thanks anyway"), unsubscribing, and a delivery that is still broken or arrived blank; and,
moved out of bot.core.classifier to keep it short, what cannot be sent and the words that ask."""

from __future__ import annotations

import re

from bot.core.lexicon_round3 import STOP_WRITING_RE

# "thanks anyway, found it elsewhere", "trotzdem danke": the member no longer wants it.
THANKS_ANYWAY_RE = re.compile(
    r"\b((thanks?|thank you|thx|ty|cheers) (anyway|anyways|all the same|regardless)|(toch|evengoed) (bedankt|dank "
    r"je|dankjewel|dank u)|trotzdem danke|danke trotzdem|merci (quand meme|tout de meme|malgre tout)|gracias (de todos "
    r"modos|de todas formas|igual|igualmente)|(valeu|obrigad[oa]) (mesmo assim|de qualquer forma|de todo jeito)|"
    r"grazie (lo stesso|comunque)|i tak dzieki\w*|dzieki\w* mimo (to|wszystko)|yine de (sag ?ol\w*|tesekkur\w*))\b"
)
# "please remove me from your list": the member wants fewer messages, not a resource.
UNSUBSCRIBE_RE = re.compile(
    r"\b(unsubscribe|remove me from|take me off|haal me (\w+ )?van|uitschrijven|schrijf me uit|nimm mich (\w+ )?von|"
    r"abmelden|austragen|retire moi|desinscri\w*|sacame de|darme de baja|me tira d[ao]|descadastr\w*|"
    r"toglimi (da|dalla|dal|dai|dalle)|(dont|do not|never) (dm|message|text|write to|contact) me|stuur me (\w+ )?geen|"
    r"schreib mir (\w+ )?nicht|ne m ecris plus|no me escribas|nao me mand\w* mais|non scrivermi|nie pisz do mnie|"
    r"bana (\w+ )?(yazma|mesaj atma)|disiscriv\w*|usun mnie|wypisz mnie|beni (\w+ )?(listenden|listeden) cikar)\b"
)
# "the link still doesn't work" in the languages the first round missed; "every page is blank".
STILL_BROKEN_RE = re.compile(
    r"\b((sigue|continua|segue) (sin|sem|a non|non) (funcionar|funziona\w*)|(all|every|alle|toutes les|todas (las|as)|"
    r"tutte le|wszystkie|butun) (the )?(pages?|paginas?|seiten|pagine|strony|sayfalar) (\w+ ){0,2}?(white|blank|wit|"
    r"leeg|weiss|leer|blanches|vides|en blanco|em branco|bianche|vuote|biale|puste|beyaz|bos))\b"
)
# "danke für den Spam", "merci pour le spam": sarcasm (the English form is in lexicon_intent).
SPAM_THANKS_RE = re.compile(
    r"\b((fur den|pour le|por el|pelo|per lo|za|voor de|for the) spam\w*|spam (icin|\w+ icin))\b"
)
DECLINE_MORE_RE = re.compile(
    f"{THANKS_ANYWAY_RE.pattern}|{UNSUBSCRIBE_RE.pattern}|{SPAM_THANKS_RE.pattern}|{STOP_WRITING_RE.pattern}"
)

# Things a creator gives by answering, not by sending a file: "can I get a refund for the course?"
NOT_SENDABLE_RE = re.compile(
    r"^(?:\w+ )?(refund|refunds|discount|coupon|promo|opinion|feedback|advice|help|answer|reply|response|call|"
    r"hilfe|hulp|ayuda|ajuda|aiuto|aide|pomoc\w*|yardim\w*|tips|tipps|consejos?|conselhos?|consigli\w*|rada|"
    r"uitleg|erklarung|explication|explicacion|explicacao|spiegazione|wyjasnieni\w*|aciklama\w*|"
    r"meeting|invoice for|receipt|(to )?(know|ask|saber|preguntar|perguntar|weten|vragen|wissen|fragen|savoir|"
    r"demander|sapere|chiedere|wiedziec|zapytac|sormak|ogrenmek|say|tell|thank|zeggen|sagen|danken|dire|remercier|"
    r"decir|contar|agradecer\w*|dizer|dirti|ringraziar\w*|powiedziec|podziekowac|soylemek))\b"
)

# Words that ask ("can I have", "mag ik", "please"): naming an offered resource then makes a request.
ASK_CUE_RE = re.compile(
    r"\b((can|could|may|might) (i|we)|(do|did) you (still )?have|any chance|is there|(mag|kan|kun|krijg|wil) ik|"
    r"(heb|hebt) (je|jij|u)|(darf|kann|konnte|bekomme) ich|hast du|(je )?(peux|puis|pourrais) (je|avoir)|"
    r"puedo|podria|tienes|posso|poderia|tem|potrei|hai|czy (moge|masz)|moge|alabilir|var mi|"
    r"(i|we) (want|need|d like|would like)|(ik|wij) (wil|wilde|zou)|graag|(ich|wir) (mochte|mochten|hatte|hatten|will)|"
    r"je (voudrais|veux)|quiero|quisiera|quero|queria|vorrei|poprosze|istiyorum|"
    r"please|pls|plz|aub|alsjeblieft|bitte|svp|stp|por favor|porfa|per favore|prosze|lutfen)\b"
)
