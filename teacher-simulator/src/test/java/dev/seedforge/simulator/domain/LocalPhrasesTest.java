package dev.seedforge.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.ExampleFormat;

/**
 * Requests in Japanese, Korean, German, Spanish, French, Russian, Portuguese, Italian, Hebrew and Arabic are
 * surrounded by words of their language; Chinese is told apart and has none.
 */
class LocalPhrasesTest {

    private final TeacherSimulator clean = new TeacherSimulator(42, GenerationShares.NONE);

    @Test
    void aTextsLanguageIsToldByItsScriptThenByItsCommonWords() {
        assertEquals(LocalPhrases.Language.ZH, LocalPhrases.languageOf("我的订单三天了还没发货，怎么回事？"));
        assertEquals(LocalPhrases.Language.JA, LocalPhrases.languageOf("本の返品はできますか？"));
        assertEquals(LocalPhrases.Language.KO, LocalPhrases.languageOf("요즘 잠이 잘 안 와요."));
        assertEquals(LocalPhrases.Language.DE, LocalPhrases.languageOf("Mein Router verliert ständig die Verbindung."
                + " Was kann ich tun?"));
        assertEquals(LocalPhrases.Language.ES, LocalPhrases.languageOf("¿Cómo puedo cambiar la dirección de mi"
                + " pedido?"));
        assertEquals(LocalPhrases.Language.FR, LocalPhrases.languageOf("Je ne trouve pas le suivi de ma commande."));
        assertEquals(LocalPhrases.Language.DE, LocalPhrases.languageOf("Seit heute Morgen habe ich gar kein Internet"
                + " mehr."), "one sentence of words English does not have");
        assertNull(LocalPhrases.languageOf("Where is my order? It has been three days."));
        assertEquals(LocalPhrases.Language.RU, LocalPhrases.languageOf("Мой заказ не пришёл."));
        assertNull(LocalPhrases.languageOf("Моє замовлення ще не прийшло, що робити?"), "Ukrainian has no phrases here");
        assertEquals(LocalPhrases.Language.PT, LocalPhrases.languageOf("Meu pedido ainda não chegou, o que eu faço?"));
        assertEquals(LocalPhrases.Language.IT, LocalPhrases.languageOf("Il mio ordine non è ancora arrivato, cosa"
                + " posso fare?"));
        assertEquals(LocalPhrases.Language.ES, LocalPhrases.languageOf("Mi pedido todavía no ha llegado, ¿qué puedo"
                + " hacer?"));
        assertEquals(LocalPhrases.Language.AR, LocalPhrases.languageOf("ما زال طلبي لم يصل."));
        assertEquals(LocalPhrases.Language.HE, LocalPhrases.languageOf("מה שעות הפתיחה של הספרייה?"));
        assertNull(LocalPhrases.languageOf("سفارش من هنوز نرسیده است، چکار کنم؟"), "Persian has no phrases here");
        assertNull(LocalPhrases.languageOf("Delete task #3."));
    }

    private static final Pattern LATIN_WORD = Pattern.compile("\\p{IsLatin}{3,}");

    @Test
    void aJapaneseJobsRequestsAndRepliesHoldNoEnglishWords() {
        TaskSpecs.Spec shop = new TaskSpecs.Spec("ja-books", "オンライン書店のFAQアシスタント。", "丁寧な日本語で簡潔に答えてください。",
                ExampleFormat.SHAREGPT, List.of(),
                List.of("""
                        {"conversations":[{"from":"human","value":"注文した本はいつ届きますか？"},{"from":"gpt","value":"ご注文から通常2〜3営業日でお届けします。マイページの注文履歴から配送状況をご確認いただけます。"}]}""",
                        """
                                {"conversations":[{"from":"human","value":"本の返品はできますか？"},{"from":"gpt","value":"はい、商品到着後14日以内であれば返品を承ります。マイページの注文履歴から返品手続きを行ってください。"}]}"""));
        List<JsonNode> records = new ArrayList<>();
        for (int call = 0; call < 6; call++) {
            records.addAll(TaskSpecs.records(clean.answer(TaskSpecs.input(shop, call,
                    "axis.テーマ: 配送\ncomplexity: simple\nturns: " + (1 + call % 3), List.of(), 5, 0.9 + call * 0.05))));
        }
        assertFalse(records.isEmpty());
        int surrounded = 0;
        for (JsonNode record : records) {
            for (JsonNode turn : record.path("conversations")) {
                String text = turn.path("value").asText();
                assertFalse(LATIN_WORD.matcher(text).find(), "English in a Japanese job: " + record);
                surrounded += text.length() > 40 ? 1 : 0;
            }
        }
        assertTrue(surrounded > 0, "no request was given circumstances");
    }

    /** The swappable nouns are English: a Spanish request keeps its own ("pasta" never became "coffee"). */
    @Test
    void aSpanishRequestKeepsItsNounsAndGoesOnInLowerCaseAfterAComma() {
        TaskSpecs.Spec recipes = new TaskSpecs.Spec("es-recetas", "Un asistente de cocina que responde en español.",
                null, ExampleFormat.ALPACA, List.of(),
                List.of("""
                        {"instruction":"¿Cómo evito que la pasta se pegue?","input":"","output":"Usa mucha agua y remueve la pasta durante el primer minuto de cocción."}""",
                        """
                                {"instruction":"¿Cuánto tiempo tengo que cocer un huevo para que quede duro?","input":"","output":"Cuécelo unos 10 minutos desde que el agua empiece a hervir."}"""));
        List<JsonNode> records = new ArrayList<>();
        for (int call = 0; call < 6; call++) {
            records.addAll(TaskSpecs.records(clean.answer(TaskSpecs.input(recipes, call,
                    "complexity: simple\nturns: 1", List.of(), 5, 1.0 + call * 0.05))));
        }
        assertFalse(records.isEmpty());
        for (JsonNode record : records) {
            String request = record.path("instruction").asText();
            assertTrue(request.contains("que la pasta se pegue") || request.contains("cocer un huevo"), request);
            assertFalse(Pattern.compile("^(?:Hola|Buenos días|Buenas tardes|Disculpe|Hola de nuevo), \\p{Lu}").matcher(request)
                    .find(), request);
        }
    }

    private static final Pattern LATIN_LETTERS = Pattern.compile("\\p{IsLatin}{2,}");

    /**
     * A Russian support job's requests, later requests and replies hold no English (they were wrapped in English small
     * talk, and a later reply opened "Of course. Building on the если она не part:").
     */
    @Test
    void aRussianJobsConversationsHoldNoEnglishWords() {
        TaskSpecs.Spec shop = new TaskSpecs.Spec("ru-shop", "Служба поддержки интернет-магазина.",
                "Ты — вежливый оператор поддержки. Отвечай кратко.", ExampleFormat.OPENAI, List.of(),
                List.of("""
                        {"messages":[{"role":"user","content":"Здравствуйте! Мой заказ должен был прийти вчера, но его до сих пор нет."},{"role":"assistant","content":"Приносим извинения за задержку. Подскажите, пожалуйста, номер заказа — я проверю, где сейчас посылка."}]}""",
                        """
                                {"messages":[{"role":"user","content":"Можно ли вернуть куртку, если она не подошла по размеру?"},{"role":"assistant","content":"Да, конечно. Вернуть товар можно в течение 14 дней, если сохранены бирки."}]}"""));
        List<JsonNode> records = new ArrayList<>();
        for (int call = 0; call < 6; call++) {
            records.addAll(TaskSpecs.records(clean.answer(TaskSpecs.input(shop, call,
                    "axis.тема: доставка\ncomplexity: simple\nturns: " + (1 + call % 3), List.of(), 5, 0.9 + call * 0.05))));
        }
        assertFalse(records.isEmpty());
        int surrounded = 0;
        int later = 0;
        for (JsonNode record : records) {
            int user = 0;
            for (JsonNode turn : record.path("messages")) {
                String text = turn.path("content").asText();
                assertFalse(LATIN_LETTERS.matcher(text).find(), "English in a Russian job: " + record);
                surrounded += text.length() > 110 ? 1 : 0;
                later += "user".equals(turn.path("role").asText()) && user++ > 0 ? 1 : 0;
            }
        }
        assertTrue(surrounded > 0, "no request was given circumstances");
        assertTrue(later > 0, "no conversation went on");
    }

    @Test
    void russianPortugueseItalianHebrewAndArabicRequestsGetCircumstancesInTheirLanguage() {
        for (String request : List.of("Как изменить адрес доставки?", "Como faço para mudar o endereço de entrega?",
                "Come posso cambiare l'indirizzo di consegna?", "איך מחדשים את המנוי?", "كيف أغيّر عنوان التوصيل؟")) {
            LocalPhrases local = LocalPhrases.forText(request);
            for (int seed = 0; seed < 20; seed++) {
                for (String sentence : local.situations(3, new java.util.SplittableRandom(seed))) {
                    assertEquals(local.language, LocalPhrases.languageOf(sentence + " " + request), sentence);
                    assertFalse(sentence.contains("null"), sentence);
                }
            }
        }
    }

    /** An Arabic question ends in its own question mark, which ends the sentence: no full stop after it. */
    @Test
    void anArabicQuestionMarkEndsItsSentence() {
        RequestStyler.Voice voice = new RequestStyler.Voice(null, java.util.Map.of(), null, 1.0);
        for (int seed = 0; seed < 50; seed++) {
            java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
            String styled = RequestStyler.style("كيف أغيّر عنوان التوصيل؟", voice, true, new ValueLibrary(random),
                    random);
            assertTrue(styled.contains("كيف أغيّر عنوان التوصيل؟") && !styled.contains("؟."), styled);
        }
    }

    @Test
    void koreanParticlesFollowTheWordsLastSound() {
        assertEquals("광양군으로", LocalPhrases.ro("광양군"));
        assertEquals("서울로", LocalPhrases.ro("서울"));
        assertEquals("부산으로", LocalPhrases.ro("부산"));
        assertEquals("교사로", LocalPhrases.ro("교사"));
        assertEquals("민준 게임즈와", LocalPhrases.wa("민준 게임즈"));
        assertEquals("한국 그룹과", LocalPhrases.wa("한국 그룹"));
    }

    /** Chinese is told apart, and keeps the English phrases (LocalPhrases says why). */
    @Test
    void aChineseRequestHasNoPhrasesOfItsOwn() {
        assertNull(LocalPhrases.forText("我的订单三天了还没发货，怎么回事？"));
    }

    @Test
    void aGermanRequestGetsGermanCircumstances() {
        LocalPhrases german = LocalPhrases.forText("Mein Router verliert ständig die Verbindung. Was kann ich tun?");
        List<String> sentences = german.situations(3, new java.util.SplittableRandom(7));
        assertEquals(3, sentences.size());
        for (String sentence : sentences) {
            assertEquals(LocalPhrases.Language.DE, LocalPhrases.languageOf(sentence + " Das ist mein Problem."),
                    sentence);
        }
    }
}
