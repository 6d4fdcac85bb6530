"""Patterns added in the third round of issue 14, on folded text (see lexicon.fold) unless noted.

Each is a grammatical shape found missing in nine languages, never a stored sentence: asking again
for something that arrived broken ("can you upload it again?", "hast du einen neuen?"), asking
whether the creator still has it ("heb je die … nog?"), needs told as conditionals ("… would really
help me", "przydałby mi się …"), polite refusals that thank ("thanks, but I already have one",
"passo, grazie"), scare-quoted "free" (sarcasm), and praise without a thank-you word ("worth gold",
"great as always", "you can tell how much care went into it").
"""

from __future__ import annotations

import re

# Resource nouns the lexicon lacked (added to lexicon_intent.NOUN_RE): revision cards, colouring pages,
# sewing and knitting patterns, sheets, lists, cards, maps. (Not "version": "the next version" is no file.)
NOUNS_ROUND3 = (
    r"fiches?|fichas?|schede|scheda|fiszk\w*|kartlar\w*|lernzettel\w*|karteikarte\w*|kleurplat\w*|"
    r"ausmalbild\w*|coloriages?|kolorowank\w*|boyama\w*|patterns?|patroon\w*|moldes?|wzor\w*|"
    r"desen\w*|schnittmuster\w*|"
    r"folhas|hojas|fogli|listes?|karten|kaarten|kaartjes|cartes|cartelle|karty|tombol\w*|bingos?|cheat ?sheets?|"
    r"resumos|resumenes|riassunti|etiquetas|etiquettes|etichette|etiket\w*|labels|"
    r"spickzettel|mapas?|maps?"
)

# --- Requests ----------------------------------------------------------------------------------
# (pattern, mode) in the shape of lexicon_frames.REQUEST_FRAMES: False = the frame alone decides,
# ANY = a resource noun must appear somewhere in the clause.
REQUEST_FRAMES_ROUND3: tuple[tuple[re.Pattern[str], bool | int], ...] = (
    # Send / upload it again: "could you re-upload it?", "lo puedes volver a subir?", "puoi ricaricarlo?"
    (
        re.compile(
            r"\b((can|could|would|will) (you|u) (please )?(re ?upload|reupload|upload (it|this|that|them) again|"
            r"send (it|this|that|them) again)|(kun|kan|wil|zou|kunt) (je|jij|u)( \w+)? (nog een keer|nog eens|"
            r"opnieuw|nogmaals) (uploaden|sturen|versturen|delen|doorsturen)|(kannst|konntest|konnen|konnten|"
            r"kunntest) (du|sie)( \w+)? (nochmal|noch mal|nochmals|erneut|neu) (hochladen|schicken|senden|"
            r"verschicken)|(tu peux|tu pourrais|vous pouvez|vous pourriez|peux tu|pourrais tu|pouvez vous)( me)?"
            r"( le| la| les| l)? (re ?uploader|renvoyer|re ?envoyer|reposter)|(puedes|podrias|puede|podria)"
            r"( \w+)? (volver a (subir|enviar|mandar|pasar)|reenviar|resubir)\w*|(pode|podia|poderia|consegue)"
            r"( \w+)? (mandar|enviar|subir|upar)( \w+)? (de novo|novamente)|(pode|podia|poderia)( me)? reenviar|"
            r"(puoi|potresti|riesci a)( \w+)? (ricaric|rimand|reinvi|ripubblic)\w*|(mozesz|moglabys|moglbys)"
            r"( \w+)? (wrzucic|wyslac|przeslac|dodac)( \w+)? (jeszcze raz|ponownie)|(mozesz|moglabys|moglbys) "
            r"(ponownie|jeszcze raz) (wrzucic|wyslac|przeslac|dodac)|(tekrar|yeniden|bir daha) (yukleyebilir|"
            r"gonderebilir|atabilir|paylasabilir|yukler|gonderir|atar)\w*)\b"
        ),
        False,
    ),
    # A new one for a dead link, the clause ending there: "hast du einen neuen?", "masz nowy?"
    (
        re.compile(
            r"\b((do you have|have you got|got|any chance of) (a|another) (new|fresh|working) (one|link|copy)|"
            r"(hast du|hattest du|habt ihr)( \w+)? (n|nen|einen|ein|eine|noch einen|noch ein) (neuen|neues|neue)|"
            r"(heb|hebt) (je|jij|u) (een|er een|nog een) (nieuwe|werkende)|(t en as|tu en as|tu as|vous avez|"
            r"vous en avez|t as) (un|une) (nouveau|nouvelle)|(tienes|tenes|me pasas|me mandas|me envias) (otro|"
            r"otra|uno nuevo|una nueva)|(tem|tens|manda|me manda) (outro|outra|um novo|uma nova)|(hai|mi mandi|"
            r"me ne mandi|mi giri) (un altro|un nuovo|uno nuovo)|(masz|wyslesz|podeslesz) (nowy|nowa|inny)|"
            r"yenisini (at|gonder|paylas)\w*)( link\w*| lien| enlace| linku?)?$"
        ),
        False,
    ),
    # The whole of it, after pages went missing: "heb je een volledige versie?", "tem a versão completa?"
    (
        re.compile(
            r"^(\w+ )?(do you have|have you got|got|send|heb|hebt|stuur|hast|schick\w*|aurais|as|envoie|tienes|mandas|"
            r"tem|manda|hai|mandi|masz|wyslesz|atar)( \w+){0,2}? ((complete|full|whole|volledige|hele|vollstandige|"
            r"ganze|pelna|pelny|tam|eksiksiz)( \w+)? (version|copy|versie|kopie|exemplaar|wersj\w*|halini|pdf|file|"
            r"bestand|datei)|(version|versao|versione|copia) (complete|completa|completo|intera))\b"
        ),
        False,
    ),
    # Delivered on paper only: "says delivered but my DMs are empty"; the wrong one: "… but I asked for the German one"
    (
        re.compile(
            r"\b((dm|dms|inbox|postvak\w*|posteingang|boite|mp|mps|md|mds|bandeja|caixa|messaggi|skrzynk\w*|dmlerim|"
            r"gelen kutu\w*) (\w+ ){0,2}?(is |are |sont |estan |esta |ta |sono |e |sa |jest |)(still )?(empty|leeg|"
            r"leer|"
            r"vides?|vacios?|vazias?|vuot[io]|puste|pusta|bos)|(sent|stuurde|gestuurd|geschickt|envoye|mandaste|mandou|"
            r"enviaste|mandato|wyslal\w*|gonderdin)\b.*\b(but|maar|aber|mais|pero|mas|ma|ale|ama) (i|ik|ich|j ai|je|yo|"
            r"eu|io|ja|ben) (asked|wanted|vroeg|wilde|wollte|hatte|demande|voulais|pedi|pedia|queria|chiesto|volevo|"
            r"prosil\w*|chcial\w*|istedim|istemistim))\b"
        ),
        False,
    ),
    # "is there a way to still get it?" where the first rounds' frames needed other words
    (
        re.compile(
            r"\b((hay|habria) (alguna |una )?(forma|manera) de (conseguir|tener|recibir|obtener)|tem como (eu )?"
            r"(\w+ )?(pegar|receber|ter|conseguir|baixar)|c e (un )?modo (di|per) (\w+ )?(avere|ricevere|ottenere)|"
            r"\w*(alabilmemin|almamin|edinmemin) (bir )?yolu|komm\w* ich (\w+ ){0,3}?an (den|die|das|dein\w*))\b"
        ),
        False,
    ),
    # Another version of it: "mag ik de printversie ook?", "mogę dostać też wersję edytowalną?"
    (
        re.compile(
            r"\b((can|could|may) (i|we) (also )?(get|have|grab) (the|a|an|your) (\w+ ){0,2}?\w*version|mag ik "
            r"(\w+ ){0,3}?\w*versie|(kan|kun) (ik|je) (\w+ ){0,3}?\w*versie (krijgen|hebben|sturen)|(darf|kann) ich "
            r"(\w+ ){0,3}?\w*version (haben|bekommen)|(je peux|puis je|pourrais je|est ce que je peux) (avoir|"
            r"recevoir) (\w+ ){0,3}?\w*version|(puedo|podria) (tener|recibir) (\w+ ){0,3}?\w*version|(posso|"
            r"poderia) (ter|receber) (\w+ ){0,3}?\w*versao|(posso|potrei) (avere|ricevere) (\w+ ){0,3}?\w*version|"
            r"(moge|mozna) (dostac|otrzymac|prosic) (\w+ ){0,3}?\w*wersj\w*|\w*versiyon\w* (\w+ ){0,2}?"
            r"(alabilir|gonderebilir|atabilir)\w*)\b(?!.*\b(zetten|posten|delen|teilen|share|post|partager|"
            r"compartir|compartilhar|condividere|udostepni\w*|paylas\w*|instagram|verkopen|sell|verkaufen|vendre|"
            r"vender|vendere|sprzedac|satmak)\b)"
        ),
        False,
    ),
    # Whether the creator still has it: "heb je die weekplanner nog?", "hai ancora le schede?"
    (
        re.compile(
            r"\b((do|did) you (still|happen to) have|(any )?spare cop(y|ies)|(heb|hebt) (je|jij|u) \w+( \w+){0,5}? nog|"
            r"(hast du|habt ihr|haben sie) (\w+ ){0,6}?(noch|vielleicht|zufallig)|(t |tu |vous )(les |l |la |le |en )?"
            r"(as|avez) (encore|toujours)|(as tu|avez vous) (encore|toujours)|((todavia|aun) (las |los |la |lo )?"
            r"(tienes|tenes|tiene)|(tienes|tenes|tiene) (todavia|aun))|(ainda (tem|tens|tiver))|tem ainda|"
            r"(ce (le |li |lo |la |l )?)?(hai|avete|ha) ancora|(masz|macie) (je |go |to )?jeszcze|hala (\w+ ){0,4}?"
            r"(var|duruyor|mevcut) mu)\b(?!( \w+){0,2} (time|tijd|zeit|temps|tiempo|tempo|czas|vakt\w*|zaman\w*|"
            r"questions?|"
            r"vragen|fragen|tips|tipps|ideen|ideas|ideeen|idees|ideias|idee|pomysl\w*|fikir\w*|advice|raad|rat)\b)"
        ),
        False,
    ),
)

# Needs and wishes told as conditionals, with a resource noun in the message (lexicon_intent.WISH_FRAMES
# shape: True = needs a noun, False = the frame decides): "… would really help me", "bräuchte …".
WISH_FRAMES_ROUND3: tuple[tuple[re.Pattern[str], bool], ...] = (
    (
        re.compile(
            r"\b((would|d) (really |honestly |so |truly )*(help( me| us)?|save (me|my|us)|be (a )?(huge|massive|big|"
            r"great|real) help|be (amazing|perfect|a lifesaver|a dream) (for me|for us))|(i|we) could (really |"
            r"totally |so )?use|zou (me|mij|ons) (echt |zo |enorm |heel erg |super )*(helpen|van pas komen)|"
            r"(kan|kunnen) (ik|we) (heel |echt |super )?goed gebruiken|(ware|war) (echt |mega |so |wirklich )*"
            r"(eine (grosse |riesige )?hilfe|ein traum|der hammer)|(^|ich )brauchte (das|den|die|eine?n?|noch|mal)\b|"
            r"(ich )?brauchte (\w+ )?(dringend|echt|"
            r"unbedingt|gern|gerne)|brauchte ich|(m|nous) aiderait|serait (top|parfait|parfaite|genial|super|ideal|"
            r"ideale) pour (moi|nous)|j aurais (bien |vraiment )?besoin|me vendria (genial|bien|de lujo|fenomenal)|"
            r"me haria (muchisima |mucha |muy )?falta|me ayudaria|seria perfect[oa] para (mi|nosotros)|me serviria|"
            r"(ia|iria) me ajudar|me ajudaria|precisava (muito|tanto|demais|mesmo)|queria (muito|tanto|demais)|"
            r"seria perfeit[oa] (pra|para) (mim|nos)|viria a calhar|mi farebbe (davvero |proprio )?comod\w*|"
            r"mi servirebbe|avrei (proprio |davvero |tanto )?bisogno|mi aiuterebbe|sarebbe perfett[oa] per me|"
            r"(bardzo )?by mi (sie )?(przydal|pomogl)\w*|przydal\w* (by )?mi sie|bardzo by mi pomogl\w*|"
            r"byl\w* idealn\w* dla mnie|(cok )?isime yarardi|(gercekten |cok )?ihtiyacim var|(benim icin )?"
            r"mukemmel olurdu|cok yardimci olurdu)\b"
        ),
        True,
    ),
    # "… would save my life", "wären Gold wert", "zou ik goed kunnen gebruiken": said of something not yet had
    (
        re.compile(
            r"\b((would|d) (\w+ ){0,2}?(save my (life|week|semester|term|sanity)|make my (\w+ ){0,2}?(easier|life))|"
            r"zou(den)? (\w+ ){0,4}?(goed|prima|echt) (kunnen )?gebruiken|(waren|ware|war) (\w+ ){0,3}?gold wert|"
            r"(me |m )?sauverai(en)?t (la vie|la mise)|me salvari(a|an) la vida|(ia|iam|iria|iriam) salvar (a )?"
            r"minha vida|mi salverebbe(ro)? la vita|uratowal\w*by mi (zycie|tydzien)|hayatimi kurtarir(di)?|(would|d) "
            r"(\w+ ){0,2}?(change|transform) my life|(would|d) be (a |such a )?(lifesaver|godsend|game changer)|zou "
            r"(\w+ ){0,3}?(een )?uitkomst zijn|(ware|war) (\w+ ){0,2}?(die|meine|eine) rettung|(me |m )?"
            r"changerai(en)?t la vie|me cambiari(a|an) la vida|(ia|iria|iam|iriam) mudar (a )?minha vida|mi "
            r"cambierebbe(ro)? la vita|zmienil\w*by mi zycie|hayatimi degistirir(di)?)\b"
        ),
        False,
    ),
    # "a printable version would be so handy for my class"
    (
        re.compile(
            r"\b((would|d) be (\w+ ){0,2}?(handy|useful|practical|helpful)|zou (\w+ ){0,2}?(handig|nuttig|praktisch) "
            r"zijn|(ware|war) (\w+ ){0,2}?(praktisch|nutzlich|hilfreich)|serait (\w+ ){0,2}?(pratique|utile)|seria "
            r"(\w+ ){0,2}?(util|practic[oa]|pratic[oa])|sarebbe (\w+ ){0,2}?(comod\w*|util\w*|pratic\w*)|byl\w* "
            r"(\w+ ){0,2}?(przydatn\w*|pomocn\w*)|kullanisli olurdu|me vendria de maravilla)\b"
        ),
        False,
    ),
    # "the vocab list if you still have it, thanks!": the condition is the ask.
    (
        re.compile(
            r"\b(if you (still )?(have|got) (it|them|one|those|that)|als je (die|het|ze|hem|dat) (nog )?(hebt|"
            r"heb)|falls du (sie|es|die|ihn|das) (noch )?hast|wenn du (sie|es|die|ihn|das) (noch )?hast|si (tu )?"
            r"(les|l|la|le) as (encore|toujours)|si (todavia|aun) (las|los|la|lo) tienes|si (las|los|la|lo) "
            r"tienes (todavia|aun)?|se (ainda )?(tiver|tem)|se (le|li|lo|la|ce l) hai ancora|jesli (jeszcze )?"
            r"(masz|macie)|hala varsa)\b"
        ),
        False,
    ),
)

# --- Declines and sarcasm -> other -------------------------------------------------------------
# "thanks, but I already have one", "danke, aber kein Bedarf": checked where lexicon_intent.NO_NEED_RE is.
ALREADY_HAVE_RE = re.compile(
    r"\b((i )?(already )?(have|got) (one|it|something similar|what i need) already|(i ve|ive|i) already (got|"
    r"have) (one|it|what i need|a similar one)|(ik )?heb (er )?(al|allang) (een|eentje|zoiets|iets)|ich (hab|"
    r"habe) (schon|bereits) (eine?n?|so ?was|alles|was)|j en ai deja|j ai deja (ce qu il me faut|tout|un|une)|"
    r"ya tengo (uno|una|algo|lo que)|(eu )?ja tenho (um|uma|algo|o que)|(ne )?ho gia (uno|una|qualcosa|quello)|"
    r"mam juz (podobn\w*|tak\w*|swoj\w*|wszystko|jeden|jedna)|bende (zaten|de) var|zaten var|kein bedarf|"
    r"geen behoefte|no me hace falta|nao preciso|non mi serve|(ne|nee|nein),? lass mal|lass mal gut sein|"
    r"almayayim|almayacagim|istemiyorum|podziekuje|(ich )?bin raus|(i m|im|i am) out|count me out|grazie di "
    r"(niente|nulla))\b"
)
# A clause that only passes: "pass, thanks", "ik pas", "passo, grazie" (not "je passe le bac").
PASS_CLAUSE_RE = re.compile(
    r"(i ll |ill |i will |ik |ich |io )?(pass|passo|paso|passe)( (on it|on this|thanks?|thx|dank ?je|dankje|"
    r"bedankt|danke|merci|gracias|obrigad[oa]|valeu|grazie|dzieki))?"
)
# "can you not message me every day", "merci de ne pas m'écrire": other (joined to lexicon_more's declines).
STOP_WRITING_RE = re.compile(
    r"\b((can|could|would) you (please )?not (message|dm|text|write|email|mail)|nicht (\w+ ){0,2}?(jeden tag|taglich|"
    r"standig|mehr) (\w+ )?(schreiben|schreibst|anschreiben|nachrichten)|(de )?ne (pas|plus) m ecrire|nao me (manda|"
    r"mande|envia|envie) (mais )?mensage\w*|no me (mandes|envies) (mas )?mensajes|niet (\w+ ){0,2}?elke dag "
    r"(\w+ )?(berichten|sturen|appen))\b"
)
# Scare quotes around "free" (raw text, before folding): 'another "free" template…' is sarcastic.
SCARE_QUOTED_FREE_RE = re.compile(
    r"[\"“„«]\s*(free|gratis|grátis|kostenlos\w*|gratuit\w*|darmow\w*|bezpłatn\w*|ücretsiz|gift|cadeau|geschenk|"
    r"regalo|presente|prezent|hediye|freebie)\s*[\"”“»]",
    re.I,
)

# "what a day", "wat een week", "quelle journée": small talk, neither praise nor a question.
SMALL_TALK_ROUND3_RE = re.compile(
    r"\b(what a|wat een|was fur (ein|eine)|quelle?|que|menuda|che|co za|ne) (\w+ )?(day|week|morning|night|monday|"
    r"dag|ochtend|nacht|maandag|tag|woche|morgen|montag|journee|semaine|matinee|nuit|lundi|dia|semana|manana|"
    r"noche|lunes|semaninha|manha|segunda|giornata|settimana|mattina|notte|lunedi|dzien|tydzien|poranek|noc|"
    r"poniedzialek|gun|gundu|hafta|haftaydi|sabah|gece|pazartesi)\b"
)

# --- Praise without a thank-you word -> thanks -------------------------------------------------
_GOOD = (
    r"(excellent|great|amazing|brilliant|awesome|fantastic|perfect|super|top|klasse|genial|geweldig|excelente|"
    r"incrivel|increible|fantastico|swietne|swietny|harika|mukemmel|magnifique|parfait|bravo|perfecto|perfeito|"
    r"perfetto|ottimo|eccellente|sublime|wunderbar|prima|stark|toll|gelungen|super gemacht|top gedaan|fijn)"
)
_AS_ALWAYS = (
    r"(as always|as usual|zoals altijd|zoals gewoonlijk|wie immer|comme d habitude|comme toujours|como siempre|"
    r"como sempre|como de costume|come sempre|come al solito|jak zawsze|jak zwykle|her zamanki gibi|"
    r"her zamanki)"
)
# It will help / it helps (the member has it: thanks), unlike "it would help" (an ask, above).
_HELPS = (
    r"((will|ll|gonna|going to) (\w+ ){0,2}?help|helps (me|us|so)|makes? (\w+ ){0,3}?(so much |way |a lot )?(easier|"
    r"simpler)|gaat (me|mij|ons) (\w+ )?helpen|helpt (me|mij|ons)|wird (mir|uns) (\w+ )?helfen|hilft (mir|uns)|va "
    r"(\w+ )?(m |me |nous )aider|(ca )?m aide|me va a ayudar|me (esta )?ayuda(ndo)?|vai me ajudar|(me )?ajuda muito|"
    r"mi aiutera|mi aiuta|(mi )?(to )?pomoze|pomaga mi|isime yarayacak|isime yariyor)"
)
# Effort seen in it: "wat heb je hier werk in gestoken", "çok emek verilmiş", "qué currazo", "you're saving my…"
_EFFORT = (
    r"((werk|moeite|tijd|liefde) in (gestoken|gestopt)|emek (verilmis|harcanmis)|caprichad\w*|curr[ao]zo|"
    r"porzadn\w* robot\w*|kawal \w+ roboty|durchdacht|(you|u) rock|(you re|youre|ur) (saving|a star)|du rettest|"
    r"(je|jij) redt|tu (me )?sauves|me (estas salvando|salvas)|(voce|vc) (me )?salva|mi (stai salvando|salvi)|"
    r"ratujesz|(spent|put|dedicaste|passou|passato|spedzil\w*|passe) (\w+ ){0,2}?(hours|heures|horas|ore|godzin\w*)|"
    r"saatler(ce)? harcadig\w*|uren (in|aan) (gestoken|besteed)|stunden (\w+ )?(reingesteckt|investiert))"
)
# Told as what it did: recommended to friends, on the fridge, "finally a planner that…", "will make … calmer"
_RESULT = (
    r"(recommended (it|this)|aangeraden|weiterempfohlen|conseille a|recomende|indiquei|recomendei|consigliato a|"
    r"polecil\w*|onerdim|tavsiye ettim|(on|op|an|sur|en|na|sul|buzdolabina) (the |de |den |le |la |a |il )?(fridge|"
    r"koelkast|kuhlschrank|frigo|nevera|geladeira|lodowke|buzdolab\w*)|(finally|eindelijk|endlich|enfin|por fin|"
    r"finalmente|w koncu|nareszcie|sonunda) (a|an|een|ein|eine|un|une|uma|um|una|bir)( \w+){1,3} (that|die|der|"
    r"das|qui|que|che|ktory|ktora|ktore)|(going to|gonna|will|ll) make|gaat (\w+ ){0,3}?maken|va rendre|va a hacer "
    r"que|vai deixar|rendera|sprawi\w*|saglayacak)"
)
# How it turned out: "qué cosa más mona te ha quedado", "è venuto troppo carino", "wie süß ist das geworden"
_TURNED_OUT = (
    r"(((te |le )?ha quedado|quedo) (\w+ ){0,2}?(genial|precioso|preciosa|bonito|bonita|mono|mona|monisim\w*|chulo|"
    r"chula|perfecto|perfecta)|ficou (\w+ )?(lindo|linda|fofo|fofa|otimo|otima|perfeito|perfeita|incrivel)|e "
    r"venut[oa] (\w+ )?(carin[oa]|bellissim[oa]|benissimo|perfett[oa])|wyszl\w* (\w+ )?(super|swietnie|pieknie|"
    r"przeslodko|slodko|cudnie)|wie (\w+ )?(suss|schon|toll|hubsch) (\w+ ){0,2}?geworden|(turned|came) out (so )?"
    r"(great|lovely|beautiful|cute|amazing|perfect)|(is|zijn) (\w+ )?(mooi|prachtig|schattig) geworden|(est|c est) "
    r"(\w+ )?(trop )?(mignon|beau|reussi)|cok (tatli|guzel) olmus)"
)
PRAISE_ROUND3_RE = re.compile(
    rf"\b(worth (its weight in |their weight in )?gold|(is )?goud waard|gold wert|vaut (de l )?or|c est de l or|"
    rf"vale (su peso en )?oro|vale ouro|vale (tanto )?oro|na wage zlota|to (jest )?zloto|altin degerinde|"
    rf"{_GOOD} (\w+ ){{0,2}}?{_AS_ALWAYS}|{_AS_ALWAYS} (\w+ ){{0,1}}?{_GOOD}|szacun|helal( olsun)?|"
    rf"(kawal|kawalek) dobrej roboty|eline saglik|emegine saglik|petje af|hut ab|hats off|kudos|"
    rf"(you can (really )?tell|je ziet (echt |wel )?|je merkt|man merkt|man sieht|on (sent|voit)|ca se voit|"
    rf"se nota|se ve|da (pra|para) (ver|sentir|perceber)|si vede|si sente|widac|czuc) (\w+ ){{0,4}}?(effort|care|"
    rf"love|work|liefde|moeite|muhe|liebe|herzblut|soin|amour|travail|coeur|carino|esfuerzo|dedicacion|cuidado|"
    rf"carinho|dedicacao|esforco|cura|amore|impegno|serca|serce|pracy|wysilku)|emek (verdigin|harcadigin) belli|"
    rf"(loved|adored|adores|loves) it|(vond|vonden) (het|hem|ze) (\w+ )?(geweldig|prachtig|super|top|leuk)|"
    rf"(war|waren) (\w+ )?(ganz |total |voll )?begeistert|(l |les )?(a|ont) adore|le (encanto|encantaron)|"
    rf"(amou|amaram|adorou|adoraram)|(le |gli |mi )?(e piaciuto|e piaciuta|sono piaciut\w*) (tantissimo|"
    rf"un sacco|molto)|spodobal\w*|bayildi\w*|kept me sane|(he|she|they) (loves?|adores?) (it|them)|(hij|zij|ze) "
    rf"(is|zijn) (er )?(fan|dol op|gek op)|(er|sie) (liebt|liebte|lieben) (ihn|es|sie)|(il|elle|ils|elles) (l |les )?"
    rf"(adore|adorent)|le encanta|(ele|ela) (adora|ama)|(lo|la|li|le) adora|uwielbia (go|je|ja|to)|zachwycon\w*|"
    rf"cok sevdi\w*|(went|go|going) wild (for|over)|flipo|(haven t|havent|can t|cant) stop(ped)? talking about|"
    rf"10 10|11 10|10 out of 10|no notes|niks op aan te merken|nichts (zu meckern|auszusetzen)|rien a redire|nada "
    rf"(que objetar|a reclamar)|(niente|nulla) da dire|nie mam sie do czego przyczepic|hicbir eksigi yok|grace a "
    rf"(ton|ta|tes|votre|vos)|dankzij (je|jouw|uw)|dank (deiner|deinem|deinen|ihrer|ihrem)|gracas a|por causa "
    rf"d(o|a|os|as) (seu|sua|seus|suas)|\w+ sayesinde|{_HELPS}|{_EFFORT}|{_RESULT}|{_TURNED_OUT})\b"
)
