"""Patterns added in the fourth round of issue 14, on folded text (see lexicon.fold): needs told as
conditional gratitude ("I'd be so grateful for the …", "wäre mega dankbar für …"), small-talk questions
that ask nothing of the creator ("how are you?", "anyone from Lyon here?", "did anyone see the game?"),
lukewarm or negative opinions that are no praise ("nothing special", "the design is ugly") and polite
declines ("not for me", "pas mon style"). Each is a shape, in nine languages, not a stored sentence.
"""

from __future__ import annotations

import re

# Gratitude in the conditional, with a resource noun in the message: a need, told politely (request).
# "grateful for the update" after receiving is past or present, never "would be".
WISH_FRAMES_ROUND4: tuple[tuple[re.Pattern[str], bool], ...] = (
    (
        re.compile(
            r"\b((would|d) be (\w+ )?(grateful|thankful) (for|if)|(would|d) (\w+ )?appreciate (the|your|a|it if)|"
            r"zou (\w+ )?(dankbaar|blij) (zijn|met)|(ware|war|wurde) (\w+ )?(dankbar|froh) (fur|uber|wenn|sein)|"
            r"(te|vous) (serais|serai) (\w+ )?reconnaissant\w*|te agradeceria\w*|(le|les|se lo) agradeceria\w*|"
            r"agradeceria\w*|agradecia (\w+ )?(imenso|muito|imensamente)|ficaria (\w+ )?(grat[oa]|feliz) (se|com)|"
            r"(te|ve) ne sarei (\w+ )?grat\w*|ti sarei (\w+ )?(grat|riconoscent)\w*|"
            r"(bylbym|bylabym|bede) (\w+ )?wdzieczn\w*|minnettar (olurum|kalirim)|cok sevinirim)\b"
        ),
        True,
    ),
    # The same with the thing itself right after it (an article or "your"), whatever its name: "wäre
    # mega dankbar für den Makro-Rechner", "te agradecería mil la hoja de presupuesto". Not help or advice.
    (
        re.compile(
            r"\b((would|d) be (\w+ ){0,2}?(grateful|thankful) for (the|your|that|a copy)|zou (\w+ ){0,2}?dankbaar "
            r"zijn voor (de|het|die|dat|je|jouw)|(ware|wurde) (\w+ ){0,2}?dankbar (fur|uber) (den|die|das|dein\w*)|"
            r"serais (\w+ ){0,2}?reconnaissant\w* (pour|de) (le|la|les|ton|ta|tes)|agradeceria\w* (\w+ ){0,2}?"
            r"(la|el|los|las|tu|tus)|agradec(eria|ia) (\w+ ){0,2}?(a|o|as|os|teu|tua|seu|sua)|sarei (\w+ ){0,2}?"
            r"(grat|riconoscent)\w* (per|se) (il|la|lo|i|le|gli|mi)|byl\w* (\w+ ){0,2}?wdzieczn\w* za)\b"
            r"(?! (\w+ )?(help|hulp|hilfe|aide|ayuda|ajuda|aiuto|pomoc|advice|tips|feedback|answer|reply|response))"
        ),
        False,
    ),
    # A need with the thing named, in the languages that say it without "can I": "türkçesi lazım",
    # "potrzebuję polskiej wersji", "preciso da versão em inglês".
    (
        re.compile(
            r"\b((liste\w*|dosya\w*|sablon\w*|pdf\w*|link\w*|\w+(cesi|cesini|ces)) lazim|"
            r"potrzebuje (\w+ )?(wersj\w*|plik\w*|szablon\w*|list\w*|arkusz\w*)|"
            r"preciso d[aoe] (\w+ )?(versao|arquivo|planilha|modelo|lista)|necesito (la|el) (\w+ )?(version|archivo|"
            r"plantilla|lista)|ho bisogno (del|della|dello) (\w+ )?(versione|file|modello|lista))\b"
        ),
        False,
    ),
)

# A question that is small talk, not about a resource (checked only when no resource noun is named).
SMALL_TALK_QUESTION_RE = re.compile(
    r"\b(how (are|r) (you|u|ya|things)|how you doing|hows (life|things|everyone)|how is everyone|"
    r"hoe gaat (het|t) (met )?(je|jou|jullie|u|ermee)|hoe is t|(wie gehts|wie geht s|wie geht es) "
    r"(dir|euch|ihnen|so)|ca va (toi|vous|bien)|vous allez bien|que tal (estas|tu|el|la|todo|va)|"
    r"como (estas|andas|te va)|tudo (bem|bom|certo) (com|ai|contigo)|como (voce|vc|tu) (esta|estas|ta)|"
    r"come (va|stai|state)|jak (sie masz|leci|tam)|co (slychac|u ciebie)|nasilsin|naber|nasil gidiyor|"
    r"(anyone|anybody|someone|iemand|jemand|quelqu ?un|alguien|alguem|qualcuno|ktos) (\w+ ){0,2}?"
    r"(from|uit|van|aus|de|di|da|z) [a-z]+( here| hier| ici| aqui| qui| tutaj| tu)?$|"
    r"(iemand|jemand) (\w+ ){0,2}?(wedstrijd|spiel|finale|aflevering|folge) (\w+ )?(gezien|gekeken|gesehen)|"
    r"(anyone|anybody|iemand|jemand|quelqu ?un|alguien|alguem|qualcuno|ktos) (\w+ ){0,3}?(see|saw|seen|watch|"
    r"watched|catch|gezien|gekeken|gesehen|vu|regarde|vio|visto|viu|assistiu|guardato|widzial|ogladal)\w* "
    r"(\w+ ){0,2}?(game|match|wedstrijd|spiel|partido|jogo|partita|mecz|mac|final|finale|show|episode|aflevering|"
    r"folge|episodio|odcinek)|(wer|who) hat (bock|lust)|who wants to (play|game)|"
    r"(mac\w*|diziy\w*|filmi) (izleyen|goren) (var|oldu)|\w+(dan|den|tan|ten) (olan|kimse) var mi|co tam|"
    r"(anyone|anybody|iemand|jemand|quelqu ?un|alguien|alguem|qualcuno|ktos) (\w+ ){0,1}?(play\w*|speelt|spielt|"
    r"joue|juega|joga|gioca|gra|robi)|(atan|oynayan) var mi)\b"
)

# A lukewarm or negative opinion: not praise, even with "fine" or "ok" in it (other).
LUKEWARM_RE = re.compile(
    r"\b(nothing special|nothing to write home about|meh|not (great|good|that good|my taste)|ugly|"
    r"(the )?old one was better|(i )?(dont|do not|didnt) (really )?(like|love) (it|the|this|that|how)|"
    r"(niks|niets) (bijzonders|speciaals)|lelijk\w*|vind ik (niet mooi|lelijk)|"
    r"(nix|nichts) (besonderes|dolles|tolles)|hasslich\w*|gefallt mir (\w+ )?nicht|"
    r"sans plus|moche|pas terrible|j aime pas|je n aime pas|"
    r"nada (del otro mundo|especial|de otro mundo|demais|de especial)|fe[oa]s?|no me gusta|"
    r"fei[oa]s?|nao gostei|niente di (che|speciale)|brutt[oa]|bruttin[oa]|non mi piace|"
    r"nic (specjalnego|szczegolnego)|brzydk\w*|nie podoba mi sie|"
    r"ozel bir sey (yok|degil)|cirkin|begenmedim|pek (iyi|guzel) degil)\b"
)

# "thanks, but it's not for me": a polite decline (other), with or without a thank-you word.
DECLINE_ROUND4_RE = re.compile(
    r"\b((nobody|no one|niemand|keiner|personne|nadie|ninguem|nessuno|nikt|kimsenin) (\w+ ){0,2}?(asked for|om vroeg|"
    r"gevraagd|wollte|gefragt|a demande|n a demande|pidio|pediu|ha chiesto|chiesto|prosil|istemedigi)|"
    r"niet (\w+ ){0,4}?iets voor (mij|mijn)|nicht (\w+ ){0,3}?(das richtige|was) fur mich|"
    r"(its|it s|is|thats) (just |really |probably )?not (really )?(for me|my (thing|style|cup of tea))|"
    r"not really my (thing|style)|(niets|niks) voor mij|(nix|nichts) fur mich|(pas|pas trop|pas vraiment) "
    r"(pour moi|mon (truc|style|genre))|no es (para mi|lo mio|mi estilo)|nao e (pra|para) mim|nao e (bem )?"
    r"(a )?minha praia|non (fa|e) per me|non e il mio genere|nie dla mnie|nie w moim (stylu|guscie)|"
    r"bana (gore|uygun) degil|(benim )?tarzim degil)\b"
)

# What the resource did for someone the member names ("my daughter finally gets fractions", "mes élèves
# en redemandent", "oğlum ezberledi"): a story told as thanks when nothing else in the message asks
# or complains. Checked last, and weak: the model may overrule it.
STORY_PERSON_RE = re.compile(
    r"\b((my|our) (\w+ )?(kids?|son|daughter|mum|mom|mother|dad|father|husband|wife|partner|grandma|granny|nan|"
    r"nana|grandpa|mother in law|sister|brother|niece|nephew|students|pupils|class|kiddo|little one|toddler|boss|"
    r"team|coworkers|colleagues|players|clients|group|family|friends?)|the (kids|students|class|players)|"
    r"(mijn|m n|onze|ons) (kind|kinderen|zoon|dochter|moeder|mama|vader|papa|man|vrouw|oma|opa|schoonmoeder|zus|"
    r"broer|leerlingen|klas|collegas|team|baas|spelers|klanten|vriendin|vriend)|"
    r"(mein|meine|meiner|unser|unsere) (kind|kinder|sohn|tochter|mutter|mama|vater|papa|mann|frau|oma|opa|"
    r"schwiegermutter|schwester|bruder|schuler|schulerinnen|klasse|kollegen|team|chefin|chef|spieler|kunden)|"
    r"(mon|ma|mes|notre|nos) (enfants?|fils|fille|mere|maman|pere|papa|mari|femme|mamie|papi|belle mere|soeur|"
    r"frere|eleves|classe|collegues|equipe|patron|joueurs|clients|ados)|"
    r"(mi|mis|nuestr[oa]s?) (hij[oa]s?|peques?|madre|mama|padre|papa|marido|espos[oa]|mujer|abuel[oa]|suegra|"
    r"herman[oa]|alumn[oa]s|clase|companeros|equipo|jef[ea]|jugadores|clientes)|"
    r"(meu|minha|meus|minhas|noss[oa]s?) (filh[oa]s?|mae|pai|marido|esposa|mulher|avo|sogra|irma|irmao|alun[oa]s|"
    r"turma|colegas|equipe|chefe|clientes)|"
    r"(mio|mia|miei|mie|nostr[oa]) (figli[oa]?|madre|mamma|padre|papa|marito|moglie|nonn[ao]|suocera|sorella|"
    r"fratello|alunn[ie]|studenti|classe|colleghi|squadra|capo|clienti)|"
    r"^(corka|coreczka|syn|synek|mama|maz|zona|babcia|dziadek|tesciowa|siostra|brat|uczniowie|dzieci|dzieciaki|"
    r"klasa|koledzy|szef)|(moj|moja|moje|moi|nasz|nasza|nasze) (\w+ )?(corka|syn|synek|mama|maz|zona|babcia|"
    r"tesciowa|uczniowie|dzieci|klasa)|"
    r"(oglum|kizim|annem|babam|esim|kocam|anneannem|babaannem|kayinvalidem|ogrencilerim|sinifim|cocuklarim|"
    r"arkadaslarim|patronum|ekibim))\b"
)
# "sorry, that was meant for my sister", "scusa ignora, mio figlio ha preso il telefono": a wrong
# message explained, not a story about the resource.
WRONG_MESSAGE_RE = re.compile(
    r"\b(sorry|oops|whoops|ignore|wrong (chat|person|dm)|meant for|was for|oeps|sorry|negeer|was voor|bedoeld|ups|"
    r"hoppla|ignorier\w*|war fur|dsl|desole|oups|pardon|c etait pour|perdon|ignora|era para|era pra|desculpa|"
    r"foi mal|scusa|scusami|era per|przepraszam|sorki|sory|ups|to bylo do|bosver|pardon|yanlislikla)\b"
)

# What went wrong with the file the member got (pixelated, cut off, wrong size or year, will not open)
# and, in the same message, "do you have / is there / t'aurais / masz … <a version>?": asking again.
DELIVERED_PROBLEM_RE = re.compile(
    r"\b(pixel\w*|blurry|blurred|grainy|fuzzy|low res|korrelig|wazig|onscherp|unscharf|verpixelt|pixelis\w*|"
    r"flou|borros\w*|pixelad\w*|sgranat\w*|sfocat\w*|rozpiksel\w*|rozmyt\w*|pikselli|bulanik|"
    r"wrong (scale|size|year|language|version|one|file)|cut off|abgeschnitten|afgesneden|coupe\w*|cortad\w*|"
    r"tagliat\w*|uciet\w*|kesik|(doesnt|does not|wont|will not|cant|cannot) (work|load|open|print)|"
    r"geht (\w+ ){0,3}nicht|werkt (\w+ ){0,2}niet|(ne )?(marche|fonctionne|s ouvre) pas|no (funciona|abre|carga)|"
    r"nao (funciona|abre)|non (funziona|si apre)|nie (dziala|otwiera)|calismiyor|acilmiyor|too (small|big)|"
    r"te (klein|groot)|zu (klein|gross)|trop (petit|grand)\w*|muy (pequen|grande)\w*|(ficou|fica) (pequen|grande)"
    r"\w*|piccol\w*|za (maly|mala|duzy|duza)|(kucuk|buyuk) geldi|ontbreekt|fehlt|manque|missing|"
    r"(last|previous) year|vorig jaar|letztes jahr|l an dernier|ano pasado|ano passado|anno scorso|"
    r"zeszloroczn\w*|gecen yil\w*|(the |van |von |de |del |z )20\d\d( one)?)\b"
)
ASK_AGAIN_RE = re.compile(
    r"\b((do|did) you (still )?have|have you got|got (a|an|one|another)|is there (a|an|any)|any chance|"
    r"heb (je|jij)|hebben jullie|is er|hast du|habt ihr|haben sie|gibt es|gibts|t aurais|tu (as|aurais)|as tu|"
    r"auriez vous|vous avez|avez vous|il y a|y a t il|tienes|tendrias|hay|tem|teria|(voce|vc) tem|hai|avresti|"
    r"c e|masz|mialbys|czy jest|var mi|mevcut mu)\b (\w+ ){0,4}?(version|versie|versje|fassung|versao|versione|"
    r"wersj\w*|surum\w*|hali|pdf|epub|file|bestand|datei|fichier|archivo|arquivo|plik|dosya|copy|kopie|copia|"
    r"current|aktuell\w*|actuel\w*|actual|atual|attuale|aktualn\w*|guncel|corrected|gecorrigeerd\w*|korrigiert\w*|"
    r"corrig\w*|corregid\w*|corrett\w*|poprawion\w*|duzeltilmis|updated|size|maat|grosse|taille|talla|"
    r"tamanho|taglia|rozmiar\w*|beden\w*|\d\d)\b"
)

# A server's custom emoji named for thanks or love (<:pepelove:…>, <a:pepeclap:…>, <:ty:…>) and 🙇:
# counted like 🙏 and ❤️ (the raw text, before mentions and custom emoji are stripped).
THANKFUL_CUSTOM_EMOJI_RE = re.compile(
    r"<a?:(?:\w*(?:love|heart|thank|thx|clap|pray|hug|blush|bow|kiss)\w*|ty|tysm|tyvm|ty_\w+):\d+>", re.I
)
THANKFUL_EMOJI_MORE = frozenset("🙇")

# Praise in slang or as a recommendation, and quality that is free: warm words the earlier lists lacked.
PRAISE_ROUND4_RE = re.compile(
    r"\b(respect|respeto|respeito|rispetto|saygilar|szacun|i (d )?recommend|(highly|totally) recommend|"
    r"aanrader|empfehlenswert|je (le |la |les )?recommande|lo recomiendo|recomendo|consiglio a tutti|polecam|"
    r"tavsiye ederim|sztos|jakis kosmos|(jestes|ty) (mistrz\w*|kozak\w*)|capo|maquina|brab[oa]|monstro|"
    r"una pasada|trabajazo|bien padre|chido|spacca\w*|top top|krass|richtig sauber|ziek goed|banger|goated|"
    r"insane|unreal|legend|legendary|efsane|bomba|dope|"
    r"(quality|kwaliteit|qualitat|qualite|calidad|qualidade|qualita|jakosc|kalite)\w* (\w+ ){0,3}?(for free|gratis|"
    r"umsonst|kostenlos|gratuit\w*|za darmo|bedava|ucretsiz|de graca)|"
    r"(crazy|insane|unreal|wild|gekkenwerk|niet normaal|verruckt|irre|dingue|fou|locura|loucura|assurdo|pazzesco|"
    r"follia|szok|inanilmaz) (\w+ ){0,4}?(free|gratis|umsonst|kostenlos|gratuit\w*|za darmo|bedava|ucretsiz|"
    r"de graca))\b"
)

# "subscribe to my channel, link in bio": self-promotion, whatever warm words come with it (spam).
SELF_PROMO_RE = re.compile(
    r"\b((subscribe|sub) to my (channel|youtube|twitch|page)|follow (me|my page) on|suscrib\w* (a )?mi canal|"
    r"se inscrev\w* (no )?(meu|nosso) canal|iscrivet\w* al mio canale|subskrybuj\w* (moj|mojego) kanal\w*|"
    r"kanalima abone ol\w*|abonneer (\w+ )?(op )?mijn kanaal|abonniert meinen kanal|abonnez vous a ma chaine)\b"
)
