package dev.seedforge.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The swaps of one example's values, over many draws: what is redrawn alike and what stays as the seed wrote it. */
class ValueSwapperTest {

    private static final int DRAWS = 30;

    private static List<Example> swapped(Example seed) {
        ValueSwapper swapper = new ValueSwapper(Set.of());
        List<Example> out = new ArrayList<>();
        for (int seedValue = 0; seedValue < DRAWS; seedValue++) {
            SplittableRandom random = new SplittableRandom(seedValue);
            out.add(swapper.swap(seed, new ValueLibrary(random), random));
        }
        return out;
    }

    private static Example exchange(String request, String reply) {
        return new Example(List.of(new Turn(Turn.USER, request), new Turn(Turn.ASSISTANT, reply)));
    }

    /** "20% of 375 is 75": a reply that works a number out of the request's keeps them, or 375 became 600 over 75. */
    @Test
    void aReplyThatWorksOutANumberKeepsTheRequestsNumbersAsWritten() {
        Example percent = exchange("Calculate 20% of 375.", "20% of 375 is 75.");
        Example sequence = exchange("Given a sequence of numbers, find and describe the pattern.\n\n"
                + "3, 7, 11, 15, 19",
                "The pattern in this sequence of numbers is an arithmetic progression with a common difference of 4."
                        + " Each number in the sequence is obtained by adding 4 to the previous number.");
        Example letter = exchange("Write a recommendation letter given the student's achievement.\n\nAchievement: \n"
                + "- GPA 3.8\n- Working with my PhD student for the past 6 months",
                "Dear Professor, I recommend the student, who has a GPA of 3.8 and has worked with my PhD student"
                        + " for the past 6 months. The student is one of the top 5 undergraduate students working"
                        + " with me in the last 5 years.");
        Example remaining = exchange("I had 12 apples and ate 5 of them. How many are left?",
                "You have seven apples left.");
        for (Example seed : List.of(percent, sequence, letter, remaining)) {
            for (Example example : swapped(seed)) {
                assertEquals(seed, example, "numbers redrawn around a worked-out one");
            }
        }
    }

    /** "add 50 GB" repeated in the reply is a quantity, not a result: redrawn, the same in both. */
    @Test
    void numbersTheReplyOnlyRepeatsAreRedrawnAlike() {
        Example seed = exchange("Write a one-line ticket: add 50 GB of storage to the shared drive for 12 people.",
                "Storage: add 50 GB to the shared drive (12 people).");
        Pattern asked = Pattern.compile("add (\\d+) GB of storage to the shared drive for (\\d+) people");
        int redrawn = 0;
        for (Example example : swapped(seed)) {
            Matcher request = asked.matcher(example.messages().get(0).content());
            assertTrue(request.find(), example.toString());
            assertEquals("Storage: add " + request.group(1) + " GB to the shared drive (" + request.group(2)
                    + " people).", example.messages().get(1).content());
            redrawn += request.group(1).equals("50") ? 0 : 1;
        }
        assertTrue(redrawn > 0, "no amount redrawn");
    }

    /** A tool's result worked out from the user's numbers ("20% of 500" is 100) keeps them as the user wrote them. */
    @Test
    void aToolResultWorkedOutFromTheUsersNumbersKeepsThem() {
        Example seed = new Example(List.of(new Turn(Turn.USER, "Hi, I need to calculate 20% of 500."),
                new Turn(Turn.ASSISTANT, "", List.of(new Turn.ToolCall("call_1", "calculate_percentage",
                        "{\"number\": 500, \"percentage\": 20}")), null),
                new Turn(Turn.TOOL, "{\"result\": 100}", List.of(), "call_1"),
                new Turn(Turn.ASSISTANT, "Sure, 20% of 500 is 100.")));
        for (Example example : swapped(seed)) {
            List<Turn> turns = example.messages();
            assertEquals("Hi, I need to calculate 20% of 500.", turns.get(0).content());
            assertEquals("{\"number\":500,\"percentage\":20}", turns.get(1).toolCalls().get(0).arguments());
            assertEquals("{\"result\":100}", turns.get(2).content());
            assertEquals("Sure, 20% of 500 is 100.", turns.get(3).content());
        }
    }

    /**
     * A quoted sentence, or a literal the request tells the model to output, is the answer's wording, not a thing's
     * title: it had become "Prepare the baby garden & sports report" in the instruction.
     */
    @Test
    void aQuotedLiteralToOutputIsKeptWhereATasksTitleIsSwapped() {
        Example bias = exchange("Detect if there is gender-biased and non-inclusive phrasing in the sentence. If there"
                + " is, suggest an alternative. Otherwise, output \"No such bias detected.\"\n\nThe discovery could"
                + " change all mankind.", "The discovery could change all humankind.");
        Example label = exchange("Is this review about delivery? Respond with 'Not about delivery' if it is not.\n\n"
                + "Lovely colours.", "Not about delivery");
        Example choice = exchange("Does the review mention delivery? Answer \"Yes, it does\" or \"Not at all\".\n\n"
                + "Lovely colours.", "Not at all");
        for (Example seed : List.of(bias, label, choice)) {
            for (Example example : swapped(seed)) {
                assertEquals(seed, example, "a literal swapped");
            }
        }
        Example task = exchange("Create a task 'Review quarterly budget' due Friday",
                "Created task: 'Review quarterly budget'");
        int swapped = 0;
        for (Example example : swapped(task)) {
            String request = example.messages().get(0).content();
            assertFalse(request.contains("Review quarterly budget") != example.messages().get(1).content().contains(
                    "Review quarterly budget"), example.toString());
            swapped += request.contains("Review quarterly budget") ? 0 : 1;
        }
        assertTrue(swapped > DRAWS / 2, "a task's title kept in " + (DRAWS - swapped) + " of " + DRAWS);
    }

    /**
     * The JSON to convert said {@code riley.cole@...} while the answer's YAML, kept as written, said
     * {@code ana@example.com}: a value kept code shows is kept wherever written; one it does not show is swapped.
     */
    @Test
    void aValueThatKeptCodeShowsIsKeptWhereverItIsWritten() {
        Example seed = exchange("Convert to YAML, for Ana Silva: {\"email\": \"ana@example.com\", \"order\": \"AB1234\"}"
                + " Send the result to lee@example.org.",
                "```yaml\nemail: ana@example.com\norder: AB1234\n```");
        int swappedElsewhere = 0;
        for (Example example : swapped(seed)) {
            String request = example.messages().get(0).content();
            assertEquals(seed.messages().get(1), example.messages().get(1));
            assertTrue(request.contains("ana@example.com") && request.contains("AB1234"), request);
            if (!request.contains("lee@example.org")) {
                swappedElsewhere++;
            }
        }
        assertTrue(swappedElsewhere > 0, "an e-mail the code does not show is still swapped");
    }
}
