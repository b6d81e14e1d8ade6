package dev.seedforge.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class ExampleVariatorTest {

    private static final Pattern CREATED = Pattern.compile(
            "Created task: '([^']+)' \\| Priority: (low|medium|high) \\| Due: (\\d{4}-\\d{2}-\\d{2}) \\((\\w+)\\)");
    private static final Pattern COMPLETED = Pattern.compile("Completed task #(\\d+): '([^']+)'");
    private static final Pattern LIST_LINE = Pattern.compile(
            "\\d\\. #(\\d+) '([^']+)' \\| Priority: (low|medium|high) \\| Due: (\\d{4}-\\d{2}-\\d{2}) \\((\\w+)\\)");

    private final ExampleVariator variator = new ExampleVariator();

    @Test
    void createdTaskReplyKeepsItsShapeWithNewValuesAndTheRightWeekday() {
        Example seed = TaskApiSeeds.seed(0);
        for (int run = 0; run < 300; run++) {
            Example variant = variator.variant(seed, new SplittableRandom(run));
            String user = variant.messages().get(0).content();
            Matcher reply = CREATED.matcher(variant.messages().get(1).content());
            assertTrue(reply.matches(), variant.messages().get(1).content());
            String title = reply.group(1);
            LocalDate due = LocalDate.parse(reply.group(3));

            assertNotEquals("Review quarterly budget", title);
            assertTrue(user.toLowerCase(Locale.ROOT).contains(title.toLowerCase(Locale.ROOT)),
                    () -> "title '" + title + "' missing from: " + user);
            assertNotEquals(LocalDate.of(2025, 1, 17), due);
            assertEquals(weekday(due), reply.group(4));
            String writtenDate = due.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " "
                    + due.getDayOfMonth() + ", " + due.getYear();
            assertTrue(user.contains(writtenDate), () -> "'" + writtenDate + "' missing from: " + user);
            assertTrue(user.toLowerCase(Locale.ROOT).contains(reply.group(2) + " priority"),
                    () -> "priority " + reply.group(2) + " missing from: " + user);
        }
    }

    @Test
    void taskIdsAndTitlesChangeConsistently() {
        Example seed = TaskApiSeeds.seed(1);
        Pattern userId = Pattern.compile("task #(\\d+)");
        for (int run = 0; run < 100; run++) {
            Example variant = variator.variant(seed, new SplittableRandom(run));
            Matcher asked = userId.matcher(variant.messages().get(0).content());
            Matcher reply = COMPLETED.matcher(variant.messages().get(1).content());
            assertTrue(asked.find(), variant.messages().get(0).content());
            assertTrue(reply.matches(), variant.messages().get(1).content());
            assertEquals(asked.group(1), reply.group(1));
            assertNotEquals("12", reply.group(1));
            assertNotEquals("Book team offsite", reply.group(2));
        }
    }

    @Test
    void errorRepliesStayErrorsAboutTheSameTask() {
        Example seed = TaskApiSeeds.seed(4);
        for (int run = 0; run < 50; run++) {
            Example variant = variator.variant(seed, new SplittableRandom(run));
            Matcher reply = Pattern.compile("Error: Task #(\\d+) not found").matcher(variant.messages().get(1)
                    .content());
            assertTrue(reply.matches(), variant.messages().get(1).content());
            assertNotEquals("999", reply.group(1));
            assertTrue(variant.messages().get(0).content().contains("task " + reply.group(1)));
        }
    }

    @Test
    void listRepliesKeepEveryLineAndTheGapBetweenDates() {
        Example seed = TaskApiSeeds.seed(2);
        for (int run = 0; run < 100; run++) {
            String reply = variator.variant(seed, new SplittableRandom(run)).messages().get(1).content();
            String[] lines = reply.split("\n");
            assertEquals(3, lines.length, reply);
            assertEquals("Your tasks:", lines[0]);
            Matcher first = LIST_LINE.matcher(lines[1]);
            Matcher second = LIST_LINE.matcher(lines[2]);
            assertTrue(first.matches() && second.matches(), reply);
            assertNotEquals(first.group(1), second.group(1));
            assertNotEquals(first.group(2), second.group(2));
            assertNotEquals(first.group(3), second.group(3));
            LocalDate one = LocalDate.parse(first.group(4));
            LocalDate two = LocalDate.parse(second.group(4));
            assertEquals(one.plusDays(2), two);
            assertEquals(weekday(one), first.group(5));
            assertEquals(weekday(two), second.group(5));
        }
    }

    @Test
    void multiTurnVariantsRewriteRelativeDatesAndKeepPrioritiesConsistent() {
        Example seed = TaskApiSeeds.seed(5);
        for (int run = 0; run < 100; run++) {
            List<Turn> turns = variator.variant(seed, new SplittableRandom(run)).messages();
            Matcher created = CREATED.matcher(turns.get(1).content());
            assertTrue(created.matches(), turns.get(1).content());
            LocalDate due = LocalDate.parse(created.group(3));
            String onDate = "on " + due.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " "
                    + due.getDayOfMonth();
            assertTrue(turns.get(0).content().endsWith(onDate) || turns.get(0).content().endsWith(onDate + "."),
                    turns.get(0).content());
            assertFalse(turns.get(0).content().contains("tomorrow"));
            String newPriority = turns.get(3).content().replaceAll(".*priority -> ", "");
            assertTrue(turns.get(2).content().toLowerCase(Locale.ROOT).contains("priority to " + newPriority),
                    turns.get(2) + " / " + turns.get(3));
        }
    }

    @Test
    void everyVariantDiffersFromItsSeedAndRequestsAreReworded() {
        Set<String> openers = new HashSet<>();
        for (Example seed : TaskApiSeeds.seeds()) {
            for (int run = 0; run < 50; run++) {
                Example variant = variator.variant(seed, new SplittableRandom(run));
                assertNotEquals(seed, variant);
                assertEquals(seed.messages().size(), variant.messages().size());
                for (int i = 0; i < seed.messages().size(); i++) {
                    assertEquals(seed.messages().get(i).role(), variant.messages().get(i).role());
                }
                if (seed.equals(TaskApiSeeds.seed(0))) {
                    String user = variant.messages().get(0).content();
                    openers.add(user.substring(0, user.indexOf(" to ")).toLowerCase(Locale.ROOT));
                }
            }
        }
        assertTrue(openers.size() >= 4, "openers: " + openers);
    }

    @Test
    void sameRandomSameVariantOtherRandomOtherVariant() {
        Example seed = TaskApiSeeds.seed(0);
        assertEquals(variator.variant(seed, new SplittableRandom(7)), variator.variant(seed, new SplittableRandom(7)));
        assertNotEquals(variator.variant(seed, new SplittableRandom(7)),
                variator.variant(seed, new SplittableRandom(8)));
    }

    @Test
    void onlyTitleLikeQuotesAreReplaced() {
        Example seed = new Example(List.of(new Turn("user", "Set the priority of task 3 to urgent"),
                new Turn("assistant", "Error: Invalid priority 'urgent'. Use low, medium or high.")));
        Example variant = variator.variant(seed, new SplittableRandom(3));
        assertTrue(variant.messages().get(1).content().startsWith("Error: Invalid priority 'urgent'. Use "),
                variant.messages().get(1).content());
        assertTrue(ExampleVariator.isTitle("Review quarterly budget"));
        assertFalse(ExampleVariator.isTitle("urgent"));
        assertFalse(ExampleVariator.isTitle("2025-01-17"));
    }

    @Test
    void vocabularyIsSizeableAndFreeOfWordsTheVariatorRewrites() {
        TitleVocabulary vocabulary = new TitleVocabulary();
        assertTrue(vocabulary.size() >= 1000, "only " + vocabulary.size() + " titles");
        Pattern rewritten = Pattern.compile("(?i)\\b(low|medium|high|monday|tuesday|wednesday|thursday|friday"
                + "|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november"
                + "|december|today|tomorrow)\\b|['\"#]");
        for (String title : vocabulary.all()) {
            assertFalse(rewritten.matcher(title).find(), title);
        }
    }

    private static String weekday(LocalDate date) {
        return date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }
}
