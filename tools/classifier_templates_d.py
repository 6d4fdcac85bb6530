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
