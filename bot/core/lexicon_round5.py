"""Patterns added in the fifth round of issue 14, on folded text (see lexicon.fold): how-to questions
about putting a resource into an app ("how do I get the stickers onto goodnotes?"), bare-noun asks under
a heading ("Gezocht: …", "Suche: …", "Busco: …"), "never got anything, not even in spam", needs told
as "I could really use …", thanks that say nothing was forgotten, wishes for a nice day, small talk
about Discord lagging, sarcasm about repeated messages, follower-selling spam, praise told as a
comparison ("nicer than the one I bought"), and messages explained away ("ignore, my son took the
phone"). Each is a shape, in nine languages, not a stored sentence.
"""

from __future__ import annotations

import re

# "how do I get the stickers onto goodnotes?", "wie bekomme ich die Presets in Lightroom rein?": the
# member has the file and asks how to use it. A target place or app after the object makes it a how-to.
HOW_TO_PUT_RE = re.compile(
    r"\b(how (do|can|would|should) (i|we|you) (get|put|load|import|add|install)|how to (get|put|load|import|add)|"
    r"hoe (krijg|zet|laad|importeer|installeer) (ik|je)|hoe (kan|moet) ik (\w+ ){1,4}(krijgen|zetten|laden)|"
    r"wie (bekomme|kriege|bringe|lade|importiere|installiere) ich|wie (kann|muss) ich (\w+ ){1,4}"
    r"(bekommen|kriegen|laden|importieren)|comment (je )?(mettre|importer|installer|charger)|comment (je )?"
    r"(les|le|la) (mets|importe|installe)|como (pongo|meto|importo|cargo|instalo|coloco|boto|ponho)|"
    r"come (metto|carico|importo|installo)|jak (wgrac|zaimportowac|dodac|wrzucic)|nasil (yukle|ekle|aktar)\w*)\b"
    r"(?=.*\b(onto|into|in|on|op|auf|in|rein|dans|sur|en|em|no|na|nel|nella|su|do|w|to)\b "
    r"(\w+ ){0,3}?(goodnotes|notability|lightroom|procreate|notion|canva|kindle|cricut|ipad|iphone|phone|telefoon|"
    r"handy|telephone|celular|telefono|telefon|app|tablet|drive|excel|sheets|word|fl studio|ableton|garageband)\b)"
)

# A heading, then the thing: "Gezocht: het weekmenu", "Wunsch: Bullet Journal Vorlagen", "Aranıyor: …".
# Matched on the folded raw text, since the colon is what makes it a heading.
HEADING_RE = re.compile(
    r"^\W*(wanted|looking for|searching|request|gezocht|gevraagd|zoek|gesucht|suche|wunsch|anfrage|"
    r"recherche|recherche|cherche|demande|busco|se busca|buscando|pedido|procuro|procura se|cerco|cercasi|"
    r"richiesta|szukam|poszukuje|prosba|araniyor|ariyorum|istek)\s*:\s*\S"
)

# "never got anything, not even in spam", "hab nie was bekommen, auch nicht im Spam": nothing came.
NOTHING_CAME_RE = re.compile(
    r"\b(never (got|received) anything|(nooit|niks|niets) (iets |niks |niets )?(ontvangen|gekregen)|"
    r"nie (was|etwas|nix|nichts) (bekommen|erhalten|gekriegt)|nichts (bekommen|erhalten|angekommen)|"
    r"(jamais|rien) (rien )?re[cs]u|nunca (me )?(llego|ha llegado|recibi|chegou|recebi) nada|"
    r"nao (me )?(chegou|recebi) nada|non (mi )?(e arrivato|ho ricevuto|arriva) (mai )?niente|mai (ricevuto|arrivato) "
    r"niente|nic (nie )?(dostalam|dostalem|przyszlo|doszlo)|hic(bir sey)? (gelmedi|almadim))\b"
)
NOT_EVEN_SPAM_RE = re.compile(r"\bspam|junk|ongewenst|indesirables|correo no deseado|lixo eletronico\b")

# "I could really use the lesson plan this week": a need, not praise.
COULD_USE_RE = re.compile(
    r"\b(could (really |totally |definitely )?use|kan (\w+ ){1,4}(goed|echt|prima) gebruiken|"
    r"konnte (\w+ ){1,4}(gut|echt|sehr) gebrauchen|aurais (bien |vraiment )?besoin d|me vendria (bien|genial)|"
    r"me (serviria|viria) (muito|bem)|mi servirebbe|przydal(a|oby|yby)? (mi )?si|isime (cok )?yarar|"
    r"blagam o|implore|smeek)\b"
)

# "thanks to your checklist I forgot nothing": the forgetting is denied, so no attachment is missing.
FORGOT_NOTHING_RE = re.compile(
    r"\b(forgot nothing|(didnt|did not|never) forget|nothing (was )?forgotten|niks|niets|nix|nichts|rien|nada|"
    r"niente|nulla|nic|hicbir sey) (\w+ ){0,3}?(forgot|vergeten|vergessen|oublie|olvide|olvido|esqueci|"
    r"dimenticato|zapomnialam|zapomnialem|unuttum)\b|\b(forgot|vergeten|vergessen|oublie|olvido|esqueci|"
    r"dimenticato|zapomnial\w*|unutmadim)\b (\w+ ){0,2}?(nothing|niks|niets|nix|nichts|rien|nada|niente|nulla|nic)\b"
    r"|\b(unutmadim|niczego nie zapomnial\w*|nic nie zapomnial\w*)\b"
)

# "fijne vrijdag!", "schönen Freitag euch!", "iyi cumalar!": a wish for the day, nothing to act on.
NICE_DAY_RE = re.compile(
    r"^(have a )?(nice|great|good|happy|lovely) (day|weekend|friday|monday|evening|week)( (all|everyone|guys))?$|"
    r"^(fijne|prettige|goede) (dag|avond|vrijdag|zaterdag|zondag|maandag|week|weekend)( allemaal| iedereen)?$|"
    r"^(schonen|guten|frohen) (tag|abend|freitag|samstag|sonntag|montag|feierabend|wochenende)( euch| dir| allen)?$|"
    r"^(bon|bonne) (journee|soiree|vendredi|samedi|dimanche|lundi|semaine|weekend|week end)( a tous)?$|"
    r"^(feliz|buen) (dia|viernes|finde|fin de semana|sabado|domingo|lunes)( a todos)?$|"
    r"^(bom|boa) (dia|sexta|fim de semana|semana|noite|tarde)( a todos| pessoal)?$|"
    r"^(buon|buona) (venerdi|weekend|fine settimana|giornata|serata|settimana|sabato|domenica)( a tutti)?$|"
    r"^(milego|udanego) (dnia|piatku|weekendu|wieczoru|tygodnia)( wszystkim)?$|"
    r"^iyi (cumalar|gunler|aksamlar|haftasonlari|hafta sonlari|haftalar)( herkese)?$"
)

# "does discord lag for you too?", "hoe gaat het met iedereen?", "nasılsınız millet?": small talk.
SMALL_TALK_ROUND5_RE = re.compile(
    r"\bdiscord\b.*\b(lag\w*|hapert|haperen|hangt|traag|laggt|ruckelt|spinnt|bug\w*|rame|travando|trava|"
    r"va a scatti|laguje|kasiyor|kasma)\b|\b(lag\w*|haperen|laggt|rame|travando|scatti|laguje|kasiyor)\b.*\bdiscord\b|"
    r"^(hoe gaat het met (iedereen|jullie)|how is everyone|hows everyone|how are you all|wie gehts euch|"
    r"comment allez vous|ca va tout le monde|que tal (todos|a todos)|como estan (todos)?|como estao|tudo bem com vcs|"
    r"come state|jak sie macie|nasilsiniz( millet)?|naber millet)$"
)

# "kan de lesplanning goed gebruiken", not "could use a break": the thing is named or pointed at.
POINTED_AT_RE = re.compile(
    r"\b(the|that|those|these|your|de|het|die|deze|dat|jouw|den|das|diese\w*|dein\w*|le|la|les|ce|el|ese|esa|o|a|esse|essa|il|lo|quel\w*|ten|te|ta|tego|bu|su)\b"
)

# Sarcasm about the bot sending the same message over and over ("thanks for the 12 identical messages").
REPEATED_MESSAGES_RE = re.compile(
    r"\b(\d+|twelve|ten|five) (identical|same|duplicate|identieke|dezelfde|gleichen|identischen|identiques|"
    r"memes|mismos|identicos|mesmas|iguais|stessi|identici|identycznych|takich samych|ayni)\b"
    r"|\b(really needed those|echt nodig|genau das brauchte ich)\b.*\bbot\b"
)

# Selling followers, likes or votes: spam.
SPAM_ROUND5_RE = re.compile(
    r"\b(cheap|buy|selling|goedkope|billige|pas cher|baratos|baratos|economici|tanie|ucuz) "
    r"(\w+ )?(followers|likes|volgers|abonnes|seguidores|follower|obserwujacych|takipci)\b|"
    r"\bvote for my\b|\bstem op mijn\b|\bvotez pour mon\b"
)

# "nicer than the one I bought last year", "strakker dan die ik vorig jaar heb gekocht": praise.
BETTER_THAN_BOUGHT_RE = re.compile(
    r"\b(better|nicer|prettier|cleaner|strakker|mooier|beter|schoner|besser|hubscher|mieux|plus (beau|belle|joli\w*)|"
    r"mejor|mas bonit[oa]|mais bonit[oa]|melhor|piu bell[oa]|migliore|ladniejsz\w*|lepsz\w*|daha (guzel|iyi))\b"
    r".*\b(bought|paid|gekocht|betaald|gekauft|bezahlt|achete|paye|compre|pague|paguei|comprei|pagato|comprato|"
    r"kupil\w*|zaplacil\w*|aldigim|odedigim|satin aldigim)\b"
)

# "ignorate, mio figlio ha preso il telefono", "sorry, sollte in die Suchleiste": a message explained away.
IGNORE_THAT_RE = re.compile(
    r"^(ignore (that|this|it)|negeer (dat|dit|maar)|ignorier\w* (das|es)|ignorez|ignora|ignorad|ignorem|ignorate|"
    r"zignoruj\w*|bosver\w*|bos ver\w*)\b.*\b(son|daughter|kid|cat|zoon|dochter|sohn|tochter|fils|fille|hijo|hija|"
    r"filho|filha|figlio|figlia|syn|corka|oglum|kizim|telefon\w*|phone|handy)\b|"
    r"^(sorry|sorri|sry|pardon|perdon|scusa\w*|przepraszam) (\w+ )?(sollte|moest|was meant|meant) "
    r"(in|for|voor|fur) "
    r"(die|de|the|het) (such\w*|zoek\w*|search\w*)"
)

# Emoji-only messages that greet or cheer for something other than the resource: "👋😃", "⚽🥅🔥".
NOT_THANKFUL_EMOJI = frozenset("👋⚽🥅🎸🎮🏀🎾🍕🍺🎂🎃🎄😝😜🤪😎🤔😅😂🤣")
STRONG_THANKFUL_EMOJI = frozenset("🙏❤♥💖💕💗💓💞💜💙💚💛🧡🤍🖤😍🥰🥹🙌👏💯🫶💝💐🙇❣")

# "the colours are a bit dull for my taste": a lukewarm opinion, no praise and nothing asked.
FOR_MY_TASTE_RE = re.compile(
    r"\b(for my taste|naar mijn smaak|voor mijn smaak|fur meinen geschmack|mir (etwas |ein bisschen )?zu \w+|"
    r"a mon gout|pour mon gout|para mi gusto|a mi gusto|pro meu gosto|para o meu gosto|per i miei gusti|"
    r"per il mio gusto|jak na moj gust|zevkime gore|bana gore biraz)\b"
)

# "the pdf is in English, do you have it in Spanish?": the wrong language came, the right one is asked for.
LANGUAGE_NAME_RE = re.compile(
    r"\b(english|engels|englisch|anglais|ingles|inglese|angielsk\w*|ingilizce\w*|dutch|nederlands|niederlandisch|"
    r"neerlandais|holandes|olandese|holendersk\w*|hollandaca|german|duits|deutsch|allemand|aleman|alemao|tedesco|"
    r"niemieck\w*|almanca\w*|french|frans|franzosisch|francais|frances|francese|francusk\w*|fransizca\w*|spanish|"
    r"spaans|spanisch|espagnol|espanol|espanhol|spagnolo|hiszpansk\w*|ispanyolca\w*|portuguese|portugees|"
    r"portugiesisch|portugais|portugues|portoghese|portugalsk\w*|portekizce\w*|italian|italiaans|italienisch|"
    r"italien|italiano|wlosk\w*|italyanca\w*|polish|pools|polnisch|polonais|polaco|polones|polacco|polsk\w*|"
    r"lehce\w*|turkish|turks|turkisch|turc|turco|turecki\w*|turkce\w*)\b"
)
HAVE_IT_RE = re.compile(
    r"\b(have|got|heb je|hebt u|hast du|haben sie|gibts|aurais|as tu|avez vous|tienes|tiene|tenes|tem|tens|"
    r"hai|ce l hai|avete|masz|macie|var mi|varmi|sende var)\b"
)

# "my sister asked me to message you, she'd like the knitting pattern": an ask on someone's behalf.
ON_BEHALF_RE = re.compile(
    r"\b((she|he|they)( would|d)? (like|love|wants?)|(ze|hij|zij) (wil|zou graag|wil graag)|(sie|er) (mochte|will|"
    r"hatte gern)|(elle|il) (voudrait|veut|aimerait)|(ella|el) (quiere|querria|quisiera)|(ela|ele) (quer|queria|"
    r"gostaria)|(lei|lui) (vorrebbe|vuole)|(ona|on) (chce|chcialaby|chcialby|prosi o)|(o )?(istiyor|rica ediyor))\b"
)

# "where's the drum kit, it's been 3 days": still waiting for it, told as a question.
WHERE_SINCE_DAYS_RE = re.compile(
    r"\b(where is|wheres|where s|waar blijft|waar is|wo bleibt|wo ist|ou est|il est ou|elle est ou|donde esta|"
    r"cade|onde esta|dov e|dove|gdzie jest|gdzie) (\w+ ){1,3}(ca fait |it s been |its been |been |already |al |"
    r"schon |seit |depuis |hace |faz |ja |da |od |juz |)(\d+|two|three|twee|drie|zwei|drei|deux|trois|dos|tres|"
    r"dois|due|tre|dwa|trzy|iki|uc|a few|een paar|ein paar|quelques|unos|uns|alcuni|kilka|birkac)"
    r" (days|dagen|tage\w*|jours|dias|giorni|dni|gundur|gun|weeks|weken|wochen|semaines|semanas|settimane|tygodni)\b"
)

# A formal letter that says what it is for: "le escribo para solicitarle la guía", "I am writing to ask
# for the planner". And "I'd love to have" in the languages the earlier wish lists missed.
WRITING_TO_ASK_RE = re.compile(
    r"\b(writing to (ask|request)|ik schrijf (u|je|jou) (om|omdat)|schreibe (ihnen|dir|euch) (\w+ ){0,2}?(um|weil)|"
    r"vous ecris pour (vous )?demander|te ecris pour (te )?demander|(le|te|les) escribo para (solicitar|pedir)\w*|"
    r"escrevo para (pedir|solicitar)|(le|ti) scrivo per (chiedere|richiedere)|pisze z prosba o|"
    r"(rica|talep) etmek icin yaziyorum|adoraria (ter|receber)|me encantaria (tener|recibir)|cok isterim)\b"
)
