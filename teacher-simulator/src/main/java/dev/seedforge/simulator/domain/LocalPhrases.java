package dev.seedforge.simulator.domain;

import java.time.DayOfWeek;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.regex.Pattern;

import net.datafaker.Faker;

/**
 * What a user writing in Japanese, Korean, German, Spanish, French, Russian, Portuguese, Italian, Hebrew or Arabic says
 * around a request:
 * openers, closing remarks,
 * circumstances (with names, cities and companies of that language, from Datafaker's locales), the words that lead a
 * follow-up or a later reply, and how an axis value is named. A request in one of these languages gets them instead of
 * the English ones, so a Japanese job's requests are Japanese throughout; English, and a language with no phrases
 * here, keep the English ones. Chinese is told apart but has none: dedup reads mostly Chinese texts with a model of
 * Chinese (bge-small-zh) that sees requests made of one seed's core and a few dozen phrases as the near-duplicates they
 * are (46 of a three-seed job's 74 candidates through the pipeline, against 1 of 32 with the English phrases, which
 * its English model reads).
 */
final class LocalPhrases {

    /** The languages told apart, and the locale their values come from (Chinese has no phrases: above). */
    enum Language {
        ZH(Locale.SIMPLIFIED_CHINESE),
        JA(Locale.JAPANESE),
        KO(Locale.KOREAN),
        DE(Locale.GERMAN),
        ES(
                Locale.forLanguageTag("es")),
        FR(Locale.FRENCH),
        RU(Locale.forLanguageTag("ru")),
        PT(Locale.forLanguageTag("pt")),
        IT(Locale.ITALIAN),
        HE(Locale.forLanguageTag("he")),
        AR(Locale.forLanguageTag("ar"));

        final Locale locale;

        Language(Locale locale) {
            this.locale = locale;
        }
    }

    /** Letters of Cyrillic alphabets other than Russian's (Ukrainian, Belarusian, Serbian, Macedonian). */
    /** Letters Persian and Urdu add to the Arabic script: their texts are not Arabic. */
    private static final Pattern NOT_ARABIC = Pattern.compile("[پچژگکیٹڈڑںے]");
    private static final Pattern NOT_RUSSIAN = Pattern.compile("[іїєґўђјљњћџѓќѕІЇЄҐЎЂЈЉЊЋЏЃЌЅ]");
    private static final Pattern WORD = Pattern.compile("[\\p{L}']+");

    /** Words common in one language's sentences and rare in the others' (English's to tell it apart). */
    private static final Map<String, Set<String>> COMMON_WORDS = Map.of(
            "en", Set.of("the", "and", "is", "to", "of", "my", "for", "you", "with", "can", "how", "what", "it",
                    "this", "that", "please", "i", "in", "on", "are", "do", "was"),
            "de", Set.of("und", "der", "die", "das", "ist", "nicht", "ich", "mit", "sie", "ein", "eine", "zu", "für",
                    "auf", "bitte", "mein", "meine", "wie", "kann", "es", "den", "dem", "wir", "auch", "noch", "habe",
                    "kein", "keine", "mehr", "seit", "heute", "sind", "haben", "wird", "bin", "mich", "mir", "schon",
                    "aber", "oder", "wenn", "warum", "gibt", "ihr", "ihre", "unser"),
            "es", Set.of("el", "los", "las", "que", "y", "en", "una", "por", "para", "con", "mi", "es", "no", "cómo",
                    "puedo", "del", "se", "lo", "pero", "qué", "está", "mis", "tengo", "hay", "muy", "cuánto", "dónde",
                    "quiero", "necesito", "su", "sus", "hola", "gracias"),
            "fr", Set.of("le", "les", "des", "et", "est", "une", "pour", "que", "je", "mon", "ma", "pas", "avec",
                    "vous", "comment", "du", "ne", "ce", "mes", "j'ai", "sur", "au", "il", "nous", "suis", "puis",
                    "est-ce", "pourquoi", "où", "votre", "vos", "merci", "bonjour", "c'est", "qu'il", "aux"),
            "pt", Set.of("o", "os", "as", "que", "não", "um", "uma", "para", "com", "meu", "minha", "é", "do", "da",
                    "dos", "das", "em", "no", "na", "por", "como", "posso", "obrigado", "obrigada", "olá", "você",
                    "está", "tenho", "preciso", "quero", "mas", "isso", "esse", "essa", "também", "já", "meus", "minhas",
                    "pedido", "ainda", "foi", "ao", "pelo", "pela"),
            "it", Set.of("il", "lo", "la", "gli", "che", "non", "un", "una", "per", "con", "mio", "mia", "è", "del",
                    "della", "di", "da", "in", "sono", "come", "posso", "grazie", "ciao", "buongiorno", "ho", "ma",
                    "anche", "questo", "questa", "perché", "vorrei", "devo", "mi", "ancora", "dei", "nel",
                    "nella", "ordine", "sul", "alla", "al"));
    /** {@link #COMMON_WORDS} by word: the languages each is common in. */
    private static final Map<String, List<String>> LANGUAGES_OF_WORD = new java.util.HashMap<>();

    static {
        COMMON_WORDS.forEach((language, words) -> words.forEach(word -> LANGUAGES_OF_WORD
                .computeIfAbsent(word, w -> new java.util.ArrayList<>()).add(language)));
    }

    /** Letters (and endings) one of the languages writes and the others (and English) do not, or seldom. */
    private static final Map<String, Pattern> OWN_LETTERS = Map.of("de", Pattern.compile("[äöüßÄÖÜ]"), "es",
            Pattern.compile("[ñ¿¡áíóúÑÁÍÓÚ]"), "fr", Pattern.compile("[àâçèêëîïôûùœÀÂÇÈÊÎÔÛ]"), "pt",
            Pattern.compile("[ãõÃÕ]|ções?(?![\\p{L}])"), "it",
            Pattern.compile("zion[ei](?![\\p{L}])|(?<![\\p{L}])è(?![\\p{L}])"));

    /**
     * The language of a text as far as its script and common words tell: Hangul is Korean, kana Japanese, Han without
     * kana Chinese, Cyrillic Russian (but for letters only other Cyrillic alphabets write); Latin text is German, Spanish,
     * French, Portuguese or Italian when more of its words are that language's common ones than English's; anything
     * else (English, other scripts) is null.
     */
    static Language languageOf(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        // a seed's request is read again in every call that shows it: remembered, as Optional (null is "English")
        Optional<Language> known = KNOWN.get(text);
        if (known == null) {
            if (KNOWN.size() >= KNOWN_ENTRIES) {
                KNOWN.clear();
            }
            known = Optional.ofNullable(readLanguage(text));
            KNOWN.put(text, known);
        }
        return known.orElse(null);
    }

    private static final Map<String, Optional<Language>> KNOWN = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int KNOWN_ENTRIES = 4096;

    private static Language readLanguage(String text) {
        long hangul = 0;
        long kana = 0;
        long han = 0;
        long latin = 0;
        long cyrillic = 0;
        long hebrew = 0;
        long arabic = 0;
        for (int i = 0; i < text.length();) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c < 0x80) {
                latin += Character.isLetter(c) ? 1 : 0;
                continue;
            }
            switch (Character.UnicodeScript.of(c)) {
                case HANGUL -> hangul++;
                case HIRAGANA, KATAKANA -> kana++;
                case HAN -> han++;
                case LATIN -> latin++;
                case CYRILLIC -> cyrillic++;
                case HEBREW -> hebrew++;
                case ARABIC -> arabic++;
                default -> {
                }
            }
        }
        if (hangul > 0 && hangul >= han && hangul * 2 >= latin) {
            return Language.KO;
        }
        if (kana > 0 && (kana + han) * 2 >= latin) {
            return Language.JA;
        }
        if (han > 0 && han * 2 >= latin) {
            return Language.ZH;
        }
        if (cyrillic > 0 && cyrillic * 2 >= latin) {
            return NOT_RUSSIAN.matcher(text).find() ? null : Language.RU;
        }
        if (hebrew > 0 && hebrew * 2 >= latin) {
            return Language.HE;
        }
        if (arabic > 0 && arabic * 2 >= latin) {
            return NOT_ARABIC.matcher(text).find() ? null : Language.AR;
        }
        Map<String, Integer> hits = new java.util.HashMap<>();
        java.util.regex.Matcher words = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (words.find()) {
            for (String language : LANGUAGES_OF_WORD.getOrDefault(words.group(), List.of())) {
                hits.merge(language, 1, Integer::sum);
            }
        }
        OWN_LETTERS.forEach((language, letters) -> hits.merge(language,
                (int) Math.min(2, letters.matcher(text).results().count()), Integer::sum));
        String best = "en";
        for (String language : List.of("de", "es", "fr", "pt", "it")) {
            if (hits.getOrDefault(language, 0) > hits.getOrDefault(best, 0)) {
                best = language;
            }
        }
        return hits.getOrDefault(best, 0) < 2 || best.equals("en") ? null : Language.valueOf(best.toUpperCase());
    }

    /** Whether a Korean word ends in a consonant (a syllable with a final), which chooses its particles. */
    static boolean finalConsonant(String word) {
        char last = word.isEmpty() ? ' ' : word.charAt(word.length() - 1);
        return last >= 0xAC00 && last <= 0xD7A3 && (last - 0xAC00) % 28 != 0;
    }

    /** A Korean word with "to" or "as": 으로 after a final consonant, 로 after a vowel or a final ㄹ. */
    static String ro(String word) {
        char last = word.isEmpty() ? ' ' : word.charAt(word.length() - 1);
        boolean rieul = last >= 0xAC00 && last <= 0xD7A3 && (last - 0xAC00) % 28 == 8;
        return word + (finalConsonant(word) && !rieul ? "으로" : "로");
    }

    /** A Korean word with "with": 과 after a final consonant, 와 after a vowel. */
    static String wa(String word) {
        return word + (finalConsonant(word) ? "과" : "와");
    }

    /** The phrases of the language a text is in, or null (English, or a language with none here). */
    static LocalPhrases forText(String text) {
        Language language = languageOf(text);
        return language == null ? null : PHRASES.get(language);
    }

    final Language language;
    private final List<String> openers;
    private final List<String> closers;
    private final List<String> followUps;
    private final List<String> replyLeads;
    private final List<Function<Values, String>> situations;
    private final String axisFrame;

    private LocalPhrases(Language language, List<String> openers, List<String> closers, List<String> followUps,
            List<String> replyLeads, String axisFrame, List<Function<Values, String>> situations) {
        this.language = language;
        this.openers = openers;
        this.closers = closers;
        this.followUps = followUps;
        this.replyLeads = replyLeads;
        this.axisFrame = axisFrame;
        this.situations = situations;
    }

    String opener(SplittableRandom random) {
        return openers.get(random.nextInt(openers.size()));
    }

    String closer(SplittableRandom random) {
        return closers.get(random.nextInt(closers.size()));
    }

    /** What opens a later request of the conversation ("あと、"). */
    String followUp(SplittableRandom random) {
        return followUps.get(random.nextInt(followUps.size()));
    }

    /** The leads of a later reply, each a different way to open it ("はい、"). */
    List<String> replyLeads() {
        return replyLeads;
    }

    /** The user naming an axis's value: "（テーマ：配送）". */
    String axis(String name, String value) {
        return axisFrame.formatted(value, name);
    }

    /** How sentences are put side by side: no space between Japanese ones. */
    String joined(List<String> parts) {
        return String.join(language == Language.JA ? "" : " ", parts);
    }

    /** A full stop in the language's own writing. */
    String fullStop() {
        return language == Language.JA ? "。" : ".";
    }

    /** {@code count} sentences of circumstances, each of a different kind, with values of the language. */
    List<String> situations(int count, SplittableRandom random) {
        Values values = new Values(language, new Faker(language.locale, new Random(random.nextLong())), random);
        return Situations.ofDistinctShapes(situations, values, count, random);
    }

    /**
     * Words a user of one language mentions about themselves: what they do, what they own or bought, how they spend
     * a weekend, who is involved, what is coming up. Each list is written so that any of its words fits the sentences
     * that use it (articles, cases and particles included).
     */
    record Slots(List<String> roles, List<String> things, List<String> hobbies, List<String> relations,
            List<String> events) {
    }

    /** Names, places, companies, days and the {@link Slots} of one language, for one request. */
    record Values(Language language, Faker faker, SplittableRandom random) {

        private String any(List<String> words) {
            return words.get(random.nextInt(words.size()));
        }

        String role() {
            return any(SLOTS.get(language).roles());
        }

        String thing() {
            return any(SLOTS.get(language).things());
        }

        String hobby() {
            return any(SLOTS.get(language).hobbies());
        }

        String relation() {
            return any(SLOTS.get(language).relations());
        }

        String event() {
            return any(SLOTS.get(language).events());
        }

        String name() {
            return switch (language) {
                case KO -> faker.name().lastName() + faker.name().firstName();
                case JA -> faker.name().lastName();
                // a first and a last name of one gender: Russian's differ by it (Анна Смирнова, not Анна Смирнов)
                case RU -> faker.name().name();
                default -> faker.name().firstName() + " " + faker.name().lastName();
            };
        }

        String city() {
            return faker.address().city();
        }

        String company() {
            if (language == Language.HE) {
                return faker.name().lastName() + " בע\"מ"; // Datafaker's Hebrew has no companies
            }
            try {
                return faker.company().name();
            } catch (RuntimeException noCompaniesInThisLocale) {
                return name() + " & Co.";
            }
        }

        String weekday() {
            return DayOfWeek.of(1 + random.nextInt(7)).getDisplayName(TextStyle.FULL, language.locale);
        }

        String month() {
            return Month.of(1 + random.nextInt(12)).getDisplayName(TextStyle.FULL, language.locale);
        }
    }

    private static final Map<Language, Slots> SLOTS = Map.of(
            Language.JA, new Slots(List.of("教師", "エンジニア", "看護師", "大学生", "デザイナー", "営業", "会計士", "料理人"),
                    List.of("スマートフォン", "スニーカー", "コーヒーメーカー", "イヤホン", "コート", "デスクライト", "スーツケース", "炊飯器"),
                    List.of("ランニング", "釣り", "お菓子作り", "写真撮影", "登山", "将棋", "ギター", "ガーデニング"),
                    List.of("母", "父", "妻", "夫", "ルームメイト", "友人", "姉", "弟"),
                    List.of("誕生日", "出張", "引っ越し", "結婚式", "旅行", "面接")),
            Language.KO, new Slots(List.of("교사", "개발자", "간호사", "디자이너", "요리사", "회계사", "프리랜서", "영업 매니저"),
                    List.of("휴대폰", "운동화", "커피머신", "이어폰", "패딩", "스탠드", "캐리어", "전기밥솥"),
                    List.of("달리기", "낚시", "베이킹", "사진 찍기", "등산", "바둑", "기타 연습", "식물 키우기"),
                    List.of("엄마", "아빠", "여자친구", "남자친구", "룸메이트", "친구", "언니", "동생"),
                    List.of("생일", "출장", "이사", "결혼식", "여행", "면접")),
            Language.DE, new Slots(List.of("Lehrerin", "Softwareentwickler", "Krankenpfleger", "Studentin", "Designer",
                    "Vertriebsleiterin", "Buchhalter", "Koch"),
                    List.of("ein neues Smartphone", "Laufschuhe", "eine Kaffeemaschine", "Kopfhörer", "einen Wintermantel",
                            "eine Schreibtischlampe", "einen Koffer", "einen Reiskocher"),
                    List.of("beim Joggen", "beim Angeln", "beim Backen", "beim Fotografieren", "beim Wandern", "beim Schach",
                            "beim Gitarrespielen", "im Garten"),
                    List.of("meine Mutter", "meinen Vater", "meine Freundin", "meinen Mitbewohner", "meine Schwester",
                            "meinen Nachbarn", "meine Kollegin"),
                    List.of("mein Umzug", "eine Hochzeit", "mein Urlaub", "ein Vorstellungsgespräch",
                            "der Geburtstag meiner Mutter", "eine Dienstreise")),
            Language.ES, new Slots(List.of("profesora", "programador", "enfermera", "estudiante", "diseñador", "comercial",
                    "contable", "cocinero"),
                    List.of("un móvil nuevo", "unas zapatillas", "una cafetera", "unos auriculares", "un abrigo",
                            "una lámpara de escritorio", "una maleta", "una arrocera"),
                    List.of("a correr", "a pescar", "a la repostería", "a la fotografía", "al senderismo", "al ajedrez",
                            "a tocar la guitarra", "a la jardinería"),
                    List.of("mi madre", "mi padre", "mi pareja", "mi compañero de piso", "mi hermana", "mi vecino",
                            "una amiga"),
                    List.of("la mudanza", "una boda", "las vacaciones", "una entrevista de trabajo",
                            "el cumpleaños de mi madre", "un viaje de trabajo")),
            Language.FR, new Slots(List.of("professeure", "développeur", "infirmière", "étudiant", "graphiste", "commercial",
                    "comptable", "cuisinier"),
                    List.of("un nouveau téléphone", "des baskets", "une cafetière", "un casque", "un manteau",
                            "une lampe de bureau", "une valise", "un cuiseur à riz"),
                    List.of("à la course à pied", "à la pêche", "à la pâtisserie", "à la photo", "à la randonnée", "aux échecs",
                            "à la guitare", "au jardinage"),
                    List.of("ma mère", "mon père", "ma compagne", "mon colocataire", "ma sœur", "mon voisin", "une amie"),
                    List.of("mon déménagement", "un mariage", "mes vacances", "un entretien d'embauche",
                            "l'anniversaire de ma mère", "un déplacement professionnel")),
            // Russian inflects what it names: each list is in the case its sentences need (things bought in the
            // accusative, for whom in the genitive), and names, cities and companies only stand where the nominative does
            Language.RU, new Slots(List.of("учитель", "программист", "медсестра", "студент", "дизайнер",
                    "менеджер по продажам", "бухгалтер", "повар"),
                    List.of("новый смартфон", "кроссовки", "кофемашину", "наушники", "зимнюю куртку", "настольную лампу",
                            "чемодан", "рисоварку"),
                    List.of("бегаю", "рыбачу", "пеку пироги", "фотографирую", "хожу в походы", "играю в шахматы",
                            "играю на гитаре", "вожусь в саду"),
                    List.of("мамы", "папы", "жены", "мужа", "соседа по квартире", "друга", "сестры", "брата"),
                    List.of("переезд", "свадьба", "отпуск", "собеседование", "день рождения мамы", "командировка")),
            Language.PT, new Slots(List.of("professora", "programador", "enfermeira", "estudante", "designer",
                    "vendedor", "contador", "cozinheiro"),
                    List.of("um celular novo", "uns tênis", "uma cafeteira", "uns fones de ouvido", "um casaco",
                            "uma luminária de mesa", "uma mala", "uma panela elétrica de arroz"),
                    List.of("correr", "pescar", "fazer bolos", "fotografar", "fazer trilhas", "jogar xadrez",
                            "tocar violão", "cuidar do jardim"),
                    List.of("minha mãe", "meu pai", "minha esposa", "meu colega de apartamento", "minha irmã",
                            "meu vizinho", "uma amiga"),
                    List.of("a mudança", "um casamento", "as férias", "uma entrevista de emprego",
                            "o aniversário da minha mãe", "uma viagem de trabalho")),
            Language.IT, new Slots(List.of("insegnante", "programmatore", "infermiera", "studente", "designer",
                    "commerciale", "contabile", "cuoco"),
                    List.of("un telefono nuovo", "delle scarpe da corsa", "una macchina del caffè", "delle cuffie",
                            "un cappotto", "una lampada da scrivania", "una valigia", "un cuociriso"),
                    List.of("alla corsa", "alla pesca", "alla pasticceria", "alla fotografia", "all'escursionismo",
                            "agli scacchi", "alla chitarra", "al giardinaggio"),
                    List.of("mia madre", "mio padre", "mia moglie", "il mio coinquilino", "mia sorella", "il mio vicino",
                            "un'amica"),
                    List.of("il trasloco", "un matrimonio", "le vacanze", "un colloquio di lavoro",
                            "il compleanno di mia madre", "un viaggio di lavoro")),
            // Hebrew and Arabic say "I" in the past tense, the same for a woman and a man; a role names who speaks
            Language.HE, new Slots(List.of("מורה", "מתכנת", "אחות", "סטודנטית", "מעצב גרפי", "מנהלת מכירות", "רואה חשבון",
                    "טבח"),
                    List.of("טלפון חדש", "נעלי ריצה", "מכונת קפה", "אוזניות", "מעיל חורף", "מנורת שולחן", "מזוודה", "סיר אורז"),
                    List.of("ריצה", "דיג", "אפייה", "צילום", "טיולים", "שחמט", "נגינה בגיטרה", "גינון"),
                    List.of("אמא שלי", "אבא שלי", "בן הזוג שלי", "שותף לדירה", "אחותי", "שכן שלי", "חברה טובה"),
                    List.of("מעבר דירה", "חתונה", "חופשה", "ראיון עבודה", "יום הולדת לאמא", "נסיעת עבודה")),
            Language.AR, new Slots(List.of("معلم", "مبرمجة", "ممرض", "طالبة", "مصمم", "مديرة مبيعات", "محاسب", "طباخ"),
                    List.of("هاتفًا جديدًا", "حذاءً رياضيًا", "آلة قهوة", "سماعات", "معطفًا", "مصباح مكتب", "حقيبة سفر",
                            "طباخة أرز"),
                    List.of("الجري", "صيد السمك", "الخَبز", "التصوير", "المشي في الطبيعة", "الشطرنج", "العزف على الغيتار",
                            "البستنة"),
                    List.of("والدتي", "والدي", "زوجتي", "زوجي", "أختي", "أخي", "جاري", "صديقتي"),
                    List.of("انتقال إلى منزل جديد", "حفل زفاف", "إجازة", "مقابلة عمل", "عيد ميلاد والدتي", "رحلة عمل")));

    private static final Map<Language, LocalPhrases> PHRASES = Map.of(
            Language.JA, new LocalPhrases(Language.JA,
                    List.of("こんにちは。", "すみません、", "お疲れさまです。", "質問です。", "初めて質問します。", "こんばんは。",
                            "ちょっと教えてください。"),
                    List.of("よろしくお願いします。", "ありがとうございます！", "助かります。", "お手数ですがお願いします。"),
                    List.of("ありがとうございます。もう一つ質問です：", "あと、", "ついでに聞きたいのですが、", "それと、"),
                    List.of("はい、", "承知しました。", "もちろんです。", "かしこまりました。"), "（%2$s：%1$s）",
                    List.of(v -> v.city() + "へ向かう電車の中で書いているので、誤字があったらすみません。",
                            v -> "同僚の" + v.name() + "さんの代わりに質問しています。", v -> v.weekday() + "までに片付けたいです。",
                            v -> v.weekday() + "に" + v.company() + "との打ち合わせがあります。",
                            v -> "前に似たようなことがあったのは" + v.month() + "でした。", v -> "ネットで調べてみましたが、よく分かりませんでした。",
                            v -> v.city() + "の小さな会社で働いています。", v -> "知人の" + v.name() + "さんに勧められてここで聞いています。",
                            v -> v.role() + "をしていて、平日はなかなか時間が取れません。",
                            v -> "先月、" + v.relation() + "に" + v.thing() + "を買ったばかりです。",
                            v -> "来週は" + v.relation() + "の" + v.event() + "があるので、早めに準備したいです。",
                            v -> "週末はたいてい" + v.hobby() + "をしています。",
                            v -> v.city() + "で" + v.role() + "として働いています。", v -> v.relation() + "も同じことで困っていました。")),
            Language.KO, new LocalPhrases(Language.KO,
                    List.of("안녕하세요.", "저기요,", "질문이 있어요.", "안녕하세요, 처음 질문드려요.", "좋은 아침이에요.", "혹시,"),
                    List.of("감사합니다!", "미리 감사드려요.", "부탁드려요.", "고맙습니다."),
                    List.of("그리고 하나 더요. ", "아, 그리고 ", "고마워요. 그런데 ", "하나만 더 물어볼게요. "),
                    List.of("아, ", "음, "), "(%2$s: %1$s)",
                    List.of(v -> ro(v.city()) + " 가는 기차 안에서 쓰고 있어서 오타가 있을 수 있어요.",
                            v -> "동료 " + v.name() + " 대신 물어보는 거예요.", v -> v.weekday() + "까지 해결해야 해요.",
                            v -> v.weekday() + "에 " + wa(v.company()) + " 미팅이 있어요.", v -> "인터넷에서 찾아봤는데 잘 모르겠어요.",
                            v -> v.city() + "에 있는 작은 회사에서 일해요.", v -> "친구 " + v.name() + " 씨가 여기 물어보라고 했어요.",
                            v -> "비슷한 일이 " + v.month() + "에도 있었어요.",
                            v -> "저는 " + v.role() + (finalConsonant(v.role()) ? "이라서" : "라서") + " 평일에는 시간이 별로 없어요.",
                            v -> "지난달에 " + v.relation() + " 선물로 " + v.thing() + " 하나 샀어요.",
                            v -> "다음 주에 " + v.relation() + " " + v.event() + " 일정이 있어서 미리 준비하고 있어요.",
                            v -> "주말에는 보통 " + v.hobby() + " 하면서 시간을 보내요.", v -> v.city() + "에서 " + ro(v.role()) + " 일하고 있어요.")),
            Language.DE, new LocalPhrases(Language.DE,
                    // no comma after them: what follows may start with a noun, which keeps its capital
                    List.of("Hallo!", "Guten Tag.", "Kurze Frage:", "Hallo zusammen!", "Moin!", "Entschuldigung.",
                            "Guten Morgen!"),
                    List.of("Danke!", "Vielen Dank im Voraus.", "Danke schön.", "Beste Grüße."),
                    List.of("Danke. Noch eine Frage: ", "Und noch etwas: ", "Eine Sache noch: ", "Außerdem: "),
                    List.of("Gern. ", "Natürlich. ", "Klar. ", "Sehr gern. "), "(%2$s: %1$s.)",
                    List.of(v -> "Ich schreibe das im Zug nach " + v.city() + ", bitte entschuldigen Sie Tippfehler.",
                            v -> "Ich frage für eine Kollegin, die bis " + v.weekday() + " nicht da ist.",
                            v -> "Wir sind ein kleines Team bei " + v.company() + " in " + v.city() + ".",
                            v -> "Ich brauche das bis " + v.weekday() + ".",
                            v -> "Am " + v.weekday() + " habe ich ein Meeting mit " + v.company() + ".",
                            v -> "Ich habe schon im Internet gesucht, aber nichts Passendes gefunden.",
                            v -> "Zuletzt hatten wir so etwas im " + v.month() + ".",
                            v -> "Eine Kollegin aus " + v.city() + " hat mir empfohlen, hier zu fragen.",
                            v -> "Ich arbeite als " + v.role() + " und habe unter der Woche wenig Zeit.",
                            v -> "Letzten Monat habe ich " + v.thing() + " für " + v.relation() + " gekauft.",
                            v -> "Nächste Woche steht " + v.event() + " an, deshalb ist es etwas eilig.",
                            v -> "Am Wochenende bin ich meistens " + v.hobby() + ".",
                            v -> "Ich arbeite als " + v.role() + " in " + v.city() + ".")),
            Language.ES, new LocalPhrases(Language.ES,
                    List.of("Hola,", "Buenos días,", "Una pregunta:", "Buenas tardes,", "Disculpe,", "Hola de nuevo,"),
                    List.of("¡Gracias!", "Muchas gracias de antemano.", "Se lo agradezco.", "Un saludo."),
                    List.of("Gracias. Otra pregunta: ", "Y otra cosa: ", "Por cierto, ", "Además, "),
                    List.of("Claro. ", "Por supuesto. ", "Con gusto. ", "Desde luego. "), "(%2$s: %1$s.)",
                    List.of(v -> "Le escribo desde el tren a " + v.city() + ", perdone las erratas.",
                            v -> "Pregunto de parte de " + v.name() + ", que no está hasta el " + v.weekday() + ".",
                            v -> "Somos un equipo pequeño en " + v.company() + ", en " + v.city() + ".",
                            v -> "Necesito resolverlo antes del " + v.weekday() + ".",
                            v -> "El " + v.weekday() + " tengo una reunión con " + v.company() + ".",
                            v -> "Ya busqué en internet, pero no encontré nada que encaje.",
                            v -> "La última vez que nos pasó algo así fue en " + v.month() + ".",
                            v -> "Una compañera de " + v.city() + " me recomendó preguntar aquí.",
                            v -> "Trabajo como " + v.role() + " y entre semana tengo poco tiempo.",
                            v -> "El mes pasado le compré " + v.thing() + " a " + v.relation() + ".",
                            v -> "La semana que viene tengo " + v.event() + ", así que voy con prisa.",
                            v -> "Los fines de semana me dedico sobre todo " + v.hobby() + ".",
                            v -> "Trabajo como " + v.role() + " en " + v.city() + ".")),
            Language.FR, new LocalPhrases(Language.FR,
                    List.of("Bonjour,", "Bonsoir,", "Petite question :", "Salut,", "Excusez-moi,", "Rebonjour,"),
                    List.of("Merci !", "Merci d'avance.", "Bonne journée.", "Cordialement."),
                    List.of("Merci. Autre question : ", "Et aussi : ", "Au fait, ", "Encore une chose : "),
                    List.of("Bien sûr. ", "Avec plaisir. ", "D'accord. ", "Volontiers. "), "(%2$s : %1$s.)",
                    List.of(v -> "J'écris depuis le train pour " + v.city() + ", désolé pour les fautes de frappe.",
                            v -> "Je demande pour " + v.name() + ", qui n'est pas là avant " + v.weekday() + ".",
                            v -> "Nous sommes une petite équipe chez " + v.company() + ", à " + v.city() + ".",
                            v -> "J'en ai besoin avant " + v.weekday() + ".",
                            v -> "J'ai une réunion avec " + v.company() + " " + v.weekday() + ".",
                            v -> "J'ai déjà cherché sur internet, sans rien trouver de concluant.",
                            v -> "La dernière fois que c'est arrivé, c'était en " + v.month() + ".",
                            v -> "Une collègue de " + v.city() + " m'a conseillé de demander ici.",
                            v -> "Je suis " + v.role() + " et j'ai peu de temps en semaine.",
                            v -> "Le mois dernier, j'ai acheté " + v.thing() + " pour " + v.relation() + ".",
                            v -> "J'ai " + v.event() + " la semaine prochaine, donc c'est un peu urgent.",
                            v -> "Le week-end, je me consacre surtout " + v.hobby() + ".",
                            v -> "Je travaille comme " + v.role() + " à " + v.city() + ".")),
            Language.RU, new LocalPhrases(Language.RU,
                    // no comma after them: what follows may start with a name, which keeps its capital
                    List.of("Здравствуйте!", "Добрый день!", "Привет!", "Добрый вечер!", "У меня вопрос.",
                            "Здравствуйте, это снова я."),
                    List.of("Спасибо!", "Заранее спасибо.", "Буду благодарен за ответ.", "Хорошего дня!"),
                    List.of("Спасибо. Ещё вопрос: ", "И ещё один вопрос: ", "Ещё одно уточнение: ",
                            "Спасибо! Тогда следующий вопрос: "),
                    List.of("Конечно. ", "Да, конечно. ", "Хорошо. ", "С удовольствием помогу. "), "(%2$s: %1$s.)",
                    List.of(v -> "Пишу из поезда (еду в город " + v.city() + "), простите за опечатки.",
                            v -> "Спрашиваю по просьбе коллеги: " + v.name() + " в отъезде до конца недели.",
                            v -> "Мы небольшая команда в компании " + v.company() + ", город " + v.city() + ".",
                            v -> "Срок — " + v.weekday() + ".",
                            v -> "У меня встреча с компанией " + v.company() + ", день встречи — " + v.weekday() + ".",
                            v -> "Я уже искал в интернете, но ничего подходящего не нашёл.",
                            v -> "Похожая ситуация у нас уже была " + (1 + v.random().nextInt(28)) + " " + v.month() + ".",
                            v -> "Коллега из города " + v.city() + " посоветовала спросить здесь.",
                            v -> "По профессии я " + v.role() + ", и в будни времени у меня мало.",
                            v -> "В прошлом месяце мы купили " + v.thing() + " для " + v.relation() + ".",
                            v -> "На следующей неделе у нас " + v.event() + ", так что это срочно.",
                            v -> "По выходным я обычно " + v.hobby() + ".",
                            v -> "Живу и работаю в городе " + v.city() + ".")),
            Language.PT, new LocalPhrases(Language.PT,
                    List.of("Olá,", "Bom dia,", "Boa tarde,", "Uma dúvida:", "Com licença,", "Oi,"),
                    List.of("Obrigado!", "Desde já, obrigado.", "Agradeço a ajuda.", "Um abraço."),
                    List.of("Obrigado. Outra dúvida: ", "E mais uma coisa: ", "Aliás, ", "Além disso, "),
                    List.of("Claro. ", "Com certeza. ", "Com prazer. ", "Certo. "), "(%2$s: %1$s.)",
                    List.of(v -> "Estou escrevendo do trem para " + v.city() + ", desculpe os erros de digitação.",
                            v -> "Estou perguntando em nome de " + v.name() + ", que está fora até " + v.weekday() + ".",
                            v -> "Somos uma equipe pequena na empresa " + v.company() + ", em " + v.city() + ".",
                            v -> "Preciso resolver isso até " + v.weekday() + ".",
                            v -> "Tenho uma reunião com a empresa " + v.company() + " na próxima semana.",
                            v -> "Já procurei na internet, mas não encontrei nada que sirva.",
                            v -> "A última vez que aconteceu algo assim foi em " + v.month() + ".",
                            v -> "Uma colega de " + v.city() + " me recomendou perguntar aqui.",
                            v -> "Trabalho como " + v.role() + " e tenho pouco tempo durante a semana.",
                            v -> "No mês passado comprei " + v.thing() + " para " + v.relation() + ".",
                            v -> "Na semana que vem tenho " + v.event() + ", então estou com pressa.",
                            v -> "Nos fins de semana costumo " + v.hobby() + ".",
                            v -> "Trabalho como " + v.role() + " em " + v.city() + ".")),
            Language.IT, new LocalPhrases(Language.IT,
                    List.of("Ciao,", "Buongiorno,", "Buonasera,", "Una domanda:", "Scusate,", "Salve,"),
                    List.of("Grazie!", "Grazie in anticipo.", "Vi ringrazio.", "Buona giornata."),
                    List.of("Grazie. Un'altra domanda: ", "E poi: ", "A proposito, ", "Inoltre, "),
                    List.of("Certo. ", "Certamente. ", "Volentieri. ", "D'accordo. "), "(%2$s: %1$s.)",
                    List.of(v -> "Scrivo dal treno per " + v.city() + ", scusate gli errori di battitura.",
                            v -> "Chiedo per conto di " + v.name() + ", che torna " + v.weekday() + ".",
                            v -> "Siamo un piccolo team presso " + v.company() + ", a " + v.city() + ".",
                            v -> "Mi serve entro " + v.weekday() + ".",
                            v -> "Ho una riunione con " + v.company() + " " + v.weekday() + ".",
                            v -> "Ho già cercato su internet, ma non ho trovato niente di adatto.",
                            v -> "L'ultima volta che è successo qualcosa del genere era a " + v.month() + ".",
                            v -> "Una collega di " + v.city() + " mi ha consigliato di chiedere qui.",
                            v -> "Lavoro come " + v.role() + " e durante la settimana ho poco tempo.",
                            v -> "Il mese scorso ho comprato " + v.thing() + " per " + v.relation() + ".",
                            v -> "La settimana prossima ho " + v.event() + ", quindi è un po' urgente.",
                            v -> "Nel fine settimana di solito mi dedico " + v.hobby() + ".",
                            v -> "Lavoro come " + v.role() + " a " + v.city() + ".")),
            Language.HE, new LocalPhrases(Language.HE,
                    List.of("שלום,", "היי,", "ערב טוב,", "שאלה קצרה:", "בוקר טוב,", "סליחה,"),
                    List.of("תודה!", "תודה מראש.", "אשמח לעזרה.", "יום טוב!"),
                    List.of("תודה. עוד שאלה: ", "ועוד דבר: ", "דרך אגב, ", "חוץ מזה, "),
                    List.of("בטח. ", "כמובן. ", "בשמחה. ", "בסדר. "), "(%2$s: %1$s.)",
                    // the prefixes ל, מ, ב are written onto the word they govern: "לרמת גן", "מכפר סבא"
                    List.of(v -> "כתבתי את זה ברכבת ל" + v.city() + ", סליחה על שגיאות ההקלדה.",
                            v -> "ביקשו ממני לשאול בשם " + v.name() + ".",
                            v -> "אנחנו צוות קטן בחברת " + v.company() + " (" + v.city() + ").",
                            v -> "צריך לסגור את זה עד " + v.weekday() + ".",
                            v -> "יש לנו פגישה עם חברת " + v.company() + " ב" + v.weekday() + ".",
                            v -> "חיפשתי באינטרנט ולא מצאתי משהו מתאים.",
                            v -> "בפעם האחרונה שזה קרה היה ב" + v.month() + ".",
                            v -> "קולגה מ" + v.city() + " המליצה לי לשאול כאן.",
                            v -> "אני " + v.role() + " ובאמצע השבוע אין לי הרבה זמן.",
                            v -> "בחודש שעבר קניתי " + v.thing() + " ל" + v.relation() + ".",
                            v -> "בשבוע הבא יש לנו " + v.event() + ", אז זה קצת דחוף.",
                            v -> "בסופי שבוע התחביב שלי הוא " + v.hobby() + ".",
                            v -> "גרתי ועבדתי ב" + v.city() + " כמה שנים.")),
            Language.AR, new LocalPhrases(Language.AR,
                    List.of("مرحبًا،", "السلام عليكم،", "مساء الخير،", "سؤال سريع:", "صباح الخير،", "عذرًا،"),
                    List.of("شكرًا!", "شكرًا مقدمًا.", "أقدّر مساعدتكم.", "يومكم سعيد."),
                    List.of("شكرًا. سؤال آخر: ", "وشيء آخر: ", "بالمناسبة، ", "إضافة إلى ذلك، "),
                    List.of("بالتأكيد. ", "طبعًا. ", "بكل سرور. ", "حسنًا. "), "(%2$s: %1$s.)",
                    List.of(v -> "كتبت هذا في القطار إلى " + v.city() + "، عذرًا على الأخطاء الإملائية.",
                            v -> "طُلب مني أن أسأل نيابة عن " + v.name() + ".",
                            v -> "نحن فريق صغير في شركة " + v.company() + " في " + v.city() + ".",
                            v -> "أحتاج إلى حل هذا قبل يوم " + v.weekday() + ".",
                            v -> "لدينا اجتماع مع شركة " + v.company() + " يوم " + v.weekday() + ".",
                            v -> "بحثت على الإنترنت ولم أجد شيئًا مناسبًا.",
                            v -> "آخر مرة حدث فيها شيء كهذا كانت في " + v.month() + ".",
                            v -> "نصحني زميل من " + v.city() + " بالسؤال هنا.",
                            v -> "مهنتي: " + v.role() + "، ولا أجد وقتًا كافيًا خلال الأسبوع.",
                            v -> "اشتريت الشهر الماضي " + v.thing() + " ل" + v.relation() + ".",
                            v -> "لدينا الأسبوع القادم " + v.event() + "، لذلك الأمر عاجل قليلًا.",
                            v -> "هوايتي في عطلة نهاية الأسبوع: " + v.hobby() + ".",
                            v -> "أعيش وأعمل في " + v.city() + ".")));
}
