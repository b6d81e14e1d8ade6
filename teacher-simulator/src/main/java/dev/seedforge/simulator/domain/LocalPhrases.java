package dev.seedforge.simulator.domain;

import java.time.DayOfWeek;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.regex.Pattern;

import net.datafaker.Faker;

/**
 * What a user writing in Chinese, Japanese, Korean, German, Spanish or French says around a request: openers, closing
 * remarks, circumstances (with names, cities and companies of that language, from Datafaker's locales), the words that
 * lead a follow-up or a later reply, and how an axis value is named. A request in one of these languages gets them
 * instead of the English ones, so a Chinese job's requests are Chinese throughout; English, and a language with no
 * phrases here, keep the English ones.
 */
final class LocalPhrases {

    /** The languages with phrases here, and the locale their values come from. */
    enum Language {
        ZH(Locale.SIMPLIFIED_CHINESE),
        JA(Locale.JAPANESE),
        KO(Locale.KOREAN),
        DE(Locale.GERMAN),
        ES(
                Locale.forLanguageTag("es")),
        FR(Locale.FRENCH);

        final Locale locale;

        Language(Locale locale) {
            this.locale = locale;
        }

        boolean cjk() {
            return this == ZH || this == JA || this == KO;
        }
    }

    private static final Pattern HANGUL = Pattern.compile("\\p{IsHangul}");
    private static final Pattern KANA = Pattern.compile("[\\p{IsHiragana}\\p{IsKatakana}]");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final Pattern LATIN = Pattern.compile("\\p{IsLatin}");
    private static final Pattern WORD = Pattern.compile("[\\p{L}']+");

    /** Words common in one language's sentences and rare in the others' (English's to tell it apart). */
    private static final Map<String, Set<String>> COMMON_WORDS = Map.of(
            "en", Set.of("the", "and", "is", "to", "of", "my", "for", "you", "with", "can", "how", "what", "it",
                    "this", "that", "please", "i", "in", "on", "are", "do", "was"),
            "de", Set.of("und", "der", "die", "das", "ist", "nicht", "ich", "mit", "sie", "ein", "eine", "zu", "für",
                    "auf", "bitte", "mein", "meine", "wie", "kann", "es", "den", "dem", "wir", "auch", "noch"),
            "es", Set.of("el", "los", "las", "que", "y", "en", "una", "por", "para", "con", "mi", "es", "no", "cómo",
                    "puedo", "del", "se", "lo", "pero", "qué", "está", "mis", "tengo"),
            "fr", Set.of("le", "les", "des", "et", "est", "une", "pour", "que", "je", "mon", "ma", "pas", "avec",
                    "vous", "comment", "du", "ne", "ce", "mes", "j'ai", "sur", "au", "il", "nous"));

    /**
     * The language of a text as far as its script and common words tell: Hangul is Korean, kana Japanese, Han without
     * kana Chinese; Latin text is German, Spanish or French when more of its words are that language's common ones
     * than English's; anything else (English, other scripts) is null.
     */
    static Language languageOf(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        long hangul = HANGUL.matcher(text).results().count();
        long kana = KANA.matcher(text).results().count();
        long han = HAN.matcher(text).results().count();
        long latin = LATIN.matcher(text).results().count();
        if (hangul > 0 && hangul >= han && hangul * 2 >= latin) {
            return Language.KO;
        }
        if (kana > 0 && (kana + han) * 2 >= latin) {
            return Language.JA;
        }
        if (han > 0 && han * 2 >= latin) {
            return Language.ZH;
        }
        Map<String, Integer> hits = new java.util.HashMap<>();
        WORD.matcher(text.toLowerCase(Locale.ROOT)).results().map(m -> m.group()).forEach(word -> COMMON_WORDS
                .forEach((language, words) -> hits.merge(language, words.contains(word) ? 1 : 0, Integer::sum)));
        String best = "en";
        for (String language : List.of("de", "es", "fr")) {
            if (hits.getOrDefault(language, 0) > hits.getOrDefault(best, 0)) {
                best = language;
            }
        }
        return hits.getOrDefault(best, 0) < 2 || best.equals("en") ? null : Language.valueOf(best.toUpperCase());
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

    /** What opens a later request of the conversation ("还有一个问题："). */
    String followUp(SplittableRandom random) {
        return followUps.get(random.nextInt(followUps.size()));
    }

    /** The leads of a later reply, each a different way to open it ("好的，"). */
    List<String> replyLeads() {
        return replyLeads;
    }

    /** The user naming an axis's value: "（主题：物流）". */
    String axis(String name, String value) {
        return axisFrame.formatted(value, name);
    }

    /** How sentences are put side by side: no space between Chinese or Japanese ones. */
    String joined(List<String> parts) {
        return String.join(language == Language.ZH || language == Language.JA ? "" : " ", parts);
    }

    /** A full stop in the language's own writing. */
    String fullStop() {
        return language == Language.ZH || language == Language.JA ? "。" : ".";
    }

    /** {@code count} sentences of circumstances, each of a different kind, with values of the language. */
    List<String> situations(int count, SplittableRandom random) {
        Values values = new Values(language, new Faker(language.locale, new Random(random.nextLong())), random);
        List<Integer> shapes = new ArrayList<>();
        while (shapes.size() < Math.min(count, situations.size())) {
            int shape = random.nextInt(situations.size());
            if (!shapes.contains(shape)) {
                shapes.add(shape);
            }
        }
        return shapes.stream().map(shape -> situations.get(shape).apply(values)).toList();
    }

    /** Names, places, companies and days of one language, for one request. */
    record Values(Language language, Faker faker, SplittableRandom random) {

        String name() {
            return switch (language) {
                case ZH, KO -> faker.name().lastName() + faker.name().firstName();
                case JA -> faker.name().lastName();
                default -> faker.name().firstName() + " " + faker.name().lastName();
            };
        }

        String city() {
            return faker.address().city();
        }

        String company() {
            if (language == Language.ZH) {
                return faker.address().city() + List.of("星海", "恒信", "华远", "东升", "瑞丰").get(random.nextInt(5))
                        + List.of("科技", "贸易", "文化", "电子").get(random.nextInt(4)) + "有限公司";
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

    private static final Map<Language, LocalPhrases> PHRASES = Map.of(
            Language.ZH, new LocalPhrases(Language.ZH,
                    List.of("你好，", "您好！", "请问一下，", "打扰一下，", "麻烦问一下：", "早上好！", "晚上好，", "有个问题想请教：",
                            "你好，第一次来这里。", "嗨，"),
                    List.of("谢谢！", "先谢谢了。", "麻烦了。", "感谢帮忙！", "辛苦了。", "期待您的回复。"),
                    List.of("还有一个问题：", "另外，", "顺便再问一下：", "好的，明白了。那么", "谢谢！还有，", "对了，"),
                    List.of("好的，", "没问题。", "明白了。", "当然可以。"), "（%2$s：%1$s）",
                    List.of(v -> "我是在去" + v.city() + "的高铁上打的字，有错别字请见谅。",
                            v -> "这是帮同事" + v.name() + "问的，" + v.weekday() + "之前都联系不上本人。",
                            v -> "我们是" + v.city() + "的一家小公司。", v -> "我" + v.weekday() + "之前需要搞定这件事。",
                            v -> "上次遇到类似的情况还是" + v.month() + "的时候。", v -> "朋友" + v.name() + "推荐我来这里问。",
                            v -> "我已经在网上查了一些资料，但都对不上。", v -> "我们部门的" + v.name() + "也一直在问这个问题。",
                            v -> "我平时很少处理这类事情，所以不太熟悉。", v -> "我" + v.weekday() + "要跟" + v.company() + "开会。")),
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
                            v -> v.city() + "の小さな会社で働いています。", v -> "知人の" + v.name() + "さんに勧められてここで聞いています。")),
            Language.KO, new LocalPhrases(Language.KO,
                    List.of("안녕하세요.", "저기요,", "질문이 있어요.", "안녕하세요, 처음 질문드려요.", "좋은 아침이에요.", "혹시,"),
                    List.of("감사합니다!", "미리 감사드려요.", "부탁드려요.", "고맙습니다."),
                    List.of("그리고 하나 더요. ", "아, 그리고 ", "고마워요. 그런데 ", "하나만 더 물어볼게요. "),
                    List.of("아, ", "음, ", "그리고 "), "(%2$s: %1$s)",
                    List.of(v -> v.city() + "로 가는 기차 안에서 쓰고 있어서 오타가 있을 수 있어요.",
                            v -> "동료 " + v.name() + " 대신 물어보는 거예요.", v -> v.weekday() + "까지 해결해야 해요.",
                            v -> v.weekday() + "에 " + v.company() + "와 미팅이 있어요.", v -> "인터넷에서 찾아봤는데 잘 모르겠어요.",
                            v -> v.city() + "에 있는 작은 회사에서 일해요.", v -> "친구 " + v.name() + "가 여기 물어보라고 했어요.",
                            v -> "비슷한 일이 " + v.month() + "에도 있었어요.")),
            Language.DE, new LocalPhrases(Language.DE,
                    List.of("Hallo,", "Guten Tag,", "Kurze Frage:", "Hallo zusammen,", "Moin,", "Entschuldigung,",
                            "Guten Morgen,"),
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
                            v -> "Eine Kollegin aus " + v.city() + " hat mir empfohlen, hier zu fragen.")),
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
                            v -> "Una compañera de " + v.city() + " me recomendó preguntar aquí.")),
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
                            v -> "Une collègue de " + v.city() + " m'a conseillé de demander ici.")));
}
