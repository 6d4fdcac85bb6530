"""Third round of templates: more resource kinds (hobby, school, fitness), declines with a reason,
"any chance / still possible" asks, delivery trouble told as a story, thanks told as a story."""

EXTRA_NOUNS = {
    "en": [
        "the crochet pattern",
        "the character sheet",
        "the flashcards",
        "the lesson plan",
        "the workout plan",
        "the colouring pages",
        "the sourdough guide",
        "the wedding timeline",
        "the packing list",
    ],
    "nl": [
        "het haakpatroon",
        "de lesbrief",
        "het trainingsschema",
        "de kleurplaten",
        "de oefenplanning",
        "de moestuinkalender",
        "de paklijst",
    ],
    "de": ["das Häkelmuster", "den Trainingsplan", "die Ausmalbilder", "das Strickmuster", "die Lernkarten"],
    "fr": ["le patron au crochet", "la séquence pédagogique", "le programme sportif", "les coloriages", "les fiches"],
    "es": ["el patrón de ganchillo", "el plan de clases", "la rutina de ejercicios", "los dibujos para colorear"],
    "pt": ["a receita de crochê", "o plano de aula", "o treino", "os desenhos pra colorir", "os flashcards"],
    "it": ["lo schema all'uncinetto", "il piano delle lezioni", "la scheda di allenamento", "i disegni da colorare"],
    "pl": ["wzór na szydełko", "konspekt", "plan treningowy", "kolorowanki", "fiszki"],
    "tr": ["örgü desenini", "ders planını", "antrenman programını", "boyama sayfalarını", "kelime kartlarını"],
}

MORE2 = {
    "en": {
        "other": [
            "{ty}, but I'll pass",
            "{ty} but I'm good",
            "appreciate it, but not this time",
            "{ty}, maybe another time",
            "no thanks, I already bought one",
            "{ty} but I don't need {n} anymore",
        ],
        "request": [
            "any chance you could send {n} over?",
            "is it still possible to get {n}?",
            "can we still ask for {n}?",
            "I pressed the button twice and nothing came",
            "the drive link says I need access",
            "{n} would be a huge help for my class, can I get it?",
            "psst, {n}? 👀",
            "{n}, please and thank you",
        ],
        "thanks": [
            "my kid has been busy with {n} all afternoon, love it",
            "got {n}, cheers!",
            "{n} looks amazing printed out",
        ],
    },
    "nl": {
        "other": [
            "{ty}, maar ik pas",
            "{ty}, maar ik hoef niet",
            "lief, maar nu even niet",
            "{ty}, misschien een andere keer",
            "nee hoor, ik heb er al een gekocht",
        ],
        "request": [
            "is er nog een kans dat ik {n} krijg?",
            "kan ik {n} nog aanvragen?",
            "ik heb twee keer op de knop gedrukt en er kwam niks",
            "de drive link zegt dat ik geen toegang heb",
            "{n} zou mijn klas enorm helpen, mag ik hem?",
            "psst, {n}? 👀",
        ],
        "thanks": [
            "mijn dochter is de hele middag zoet met {n}, top",
            "{n} binnen, thanks!",
            "{n} ziet er geprint geweldig uit",
        ],
    },
    "de": {
        "other": [
            "{ty}, aber ich verzichte",
            "{ty}, aber diesmal nicht",
            "lieb gemeint, aber nein",
            "{ty}, vielleicht ein andermal",
        ],
        "request": [
            "besteht noch die Chance auf {n}?",
            "kann man {n} noch anfordern?",
            "hab zweimal auf den Button gedrückt und nichts kam",
            "der Drive-Link sagt, ich brauche Zugriff",
            "{n} würde meiner Klasse sehr helfen, krieg ich das?",
        ],
        "thanks": [
            "meine Tochter ist seit Stunden mit {n} beschäftigt, toll",
            "{n} ist da, danke!",
            "ausgedruckt sieht {n} mega aus",
        ],
    },
    "fr": {
        "other": [
            "{ty}, mais je passe",
            "{ty} mais ça ira",
            "c'est gentil mais pas cette fois",
            "{ty}, une autre fois peut-être",
        ],
        "request": [
            "y a moyen d'avoir {n} ?",
            "c'est encore possible d'avoir {n} ?",
            "j'ai appuyé deux fois sur le bouton et rien",
            "le lien drive dit que j'ai pas accès",
            "{n} m'aiderait beaucoup pour ma classe, je peux l'avoir ?",
        ],
        "thanks": [
            "ma fille est occupée avec {n} depuis des heures, top",
            "{n} bien arrivé, merci !",
            "une fois imprimé c'est magnifique",
        ],
    },
    "es": {
        "other": [
            "{ty}, pero paso",
            "{ty} pero no hace falta",
            "muy amable, pero esta vez no",
            "{ty}, quizás otro día",
        ],
        "request": [
            "¿hay alguna posibilidad de tener {n}?",
            "¿todavía se puede pedir {n}?",
            "le di dos veces al botón y nada",
            "el link de drive dice que necesito acceso",
            "{n} me ayudaría mucho con mi clase, ¿me lo mandas?",
        ],
        "thanks": ["mi hija lleva horas con {n}, genial", "me llegó {n}, ¡gracias!", "impreso queda precioso"],
    },
    "pt": {
        "other": [
            "{ty}, mas vou passar",
            "{ty}, mas dessa vez não",
            "muito gentil, mas não precisa",
            "{ty}, quem sabe outro dia",
        ],
        "request": [
            "tem chance de eu receber {n}?",
            "ainda dá pra pedir {n}?",
            "apertei o botão duas vezes e nada",
            "o link do drive diz que preciso de acesso",
            "{n} ajudaria muito minha turma, posso receber?",
        ],
        "thanks": ["minha filha tá há horas com {n}, amei", "chegou {n}, valeu!", "impresso ficou lindo"],
    },
    "it": {
        "other": ["{ty}, ma passo", "{ty} ma non serve", "gentile, ma stavolta no", "{ty}, magari un'altra volta"],
        "request": [
            "c'è ancora la possibilità di avere {n}?",
            "si può ancora chiedere {n}?",
            "ho premuto il pulsante due volte e niente",
            "il link di drive dice che mi serve l'accesso",
            "{n} aiuterebbe tanto la mia classe, posso averlo?",
        ],
        "thanks": ["mia figlia è impegnata con {n} da ore, fantastico", "arrivato, {ty}!", "stampato è bellissimo"],
    },
    "pl": {
        "other": ["{ty}, ale pas", "{ty}, ale tym razem nie", "miło, ale nie trzeba", "{ty}, może innym razem"],
        "request": [
            "jest szansa na {n}?",
            "da się jeszcze dostać {n}?",
            "kliknęłam przycisk dwa razy i nic",
            "link do dysku mówi, że nie mam dostępu",
            "{n} bardzo pomógłby mojej klasie, mogę dostać?",
        ],
        "thanks": ["córka od godzin siedzi nad tym, super", "doszło, {ty}!", "wydrukowane wygląda pięknie"],
    },
    "tr": {
        "other": [
            "{ty} ama almayayım",
            "{ty} ama bu sefer gerek yok",
            "çok naziksin ama istemem",
            "{ty}, belki başka zaman",
        ],
        "request": [
            "{n} alma şansım var mı?",
            "{n} hâlâ istenebiliyor mu?",
            "butona iki kez bastım ama hiçbir şey gelmedi",
            "drive linki erişimim olmadığını söylüyor",
            "{n} sınıfım için çok işe yarar, alabilir miyim?",
        ],
        "thanks": ["kızım saatlerdir bununla uğraşıyor, harika", "geldi, {ty}!", "yazdırınca çok güzel oldu"],
    },
}

# Contrasts the first hand-written sets showed: "do you have <the resource>?" asks for it, "do you
# have a newsletter?" asks about the creator; "you already sent me this" asks for nothing.
MORE3 = {
    "en": {
        "request": [
            "do you by any chance have {n} from your last video?",
            "do you have {n}?",
            "need {n} asap",
            "can you send it as a PDF instead?",
            "deleted it by accident, can you resend?",
        ],
        "question": [
            "do you have a newsletter?",
            "do you have a video on how to use {n}?",
            "do you have a discount code for the course?",
        ],
        "other": [
            "you already sent me this",
            "I already have it, you sent it last week",
            "thanks for the spam",
            "this bot is annoying",
        ],
    },
    "nl": {
        "request": [
            "heb je toevallig {n} uit je laatste video?",
            "heb je {n}?",
            "heb {n} zo snel mogelijk nodig",
            "kun je hem als pdf sturen in plaats daarvan?",
            "per ongeluk gewist, kun je hem opnieuw sturen?",
        ],
        "question": [
            "heb je een nieuwsbrief?",
            "heb je een video over hoe je {n} gebruikt?",
            "heb je een kortingscode voor de cursus?",
        ],
        "other": [
            "die heb je me al gestuurd",
            "ik heb hem al, je stuurde hem vorige week",
            "bedankt voor de spam",
            "deze bot is vervelend",
        ],
    },
    "de": {
        "request": [
            "hast du zufällig {n} aus deinem letzten Video?",
            "hast du {n}?",
            "brauche {n} so schnell wie möglich",
            "kannst du es stattdessen als PDF schicken?",
            "aus Versehen gelöscht, schickst du es nochmal?",
        ],
        "question": [
            "hast du einen Newsletter?",
            "hast du ein Video dazu, wie man {n} benutzt?",
            "hast du einen Rabattcode für den Kurs?",
        ],
        "other": [
            "das hast du mir schon geschickt",
            "hab ich schon, kam letzte Woche",
            "danke für den Spam",
            "der Bot nervt",
        ],
    },
    "fr": {
        "request": [
            "t'aurais pas {n} de ta dernière vidéo ?",
            "tu as {n} ?",
            "besoin de {n} au plus vite",
            "tu peux l'envoyer en PDF plutôt ?",
            "supprimé par erreur, tu peux le renvoyer ?",
        ],
        "question": [
            "tu as une newsletter ?",
            "tu as une vidéo sur comment utiliser {n} ?",
            "tu as un code promo pour la formation ?",
        ],
        "other": [
            "tu me l'as déjà envoyé",
            "je l'ai déjà, tu me l'as envoyé la semaine dernière",
            "merci pour le spam",
            "ce bot est relou",
        ],
    },
    "es": {
        "request": [
            "¿por casualidad tienes {n} de tu último video?",
            "¿tienes {n}?",
            "necesito {n} cuanto antes",
            "¿me lo mandas en PDF mejor?",
            "lo borré sin querer, ¿me lo reenvías?",
        ],
        "question": [
            "¿tienes newsletter?",
            "¿tienes un video de cómo usar {n}?",
            "¿tienes código de descuento para el curso?",
        ],
        "other": [
            "ya me lo mandaste",
            "ya lo tengo, me lo enviaste la semana pasada",
            "gracias por el spam",
            "este bot es pesado",
        ],
    },
    "pt": {
        "request": [
            "por acaso você tem {n} do seu último vídeo?",
            "você tem {n}?",
            "preciso de {n} o quanto antes",
            "pode mandar em PDF?",
            "apaguei sem querer, reenvia?",
        ],
        "question": ["você tem newsletter?", "tem vídeo de como usar {n}?", "tem cupom de desconto pro curso?"],
        "other": [
            "você já me mandou isso",
            "já tenho, você mandou semana passada",
            "obrigado pelo spam",
            "esse bot é chato",
        ],
    },
    "it": {
        "request": [
            "per caso hai {n} del tuo ultimo video?",
            "hai {n}?",
            "mi serve {n} il prima possibile",
            "me lo mandi in PDF invece?",
            "l'ho cancellato per sbaglio, me lo rimandi?",
        ],
        "question": ["hai una newsletter?", "hai un video su come usare {n}?", "hai un codice sconto per il corso?"],
        "other": [
            "me l'hai già mandato",
            "ce l'ho già, me l'hai mandato la settimana scorsa",
            "grazie per lo spam",
            "questo bot è noioso",
        ],
    },
    "pl": {
        "request": [
            "masz może {n} z ostatniego filmu?",
            "masz {n}?",
            "potrzebuję {n} jak najszybciej",
            "możesz wysłać w PDF?",
            "usunęłam przez przypadek, wyślesz jeszcze raz?",
        ],
        "question": ["masz newsletter?", "masz film, jak używać {n}?", "masz kod rabatowy na kurs?"],
        "other": [
            "już mi to wysłałaś",
            "już mam, wysłałeś w zeszłym tygodniu",
            "dzięki za spam",
            "ten bot jest denerwujący",
        ],
    },
    "tr": {
        "request": [
            "son videodaki {n} sende var mı acaba?",
            "{n} sende var mı?",
            "{n} acilen lazım",
            "PDF olarak atabilir misin?",
            "yanlışlıkla sildim, tekrar atar mısın?",
        ],
        "question": [
            "bültenin var mı?",
            "nasıl kullanıldığını anlatan videon var mı?",
            "kurs için indirim kodun var mı?",
        ],
        "other": [
            "bunu zaten göndermiştin",
            "bende zaten var, geçen hafta atmıştın",
            "spam için teşekkürler",
            "bu bot sinir bozucu",
        ],
    },
}

# Neutral openings members put before what they want: they must not decide the label.
CONTEXT = {
    "en": [
        "Hope you're doing well!",
        "I've been following you for a while.",
        "I'm a teacher and my class starts next week.",
        "Long time lurker here.",
        "My sister told me about your server.",
    ],
    "nl": [
        "Hoop dat alles goed gaat!",
        "Ik volg je al een tijdje.",
        "Ik ben juf en mijn klas begint volgende week.",
        "Mijn zus vertelde me over je server.",
    ],
    "de": [
        "Hoffe, dir geht's gut!",
        "Ich folge dir schon eine Weile.",
        "Ich bin Lehrerin und meine Klasse startet nächste Woche.",
        "Meine Schwester hat mir von deinem Server erzählt.",
    ],
    "fr": [
        "J'espère que tu vas bien !",
        "Je te suis depuis un moment.",
        "Je suis prof et ma classe reprend la semaine prochaine.",
        "Ma sœur m'a parlé de ton serveur.",
    ],
    "es": [
        "¡Espero que estés bien!",
        "Te sigo desde hace tiempo.",
        "Soy profe y mi clase empieza la semana que viene.",
        "Mi hermana me habló de tu servidor.",
    ],
    "pt": [
        "Espero que esteja tudo bem!",
        "Te acompanho faz tempo.",
        "Sou professora e minha turma começa semana que vem.",
        "Minha irmã me falou do seu servidor.",
    ],
    "it": [
        "Spero tu stia bene!",
        "Ti seguo da un po'.",
        "Sono insegnante e la mia classe inizia la settimana prossima.",
        "Mia sorella mi ha parlato del tuo server.",
    ],
    "pl": [
        "Mam nadzieję, że u ciebie wszystko dobrze!",
        "Obserwuję cię od dawna.",
        "Jestem nauczycielką i klasa zaczyna w przyszłym tygodniu.",
        "Siostra powiedziała mi o twoim serwerze.",
    ],
    "tr": [
        "Umarım iyisindir!",
        "Bir süredir seni takip ediyorum.",
        "Öğretmenim ve sınıfım haftaya başlıyor.",
        "Kız kardeşim bana sunucundan bahsetti.",
    ],
}

# Questions about the delivery itself are questions, not requests: "will the link expire?".
# And "I don't understand step 3" asks for help without a question mark.
MORE4 = {
    "en": {
        "question": [
            "will the link to {n} expire?",
            "how long does the download link stay valid?",
            "do I need an account to open {n}?",
            "will you send updates to {n} by email or here?",
            "I don't get step 4 of {n}",
            "I'm confused by the arrows on page 2",
        ]
    },
    "nl": {
        "question": [
            "verloopt de link van {n}?",
            "hoe lang blijft de downloadlink geldig?",
            "heb ik een account nodig om {n} te openen?",
            "stuur je updates van {n} per mail of hier?",
            "ik snap stap 4 van {n} niet",
            "de pijltjes op pagina 2 snap ik niet",
        ]
    },
    "de": {
        "question": [
            "läuft der Link zu {n} ab?",
            "wie lange ist der Download-Link gültig?",
            "brauche ich ein Konto, um {n} zu öffnen?",
            "schickst du Updates per Mail oder hier?",
            "ich verstehe Schritt 4 nicht",
            "die Pfeile auf Seite 2 verstehe ich nicht",
        ]
    },
    "fr": {
        "question": [
            "le lien vers {n} expire ?",
            "le lien de téléchargement reste valable combien de temps ?",
            "il faut un compte pour ouvrir {n} ?",
            "tu envoies les mises à jour par mail ou ici ?",
            "je comprends pas l'étape 4",
            "les flèches page 2 je comprends pas",
        ]
    },
    "es": {
        "question": [
            "¿el enlace de {n} caduca?",
            "¿cuánto tiempo vale el enlace de descarga?",
            "¿necesito una cuenta para abrir {n}?",
            "¿mandas las actualizaciones por correo o por aquí?",
            "no entiendo el paso 4",
            "no pillo las flechas de la página 2",
        ]
    },
    "pt": {
        "question": [
            "o link de {n} expira?",
            "por quanto tempo o link de download vale?",
            "preciso de conta pra abrir {n}?",
            "você manda as atualizações por e-mail ou aqui?",
            "não entendi o passo 4",
            "não entendi as setas da página 2",
        ]
    },
    "it": {
        "question": [
            "il link di {n} scade?",
            "per quanto tempo vale il link di download?",
            "serve un account per aprire {n}?",
            "mandi gli aggiornamenti per mail o qui?",
            "non capisco il passaggio 4",
            "non capisco le frecce a pagina 2",
        ]
    },
    "pl": {
        "question": [
            "czy link do {n} wygasa?",
            "jak długo link do pobrania jest ważny?",
            "potrzebuję konta, żeby otworzyć {n}?",
            "wysyłasz aktualizacje mailem czy tutaj?",
            "nie rozumiem kroku 4",
            "nie rozumiem strzałek na stronie 2",
        ]
    },
    "tr": {
        "question": [
            "linkin süresi doluyor mu?",
            "indirme linki ne kadar süre geçerli?",
            "açmak için hesap gerekiyor mu?",
            "güncellemeleri mailden mi buradan mı atıyorsun?",
            "4. adımı anlamadım",
            "2. sayfadaki okları anlamadım",
        ]
    },
}
