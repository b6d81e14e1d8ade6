package dev.seedforge.simulator.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes one new example for a cell the way a teacher model would from few-shot seeds: it takes a seed that fits the
 * cell (its label, its axis values, its complexity), may merge in a part of another seed with the same answer, builds
 * the conversation to the asked number of user turns (each later request refers back to the earlier ones), gives it
 * new values throughout ({@link ValueSwapper}), writes the user's requests in a voice ({@link RequestStyler}: persona,
 * tone, openers), adds a tool call when tools are wanted, and makes sure the answer carries the cell's label and the
 * cell's other axis values show. It avoids examples whose digest is one the prompt says it already has.
 */
public final class ExampleWriter {

    private static final Pattern SENTENCE = Pattern.compile("[^.!?\\n]+[.!?]*\\s*");
    private static final Pattern QUOTED = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?:'([^'\\n]{2,60})'|\"([^\"\\n]{2,60})\")(?![\\p{L}\\p{N}])");
    /** A capitalised name after lower-case text, whole: "Wi-Fi", not its "Wi". */
    private static final Pattern NAME = Pattern.compile(
            "(?<=[a-z,;] )\\p{Lu}\\p{Ll}+(?:-\\p{Lu}\\p{Ll}+)*(?: \\p{Lu}\\p{Ll}+(?:-\\p{Lu}\\p{Ll}+)*)?(?![\\p{L}\\p{N}-])");
    private static final Pattern COUNTED = Pattern.compile(
            "\\b\\d[\\d,]*(?:\\.\\d+)? +\\p{L}{3,}|\\b(?!(?i:than|over|under|about|around|least|most|from|with)\\b)"
                    + "\\p{L}{3,} #?\\p{Lu}*-?\\d{2,}\\b");
    private static final Set<String> STOP = Set.of("the", "a", "an", "my", "our", "your", "this", "that", "to", "for",
            "of", "on", "with", "about", "in", "at", "and", "is", "are", "was", "be", "it", "i", "me", "you", "can",
            "could", "would", "please", "hi", "hello", "so", "do", "does", "what", "how");
    private static final List<String> FOLLOW_UPS = List.of("Thanks. Going back to %s: ", "Okay, and about %s — ",
            "Got it. Since we're on %s, ", "One more thing related to %s: ", "Before I forget, still on %s: ",
            "That helps with %s. Next, ", "Following up on %s: ", "Right, so with %s sorted, ");
    private static final List<String> REPLY_LEADS = List.of("Sure — with %s in mind: ", "Of course. Building on %s: ",
            "Happy to. Picking up from %s: ", "Good question after %s. ");
    /** Words of the follow-up leads: a reference to what was said never quotes a lead. */
    private static final Set<String> LEAD_WORDS = Set.of("thanks", "going", "back", "okay", "got", "since",
            "we're", "one", "more", "thing", "related", "before", "forget", "still", "helps", "next", "following",
            "right", "sorted", "part", "sure", "course", "building", "picking", "happy", "question");
    private static final int ATTEMPTS = 6;
    private static final double DIGEST_OVERLAP = 0.6;

    private final ToolConversations toolConversations;

    public ExampleWriter(ToolConversations toolConversations) {
        this.toolConversations = toolConversations;
    }

    /** A new example for the prompt's cell; {@code invalid} gives it one defect the validator must catch. */
    public Example write(GenerationPrompt prompt, List<Example> pool, boolean invalid, SplittableRandom random) {
        return write(prompt, pool, invalid, prompt.cell().tools(), random);
    }

    /** As above; {@code callsTool}: this example calls a tool (the cell's {@code tools: K of N} says which do). */
    public Example write(GenerationPrompt prompt, List<Example> pool, boolean invalid, boolean callsTool,
            SplittableRandom random) {
        Set<Example> tried = new HashSet<>();
        Example best = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<Example> fresh = pool.stream().filter(e -> !tried.contains(e)).toList();
            Example seed = ExampleGenerator.pick(fresh.isEmpty() ? pool : fresh, prompt.cell(), random);
            tried.add(seed);
            Example written = writeFrom(seed, pool, prompt, invalid, callsTool, attempt, random);
            best = written;
            if (!alreadyHas(prompt.alreadyHaveWords(), written)) {
                return written;
            }
        }
        return best;
    }

    private Example writeFrom(Example seed, List<Example> pool, GenerationPrompt prompt, boolean invalid,
            boolean wantsTool, int attempt, SplittableRandom random) {
        CellDirectives cell = prompt.cell();
        double variation = attempt == 0 ? variation(prompt.temperature()) : 2.5;
        ValueLibrary values = new ValueLibrary(random);
        Example example = withoutSystem(seed);
        if (random.nextDouble() < 0.6 * variation) {
            example = splice(example, pool, random);
        }
        int wantedTurns = cell.turns() > 0 ? cell.turns() : 1;
        example = conversation(example.withTools(seed.tools()), pool, wantedTurns, random);
        List<ToolConversations.Tool> declared = example.tools();
        String before = userText(example);
        example = new ValueSwapper(prompt.vocabulary(), prompt.fixedToolValues()).swap(example, values, random);
        example = NounSwapper.swap(example, prompt.nounWords(), Math.min(1.0, 0.6 * variation), random);
        example = labelledData(example, values, variation, random);
        boolean unchanged = similar(userText(example), before);
        double forced = 2.5 * Math.min(1.0, prompt.temperature() == null ? 0.9 : prompt.temperature());
        example = freshCallIds(example, random);
        String request = example.messages().isEmpty() ? ""
                : example.messages().get(firstUser(example.messages()))
                        .content();
        example = voiced(example, prompt, unchanged ? Math.max(variation, forced) : variation, values, random);
        if ("complex".equals(cell.complexity()) && random.nextBoolean()) {
            example = Evolver.evolve(example, "add_constraints", random);
        }
        example = labelled(example, prompt, pool);
        if (prompt.toolsPerExample()) {
            return withOwnTools(example, declared, request, prompt, wantsTool, invalid, random);
        }
        boolean callsTool = hasToolCalls(example);
        if (wantsTool && !prompt.tools().isEmpty() && !callsTool) {
            example = toolConversations.withToolCall(example, prompt.tools(), invalid, random);
            return example;
        }
        if (invalid) {
            return callsTool && !prompt.tools().isEmpty() ? brokenArguments(example, prompt.tools(), random)
                    : StructuralDefects.apply(example, random);
        }
        return example;
    }

    /**
     * With {@code tool_lists: per example}: the example calls one of the tools it declares when it is to (one made up
     * from its {@code request}, as it was before it was voiced, when none fits it) and declares them, varied
     * ({@link OwnTools}).
     */
    private Example withOwnTools(Example example, List<ToolConversations.Tool> declared, String request,
            GenerationPrompt prompt, boolean wantsTool, boolean invalid, SplittableRandom random) {
        List<ToolConversations.Tool> tools = new ArrayList<>(declared);
        boolean callsTool = hasToolCalls(example);
        List<ToolConversations.Tool> fitting = wantsTool && !callsTool ? ToolConversations.fitting(example, request, tools)
                : List.of();
        Example written = example;
        if (!fitting.isEmpty()) {
            written = toolConversations.withToolCall(example, fitting, invalid, random);
        } else if (wantsTool && !callsTool) {
            OwnTools.Invention invention = OwnTools.invent(example, request, random);
            ToolConversations.Tool same = tools.stream().filter(t -> t.name().equals(invention.tool().name()))
                    .findFirst().orElse(null);
            if (same == null) {
                tools.add(invention.tool());
                written = toolConversations.withToolCall(example, invention.tool(), invention.said(), invalid, random);
            } else {
                written = toolConversations.withToolCall(example, List.of(same), invalid, random);
            }
        } else if (invalid) {
            written = callsTool && !tools.isEmpty() ? brokenArguments(example, tools, random)
                    : StructuralDefects.apply(example, random);
        }
        return written.withTools(OwnTools.offered(tools, prompt.seedTools(), random));
    }

    /** Every word the task, the system prompt and the tools use: the task's own, never swapped for another. */
    static Set<String> taskWords(GenerationPrompt prompt) {
        List<String> texts = new ArrayList<>(List.of(String.valueOf(prompt.task()),
                String.valueOf(prompt.systemPrompt())));
        for (ToolConversations.Tool tool : prompt.toolsShown()) {
            texts.add(tool.name() + " " + tool.description() + " " + tool.parameters());
        }
        return NounSwapper.words(texts.toArray(String[]::new));
    }

    /** Temperature 0 writes close to the seeds, 1 with the usual variety, above 1 with more. */
    static double variation(Double temperature) {
        double t = temperature == null ? 0.9 : temperature;
        return Math.max(0.2, Math.min(1.6, 0.25 + t));
    }

    private static Example withoutSystem(Example seed) {
        return new Example(seed.messages().stream().filter(t -> !Turn.SYSTEM.equals(t.role())).toList());
    }

    /**
     * Two seeds with the same short answer (a label) ask for the same thing: a sentence of the other's request (or of
     * its data after a blank line) is merged into this one's, so the new request is neither seed.
     */
    static Example splice(Example example, List<Example> pool, SplittableRandom random) {
        String label = Labels.normalise(Labels.finalReply(example));
        if (label.isEmpty() || !isLabel(Labels.finalReply(example), requestData(example))) {
            return example;
        }
        List<Example> same = pool.stream().filter(s -> !s.equals(example)
                && Labels.normalise(Labels.finalReply(s)).equals(label) && userTurns(s.messages()) == 1).toList();
        if (same.isEmpty() || userTurns(example.messages()) != 1) {
            return example;
        }
        Example other = same.get(random.nextInt(same.size()));
        List<Turn> turns = new ArrayList<>(example.messages());
        int at = firstUser(turns);
        String mine = turns.get(at).content();
        String theirs = other.messages().get(firstUser(other.messages())).content();
        int blankMine = mine.indexOf("\n\n");
        int blankTheirs = theirs.indexOf("\n\n");
        String head = blankMine < 0 ? "" : mine.substring(0, blankMine + 2);
        String data = blankMine < 0 ? mine : mine.substring(blankMine + 2);
        String otherData = blankTheirs < 0 ? theirs : theirs.substring(blankTheirs + 2);
        List<String> sentences = sentences(data);
        List<String> others = sentences(otherData);
        if (others.isEmpty()) {
            return example;
        }
        String borrowed = others.get(random.nextInt(others.size())).strip();
        int position = random.nextInt(sentences.size() + 1);
        List<String> merged = new ArrayList<>(sentences.stream().map(String::strip).toList());
        merged.add(position, endSentence(borrowed));
        if (position > 0) {
            merged.set(position - 1, endSentence(merged.get(position - 1)));
        }
        turns.set(at, turns.get(at).withContent(head + String.join(" ", merged).strip()));
        return new Example(turns);
    }

    /**
     * For a labelled example (a short answer to one request), the data it labels re-told: its sentences in another
     * order and an aside that changes nothing the label depends on, so two examples of a label differ in more than
     * one sentence. Only prose is touched (sentences of five words or more).
     */
    static Example labelledData(Example example, ValueLibrary values, double variation, SplittableRandom random) {
        if (userTurns(example.messages()) != 1 || !isLabel(Labels.finalReply(example), requestData(example))) {
            return example;
        }
        List<Turn> turns = new ArrayList<>(example.messages());
        int at = firstUser(turns);
        String content = turns.get(at).content();
        int blank = content.indexOf("\n\n");
        String head = blank < 0 ? "" : content.substring(0, blank + 2);
        List<String> sentences = new ArrayList<>(sentences(blank < 0 ? content : content.substring(blank + 2))
                .stream().map(String::strip).map(ExampleWriter::endSentence).toList());
        if (sentences.isEmpty() || sentences.stream().anyMatch(x -> x.split("\\s+").length < 3)
                || sentences.stream().mapToInt(x -> x.split("\\s+").length).max().orElse(0) < 5) {
            return example;
        }
        if (sentences.size() > 1 && random.nextDouble() < 0.5 * variation) {
            java.util.Collections.swap(sentences, 0, 1 + random.nextInt(sentences.size() - 1));
        }
        if (random.nextDouble() < 0.8 * variation) {
            sentences.add(random.nextInt(sentences.size() + 1), random.nextBoolean() ? values.asideSentence()
                    : Situations.sentence(values, List.of(), random));
        }
        turns.set(at, turns.get(at).withContent(head + String.join(" ", sentences)));
        return new Example(turns);
    }

    /**
     * Whether a short final reply labels its request's data ("positive") rather than rewrites it ("3 ft = 36 in." of
     * "3 ft = _____ in.", "... all humankind." of "... all mankind."): most of a rewrite's words are the data's, and a
     * sentence added to the data, or borrowed from another seed's, would leave the rewrite wrong.
     */
    static boolean isLabel(String reply, String data) {
        if (Labels.words(reply) > 6) {
            return false;
        }
        List<String> words = List.of(NOT_A_WORD.split(reply.toLowerCase(Locale.ROOT))).stream()
                .filter(word -> !word.isEmpty()).toList();
        Set<String> given = new HashSet<>(List.of(NOT_A_WORD.split(data.toLowerCase(Locale.ROOT))));
        return words.stream().filter(given::contains).count() * 2 < words.size() || words.isEmpty();
    }

    /** The single request's data: what follows its blank line (an Alpaca {@code input}), else the whole request. */
    private static String requestData(Example example) {
        String request = example.messages().isEmpty() ? null
                : example.messages().get(firstUser(example.messages())).content();
        if (request == null) {
            return "";
        }
        int blank = request.indexOf("\n\n");
        return blank < 0 ? request : request.substring(blank + 2);
    }

    private static String endSentence(String sentence) {
        return sentence.matches("(?s).*[.!?]$") ? sentence : sentence + ".";
    }

    private static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        Matcher m = SENTENCE.matcher(text);
        while (m.find()) {
            if (!m.group().isBlank()) {
                sentences.add(m.group());
            }
        }
        return sentences;
    }

    /**
     * The conversation cut or continued to exactly {@code wanted} user turns. A continuation takes the first exchange
     * of another seed and opens its request with a reference to something said before (a quoted title, a name, a
     * counted quantity, a phrase of the earlier request); no reply is repeated.
     */
    static Example conversation(Example example, List<Example> pool, int wanted, SplittableRandom random) {
        List<Turn> turns = new ArrayList<>(example.messages());
        int users = 0;
        for (int i = 0; i < turns.size(); i++) {
            if (turns.get(i).isUser() && ++users > wanted) {
                return new Example(new ArrayList<>(turns.subList(0, i)), example.tools());
            }
        }
        List<ToolConversations.Tool> declared = new ArrayList<>(example.tools());
        Set<String> replies = new HashSet<>();
        turns.stream().filter(t -> t.isAssistant() && !t.hasToolCalls())
                .forEach(t -> replies.add(Labels.normalise(t.content())));
        // seeds compared without their system prompt: the conversation is one, and its own seed is never continued
        // with itself (a ShareGPT seed with a system prompt once was: the same request asked twice)
        Set<String> asked = new HashSet<>();
        turns.stream().filter(Turn::isUser).forEach(t -> asked.add(Labels.normalise(t.content())));
        List<Example> used = new ArrayList<>(List.of(withoutSystem(example)));
        while (userTurns(turns) < wanted) {
            // an exchange whose calls the example's own tools define otherwise cannot join it
            List<Example> joinable = pool.stream()
                    .filter(e -> OwnTools.joinable(declared, firstExchange(e), e.tools())).toList();
            if (joinable.isEmpty()) {
                break;
            }
            List<Example> fresh = joinable.stream().filter(e -> !used.contains(withoutSystem(e))
                    && firstExchange(e).stream().filter(Turn::isUser)
                            .noneMatch(t -> asked.contains(Labels.normalise(t.content()))))
                    .toList();
            List<Example> from = fresh.isEmpty() ? joinable : fresh;
            Example next = from.get(random.nextInt(from.size()));
            List<ToolConversations.Tool> joined = OwnTools.joined(declared, firstExchange(next), next.tools());
            declared.clear();
            declared.addAll(joined);
            used.add(withoutSystem(next));
            firstExchange(next).stream().filter(Turn::isUser).forEach(t -> asked.add(Labels.normalise(t.content())));
            List<Turn> exchange = firstExchange(next);
            String reference = referent(turns, random);
            boolean repeated = exchange.stream().anyMatch(t -> t.isAssistant() && !t.hasToolCalls()
                    && replies.contains(Labels.normalise(t.content())));
            for (Turn turn : exchange) {
                LocalPhrases local = LocalPhrases.forText(turn.content());
                // a later request of the conversation does not greet again
                String asking = Greetings.without(turn.content());
                if (turn.isUser() && local != null) {
                    turns.add(turn.withContent(local.followUp(random) + asking));
                } else if (turn.isUser()) {
                    String lead = FOLLOW_UPS.get(random.nextInt(FOLLOW_UPS.size())).formatted(reference);
                    turns.add(turn.withContent(lead + lowerFirst(asking)));
                } else if (turn.isAssistant() && !turn.hasToolCalls()) {
                    String reply = turn.content();
                    if (repeated || freeForm(reply) && random.nextBoolean()) {
                        // a reply in another language is led in it, never by English words around the earlier request
                        List<String> leads = local != null ? local.replyLeads()
                                : REPLY_LEADS.stream().map(lead -> lead.formatted(reference)).toList();
                        String led = ledByOneNotGivenYet(leads, reply, replies, random);
                        if (local == null && replies.contains(Labels.normalise(led))) {
                            led = "For your question number " + userTurns(turns) + ", on " + reference + ": " + reply;
                        }
                        reply = led;
                    }
                    replies.add(Labels.normalise(reply));
                    turns.add(turn.withContent(reply));
                } else {
                    turns.add(turn);
                }
            }
        }
        return new Example(turns, declared);
    }

    /** The reply after a lead drawn at random, or after the next one that makes it a reply not given yet. */
    private static String ledByOneNotGivenYet(List<String> leads, String reply, Set<String> replies,
            SplittableRandom random) {
        int lead = random.nextInt(leads.size());
        String led = leads.get(lead) + reply;
        for (int k = 1; k < leads.size() && replies.contains(Labels.normalise(led)); k++) {
            led = leads.get((lead + k) % leads.size()) + reply;
        }
        return led;
    }

    private static boolean freeForm(String reply) {
        return reply.length() > 80 || reply.contains("\n");
    }

    private static List<Turn> firstExchange(Example example) {
        List<Turn> out = new ArrayList<>();
        boolean seenUser = false;
        for (Turn turn : example.messages()) {
            if (Turn.SYSTEM.equals(turn.role())) {
                continue;
            }
            if (turn.isUser() && seenUser) {
                break;
            }
            seenUser |= turn.isUser();
            if (seenUser) {
                out.add(turn);
            }
        }
        return out;
    }

    /** Something said earlier in the conversation that a follow-up can name. */
    static String referent(List<Turn> turns, SplittableRandom random) {
        List<String> candidates = new ArrayList<>();
        for (int i = turns.size() - 1; i >= 0 && candidates.isEmpty(); i--) {
            String text = turns.get(i).content();
            Matcher quoted = QUOTED.matcher(ValueSwapper.outsideKeptSpans(text));
            while (quoted.find()) {
                candidates.add("'" + (quoted.group(1) != null ? quoted.group(1) : quoted.group(2)) + "'");
            }
            if (turns.get(i).isUser()) {
                Matcher counted = COUNTED.matcher(text);
                while (counted.find()) {
                    candidates.add("the " + counted.group());
                }
                Matcher name = NAME.matcher(text);
                while (name.find()) {
                    candidates.add(name.group());
                }
            }
        }
        if (!candidates.isEmpty()) {
            return candidates.get(random.nextInt(candidates.size()));
        }
        for (int i = turns.size() - 1; i >= 0; i--) {
            if (turns.get(i).isUser()) {
                String[] tokens = turns.get(i).content().replaceAll("[.,!?;:]+(?=\\s|$)", "").split("\\s+");
                List<String> phrases = new ArrayList<>();
                for (int start = 0; start + 3 <= tokens.length; start++) {
                    String phrase = tokens[start] + " " + tokens[start + 1] + " " + tokens[start + 2];
                    if (phrase.matches("[\\p{L}\\p{N}' ]+") && !STOP.contains(tokens[start].toLowerCase(Locale.ROOT))
                            && !LEAD_WORDS.contains(tokens[start].toLowerCase(Locale.ROOT))
                            && !LEAD_WORDS.contains(tokens[start + 1].toLowerCase(Locale.ROOT))
                            && !STOP.contains(tokens[start + 2].toLowerCase(Locale.ROOT))) {
                        phrases.add(phrase);
                    }
                }
                if (!phrases.isEmpty()) {
                    return "the " + phrases.get(random.nextInt(phrases.size())).toLowerCase(Locale.ROOT) + " part";
                }
            }
        }
        return "what we just discussed";
    }

    private static String lowerFirst(String text) {
        if (text.isEmpty() || text.length() > 1 && Character.isUpperCase(text.charAt(1))
                || text.startsWith("I ") || text.startsWith("I'")) {
            return text;
        }
        return Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    /** Persona, tones, style and the cell's other axis values written into the user turns. */
    private static Example voiced(Example example, GenerationPrompt prompt, double variation, ValueLibrary values,
            SplittableRandom random) {
        CellDirectives cell = prompt.cell();
        Map<String, String> tones = new LinkedHashMap<>();
        cell.axes().forEach((axis, value) -> {
            if (prompt.voiceAxis(axis)) {
                tones.put(axis, value);
            }
        });
        RequestStyler.Voice voice = new RequestStyler.Voice(cell.persona(), tones, cell.style(), variation,
                prompt.situationWords());
        List<Turn> turns = new ArrayList<>(example.messages());
        boolean first = true;
        for (int i = 0; i < turns.size(); i++) {
            Turn turn = turns.get(i);
            if (turn.isUser()) {
                RequestStyler.Voice forTurn = first || random.nextBoolean() ? voice
                        : new RequestStyler.Voice(null, Map.of(), cell.style(), variation / 2, voice.taskWords());
                turns.set(i, turn.withContent(RequestStyler.style(turn.content(), forTurn, first, values, random)));
                first = false;
            }
        }
        String context = missingAxisContext(new Example(turns), prompt, random);
        if (!context.isEmpty()) {
            int at = firstUser(turns);
            String content = turns.get(at).content();
            int blank = content.indexOf("\n\n");
            String head = blank < 0 ? content : content.substring(0, blank);
            String rest = blank < 0 ? "" : content.substring(blank);
            LocalPhrases local = LocalPhrases.forText(head);
            String said = head.strip();
            boolean contextLast = !random.nextBoolean() && !said.endsWith(":");
            if (contextLast && local == null && !said.isEmpty()
                    && Character.isLetterOrDigit(said.charAt(said.length() - 1))) {
                said = said + "."; // "Thanks in advance For me the document is ...": a request left without its stop
            }
            List<String> parts = contextLast ? List.of(said, context) : List.of(context, said);
            String updated = local != null ? local.joined(parts) : String.join(" ", parts);
            turns.set(at, turns.get(at).withContent(updated + rest));
        }
        return new Example(turns);
    }

    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** Ways a user says what their request is about, {@code %1$s} the value, {@code %2$s} the axis's name. */
    private static final List<String> AXIS_FRAMES = List.of("This is about %1$s.", "It's mostly %3$s thing.",
            "My question is really on the %1$s side.", "Think %1$s here.", "It concerns %1$s.",
            "Keep %1$s in mind for this one.", "(%2$s: %1$s.)", "For me the %2$s is %1$s.", "It's %3$s case.",
            "Consider it %3$s matter.", "%1$s is what I'm dealing with.", "The focus is %1$s.");

    /** For each content axis whose value the example does not mention yet, a sentence of the user's naming it. */
    private static String missingAxisContext(Example example, GenerationPrompt prompt, SplittableRandom random) {
        StringBuilder context = new StringBuilder();
        String requests = userText(example);
        String text = requests + "\n" + Labels.finalReply(example);
        // the requests' language, told once and only for an example that has an axis value to name
        LocalPhrases local = null;
        boolean languageTold = false;
        for (Map.Entry<String, String> entry : prompt.cell().axes().entrySet()) {
            String axis = entry.getKey();
            String value = entry.getValue();
            if ("style".equals(axis) || prompt.voiceAxis(axis) || axis.equals(prompt.labelAxis())
                    || mentions(text, value)) {
                continue;
            }
            if (!languageTold) {
                local = LocalPhrases.forText(requests);
                languageTold = true;
            }
            String said = local != null ? local.axis(axis.replace('_', ' '), value.replace('_', ' '))
                    : AXIS_FRAMES.get(random.nextInt(AXIS_FRAMES.size())).formatted(value.replace('_', ' '),
                            axis.replace('_', ' ').replace('-', ' '), ValueLibrary.article(value.replace('_', ' ')));
            context.append(context.isEmpty() ? "" : " ").append(Character.toUpperCase(said.charAt(0)))
                    .append(said.substring(1));
        }
        return context.toString();
    }

    /** Whether every word (3+ letters) of the value shows in the text, by its stem. */
    public static boolean mentions(String text, String value) {
        String lower = text.toLowerCase(Locale.ROOT);
        boolean any = false;
        for (String word : value.split("[^\\p{L}\\p{N}]+")) {
            if (word.length() >= 3) {
                any = true;
                if (!startsAWord(lower, ExampleGenerator.stem(word))) {
                    return false;
                }
            }
        }
        return any || lower.contains(value.toLowerCase(Locale.ROOT));
    }

    /** Whether {@code part} shows in the text where no letter comes right before it. */
    private static boolean startsAWord(String text, String part) {
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            if (at == 0 || !Character.isLetter(text.codePointBefore(at))) {
                return true;
            }
        }
        return false;
    }

    /** The cell's label as the final answer when the seeds are labelled and the answer does not carry it yet. */
    private static Example labelled(Example example, GenerationPrompt prompt, List<Example> pool) {
        String axis = prompt.labelAxis();
        if (axis == null) {
            return example;
        }
        String label = prompt.cell().axis(axis);
        if (Labels.answersWith(Labels.finalReply(example), label)) {
            return example;
        }
        List<Turn> turns = new ArrayList<>(example.messages());
        for (int i = turns.size() - 1; i >= 0; i--) {
            if (turns.get(i).isAssistant() && !turns.get(i).hasToolCalls()) {
                turns.set(i, turns.get(i).withContent(Labels.casedLikeSeeds(label, pool)));
                break;
            }
        }
        return new Example(turns);
    }

    /** New ids for the tool calls of a seed, the same in the call and in the answer that names it. */
    private static Example freshCallIds(Example example, SplittableRandom random) {
        Map<String, String> ids = new HashMap<>();
        List<Turn> turns = new ArrayList<>();
        for (Turn turn : example.messages()) {
            List<Turn.ToolCall> calls = new ArrayList<>();
            for (Turn.ToolCall call : turn.toolCalls()) {
                String id = ids.computeIfAbsent(String.valueOf(call.id()), old -> ToolConversations.callId(random));
                calls.add(new Turn.ToolCall(id, call.name(), call.arguments()));
            }
            String answered = turn.toolCallId() == null ? null
                    : ids.computeIfAbsent(turn.toolCallId(), old -> ToolConversations.callId(random));
            turns.add(new Turn(turn.role(), turn.content(), calls, answered, turn.name()));
        }
        return new Example(turns);
    }

    private static Example brokenArguments(Example example, List<ToolConversations.Tool> tools,
            SplittableRandom random) {
        List<Turn> turns = new ArrayList<>(example.messages());
        for (int i = 0; i < turns.size(); i++) {
            Turn turn = turns.get(i);
            if (turn.hasToolCalls()) {
                Turn.ToolCall call = turn.toolCalls().get(0);
                ToolConversations.Tool tool = tools.stream().filter(t -> t.name().equals(call.name())).findFirst()
                        .orElse(null);
                com.fasterxml.jackson.databind.node.ObjectNode arguments = ToolConversations.objectOrEmpty(
                        call.arguments());
                if (tool == null) {
                    return StructuralDefects.apply(example, random);
                }
                ToolConversations.breakArguments(tool, arguments, random);
                List<Turn.ToolCall> calls = new ArrayList<>(turn.toolCalls());
                calls.set(0, new Turn.ToolCall(call.id(), call.name(), arguments.toString()));
                turns.set(i, new Turn(turn.role(), turn.content(), calls, turn.toolCallId(), turn.name()));
                return new Example(turns);
            }
        }
        return StructuralDefects.apply(example, random);
    }

    /** The first ~15 words of the first user request, as the generator digests accepted examples. */
    public static String digest(Example example) {
        for (Turn turn : example.messages()) {
            if (turn.isUser()) {
                String[] words = Labels.normalise(turn.content()).split(" ");
                return String.join(" ", List.of(words).subList(0, Math.min(15, words.length)));
            }
        }
        return "";
    }

    static boolean alreadyHas(List<Set<String>> digests, Example example) {
        if (digests.isEmpty()) {
            return false;
        }
        Set<String> mine = new HashSet<>(List.of(digest(example).split(" ")));
        for (Set<String> theirs : digests) {
            Set<String> union = new HashSet<>(theirs);
            union.addAll(mine);
            Set<String> common = new HashSet<>(theirs);
            common.retainAll(mine);
            if (!union.isEmpty() && (double) common.size() / union.size() >= DIGEST_OVERLAP) {
                return true;
            }
        }
        return false;
    }

    /**
     * A text's distinct words as {@link Labels#normalise} leaves them: what {@link #alreadyHas} and {@link #similar}
     * compare.
     */
    static Set<String> wordSet(String text) {
        return Set.copyOf(List.of(Labels.normalise(text).split(" ")));
    }

    /** Whether two texts share most of their words: new values alone did not make the request new. */
    static boolean similar(String a, String b) {
        Set<String> x = wordSet(a);
        Set<String> y = wordSet(b);
        Set<String> common = new HashSet<>(x);
        common.retainAll(y);
        int union = x.size() + y.size() - common.size();
        return union == 0 || (double) common.size() / union >= 0.6;
    }

    private static String userText(Example example) {
        StringBuilder text = new StringBuilder();
        example.messages().stream().filter(Turn::isUser).forEach(t -> text.append(t.content()).append('\n'));
        return text.toString();
    }

    private static int firstUser(List<Turn> turns) {
        for (int i = 0; i < turns.size(); i++) {
            if (turns.get(i).isUser()) {
                return i;
            }
        }
        return 0;
    }

    static int userTurns(List<Turn> turns) {
        return (int) turns.stream().filter(Turn::isUser).count();
    }

    static boolean hasToolCalls(Example example) {
        return example.messages().stream().anyMatch(Turn::hasToolCalls);
    }
}
