package dev.seedforge.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class DateShifterTest {

    private final DateShifter tenDays = new DateShifter(10, 2025);

    private String shift(String text) {
        Placeholders held = new Placeholders();
        return held.expand(tenDays.shiftAll(text, held));
    }

    @Test
    void isoDatesMoveAndTheirWeekdayFollows() {
        assertEquals("Due: 2025-01-27 (Monday)", shift("Due: 2025-01-17 (Friday)"));
        assertEquals("due 2025-01-27 (Mon) and 2025-03-10", shift("due 2025-01-17 (Fri) and 2025-02-28"));
        assertEquals("2026-01-04 (SUNDAY)", shift("2025-12-25 (THURSDAY)"));
        assertEquals("2025-02-30 stays", shift("2025-02-30 stays"));
    }

    @Test
    void namedDatesKeepTheWritersStyle() {
        assertEquals("due January 27, 2025", shift("due January 17, 2025"));
        assertEquals("by Jan 27", shift("by Jan 17"));
        assertEquals("on Monday, January 27", shift("on Friday, January 17"));
        assertEquals("the 1st of February", shift("the 22nd of January"));
        assertEquals("27 Jan. 2025", shift("17 Jan. 2025"));
        assertEquals("Feb 3rd", shift("Jan 24th"));
        assertEquals("january 1, 2026", shift("december 22, 2025"));
        assertEquals("You may 5 times", shift("You may 5 times"));
    }

    @Test
    void relativePhrasesBecomeTheTargetDate() {
        Placeholders held = new Placeholders();
        LocalDate target = LocalDate.of(2025, 3, 3);
        assertEquals("call the plumber on March 3", held.expand(
                tenDays.replaceRelative("call the plumber tomorrow", target, held)));
        assertEquals("due March 3 please", held.expand(
                tenDays.replaceRelative("due next Friday please", target, held)));
    }
}
