"""Patterns for what a member *means* when the words say something else (issue 14).

Written in the classifier's normalised form (casefolded, accents stripped, apostrophes glued or
split as in ``bot.core.classifier_text.normalise``). Grouped by intent, each group covering English,
Dutch, German, French, Spanish, Portuguese, Italian, Polish and Turkish:

* resource nouns, also at the end of a compound ("budgetplanner") -> what a request is about;
* wishes and roundabout asks: "I'd love…", "würde mich freuen über…", "is there a way to get…";
* sarcasm and declines: an eye-roll, "thanks for nothing", "I'll pass" -> other;
* warm words that carry no "thank" ("so pretty", "eline sağlık") -> thanks.

Delivery complaints (did not come, came broken, was forgotten) live in ``lexicon_delivery``.

Each pattern is a grammatical frame (a verb of waiting, forgetting, wishing…), never a sentence.
"""

from __future__ import annotations

import re

from bot.core.lexicon import RESOURCE_RE
from bot.core.lexicon_round3 import NOUNS_ROUND3, WISH_FRAMES_ROUND3
from bot.core.lexicon_round4 import WISH_FRAMES_ROUND4

# A resource noun, also at the end of a compound ("budgetplanner", "downloadlink", "Wochenplaner").
_EXTRA_NOUNS = (
    r"(?:attachments?|bijlagen?|anhang|anhange|piece jointe|pieces jointes|adjuntos?|anexos?|allegat[oi]|"
    r"zalacznik\w*|werkblad(?:en|je)?|calculators?|rekentool|planer\w*|planificador\w*|planejador\w*|"
    r"planlayici\w*|poradnik\w*|arkusz\w*|listesi\w*|bonus|notes|ebooki?\w*|e books?|tabel(?:len)?|"
    r"tableau|tabella|tabelle|tabla|tabela|kalender|calendario|calendrier|kalendarz\w*|takvim\w*|"
    r"kitab\w*|kitap\w*|calisma kagid\w*|dashboards?|lists?|emails?|mails?|linkje|linkjes|chapters?|"
    r"hoofdstuk\w*|kapitel|chapitres?|capitulos?|"
    r"capitol[oi]|rozdzia\w*|bolum\w*|exemplaa?r\w*|exemplaire|ejemplar|copia|kopie|kopia|kopya\w*|samples?|"
    r"previews?|recipes?|recepten|rezepte?|recettes?|recetas?|receitas?|ricette|przepis\w*|tarif\w*|presets?|"
    r"tableur|tableurs|zip|zips|zipbestand|drive|dysk\w*|cuadernos?|cadernos?|quadern[oi]|zeszyt\w*|defter\w*|"
    r"notitieboek\w*|"
    r"notizbuch|carnets?|printbare|"
    r"druckbare|imprimable|imprimible|imprimivel|stampabile|yazdirilabilir|packs?|masterclass\w*|"
    r"webinars?|replays?|recordings?|opname\w*|aufzeichnung\w*|grabacion\w*|gravacao|"
    r"registrazione|nagrani\w*|kayit\w*|wallpapers?|achtergrond\w*|fonts?|brushes|mockups?|luts?|stickers?|"
    r"flashcards?|journal\w*|prompts?|meal ?plan\w*|maaltijdplan\w*|weekmenu|essensplan|workout ?plan\w*|"
    r"trainingsplan\w*|schemas?|contract\w*|vertrag\w*|contrat\w*|contrato\w*|contratto|umow\w*|sozlesme\w*|"
    r"invoices?|factuur\w*|rechnung\w*|facture\w*|factura\w*|fattura\w*|faktur\w*|fatura\w*|media ?kit|"
    r"quiz\w*|reports?|rapport\w*|informe\w*|relatorio\w*|whitepapers?|case ?stud\w*|"
    r"study ?guides?|summar\w*|samenvatting\w*|zusammenfassung\w*|resumen|resumo|riassunto|"
    r"podsumowani\w*|ozet\w*|audios?|meditation\w*|meditatie\w*|meditacion\w*|meditacao|meditazion\w*|"
    r"medytacj\w*|meditasyon\w*|playlists?|printables?|freebies?|goodies|cadeau\w*|geschenk\w*|regalo\w*|"
    r"presente|brinde\w*|prezent\w*|hediye\w*|bonusy?|bonussen|bonuses|extras?|zusatz\w*|calculadora|calcolatrice|"
    r"kalkulator\w*|hesaplayici\w*|rekenblad\w*|tabellenblatt|hoja de calculo|foglio\w*|folders?|ordner|"
    r"dossier|carpeta|cartella|klasor\w*|" + NOUNS_ROUND3 + ")"
)
# Short or inflected forms that must not end a compound ("dzięki" is not "dzi" + "eki").
_WHOLE_NOUNS = r"(?:eki|pdf(?:i|yi|ini|e|ye|te|de)|linki\w*|linkin)"
NOUN_RE = re.compile(rf"\b(?:\w{{3,}}?)?(?:{RESOURCE_RE}|{_EXTRA_NOUNS})\b|\b{_WHOLE_NOUNS}\b")
# The noun as the object right after a verb of receiving: "recibir el planificador".
OBJECT_NOUN_RE = re.compile(rf"^(?:\w+ ){{0,5}}?(?:\w{{3,}}?)?(?:{RESOURCE_RE}|{_EXTRA_NOUNS})\b")

# --- Wishes and roundabout asks -> request (the object is checked by the classifier) --------------
# (pattern, needs a resource noun somewhere in the message / OBJECT: right after the pattern)
OBJECT = "object"
_WISH_FRAMES: tuple[tuple[re.Pattern[str], bool | str], ...] = (
    # "I'd love to get my hands on…", "hoping to get…", "I'm after…", "looking for the…", "count me in"
    (
        re.compile(
            r"\b((love|like|hoping|hope|looking|wanted|want|trying|came|wanna|keen|eager|thrilled|happy|glad|"
            r"delighted|"
            r"excited|dying) to (get|grab|have|try|"
            r"receive|download|snag|score|get my hands on|get hold of|get ahold of)|get my hands on|"
            r"(any|a|some|an easy|another|no) way (to|i can|i could|for me to) (get|have|receive|download|grab|"
            r"access|obtain)|(i m|im|i am) (after|looking for|interested)|(looking|searching|"
            r"hunting) for (the|your|that|a copy)|"
            r"(is|are) there (a|an|any) (\w+ )?(link|url|download) (to|for|where)|count me in|(i ll|ill|"
            r"i will|id|i d) (take|grab|have) (the|one|a|your|that)|sign me up for|"
            r"hook (me|us) up|(trouble|bother|ask) you for|(any )?chance (of|for) (getting|receiving|having|"
            r"grabbing)|"
            r"(was|were|been) promised|(share|send|pass) (it|them|that|this)? ?(with|to) me|(would|"
            r"d) (really |so |very |be )?(appreciate|be grateful for|be thankful for|"
            r"be (super|so|very|really) grateful for)( it if you could (send|share))?|"
            r"(chance|if|whether|hoping) (you|u) (could|can|would|might) (\w+ ){0,2}?(send|share|pass|drop|"
            r"forward|give|dm|email|resend|hook)|mind (sending|resending|sharing|dropping|forwarding|passing))\b"
        ),
        False,
    ),
    # "me too!", "ik ook graag", "moi aussi", "ben de istiyorum": asking for what others got
    (
        re.compile(
            r"\b(me too|me as well|i want one|want one too|one for me( too)?|(ik|mij) ook|ook graag|ook (een|"
            r"eentje)$|"
            r"er ook (wel )?(een|eentje|1)$|ich auch|auch (gern|gerne|eins)|auch (einen|eine)$|(i d|id|"
            r"would) kill for|moi aussi|en (voudrais|veux|aimerais|prendrais)( bien)? (un|une)|her mit (dem|der|den)|"
            r"zukommen lassen|faire parvenir|(hacer|harias|haces|hace|podrias hacer)( me)? llegar|fazer chegar|"
            r"far(mi)? avere|gibts (\w+ ){1,3}noch|gibt es (\w+ ){1,3}noch|en (avoir|vouloir)"
            r" (un|une)|yo tambien|tambien quiero|tambem quero|eu tambem|quero (um|uma) tambem|anche io|anch io|"
            r"ne vorrei|(re share|reshare|re send|re upload|reupload)|schicks|schick es|schicke es|sende es|"
            r"mandalo|mandamelo|enviamelo|pasamelo|inviamelo|"
            r"inviala|mandala|(ik heb interesse|ich hab\w* interesse|je suis interesse\w*|me interesa|"
            r"tenho interesse|"
            r"mi interessa|jestem zainteresowan\w*|ilgileniyorum|i m interested|im interested|i am interested)$|"
            r"how (do|can|could|should|would) (i|we) (actually|even|now|still|then|just) (get|receive|download|grab|"
            r"access)|ben de (\w+ ){0,2}?(istiyorum|isterim)|anchio|(posso|puedo|pode|possiamo) (averl[oa]|"
            r"riceverl[oa]|tenerl[oa]|recibirl[oa]|te l[oa])|"
            r"(tez|ja tez) (chce|poprosze)|ben de (istiyorum|isterim|alabilir miyim)|hit me (up )?with|"
            r"send (it|one) my way|(too late|still time|still possible) to (get|grab|receive|request)|"
            r"(way|chance|possible|if|whether|hoping|hope|so) (i|we) (can|could|might|may) (still |also )?(get|"
            r"have|receive|grab|snag|download)|(still )?(giving|handing|sending) (away|out) (the|your|that|those|"
            r"it|them)|me l[oa]s? (rimandi|mandi|invii|reenvias|mandas|pasas|envias|manda|passa)|mi (mandi|invii|"
            r"giri|passi)|(gonderir|gonderebilir|atar|atabilir|yollar|yollayabilir|iletir|iletebilir|verir|"
            r"verebilir|paylasir) (misin|"
            r"misiniz)|me l[oa]s? (podrias|puedes|pode|poderia|potresti|puoi|podes) (mandar|enviar|pasar|"
            r"reenviar|mandare|inviare|passar)|se (puede|pueden) (conseguir|descargar|obtener|tener|recibir))\b"
        ),
        False,
    ),
    # "where do I get…" in Polish and Turkish, "hoe krijg ik…", "où je peux trouver…"
    (
        re.compile(
            r"\b(gdzie (znajde|moge|jest|sa|pobrac|pobiore|dostane)|(nerede|nereden) (bulabilirim|indirebilirim|"
            r"alabilirim|bulurum)|hoe (krijg|kom|vind) ik|ou (je )?(peux|pourrais) (je )?(trouver|telecharger|"
            r"avoir|recevoir)|(dmd|dmed|messaged|texted|wrote|emailed) (you )?(for|about) (the|your|a))\b"
        ),
        True,
    ),
    # "what do I need to do to get the freebie?", "wat moet ik doen om … te krijgen"
    (
        re.compile(
            r"\b(what|wat|was|que|cosa|co|ne) (?:\w+ ){0,6}?(do|doen|tun|faire|hacer|fazer|fare|zrobic|yapmam|"
            r"yapmaliyim) "
            r"(?:\w+ ){0,6}?"
            r"\b(get|receive|krijgen|ontvangen|bekommen|erhalten|kriegen|avoir|recevoir|obtenir|recibir|conseguir|"
            r"receber|ricevere|avere|dostac|otrzymac|almak|almam)\b|\b(almak|almam|indirmek) icin ne (yapmam|"
            r"yapmaliyim)\b"
        ),
        True,
    ),
    # Polish, Turkish and Italian ways to ask: "udostępnisz mi", "bym dostała", "prosić o", "rica etsem"
    (
        re.compile(
            r"\b(udostepni\w* mi|udostepnisz|bym (dostal\w*|otrzymal\w*)|prosic o|\w* ?isterdim|rica (etsem|edebilir "
            r"miyim|ederim)|chiederti|chiedervi|potrei chiederti)\b"
        ),
        True,
    ),
    # "when will I get the template?" (it should have come), "too late to get…", "need that checklist"
    (
        re.compile(
            r"\b(when (will|do|can|should|shall) (i|we) (get|receive)|wanneer (krijg|ontvang) ik|"
            r"wann (bekomme|kriege|"
            r"erhalte) ich|quand (est ce que )?je (recois|recevrai|vais recevoir|vais avoir|aurai)|"
            r"cuando (me llega|recibo|"
            r"voy a recibir|llega)|quando (eu )?(recebo|vou receber|chega)|quando (ricevo|arriva)|kiedy (dostane|"
            r"otrzymam|przyjdzie)|ne zaman (alacag\w*|gelecek)|"
            r"(too late|te laat|zu spat|trop tard|muy tarde|demasiado tarde|tarde demais|troppo tardi|za pozno|"
            r"cok mu gec)|(?<!dont )(?<!do not )(?<!didnt )need (that|this|the|your|those) )"
        ),
        True,
    ),
    # "writing to ask for a copy", "ik schrijf u om … te vragen", "… ist irgendwo zu haben?"
    (
        re.compile(
            r"\b(ask(ing)? (you )?for (a|the|your|one)|om (een|de|het) (\w+ ){1,5}?(te )?vragen|erbitten|erbitte|"
            r"demander (le|la|un|une|ton|votre)|pedir(te|le)? (el|la|un|una|tu)|chieder(ti|e) (il|la|un|una)|"
            r"ergens te (krijgen|vinden|downloaden)|irgendwo|quelque part|en algun (lado|lugar|sitio)|"
            r"em algum lugar|da qualche parte|gdzies|bir yerde|somewhere)\b"
        ),
        True,
    ),
    # "where's the…" said the short way: "cadê o pdf?", "dov'è il pdf?", "pdf nerede?"
    (re.compile(r"\b(cade (o|a|os|as|meu|minha|aquele|aquela)|dove (il|la|lo|i|le|l)|\w+ (nerede|nerde))\b"), True),
    # "I need the…" in other languages: the object must follow ("ich brauche Hilfe" is no request)
    (
        re.compile(
            r"\b(mi serv(e|irebbe)|me hace falta|potrzebuj\w*|brauche(?! ich)|j ai besoin d\w*|necesito|"
            r"preciso d[eoa]s?)\b"
        ),
        OBJECT,
    ),
    (re.compile(r"\b\w+ (ihtiyacim var)\b"), True),
    # "would it be ok if I got…", "thanks in advance for the ebook", "alvast bedankt voor de gids"
    (
        re.compile(
            r"\b((ok|okay|possible|alright|fine) if (i|we) (got|get|had|have|could get|could have|received|grabbed)|"
            r"(in advance|alvast|im voraus|d avance|de antemano|desde ja|in anticipo|z gory|"
            r"simdiden) (?:\w+ ){0,6}?(for|voor|"
            r"fur|pour|por|pelo|pela|per|za) (the|a|your|de|het|die|das|den|le|la|el|o|a|il|lo|ton|ta|tu|je|jouw))\b"
        ),
        True,
    ),
    # Dutch: "ik zou blij zijn met…", "lijkt me top om … te krijgen", "hoe kom ik aan…", "mag ik ook zo'n…"
    (
        re.compile(
            r"\b(blij (zijn )?met|zou (het )?(\w+ )?(vinden|fijn|leuk|top|super)|lijkt me (\w+ )?(om|te)|"
            r"hoe (kom|kan) ik (\w+ )?aan|mag ik (ook |er )?(zo n|zon|zo een|er (ook |nog )?een)|"
            r"op zoek naar|lastigvallen (voor|om)|(zou|mag) ik (\w+ ){1,4}?mogen|beloofd|versprochen|promis|"
            r"prometido|promesso|obiecan\w*|"
            r"met (me|mij|ons) (\w+ )?(delen|willen delen)|(teilen|partager|compartir|compartilhar|condividere) "
            r"(\w+ )?(mit mir|avec moi|conmigo|comigo|con me)|dat ik (\w+ ){0,4}?(krijg|ontvang|kan krijgen|kan "
            r"ontvangen|mag hebben)|ik (ben )?benieuwd naar|verzoek\w*|aanvraag|(manier|mogelijk|"
            r"mogelijkheid) om (?:\w+ ){0,6}?"
            r"(krijgen|ontvangen|hebben|downloaden))\b"
        ),
        True,
    ),
    # German: "würde mich über … freuen", "wäre toll, wenn ich … bekommen könnte", "wie komme ich an…"
    (
        re.compile(
            r"\b((wurde|ware|wurden) (\w+ ){0,6}(freuen|toll|super|schon|klasse|lieb|nett)|(wenn|ob|dass) (ich|du|"
            r"man) (?:\w+ ){0,8}?(bekommen|haben|kriegen|erhalten|schicken|senden|zuschicken) (konnte|kann|konntest|"
            r"wurde|wurdest|darf|durfte)|wie (komme|kriege|bekomme) ich|interessiere mich fur|ich suche|"
            r"gibt es (eine |die )?(moglichkeit|chance|weg)|freue mich uber)\b"
        ),
        True,
    ),
    # French / Spanish / Portuguese / Italian: "ça me ferait plaisir d'avoir…", "me encantaría tener…"
    (
        re.compile(
            r"\b(plaisir d avoir|recuperer|interesse(e)? par|je cherche|ca me ferait|"
            r"(me )?encantaria (tener|recibir)|me interesa|busco|(como|donde) (consigo|obtengo|recibo|descargo|"
            r"puedo (conseguir|obtener|tener|recibir|descargar))|(alguna|una) (forma|manera) de (conseguir|"
            r"obtener|tener|recibir)|adoraria (ter|receber)|tenho interesse|tem como (conseguir|receber|ter|"
            r"pegar|baixar)|(pra|para) (pegar|receber|baixar|conseguir)|onde (eu )?(baixo|pego|consigo|acho|"
            r"encontro)|estou procurando|mi piacerebbe (\w+ )?(avere|ricevere)|un modo per (avere|ricevere|"
            r"ottenere|scaricare)|cerco)\b"
        ),
        True,
    ),
    # Polish / Turkish: "chciałabym dostać", "pobrać", "almak istiyorum", "çok isterim", "rica ediyorum"
    (
        re.compile(
            r"\b(pobrac|pobiore|chcial\w* (dostac|otrzymac|miec)|(jest|czy jest) (jakas )?mozliwosc|"
            r"\w*(isterim|istiyorum|rica ediyorum|rica ederim)|almanin (bir )?yolu|\w+ alabilir miyim)\b"
        ),
        True,
    ),
    # "is the planner still up for grabs?", "heb jij dat sjabloon nog ergens?"
    (
        re.compile(
            r"\b(up for grabs|(heb|hebt) (je|jij|u) (\w+ ){0,3}nog( ergens)?|(copies|exemplaren|exemplare|"
            r"exemplaires|"
            r"copias|copie|kopie) (\w+ )?(left|over|ubrig|restantes?|rimast\w*)|(do you|you) still have|"
            r"(hast|habt) (du|ihr) (\w+ ){1,3}noch|(hai|avete|tienes|tenes|tens|masz|macie) "
            r"(ancora|todavia|aun|ainda|jeszcze)|(hala|halen) (var|mevcut) mi|hebben jullie (\w+ ){1,3}nog|"
            r"(still )?(on offer|"
            r"being offered)|(hala |halen )?mevcut mu|"
            r"(is|are) (it|they|\w+) still "
            r"(available|up|there)|possible to (receive|get|have|download|obtain))\b"
        ),
        True,
    ),
)
# needs told as conditionals, "if you still have it" (round 3), conditional gratitude (round 4)
WISH_FRAMES = (*_WISH_FRAMES, *WISH_FRAMES_ROUND3, *WISH_FRAMES_ROUND4)

# Get-rich spam in any language: an amount of money (raw text) and "from home" (normalised words).
MONEY_RE = re.compile(r"\d+\s?(€|\$|£|zł|tl\b|eur\b|euro|usd\b)|(€|\$|£)\s?\d+", re.I)
FROM_HOME_RE = re.compile(
    r"\b(from home|vanuit huis|von zu hause|depuis chez (toi|vous|soi)|desde casa|em casa|de casa|da casa|z domu|"
    r"evden)\b"
)

# --- Sarcasm, declines -> other --------------------------------------------------------------------
SARCASM_EMOJI = frozenset("🙄😒🙃😑")
DECLINE_EXTRA_RE = re.compile(
    r"\b((thanks?|thank you|thx|ty|bedankt|dank ?je|dankjewel|danke|merci|gracias|obrigad[oa]|valeu|grazie|"
    r"dzieki|dziekuje|tesekkur\w*|sagol) (for|voor|fur|pour|por|per|za|icin) (gar |helemaal |"
    r"absolutely )?(nothing|niks|niets|nichts|nix|"
    r"rien|nada|niente|nulla|nic)|(nothing|hicbir sey) (icin|for) (tesekkur\w*|thanks?)|"
    r"(hayir|nein|nee|nie|non|nao|no),? (sag ol|sagol|tesekkur\w*|dzieki\w*|danke|bedankt|thanks?|thank you|thx|"
    r"merci|gracias|"
    r"grazie|obrigad[oa])|(i ll|ill|i will|ik) pass|ich verzichte|"
    r"je passe|nie skorzystam|(nah|no|nope),? (i m|im|i am) (good|fine|ok|okay|all set)|(stop|quit) (sending|"
    r"messaging|dming|texting|spamming|writing)|hou op met|"
    r"hor auf|arrete de|"
    r"deja de|para de|smettila|smetti di|przestan|(no|not) (for me|voor mij)|for the spam|voor de spam|"
    r"(nie jestem|ilgilenmiyorum|non mi interessa|no me interesa|nao tenho interesse|kein interesse|"
    r"geen interesse|pas interesse))\b"
)

# Thanks that turns the offer down ("hoeft niet meer, dankje", "no need, thanks"): other.
NO_NEED_RE = re.compile(
    r"\b(not (right )?now|nu (even )?niet|jetzt nicht|pas maintenant|ahora no|agora nao|non ora|nie teraz|"
    r"simdi degil|maybe later|misschien later|vielleicht spater|peut etre plus tard|quizas mas tarde|"
    r"talvez mais tarde|forse piu tardi|moze pozniej|belki sonra|no need(?! to (reply|answer|respond|write))|"
    r"not needed|hoeft niet(?! te)|niet (meer )?nodig|"
    r"laat maar|brauch ich nicht|nicht (mehr )?notig|"
    r"pas besoin|ca ira|laisse tomber|no hace falta|no (lo )?necesito|nao precisa|non serve|nie trzeba|gerek yok|"
    r"ihtiyacim yok|nie potrzebuje|never ?mind|already (have|got) (one|it)|forget (it|about it)|vergeet (het|"
    r"t) maar|vergiss es)\b"
)

# Exclamations that are not praise ("what a mess", "wat jammer").
NEGATIVE_EXTRA_RE = re.compile(
    r"\b((too|trop|te|zu|demasiado|troppo|za|fazla) \w+ (for me|pour moi|voor mij|fur mich|para mi|per me|dla mnie|"
    r"benim icin)|\w+ demais (pra|para) mim|beaucoup trop|way too|veel te|viel zu|mess|joke|rip ?off|shame|"
    r"pity|jammer|zonde|schade|dommage|lastima|pena|peccato|szkoda|yazik|"
    r"ad|ads|advert\w*|reclame|werbung|publicite|publicidad|publicidade|pubblicita|reklam\w*|clickbait|"
    r"waardeloz\w*|nutteloz\w*|slechte|schlecht\w*|miese?|terribles?|horribles?|pessim\w*|"
    r"nightmare|disaster|ramp|drama|catastrophe|katastrophe|desastre|disastro)\b"
)

# --- Warm words without a "thank" -> thanks ---------------------------------------------------------
PRAISE_EXTRA_RE = re.compile(
    r"\b(pretty|gorgeous|stunning|obliged|made my (day|week|month|year)|thoughtful|impressed|impressive|"
    r"well (made|designed|done|thought out|put together)|(beautifully|nicely|wonderfully|lovingly) (made|done|"
    r"designed|crafted)|bless (you|u)|chefs kiss|blij (mee|mij|mee)|zo blij|behulpzaam|lo maximo|felicidades|"
    r"felicitaciones|enhorabuena|parabens|complimenti|gratulacje|tebrikler|(e|es|sei|jestes) (demais|un grande|"
    r"grande|najlepsz\w*)|najlepsz\w*|fantastico|fantastica|eline saglik|sag ol|emegine saglik|aradigim|"
    r"tam aradigim|przydatn\w*|faydali|harika|guzel|piekn\w*|swietn\w*|magnifico|bellissim\w*|utilissim\w*|"
    r"incrivel|demais|maravilhos\w*|precioso|preciosa|bonit[oa]|joli|jolie|au top|trop bien|chouette|"
    r"(a|an|such a|een|ein|un|une) (absolute |real |total |echte |echt |wahrer |vraie |verdadera )?(star|ster|"
    r"stern|schat|schatz|amour|angel|engel|tesoro|gem)|lief( van je)?|aanrader|"
    r"wahnsinn|increible|arrasou|arrasa|perfeicao|meraviglia|cudown\w*|harikasin|maravilla|outdid|owe you|"
    r"you rock|u rock|nickel|nailed it|10 ?10|would recommend|spitze|genialissim\w*|salvato la vita|"
    r"uratowal\w* (mi )?zycie|hayatimi kurtardin|dahi\w*|saved my life|mi salvaste|dol op|liebe es|ich liebe|"
    r"adoro|uwielbiam|bayildim|bayiliyorum|adore|genialn\w*|"
    r"genial[e]?|muhtesem|(zu )?schatzen (wissen|weiss)|"
    r"weiss (\w+ ){0,2}zu schatzen|generous|gul|gulle|"
    r"grosszugig|genereu\w*|generos[oa]|hojn\w*|comert|ily|ilysm|(i )?(love|luv) (you|u|ya)|ik hou van je|"
    r"ich liebe dich|je t aime|"
    r"te quiero|te amo|ti amo|kocham (cie|was)|seni seviyorum|professionel\w*|professional|professioneel|"
    r"profissional|professionale|"
    r"profesjonaln\w*|profesyonel|gentil\w*|so kind|kind of you|amable|gentile|nazik\w*|un sol|un amor|un cielo|"
    r"un angel|un tesoro|un angelo|un genio|een schatje|ein schatz|un ange|um anjo|aniol\w*|melek\w*|"
    r"(verandert|andert|change|cambia|muda|zmienia) (alles|tout|todo|tudo|tutto|"
    r"wszystko)|changes everything|outdone|overtroffen|ubertroffen|te superaste|superou|superata|talented|"
    r"getalenteerd|talentiert|talentueu\w*|talentos[oa]|talentuos[oa]|"
    r"utalentowan\w*|yetenekli|crack|fera|mito|wielk\w*|efsane\w*|held|hero|heroe|heroi|eroe|bohater\w*|"
    r"kahraman\w*|obsessed|verliefd|verliebt|obsede|obsesionad\w*|obcecad\w*|ossessionat\w*|leyenda|lenda|"
    r"leggenda|legenda|meilleur\w*|la mejor|el mejor|o melhor|a melhor|il migliore|la migliore|"
    r"te pasaste|hat (alles )?geklappt)\b"
)
# "quel joli modèle", "what a beautiful…": an exclamation, not a wh-question.
EXCLAMATION_RE = re.compile(
    r"^(what a|what an|wat een|was fur ein\w*|so ein\w* (schon|toll)\w*|quel\w* (joli|jolie|beau|belle|bel|"
    r"super|magnifique|bon|bonne|"
    r"chouette|genial)|que \w+ tan|que (lindo|linda|bonito|bonita|lind[oa])|che (bell\w*|modello|lavoro)|"
    r"jaki\w* (piekn\w*|swietn\w*)|ne (guzel|harika))\b"
)

# Wanting to know, not seeing clearly, "tell me more": a question even when a request verb follows
# ("j'aimerais savoir si tu envoies des versions imprimées").
WANT_TO_KNOW_RE = re.compile(
    r"\b((like|love|want|wanted) to know|tell me (more|about)|not clear|unclear|(wil|zou|wilde) (graag )?(willen )?"
    r"weten|vertel (eens |me |mij )?(meer|over|iets)|niet duidelijk|onduidelijk|(mochte|wurde|will|wollte) (\w+ )?"
    r"wissen|erzahl (mal |mir )?(mehr|uber|von|was)|nicht klar|unklar|(aimerais|voudrais|veux|voulais) savoir|"
    r"parle moi|raconte moi|pas (tres |trop |bien )?clair|(gustaria|quisiera|quiero|queria) saber|cuentame|"
    r"no (me )?(queda|esta) claro|hablame|(gostaria|queria|quero) (de )?saber|me conta|ficou claro|nao esta claro|"
    r"(vorrei|voglio|volevo) sapere|raccontami|parlami|non (mi )?e chiaro|chcial\w* (bym )?wiedziec|opowiedz|"
    r"nie (jest )?(dla mnie )?jasne|niejasne|ogrenmek ister\w*|bahseder misin|anlatir misin|net degil)\b"
)

# --- Questions in Polish and Turkish that the main list misses ------------------------------------
QUESTION_EXTRA_RE = re.compile(
    r"\b(nie rozumiem|nie wiem jak|anlamadim|anlamiyorum|mam pytanie|necesito ayuda|preciso de ajuda|"
    r"ho bisogno di (un )?aiuto|j ai besoin d aide|potrzebuje pomocy|yardima ihtiyacim|yardim lazim|"
    r"(me )?travei|empaquei|komme (\w+ ){0,4}?nicht weiter|je bloque|(i m|im|i am|i ve been|ive been|"
    r"i got) stuck|kom er niet uit|"
    r"loop (\w+ ){0,3}?vast|zit (\w+ ){0,3}?vast|atascad[oa]|me atasque|(estou|to|fiquei) travad[oa]|"
    r"sono bloccat[oa]|mi sono bloccat[oa]|utknal\w*|utknel\w*|takildim)\b"
)
# "paylaşabilir miyim" (may *I* share) is about using it; "gönderebilir misin" (can *you* send) is a request.
# "can I get this in Canva instead of Notion?", "… or is it digital only?": a choice of format is a question.
INSTEAD_RE = re.compile(
    r"\b(or (is it|is there|only|just|do i)|of (is het|alleen)|oder (ist|nur)|ou (c est|seulement)|o (es|solo)|"
    r"(in|as|on|op|auf|en|em|su|w) \w+ instead|instead of|in plaats van|statt|au lieu d\w*|en vez de|em vez de|"
    r"invece d\w*|zamiast|yerine)\b"
)
# "is it available in French / on iPad?" asks about a version, not for the file.
AVAILABLE_IN_RE = re.compile(
    r"\b(available|beschikbaar|verfugbar|disponible|disponivel|disponibile|dispo|dostepn\w*) (in|on|op|auf|en|em|"
    r"su|na|w|for (ipad|android|mac|windows|iphone))\b"
)
USE_TR_RE = re.compile(
    r"\b(\w*(paylasabilir|kullanabilir|yazdirabilir|duzenleyebilir|iletebilir)\w* (miyim|miyiz)|(moim|mojej|"
    r"mojemu|swoim|swojej) (klient\w*|uczni\w*|znajom\w*|zespol\w*|grup\w*))\b"
)

# Greetings, and asking who the bot is: nothing for the creator to answer about the resource.
# A message that says it is a request ("[request] the meal prep guide") may name the thing loosely.
REQUEST_WORD_RE = re.compile(
    r"\b(request\w*|verzoek\w*|aanvraag|anfrage|demande|solicitud|pedido|richiesta|prosba|istek\w*)\b"
)
# "huh?", "hä?", "what?": a "?" on these alone asks nothing the creator could answer.
INTERJECTIONS = frozenset(
    "huh hu hmm hm eh ha wat what quoi que cosa co ne nani anyone anybody iemand jemand allo alo halo pronto".split()
)  # "allô ?", "pronto?": answering the phone, not asking
SMALL_TALK_EXTRA_RE = re.compile(
    r"\b((are you|r u|is this|ben (je|jij)|bist du|t es|tu es|es tu|eres|voce e|vc e|sei|jestes|sen) (a |an |een |"
    r"ein |un |una |um |uma )?(bot|robot|robo|botem|human|real person|mens|mensch)( musun| mu)?|"
    r"(how s|how is|hows|how was|how are) (your|ur) (day|week|weekend|morning)( going)?|hoe (is|was|gaat) (je|jouw) "
    r"(dag|week|weekend)|wie (war|ist|geht) (dein|deine|ihr|euer) (tag|woche|wochenende)|comment (s est passee|va|"
    r"se passe) (ta|votre) (journee|semaine)|como (foi|esta|vai) (o )?(seu|teu) dia|como (fue|va|te va) tu dia|"
    r"com e andata la (tua )?giornata|come va la giornata|jak (ci )?(minal|mija) dzien|gunun nasil (gecti|geciyor)|"
    r"bot musun|wie auch immer|whatever|peu importe|lo que sea|tanto faz|comunque|who is this|who are you|"
    r"who are u|who r u|who r you|"
    r"wie is dit|wie ben (je|jij)|wer ist das|wer bist du|qui est ce|qui es tu|"
    r"quien eres|quem e (voce|vc)|chi sei|kim sin|kto to|why (do|am) i (keep )?(getting|receiving) (these|this|"
    r"your|all these) (messages|dms|mails|emails)|boa (noite|tarde)|buenas (noches|tardes)|bonne (nuit|soiree)|"
    r"buona ?(notte|sera)|gute nacht|"
    r"goede ?(avond|nacht)|de boa|dobranoc|iyi (geceler|aksamlar)|good (night|evening))\b"
)
