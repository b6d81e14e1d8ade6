package dev.seedforge.dedup.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextScriptTest {

    @Test
    void chineseIsHanEvenWithAnOrderNumberOrABrandInIt() {
        assertEquals(TextScript.HAN, TextScript.of("我的订单已经一周了还没有到，请帮我查一下物流。"));
        assertEquals(TextScript.HAN, TextScript.of("订单号 SH20231105 的 Nike 跑鞋什么时候发货？"));
        assertEquals(TextScript.HAN, TextScript.of("繁體中文的問題也一樣。"));
    }

    @Test
    void latinCyrillicAndJapaneseAreForTheMainModel() {
        assertEquals(TextScript.MAIN, TextScript.of("Where is my order? It has been a week."));
        assertEquals(TextScript.MAIN, TextScript.of("Wo ist meine Bestellung? Ça fait une semaine, señor."));
        assertEquals(TextScript.MAIN, TextScript.of("Где мой заказ?"));
        assertEquals(TextScript.MAIN, TextScript.of("注文した商品が一週間経っても届きません。"));
        assertEquals(TextScript.MAIN, TextScript.of("What does 谢谢 mean in English, and how do I say it politely?"));
        assertEquals(TextScript.MAIN, TextScript.of(""));
        assertEquals(TextScript.MAIN, TextScript.of("12345 !?"));
        assertEquals(TextScript.MAIN, TextScript.of(null));
    }

    @Test
    void scriptsTheInProcessModelsDoNotReadAreOther() {
        assertEquals(TextScript.OTHER, TextScript.of("주문한 지 일주일이 지났는데 아직 도착하지 않았어요."));
        assertEquals(TextScript.OTHER, TextScript.of("نسيت كلمة المرور ولا أستطيع تسجيل الدخول."));
        assertEquals(TextScript.OTHER, TextScript.of("मैं अपना पासवर्ड भूल गया हूँ और लॉग इन नहीं कर पा रहा।"));
        assertEquals(TextScript.OTHER, TextScript.of("ลืมรหัสผ่านและเข้าสู่ระบบไม่ได้ SKU-1234"));
        assertEquals(TextScript.OTHER, TextScript.of("Ξέχασα τον κωδικό μου και δεν μπορώ να συνδεθώ."));
        assertEquals(TextScript.OTHER, TextScript.of("שכחתי את הסיסמה ואני לא מצליח להתחבר."));
    }

    @Test
    void theMainModelReadsOtherScriptsOnlyWhenItReadsEveryScript() {
        assertTrue(DedupEngine.mainReads(TextScript.MAIN, true, false));
        assertFalse(DedupEngine.mainReads(TextScript.OTHER, true, false));
        assertTrue(DedupEngine.mainReads(TextScript.OTHER, true, true));
        assertFalse(DedupEngine.mainReads(TextScript.HAN, true, true));
        assertTrue(DedupEngine.mainReads(TextScript.HAN, false, true));
        assertFalse(DedupEngine.mainReads(TextScript.HAN, false, false));
    }
}
