package dev.seedforge.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.ToolCall;

/**
 * The simulator on job specs of many kinds (TaskSpecs): answers in each job's own format, following the cell's
 * directives, with new examples rather than copies of the seeds, answers consistent with their requests.
 */
class AnyTaskGenerationTest {

    private final TeacherSimulator clean = new TeacherSimulator(42, GenerationShares.NONE);
    private final TeacherSimulator defaults = new TeacherSimulator(42, GenerationShares.DEFAULTS);

    private List<JsonNode> generate(TeacherSimulator simulator, TaskSpecs.Spec spec, int calls, String directives,
            double temperature) {
        List<JsonNode> records = new ArrayList<>();
        for (int call = 0; call < calls; call++) {
            // the generator spreads its calls over a temperature range: no two calls send the same prompt
            double spread = temperature == 0 ? 0 : call * 0.618_034 % 1.0 * 0.3;
            records.addAll(TaskSpecs.records(simulator.answer(TaskSpecs.input(spec, call, directives, List.of(), 5,
                    temperature + spread))));
        }
        return records;
    }

    @Test
    void everyExampleIsValidInItsJobsFormat() {
        Map<TaskSpecs.Spec, String> directives = Map.of(TaskSpecs.SUPPORT_CHAT, "complexity: moderate\nturns: 2",
                TaskSpecs.ANALYTICS_TOOLS, "complexity: simple\nturns: 1\ntools: yes");
        for (TaskSpecs.Spec spec : TaskSpecs.ALL) {
            List<JsonNode> records = generate(clean, spec, 8, directives.getOrDefault(spec,
                    "complexity: simple\nturns: 1"), 0.9);
            assertEquals(40, records.size(), spec.name());
            for (JsonNode record : records) {
                assertEquals(spec.format(), ExampleFormat.detect(record), spec.name() + ": " + record);
                assertFalse(record.has("system") || record.has("tools"), "no system prompt or tools: " + record);
                List<ChatTurn> turns = spec.format().turns(record);
                assertWellFormed(spec, turns, record);
                if (spec.format() == ExampleFormat.ALPACA && spec == TaskSpecs.SENTIMENT) {
                    assertFalse(record.path("input").asText().isBlank(), "the input stays apart: " + record);
                    assertTrue(record.path("instruction").asText().toLowerCase(Locale.ROOT).contains(
                            "classify the sentiment of this review"),
                            record.toString());
                }
            }
        }
    }

    private static void assertWellFormed(TaskSpecs.Spec spec, List<ChatTurn> turns, JsonNode record) {
        assertEquals(ChatTurn.USER, turns.get(0).role(), record.toString());
        ChatTurn last = turns.get(turns.size() - 1);
        assertEquals(ChatTurn.ASSISTANT, last.role(), record.toString());
        assertTrue(last.content() != null && !last.content().isBlank(), record.toString());
        Set<String> toolNames = new HashSet<>();
        spec.tools().forEach(t -> toolNames.add(t.replaceAll("(?s).*\"name\":\"([a-z_]+)\".*", "$1")));
        Set<String> open = new HashSet<>();
        String previous = null;
        for (ChatTurn turn : turns) {
            assertFalse(ChatTurn.USER.equals(previous) && ChatTurn.USER.equals(turn.role()), record.toString());
            for (ToolCall call : turn.toolCalls()) {
                assertTrue(toolNames.contains(call.name()), "a tool of the spec: " + call.name());
                assertNotNull(json(call.arguments()), "arguments are JSON: " + call.arguments());
                open.add(call.id());
            }
            if (ChatTurn.TOOL.equals(turn.role())) {
                assertTrue(open.remove(turn.toolCallId()), "answers a call: " + record);
            }
            previous = turn.role();
        }
        assertTrue(open.isEmpty(), "every call answered: " + record);
        if (!spec.tools().isEmpty()) {
            assertTrue(turns.stream().anyMatch(t -> !t.toolCalls().isEmpty()), "calls a tool: " + record);
            assertTrue(record.toString().contains("\"content\":null"), "OpenAI's content null: " + record);
        }
    }

    private static final Pattern RUN_ON_AXIS_SENTENCE = Pattern.compile("[\\p{Ll}\\d] (?:This is about|It's mostly|My"
            + " question is|Think|It concerns|Keep|For me the|It's an?|Consider it|The focus is) ");

    /** "Thanks in advance For me the document is ..." and "It's a API response case." before. */
    @Test
    void aSentenceNamingTheCellsValueFollowsAFullStopAndTakesItsArticle() {
        int named = 0;
        for (JsonNode record : generate(clean, TaskSpecs.SUPPORT_CHAT, 30,
                "axis.document: API response\ncomplexity: simple\nturns: 1", 1.0)) {
            String user = TaskSpecs.userText(record);
            if (user.contains("API response")) {
                named++;
            }
            assertFalse(user.contains("a API"), user);
            assertFalse(RUN_ON_AXIS_SENTENCE.matcher(user).find(), user);
        }
        assertTrue(named > 50, "requests naming the value: " + named);
    }

    @Test
    void aLabelCellWritesExamplesWhoseAnswerIsThatLabel() {
        for (String label : List.of("negative", "positive", "neutral")) {
            List<JsonNode> records = generate(clean, TaskSpecs.SENTIMENT, 6, "axis.label: " + label
                    + "\ncomplexity: simple\nturns: 1", 0.9);
            for (JsonNode record : records) {
                assertEquals(label, record.path("output").asText(), record.toString());
            }
        }
    }

    @Test
    void aToneCellWritesUsersInThatToneAndOthersDoNot() {
        List<JsonNode> impatient = generate(clean, TaskSpecs.SUPPORT_CHAT, 6, "axis.tone: impatient\nturns: 2",
                0.9);
        for (JsonNode record : impatient) {
            String first = TaskSpecs.userText(record).split("\n")[0];
            assertTrue(ToneLexicon.shows(first, "impatient"), first);
        }
        long neutral = generate(clean, TaskSpecs.SUPPORT_CHAT, 6, "turns: 2", 0.9).stream()
                .filter(r -> ToneLexicon.shows(TaskSpecs.userText(r), "impatient")).count();
        assertEquals(0, neutral);
    }

    @Test
    void multiTurnConversationsReferBackAndNeverRepeatAReply() {
        for (int turns = 2; turns <= 5; turns++) {
            for (TaskSpecs.Spec spec : List.of(TaskSpecs.SUPPORT_CHAT, TaskSpecs.SUMMARIZATION, TaskSpecs.SQL)) {
                for (JsonNode record : generate(clean, spec, 4, "complexity: moderate\nturns: " + turns, 0.9)) {
                    List<ChatTurn> conversation = spec.format().turns(record);
                    List<String> users = conversation.stream().filter(t -> ChatTurn.USER.equals(t.role()))
                            .map(ChatTurn::content).toList();
                    assertEquals(turns, users.size(), record.toString());
                    List<String> replies = conversation.stream().filter(t -> ChatTurn.ASSISTANT.equals(t.role())
                            && t.toolCalls().isEmpty()).map(ChatTurn::content).toList();
                    assertEquals(replies.size(), new HashSet<>(replies).size(), "a reply repeated: " + record);
                    StringBuilder earlier = new StringBuilder();
                    String lastReply = "";
                    for (ChatTurn turn : conversation) {
                        if (ChatTurn.USER.equals(turn.role()) && !earlier.isEmpty()) {
                            assertTrue(lastReply.contains("?") || refersBack(turn.content(), earlier.toString()),
                                    "later turn answers a question or refers back:\n" + turn.content() + "\nto:\n"
                                            + earlier);
                        }
                        if (ChatTurn.ASSISTANT.equals(turn.role()) && turn.content() != null) {
                            lastReply = turn.content();
                        }
                        earlier.append(turn.content()).append('\n');
                    }
                }
            }
        }
    }

    private static final List<Pattern> REFERENTS = List.of(Pattern.compile("'[^'\\n]{2,60}'"),
            Pattern.compile("\"[^\"\\n]{2,60}\""), Pattern.compile("\\b\\d+ \\p{L}+"),
            Pattern.compile("\\b\\p{L}{3,} #?\\d{2,}\\b"), Pattern.compile("(?<=[a-z,;] )\\p{Lu}\\p{Ll}+"));

    private static final Set<String> FOLLOW_UP_WORDS = Set.of("thanks", "going", "back", "okay", "and", "about",
            "got", "it", "since", "we're", "on", "one", "more", "thing", "related", "to", "before", "i", "forget",
            "still", "that", "helps", "with", "next", "following", "up", "right", "so", "sorted", "the", "part");

    /** The later request names something said earlier: a quoted phrase, a counted thing, a name, three words. */
    static boolean refersBack(String later, String earlier) {
        String lowerEarlier = earlier.toLowerCase(Locale.ROOT);
        for (Pattern referent : REFERENTS) {
            Matcher m = referent.matcher(later);
            while (m.find()) {
                String found = m.group().replaceAll("^['\"]|['\"]$", "").toLowerCase(Locale.ROOT);
                if (found.length() >= 2 && lowerEarlier.contains(found)) {
                    return true;
                }
            }
        }
        String[] words = later.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+");
        for (int i = 0; i + 3 <= words.length; i++) {
            String phrase = words[i] + " " + words[i + 1] + " " + words[i + 2];
            boolean ownWords = false;
            for (int w = i; w < i + 3; w++) {
                ownWords |= !FOLLOW_UP_WORDS.contains(words[w]) && words[w].length() >= 4;
            }
            if (ownWords && lowerEarlier.replaceAll("[^\\p{L}\\p{N}']+", " ").contains(phrase)) {
                return true;
            }
        }
        return false;
    }

    /**
     * 200 examples from 8 seeds per spec at the default shares: exact copies (of a seed or of another example, user
     * turns compared; two near duplicates of one seed may be equal, hence the near-duplicate share in that bound too)
     * and near duplicates (Jaccard of word 3-shingles of the user turns at 0.8 or more, MinHash's
     * threshold) stay within the configured shares plus a margin.
     */
    @Test
    void examplesAreNewNotCopiesOfSeedsOrOfEachOther() {
        GenerationShares shares = GenerationShares.DEFAULTS;
        for (TaskSpecs.Spec spec : List.of(TaskSpecs.SENTIMENT, TaskSpecs.SUPPORT_CHAT, TaskSpecs.MATH,
                TaskSpecs.EXTRACTION, TaskSpecs.SQL, TaskSpecs.SELF_INSTRUCT, TaskSpecs.ANALYTICS_TOOLS)) {
            List<JsonNode> records = generate(defaults, spec, 40, "complexity: simple\nturns: 1", 0.9);
            List<String> seen = new ArrayList<>(TaskSpecs.seedUserTexts(spec));
            List<Set<String>> shingles = new ArrayList<>(seen.stream().map(AnyTaskGenerationTest::shingles).toList());
            int exact = 0;
            int near = 0;
            List<String> copies = new ArrayList<>();
            for (JsonNode record : records) {
                String text = TaskSpecs.userText(record);
                Set<String> mine = shingles(text);
                if (seen.contains(text)) {
                    exact++;
                    copies.add(text.replace("\n", " | "));
                } else if (shingles.stream().anyMatch(other -> jaccard(mine, other) >= 0.8)) {
                    near++;
                }
                seen.add(text);
                shingles.add(mine);
            }
            double n = records.size();
            assertEquals(200, records.size());
            assertTrue(exact / n <= shares.duplicateRate() + shares.nearDuplicateRate() + 0.03,
                    spec.name() + " exact copies " + exact + ": " + copies);
            assertTrue((exact + near) / n <= shares.duplicateRate() + shares.nearDuplicateRate() + 0.06,
                    spec.name() + " copies " + exact + ", near duplicates " + near);
        }
    }

    static Set<String> shingles(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} ]+", " ").strip().split("\\s+");
        Set<String> shingles = new HashSet<>();
        for (int i = 0; i + 3 <= words.length; i++) {
            shingles.add(words[i] + " " + words[i + 1] + " " + words[i + 2]);
        }
        if (shingles.isEmpty()) {
            shingles.add(String.join(" ", words));
        }
        return shingles;
    }

    static double jaccard(Set<String> a, Set<String> b) {
        Set<String> common = new HashSet<>(a);
        common.retainAll(b);
        return (double) common.size() / (a.size() + b.size() - common.size());
    }

    @Test
    void mathAnswersAreRecomputedFromTheNewNumbers() {
        List<JsonNode> records = generate(clean, TaskSpecs.MATH, 20, "complexity: simple\nturns: 1", 0.9);
        Set<String> seedQuestions = new HashSet<>(TaskSpecs.seedUserTexts(TaskSpecs.MATH));
        int changed = 0;
        for (JsonNode record : records) {
            List<ChatTurn> turns = ExampleFormat.OPENAI.turns(record);
            String answer = turns.get(turns.size() - 1).content();
            assertEquals(List.of(), Arithmetic.wrongEquations(answer), answer);
            Matcher last = Pattern.compile("=\\s*\\$?([\\d,.]+)[^=]*\\n#### ([\\d,.]+)$").matcher(answer);
            assertTrue(last.find(), answer);
            assertEquals(0, new BigDecimal(last.group(1).replace(",", "")).compareTo(new BigDecimal(last.group(2)
                    .replace(",", ""))), "the final answer is the last result: " + answer);
            Set<String> questionNumbers = numbers(turns.get(0).content());
            for (String operand : numbers(answer.replaceAll("=\\s*[\\d,.]+", "").replaceAll("#### .*", ""))) {
                if (Integer.parseInt(operand) > 3) {
                    assertTrue(questionNumbers.contains(operand) || answer.contains("= " + operand),
                            "operand " + operand + " comes from the question or a result: " + record);
                }
            }
            if (seedQuestions.stream().noneMatch(q -> numbers(q).equals(questionNumbers))) {
                changed++;
            }
        }
        assertTrue(changed >= records.size() * 0.8, "numbers changed in " + changed + " of " + records.size());
    }

    /** "25% off" worked out as "* 0.25": when the percentage changes, the fraction in the working follows it. */
    @Test
    void aPercentageChangedInTheRequestChangesItsFractionInTheWorking() {
        TaskSpecs.Spec percent = new TaskSpecs.Spec("percent", TaskSpecs.MATH.task(), null, ExampleFormat.OPENAI,
                List.of(),
                List.of("""
                        {"messages":[{"role":"user","content":"A shirt costs $40 and is on sale for 25% off. How much do 2 shirts cost on sale?"},{"role":"assistant","content":"The discount is 40 * 0.25 = 10 dollars, so one shirt costs 40 - 10 = 30 dollars.\\nTwo shirts cost 2 * 30 = 60 dollars.\\n#### 60"}]}""",
                        """
                                {"messages":[{"role":"user","content":"A jacket costs $80 and is 15% off. What is its sale price?"},{"role":"assistant","content":"The discount is 80 * 0.15 = 12 dollars.\\nThe sale price is 80 - 12 = 68 dollars.\\n#### 68"}]}"""));
        int changed = 0;
        for (JsonNode record : generate(clean, percent, 8, "complexity: simple\nturns: 1", 0.9)) {
            List<ChatTurn> turns = ExampleFormat.OPENAI.turns(record);
            String answer = turns.get(turns.size() - 1).content();
            Matcher off = Pattern.compile("(\\d+)% off").matcher(turns.get(0).content());
            Matcher fraction = Pattern.compile("\\* (0\\.\\d+) =").matcher(answer);
            assertTrue(off.find() && fraction.find(), record.toString());
            assertEquals(0, new BigDecimal(off.group(1)).movePointLeft(2).compareTo(new BigDecimal(fraction.group(1))),
                    "the fraction follows the percentage: " + record);
            assertEquals(List.of(), Arithmetic.wrongEquations(answer), answer);
            if (!Set.of("25", "15").contains(off.group(1))) {
                changed++;
            }
        }
        assertTrue(changed > 0, "no percentage changed");
    }

    private static final TaskSpecs.Spec TRIAGE = new TaskSpecs.Spec("triage",
            "Triage a patient's message: 'Urgency: <emergency|urgent|routine>' and 'Advice: <one sentence>'.", null,
            ExampleFormat.ALPACA, List.of(),
            List.of("""
                    {"instruction":"Triage this message.","input":"I have crushing chest pain and I'm sweating.","output":"Urgency: emergency\\nAdvice: Call emergency services now."}""",
                    """
                            {"instruction":"Triage this message.","input":"My 4-year-old has had a fever since yesterday.","output":"Urgency: urgent\\nAdvice: See a doctor today and keep offering fluids."}""",
                    """
                            {"instruction":"Triage this message.","input":"I've had a runny nose for two days.","output":"Urgency: routine\\nAdvice: Rest and see your GP if it lasts."}"""));

    /** An axis whose values the seeds' replies give is the answer's: a cell's examples give its value. */
    @Test
    void aCellsValueThatTheRepliesCarryIsTheOneItsExamplesGive() {
        for (String urgency : List.of("emergency", "urgent", "routine")) {
            List<JsonNode> records = generate(clean, TRIAGE, 4, "axis.urgency: " + urgency
                    + "\naxis.patient: adult\ncomplexity: simple\nturns: 1", 0.9);
            assertFalse(records.isEmpty());
            for (JsonNode record : records) {
                assertTrue(record.path("output").asText().startsWith("Urgency: " + urgency + "\n"),
                        urgency + ": " + record);
            }
        }
    }

    private static final TaskSpecs.Spec CITED_ANSWERS = new TaskSpecs.Spec("cited-answers",
            "Answer a question using only the numbered passages in the input, citing each as [n].", null,
            ExampleFormat.ALPACA, List.of(),
            List.of("""
                    {"instruction":"Who designed the Sydney Opera House?","input":"[1] The Sydney Opera House opened in 1973.\\n[2] It seats 5,738 across its venues.","output":"The passages do not say who designed the Sydney Opera House; they give its opening year [1] and its capacity [2]."}""",
                    """
                            {"instruction":"When did the Brooklyn Bridge open?","input":"[1] The Brooklyn Bridge opened on May 24, 1883.\\n[2] Its main span is 486 metres long.","output":"The Brooklyn Bridge opened on May 24, 1883 [1]."}"""));

    /**
     * A harder request is the request made harder: an Alpaca example's input (here the passages it is answered from)
     * is its material, and the constraint an evolution adds goes into the instruction, not into the passages.
     */
    @Test
    void anEvolvedRequestKeepsItsAddedSentenceOutOfTheInput() {
        int evolved = 0;
        for (JsonNode record : generate(clean, CITED_ANSWERS, 8, "complexity: complex\nturns: 1", 0.9)) {
            String input = record.path("input").asText();
            String instruction = record.path("instruction").asText();
            for (String clause : Evolver.clauses()) {
                assertFalse(input.contains(clause), clause + " in the input: " + record);
                evolved += instruction.contains(clause) ? 1 : 0;
            }
        }
        assertTrue(evolved > 0, "no request was made harder");
    }

    /**
     * A booking reference of letters and digits mixed is a value like a name or a number: redrawn in its shape, the
     * same in the request and in the JSON reply that repeats it; names of things such as SHA256 are kept.
     */
    @Test
    void aMixedReferenceIsRedrawnInItsShapeAndAlikeWhereverItStands() {
        TaskSpecs.Spec bookings = new TaskSpecs.Spec("bookings", "Decide an airline customer's action as JSON.", null,
                ExampleFormat.OPENAI, List.of(),
                List.of("""
                        {"messages":[{"role":"user","content":"Please refund booking QX7P2L, the SHA256 receipt is attached."},{"role":"assistant","content":"{\\"action\\": \\"refund\\", \\"booking_ref\\": \\"QX7P2L\\"}"}]}""",
                        """
                                {"messages":[{"role":"user","content":"Move booking K9LM4T to another day, please; the SHA256 receipt is attached."},{"role":"assistant","content":"{\\"action\\": \\"rebook\\", \\"booking_ref\\": \\"K9LM4T\\"}"}]}"""));
        Set<String> refs = new HashSet<>();
        for (JsonNode record : generate(clean, bookings, 6, "complexity: simple\nturns: 1", 0.9)) {
            List<ChatTurn> turns = ExampleFormat.OPENAI.turns(record);
            String reply = turns.get(turns.size() - 1).content();
            Matcher inReply = Pattern.compile("\"booking_ref\": ?\"([A-Z0-9]+)\"").matcher(reply);
            assertTrue(inReply.find(), reply);
            String ref = inReply.group(1);
            assertTrue(ref.matches("[A-Z]{2}\\d[A-Z]\\d[A-Z]|[A-Z]\\d[A-Z]{2}\\d[A-Z]"), ref);
            assertTrue(turns.get(0).content().contains(ref), "the request names " + ref + ": " + record);
            assertTrue(turns.get(0).content().contains("SHA256"), record.toString());
            refs.add(ref);
        }
        refs.removeAll(Set.of("QX7P2L", "K9LM4T"));
        assertFalse(refs.isEmpty(), "every reference kept as the seeds wrote it");
    }

    /**
     * The simulator solves no algebra: numbers in LaTeX are kept as the seed wrote them, and so are their mentions in
     * prose ("Add 8 and divide by 2"), so an answer never works with a number its problem does not have.
     */
    @Test
    void numbersInMathematicsAreKeptWithTheirMentions() {
        TaskSpecs.Spec latex = new TaskSpecs.Spec("latex", "Solve the exercise in LaTeX, the answer in \\boxed{}.",
                null, ExampleFormat.SHAREGPT, List.of(),
                List.of("""
                        {"conversations":[{"from":"human","value":"Solve $2x^2 - 8 = 0$ for a class of 30 students."},{"from":"gpt","value":"Add 8 and divide by 2: $x^2 = 4$, so $x = \\\\pm 2$.\\n\\n$$\\\\boxed{x = \\\\pm 2}$$"}]}""",
                        """
                                {"conversations":[{"from":"human","value":"Compute \\\\(\\\\int_0^1 2x\\\\,dx\\\\) for a quiz of 12 questions."},{"from":"gpt","value":"An antiderivative of $2x$ is $x^2$, so the integral is $1^2 - 0^2 = 1$.\\n\\n$$\\\\boxed{1}$$"}]}"""));
        int redrawn = 0;
        for (JsonNode record : generate(clean, latex, 6, "complexity: simple\nturns: 1", 0.9)) {
            String request = record.path("conversations").get(0).path("value").asText();
            String answer = record.path("conversations").get(1).path("value").asText();
            if (answer.contains("Add ")) {
                assertTrue(request.contains("$2x^2 - 8 = 0$"), request);
                assertTrue(answer.startsWith("Add 8 and divide by 2: $x^2 = 4$"), answer);
                redrawn += request.contains("class of 30 students") ? 0 : 1;
            } else {
                assertTrue(request.contains("\\(\\int_0^1 2x\\,dx\\)"), request);
                assertTrue(answer.contains("$1^2 - 0^2 = 1$"), answer);
                redrawn += request.contains("quiz of 12 questions") ? 0 : 1;
            }
        }
        assertTrue(redrawn > 0, "the numbers outside the mathematics are still redrawn");
    }

    /** A number the answer's code uses ("+100M" for "bigger than 100 MB") stays wherever it is written. */
    @Test
    void aNumberTheCodeUsesIsKeptInTheRequestAndTheProse() {
        TaskSpecs.Spec shell = new TaskSpecs.Spec("shell", "Turn a request into one bash command in a fenced block.",
                null, ExampleFormat.OPENAI, List.of(),
                List.of("""
                        {"messages":[{"role":"user","content":"find every .log file bigger than 100 MB under /var on my 5 servers"},{"role":"assistant","content":"```bash\\nfind /var -name '*.log' -size +100M\\n```\\nLists the .log files under /var larger than 100 MB; run it on each of the 5 servers."}]}""",
                        """
                                {"messages":[{"role":"user","content":"show which process listens on port 8080 on 4 hosts"},{"role":"assistant","content":"```bash\\nss -ltnp 'sport = :8080'\\n```\\nShows the process on port 8080; run it on each of the 4 hosts."}]}"""));
        int redrawn = 0;
        for (JsonNode record : generate(clean, shell, 6, "complexity: simple\nturns: 1", 0.9)) {
            List<ChatTurn> turns = ExampleFormat.OPENAI.turns(record);
            String request = turns.get(0).content();
            String answer = turns.get(turns.size() - 1).content();
            if (answer.contains("find /var")) {
                assertTrue(request.contains("bigger than 100 MB") && answer.contains("larger than 100 MB"), record.toString());
                Matcher servers = Pattern.compile("my (\\d+) servers").matcher(request);
                assertTrue(servers.find(), request);
                assertTrue(answer.contains("each of the " + servers.group(1) + " servers"), record.toString());
                redrawn += servers.group(1).equals("5") ? 0 : 1;
            } else {
                assertTrue(request.contains("port 8080") && answer.contains("on port 8080"), record.toString());
            }
        }
        assertTrue(redrawn > 0, "a number the code does not use is still redrawn");
    }

    /**
     * "Sydney" is a first name in Datafaker's lists: before "Opera House" it names a place, and is swapped for a place's
     * name ("Lake Marica Opera House"), the same in the question, the passages and the answer, never for a person's
     * ("Hester Opera House").
     */
    @Test
    void aFirstNameThatIsPartOfAPlacesNameIsSwappedForAPlacesName() {
        Pattern place = Pattern.compile("(?:the )?((?:\\p{Lu}[\\p{L}']*\\s)+)Opera House");
        Set<String> places = new HashSet<>();
        for (JsonNode record : generate(clean, CITED_ANSWERS, 8, "complexity: simple\nturns: 1", 0.9)) {
            Set<String> inRecord = new HashSet<>();
            for (String field : List.of("instruction", "input", "output")) {
                Matcher m = place.matcher(record.path(field).asText());
                while (m.find()) {
                    String name = m.group(1).strip().replaceFirst("^(?:Who designed|The) ", "");
                    inRecord.add(name);
                    assertFalse(!name.contains(" ") && ValueLibrary.isFirstName(name) && !name.equals("Sydney"),
                            "a person's name for a place: " + record);
                }
            }
            assertTrue(inRecord.size() <= 1, "one place, named alike: " + record);
            places.addAll(inRecord);
        }
        assertTrue(places.size() > 1, "every example of the same opera house: " + places);
    }

    /** Datafaker's first names hold See, Will and Mark: before an article or a pronoun they are verbs, kept. */
    @Test
    void aVerbThatIsAlsoAFirstNameIsNotSwappedForAName() {
        int seen = 0;
        for (JsonNode record : generate(clean, TRIAGE, 6, "axis.urgency: urgent\ncomplexity: simple\nturns: 1",
                0.9)) {
            String output = record.path("output").asText();
            seen++;
            assertTrue(output.contains("Advice: See a doctor"), output);
        }
        assertTrue(seen > 0);
    }

    /** An answer that spells out the request's number ("six buttons" for "6 buttons") says the redrawn one. */
    @Test
    void aNumberTheAnswerSpellsOutIsRedrawnWithTheRequests() {
        TaskSpecs.Spec copy = new TaskSpecs.Spec("copy", "Write product descriptions from features.", null,
                ExampleFormat.ALPACA, List.of(),
                List.of("""
                        {"instruction":"Write a product description for: wireless mouse, silent clicks, 6 buttons","input":"","output":"Work quietly. Its silent clicks disturb no one, and six programmable buttons put shortcuts at your thumb."}"""));
        List<String> words = List.of("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve");
        Pattern buttons = Pattern.compile("(\\d+) buttons");
        int redrawn = 0;
        for (JsonNode record : generate(clean, copy, 6, "complexity: simple\nturns: 1", 0.9)) {
            Matcher asked = buttons.matcher(record.path("instruction").asText());
            assertTrue(asked.find(), record.toString());
            int count = Integer.parseInt(asked.group(1));
            String said = count < 13 ? words.get(count - 2) : asked.group(1);
            assertTrue(record.path("output").asText().contains(" " + said + " programmable buttons"),
                    count + " buttons asked: " + record);
            redrawn += count == 6 ? 0 : 1;
        }
        assertTrue(redrawn > 0, "no count redrawn");
    }

    /**
     * An answer worked out of the request's numbers ("20% of 375 is 75", "a common difference of 4") keeps them as the
     * seed wrote them; a number the answer only repeats ("50 GB") is still redrawn alike.
     */
    @Test
    void aResultWorkedOutOfTheRequestsNumbersKeepsThemAsWritten() {
        TaskSpecs.Spec alpaca = new TaskSpecs.Spec("alpaca", "Follow the instruction.", null, ExampleFormat.ALPACA,
                List.of(),
                List.of("""
                        {"instruction":"Calculate 20% of 375.","input":"","output":"20% of 375 is 75."}""",
                        """
                                {"instruction":"Given a sequence of numbers, find and describe the pattern.","input":"3, 7, 11, 15, 19","output":"The pattern in this sequence of numbers is an arithmetic progression with a common difference of 4. Each number in the sequence is obtained by adding 4 to the previous number."}""",
                        """
                                {"instruction":"Write a one-line storage ticket: add 50 GB to the shared drive.","input":"","output":"Storage: add 50 GB to the shared drive."}"""));
        Pattern storage = Pattern.compile("add (\\d+) GB to the shared drive");
        int redrawn = 0;
        Set<String> seen = new HashSet<>();
        for (JsonNode record : generate(clean, alpaca, 6, "complexity: simple\nturns: 1", 0.9)) {
            String request = record.path("instruction").asText() + "\n" + record.path("input").asText();
            String output = record.path("output").asText();
            if (output.contains("% of")) {
                assertTrue(request.contains("20% of 375") && output.equals("20% of 375 is 75."), record.toString());
                seen.add("percent");
            } else if (output.contains("common difference")) {
                assertTrue(request.contains("3, 7, 11, 15, 19"), record.toString());
                seen.add("sequence");
            } else {
                Matcher asked = storage.matcher(request);
                assertTrue(asked.find() && output.contains("add " + asked.group(1) + " GB"), record.toString());
                redrawn += asked.group(1).equals("50") ? 0 : 1;
            }
        }
        assertEquals(Set.of("percent", "sequence"), seen);
        assertTrue(redrawn > 0, "no amount redrawn");
    }

    /** A clock time is not two numbers to redraw: "18:40" never becomes "28:50". */
    @Test
    void clockTimesStayTimes() {
        TaskSpecs.Spec times = new TaskSpecs.Spec("times", "Confirm restaurant bookings.", null, ExampleFormat.OPENAI,
                List.of(),
                List.of("""
                        {"messages":[{"role":"user","content":"Book a table for 4 at 19:30 on Friday, or 21:15 if that is full."},{"role":"assistant","content":"Booked: a table for 4 at 19:30 on Friday. If we need to move it, 21:15 is free too."}]}""",
                        """
                                {"messages":[{"role":"user","content":"Can 6 of us come at 12:45 tomorrow?"},{"role":"assistant","content":"Yes: 6 people at 12:45 tomorrow are booked."}]}"""));
        Pattern clock = Pattern.compile("(?<![\\d:])(\\d{1,2}):(\\d{2})(?![\\d:])");
        int seen = 0;
        for (JsonNode record : generate(clean, times, 8, "complexity: simple\nturns: 1", 0.9)) {
            Matcher m = clock.matcher(record.toString());
            while (m.find()) {
                seen++;
                assertTrue(Integer.parseInt(m.group(1)) < 24 && Integer.parseInt(m.group(2)) < 60,
                        m.group() + " is no time: " + record);
            }
        }
        assertTrue(seen > 0, "no times written");
    }

    /** Code is the program's, not the request's values: its strings, names and numbers are never swapped. */
    @Test
    void codeBlocksAreKeptAsTheSeedWroteThem() {
        String addTest = "```javascript\nconst add = require('./add');\ntest('adds two numbers', () => {\n"
                + "  expect(add(2, 3)).toBe(5);\n});\n```";
        String evenTest = "```javascript\nconst isEven = require('./isEven');\n"
                + "test('4 is even', () => expect(isEven(4)).toBe(true));\n```";
        TaskSpecs.Spec jest = new TaskSpecs.Spec("jest", "Write Jest unit tests for the function the user pastes.",
                null, ExampleFormat.OPENAI, List.of(), List.of(
                        jsonOf(Map.of("messages", List.of(Map.of("role", "user", "content",
                                "Write tests for:\n```javascript\nfunction add(a, b) { return a + b; }\n```"),
                                Map.of("role", "assistant", "content", addTest)))),
                        jsonOf(Map.of("messages", List.of(Map.of("role", "user", "content",
                                "Tests please for `isEven` from 'Sarah Miller':\n```javascript\n"
                                        + "const isEven = n => n % 2 === 0;\n```"),
                                Map.of("role", "assistant", "content", evenTest))))));
        int seen = 0;
        for (JsonNode record : generate(clean, jest, 12, "complexity: simple\nturns: 1", 0.9)) {
            List<ChatTurn> turns = ExampleFormat.OPENAI.turns(record);
            String answer = turns.get(turns.size() - 1).content();
            assertTrue(answer.equals(addTest) || answer.equals(evenTest), "the code changed: " + record);
            assertTrue(turns.get(turns.size() - 2).content().contains("`isEven`")
                    || turns.get(turns.size() - 2).content().contains("function add(a, b) { return a + b; }"),
                    "the request's code changed: " + record);
            seen++;
        }
        assertTrue(seen > 0);
    }

    private static String jsonOf(Object value) {
        return dev.seedforge.contracts.Json.MAPPER.valueToTree(value).toString();
    }

    private static Set<String> numbers(String text) {
        Set<String> numbers = new HashSet<>();
        Matcher m = Pattern.compile("(?<![\\d.])\\d+(?!\\d|\\.\\d)").matcher(text);
        while (m.find()) {
            numbers.add(m.group());
        }
        return numbers;
    }

    @Test
    void valuesInTheAnswerChangeWithTheRequest() {
        for (JsonNode record : generate(clean, TaskSpecs.EXTRACTION, 10, "complexity: simple\nturns: 1", 0.9)) {
            List<ChatTurn> turns = ExampleFormat.OPENAI.turns(record);
            JsonNode answer = json(turns.get(turns.size() - 1).content());
            assertNotNull(answer, record.toString());
            String request = turns.get(0).content();
            assertTrue(request.contains(answer.path("name").asText()), "name from the request: " + record);
            assertTrue(request.contains(answer.path("email").asText()), "email from the request: " + record);
            assertTrue(request.contains(answer.path("total").asText()) || request.contains(
                    answer.path("total").decimalValue().setScale(2).toPlainString()), "total: " + record);
        }
        for (JsonNode record : generate(clean, TaskSpecs.ANALYTICS_TOOLS, 6, "complexity: simple\nturns: 1", 0.9)) {
            List<ChatTurn> turns = ExampleFormat.OPENAI.turns(record);
            String lastResult = turns.stream().filter(t -> ChatTurn.TOOL.equals(t.role())).reduce((a, b) -> b)
                    .orElseThrow().content();
            Matcher figure = Pattern.compile("\\d[\\d.]*").matcher(lastResult);
            assertTrue(figure.find(), lastResult);
            assertTrue(turns.get(turns.size() - 1).content().contains(figure.group()),
                    "the answer quotes the query's result: " + record);
        }
    }

    @Test
    void aPersonaShowsInTheUsersVoiceNotAsAPastedSentence() {
        String persona = "a night-shift nurse who orders supplies for a hospital ward";
        int named = 0;
        int records = 0;
        for (TaskSpecs.Spec spec : List.of(TaskSpecs.SUPPORT_CHAT, TaskSpecs.SQL, TaskSpecs.MATH)) {
            for (JsonNode record : generate(clean, spec, 6, "complexity: simple\nturns: 1\npersona: " + persona,
                    0.9)) {
                String user = TaskSpecs.userText(record);
                records++;
                named += user.contains("night-shift nurse") ? 1 : 0;
                assertFalse(user.contains("who orders supplies"), "the persona is a voice, not a pasted sentence: "
                        + user);
            }
        }
        assertTrue(named * 2 >= records, named + " of " + records + " requests say who the user is");
    }

    @Test
    void aPersonaWhoWritesInLowerCaseDoes() {
        String persona = "a teenager who writes casually, in lowercase";
        for (JsonNode record : generate(clean, TaskSpecs.SQL, 4, "complexity: simple\nturns: 1\npersona: " + persona,
                0.9)) {
            String user = TaskSpecs.userText(record).replaceAll("'[^']*'|\"[^\"]*\"", "");
            assertEquals(user.toLowerCase(java.util.Locale.ROOT), user, record.toString());
        }
    }

    @Test
    void axisValuesAreSaidInTheUsersWordsNeverAsAStockSentence() {
        for (TaskSpecs.Spec spec : List.of(TaskSpecs.SUPPORT_CHAT, TaskSpecs.SQL, TaskSpecs.MATH)) {
            for (JsonNode record : generate(clean, spec, 8, "axis.subject: warranty claims\ncomplexity: simple\n"
                    + "turns: 1", 0.9)) {
                String user = TaskSpecs.userText(record);
                assertFalse(user.contains("For context, the"), user);
                assertTrue(ExampleWriter.mentions(user, "warranty claims"), user);
            }
        }
    }

    @Test
    void requestsOfOneCellDifferInMoreThanTheirNames() {
        // one cell, one persona, 40 examples: few pairs of requests may share most of their words
        for (TaskSpecs.Spec spec : List.of(TaskSpecs.SUPPORT_CHAT, TaskSpecs.SQL, TaskSpecs.MATH)) {
            List<java.util.Set<String>> words = new ArrayList<>();
            for (JsonNode record : generate(clean, spec, 8, "axis.subject: billing\ncomplexity: simple\nturns: 1\n"
                    + "persona: a retired teacher who double-checks every detail", 0.8)) {
                words.add(new java.util.HashSet<>(List.of(Labels.normalise(TaskSpecs.userText(record)).split(" "))));
            }
            int pairs = 0;
            int close = 0;
            for (int i = 0; i < words.size(); i++) {
                for (int j = i + 1; j < words.size(); j++) {
                    java.util.Set<String> common = new java.util.HashSet<>(words.get(i));
                    common.retainAll(words.get(j));
                    int union = words.get(i).size() + words.get(j).size() - common.size();
                    pairs++;
                    close += (double) common.size() / union >= 0.6 ? 1 : 0;
                }
            }
            assertTrue(close * 20 <= pairs, spec.name() + ": " + close + " of " + pairs
                    + " pairs of requests share 60% of their words or more");
        }
    }

    @Test
    void aSwappedNounIsSwappedInTheAnswerToo() {
        Example problem = new Example(List.of(new Turn(Turn.USER,
                "A baker makes 36 muffins and 12 cookies. How many cookies and muffins are there?"),
                new Turn(Turn.ASSISTANT, "36 muffins + 12 cookies = 48 baked goods.\n#### 48")));
        int swapped = 0;
        for (int seed = 0; seed < 20; seed++) {
            Example out = NounSwapper.swap(problem, java.util.Set.of("muffin"), 1.0, new java.util.SplittableRandom(seed));
            String request = out.messages().get(0).content();
            String answer = out.messages().get(1).content();
            assertTrue(request.contains("36 muffins") && answer.contains("36 muffins"), "kept words stay: " + out);
            java.util.regex.Matcher noun = java.util.regex.Pattern.compile("12 (\\p{L}+)").matcher(request);
            assertTrue(noun.find(), request);
            assertTrue(answer.contains("12 " + noun.group(1)), "the answer names what the request names: " + out);
            swapped += noun.group(1).equals("cookies") ? 0 : 1;
        }
        assertTrue(swapped >= 15, swapped + " of 20 swapped");
    }

    /** "Hydrogen and helium are the first and second elements in the periodic clock": a reply's own noun swapped. */
    @Test
    void aNounOnlyTheReplySaysIsTheRepliesOwnAndStays() {
        Example compare = new Example(List.of(new Turn(Turn.USER, "Compare the properties of hydrogen and helium."),
                new Turn(Turn.ASSISTANT, "Hydrogen and helium are the first two elements in the periodic table.")));
        for (int seed = 0; seed < 20; seed++) {
            Example out = NounSwapper.swap(compare, java.util.Set.of(), 1.0, new java.util.SplittableRandom(seed));
            assertEquals(compare, out);
        }
    }

    @Test
    void noRequestIsAskedTwiceInOneConversation() {
        // seeds carrying their system prompt, as a ShareGPT job's do
        TaskSpecs.Spec chat = TaskSpecs.SUPPORT_CHAT;
        TaskSpecs.Spec withSystem = new TaskSpecs.Spec(chat.name(), chat.task(), "You are Brightline's support.",
                chat.format(), chat.tools(), chat.seeds().stream().map(seed -> seed.strip().replaceFirst("^\\{",
                        "{\"system\":\"You are Brightline's support.\",")).toList());
        for (JsonNode record : generate(clean, withSystem, 12, "complexity: simple\nturns: 3", 0.9)) {
            List<String> requests = TaskSpecs.SUPPORT_CHAT.format().turns(record).stream()
                    .filter(t -> ChatTurn.USER.equals(t.role())).map(ChatTurn::content).toList();
            for (int i = 0; i < requests.size(); i++) {
                for (String sentence : requests.get(i).split("(?<=[.!?])\\s+")) {
                    if (sentence.split("\\s+").length < 9) {
                        continue;
                    }
                    for (int j = i + 1; j < requests.size(); j++) {
                        assertFalse(requests.get(j).contains(sentence), "asked twice: " + sentence + " in " + record);
                    }
                }
            }
        }
    }

    @Test
    void alreadyHaveDigestsAreAvoided() {
        TaskSpecs.Spec spec = TaskSpecs.SQL;
        List<String> digests = new ArrayList<>();
        for (JsonNode record : generate(clean, spec, 6, "complexity: simple\nturns: 1", 0.3)) {
            digests.add(digest(record));
        }
        int clashes = 0;
        int calls = 6;
        for (int call = 0; call < calls; call++) {
            for (JsonNode record : TaskSpecs.records(clean.answer(TaskSpecs.input(spec, call,
                    "complexity: simple\nturns: 1", digests, 5, 0.3)))) {
                Set<String> mine = new HashSet<>(List.of(digest(record).split(" ")));
                for (String digest : digests) {
                    Set<String> theirs = new HashSet<>(List.of(digest.split(" ")));
                    Set<String> common = new HashSet<>(mine);
                    common.retainAll(theirs);
                    if ((double) common.size() / (mine.size() + theirs.size() - common.size()) >= 0.6) {
                        clashes++;
                        break;
                    }
                }
            }
        }
        assertTrue(clashes <= 1, "examples like those already had: " + clashes);
    }

    private static String digest(JsonNode record) {
        String[] words = Labels.normalise(TaskSpecs.userText(record)).split(" ");
        return String.join(" ", List.of(words).subList(0, Math.min(15, words.length)));
    }

    @Test
    void higherTemperatureVariesTheRequestsMore() {
        Map<Double, Integer> unchangedOpenings = new HashMap<>();
        Set<String> seedOpenings = new HashSet<>();
        TaskSpecs.seedUserTexts(TaskSpecs.SQL).forEach(t -> seedOpenings.add(opening(t)));
        for (double temperature : List.of(0.0, 1.3)) {
            int unchanged = 0;
            for (JsonNode record : generate(clean, TaskSpecs.SQL, 20, "complexity: simple\nturns: 1", temperature)) {
                if (seedOpenings.contains(opening(TaskSpecs.userText(record)))) {
                    unchanged++;
                }
            }
            unchangedOpenings.put(temperature, unchanged);
        }
        assertTrue(unchangedOpenings.get(0.0) > unchangedOpenings.get(1.3) + 15, unchangedOpenings.toString());
    }

    private static String opening(String text) {
        String[] words = Labels.normalise(text).split(" ");
        return String.join(" ", List.of(words).subList(0, Math.min(4, words.length)));
    }

    private static JsonNode json(String text) {
        try {
            return TaskSpecs.MAPPER.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }
}
