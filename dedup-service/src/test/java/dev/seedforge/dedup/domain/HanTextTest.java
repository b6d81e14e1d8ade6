package dev.seedforge.dedup.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HanTextTest {

    @Test
    void chineseIsMostlyHanEvenWithAnOrderNumberOrABrandInIt() {
        assertTrue(HanText.isMostlyHan("我的订单已经一周了还没有到，请帮我查一下物流。"));
        assertTrue(HanText.isMostlyHan("订单号 SH20231105 的 Nike 跑鞋什么时候发货？"));
        assertTrue(HanText.isMostlyHan("繁體中文的問題也一樣。"));
    }

    @Test
    void otherTextIsNot() {
        assertFalse(HanText.isMostlyHan("Where is my order? It has been a week."));
        assertFalse(HanText.isMostlyHan("Wo ist meine Bestellung?"));
        assertFalse(HanText.isMostlyHan("Где мой заказ?"));
        assertFalse(HanText.isMostlyHan(""));
        assertFalse(HanText.isMostlyHan(null));
        // Japanese: kanji among more kana
        assertFalse(HanText.isMostlyHan("注文した商品が一週間経っても届きません。"));
        // an English request quoting a Chinese word
        assertFalse(HanText.isMostlyHan("What does the word 谢谢 mean in English, and how do I say it politely?"));
    }
}
