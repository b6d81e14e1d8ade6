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

/** Requests in Chinese, Japanese, Korean, German, Spanish and French are surrounded by words of their language. */
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
        assertNull(LocalPhrases.languageOf("Where is my order? It has been three days."));
        assertNull(LocalPhrases.languageOf("Мой заказ не пришёл."), "a language with no phrases here");
        assertNull(LocalPhrases.languageOf("Delete task #3."));
    }

    private static final Pattern LATIN_WORD = Pattern.compile("\\p{IsLatin}{3,}");

    @Test
    void aChineseJobsRequestsAndRepliesHoldNoEnglishWords() {
        TaskSpecs.Spec shop = new TaskSpecs.Spec("zh-shop", "电商平台的中文客服助手。", "你是商城的客服助手，只用中文回答。",
                ExampleFormat.SHAREGPT, List.of(),
                List.of("""
                        {"conversations":[{"from":"human","value":"我的订单三天了还没发货，怎么回事？"},{"from":"gpt","value":"非常抱歉让您久等了！请提供一下您的订单号，我马上帮您查询发货进度。"}]}""",
                        """
                                {"conversations":[{"from":"human","value":"优惠券为什么用不了？"},{"from":"gpt","value":"优惠券无法使用通常有三个原因：订单金额未达到门槛、商品不在适用范围内，或优惠券已过期。"}]}"""));
        List<JsonNode> records = new ArrayList<>();
        for (int call = 0; call < 6; call++) {
            records.addAll(TaskSpecs.records(clean.answer(TaskSpecs.input(shop, call,
                    "axis.主题: 物流\ncomplexity: simple\nturns: " + (1 + call % 3), List.of(), 5, 0.9 + call * 0.05))));
        }
        assertFalse(records.isEmpty());
        int surrounded = 0;
        for (JsonNode record : records) {
            for (JsonNode turn : record.path("conversations")) {
                String text = turn.path("value").asText();
                assertFalse(LATIN_WORD.matcher(text).find(), "English in a Chinese job: " + record);
                surrounded += text.length() > 30 ? 1 : 0;
            }
        }
        assertTrue(surrounded > 0, "no request was given circumstances");
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
