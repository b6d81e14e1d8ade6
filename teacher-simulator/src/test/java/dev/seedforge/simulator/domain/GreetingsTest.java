package dev.seedforge.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class GreetingsTest {

    @Test
    void aRequestsOpeningGreetingIsToldApartFromTheRequest() {
        assertEquals("Hi Pixel!", Greetings.of("Hi Pixel! Where are the dinosaurs?"));
        assertEquals("Where are the dinosaurs?", Greetings.without("Hi Pixel! Where are the dinosaurs?"));
        assertEquals("Can you help?", Greetings.without("Hey, can you help?"));
        assertEquals("Мой заказ не пришёл.", Greetings.without("Здравствуйте! Мой заказ не пришёл."));
        assertEquals("Meu pedido não chegou.", Greetings.without("Olá! Meu pedido não chegou."));
        assertEquals("", Greetings.of("Hello world program in Python, please."), "not a greeting");
        assertEquals("", Greetings.of("Highlight the dates in this text."), "a word that starts like one");
        assertEquals("Hi!", Greetings.without("Hi!"), "a greeting alone is the request");
        assertEquals("", Greetings.of("Hi Sam, your CloudDesk subscription renewed today."),
                "an e-mail the user pastes opens with its own greeting");
        assertTrue(Greetings.bare("Здравствуйте!"));
        assertFalse(Greetings.bare("Hi Pixel!"));
    }

    /**
     * A seed that greets keeps its greeting first (a bare one may be said in another way) ("Being a new employee, Hi Pixel!"
     * read as no user writes), and a
     * later request of the conversation does not greet again.
     */
    @Test
    void aGreetingIsSaidFirstAndOnlyInTheFirstRequest() {
        RequestStyler.Voice voice = new RequestStyler.Voice("a new employee", Map.of(), null, 1.0);
        for (int seed = 0; seed < 100; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            String first = RequestStyler.style("Hi Pixel! Where are the dinosaurs?", voice, true,
                    new ValueLibrary(random), random);
            assertTrue(first.startsWith("Hi Pixel!"), first);
            assertEquals(1, first.split("Hi Pixel", -1).length - 1, first);
            String later = RequestStyler.style("Hi Pixel! Where are the dinosaurs?", voice, false,
                    new ValueLibrary(random), random);
            assertFalse(later.contains("Hi Pixel"), later);
            String russian = RequestStyler.style("Здравствуйте! Мой заказ должен был прийти вчера.", voice, true,
                    new ValueLibrary(random), random);
            assertTrue(russian.indexOf("Здравствуйте") <= 0 && russian.contains("Мой заказ"), russian);
        }
    }
}
