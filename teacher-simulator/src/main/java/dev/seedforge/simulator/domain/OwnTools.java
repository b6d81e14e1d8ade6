package dev.seedforge.simulator.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.simulator.domain.ToolConversations.Tool;

/**
 * The tools an example declares in its own {@code tools} field ({@code tool_lists: per example}, Glaive's and xLAM's
 * way): the tools of the seed it imitates, with those of any seed whose calls it took over, now and then one more
 * tool of another seed that it does not call (Glaive's examples often offer one that does not fit), in varied order;
 * and, for an example that must call a tool none of those fits, a tool made up from its request. The seeds' tools are
 * recombined, never new APIs of other domains invented.
 */
final class OwnTools {

    /** Most tools a list is given (the prompt asks for one to four); a seed's own longer list is kept whole. */
    static final int MAX = 4;
    private static final double EXTRA_OFFER = 0.5;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    /** A word a tool's name can hold: lower-case Latin letters, four or more. */
    private static final Pattern NAME_WORD = Pattern.compile("[a-z]{4,30}");
    private static final Pattern CLAUSE_END = Pattern.compile("[.,;:!?\\n()\"]");
    private static final Set<String> DETERMINERS = Set.of("a", "an", "the", "my", "our", "some", "any", "this",
            "that", "his", "her", "their", "your");
    /** Words after which a word is a verb ("please book a flight"), not the thing asked about. */
    private static final Set<String> BEFORE_A_VERB = Set.of("to", "please", "you", "i", "we", "can", "could",
            "would", "will", "should", "must", "let", "me", "us");
    private static final Set<String> PRONOUNS = Set.of("me", "us", "you", "him", "her", "them", "it");
    private static final Set<String> LINKS = Set.of("about", "for", "with", "on", "of", "in", "from", "to", "near",
            "between", "by");
    /** Words a phrase does not end on. */
    private static final Set<String> DANGLING = Set.of("a", "an", "the", "my", "our", "and", "or", "about", "for",
            "with", "on", "of", "in", "from", "to", "near", "between", "by");
    private static final Set<String> NOT_A_NOUN = Set.of("about", "after", "again", "also", "been", "before",
            "being", "could", "does", "doing", "done", "each", "from", "have", "having", "hello", "help", "here",
            "just", "know", "like", "make", "many", "more", "most", "much", "need", "only", "other", "over", "please",
            "really", "same", "should", "some", "such", "sure", "tell", "than", "thank", "thanks", "that", "their",
            "them", "then", "there", "these", "they", "thing", "things", "think", "this", "those", "very", "want",
            "what", "when", "where", "which", "while", "will", "with", "would", "your", "yours", "give", "find",
            "show", "into", "okay", "right", "well", "course", "happy", "able", "cannot", "something", "anything",
            "everything", "someone", "today", "tomorrow", "yesterday", "still", "even", "because", "though",
            "through", "looking", "wondering", "trying", "going", "provide", "calculate", "check", "search", "look",
            "great", "good", "nice", "assist", "certainly", "information", "write", "create", "explain");

    private OwnTools() {
    }

    /** A tool made up for a request, and the values of its arguments taken from the request. */
    record Invention(Tool tool, ObjectNode said) {
    }

    /**
     * Whether an exchange of another seed can continue a conversation declaring {@code declared}: no tool it calls is
     * declared there under another definition (Glaive's seeds define {@code calculate_bmi} and the like in several
     * ways, and the calls of one do not fit the other).
     */
    static boolean joinable(List<Tool> declared, List<Turn> exchange, List<Tool> theirs) {
        for (String name : called(exchange)) {
            Tool mine = named(declared, name);
            Tool other = named(theirs, name);
            if (mine != null && other != null && !mine.equals(other)) {
                return false;
            }
        }
        return true;
    }

    /** {@code declared} and the tools of {@code theirs} that the exchange calls, each name once. */
    static List<Tool> joined(List<Tool> declared, List<Turn> exchange, List<Tool> theirs) {
        List<Tool> tools = new ArrayList<>(declared);
        for (String name : called(exchange)) {
            Tool other = named(theirs, name);
            if (other != null && named(tools, name) == null) {
                tools.add(other);
            }
        }
        return tools;
    }

    /**
     * The list an example declares: its own tools (each name once), one tool of {@code others} it does not call half
     * the time (always when it has none, so every example declares one where the seeds show any), shuffled.
     */
    static List<Tool> offered(List<Tool> declared, List<Tool> others, SplittableRandom random) {
        Map<String, Tool> byName = new LinkedHashMap<>();
        declared.forEach(tool -> byName.putIfAbsent(tool.name(), tool));
        List<Tool> offered = new ArrayList<>(byName.values());
        List<Tool> spare = others.stream().filter(tool -> !byName.containsKey(tool.name())).toList();
        if (!spare.isEmpty() && offered.size() < MAX && (offered.isEmpty() || random.nextDouble() < EXTRA_OFFER)) {
            offered.add(spare.get(random.nextInt(spare.size())));
        }
        for (int i = offered.size() - 1; i > 0; i--) {
            offered.set(i, offered.set(random.nextInt(i + 1), offered.get(i)));
        }
        return offered;
    }

    /**
     * A tool for a request, named after a noun of it that the example's reply takes up (else one after an article,
     * else its longest word): {@code search_<noun>} or {@code get_<noun>}, with a {@code query} the noun's phrase
     * fills, and a {@code date} when the request gives one. {@code request} is the request before the user's
     * circumstances were written around it: a noun of those ("the train to Josetteborough") is not what is asked.
     */
    static Invention invent(Example example, String request, SplittableRandom random) {
        String reply = "";
        boolean asked = false;
        for (Turn turn : example.messages()) {
            asked |= turn.isUser();
            if (asked && turn.isAssistant() && !turn.hasToolCalls()) {
                reply = turn.content();
                break;
            }
        }
        Noun noun = noun(request, reply);
        String word = noun == null ? "records" : noun.word();
        boolean search = random.nextBoolean();
        String name = (search ? "search_" : "get_") + word;
        String description = search ? "Search for " + word + " matching a query"
                : "Get the " + word + " details a query asks for";
        ObjectNode parameters = NODES.objectNode().put("type", "object");
        ObjectNode properties = parameters.putObject("properties");
        ArrayNode required = parameters.putArray("required");
        properties.putObject("query").put("type", "string").put("description", "What to look for, in the user's words");
        required.add("query");
        if (ToolConversations.hasIsoDate(request)) {
            properties.putObject("date").put("type", "string").put("description", "The day it concerns, YYYY-MM-DD");
            required.add("date");
        }
        ObjectNode said = NODES.objectNode().put("query", noun == null ? firstWords(request) : phrase(request, noun));
        return new Invention(new Tool(name, description, parameters), said);
    }

    /** The list as the {@code tools} field holds it: a JSON array of bare function definitions, as a string. */
    static String text(List<Tool> tools) {
        ArrayNode list = NODES.arrayNode();
        for (Tool tool : tools) {
            JsonNode parameters = tool.parameters() != null && tool.parameters().isObject() ? tool.parameters()
                    : NODES.objectNode().put("type", "object").set("properties", NODES.objectNode());
            list.addObject().put("name", tool.name()).put("description", tool.description()).set("parameters",
                    parameters);
        }
        return list.toString();
    }

    private static String firstWords(String text) {
        String[] words = text.strip().split("\\s+");
        String first = String.join(" ", List.of(words).subList(0, Math.min(8, words.length)));
        return first.length() > 80 ? first.substring(0, 80).strip() : first;
    }

    /** The names an example or exchange calls. */
    static Set<String> called(List<Turn> turns) {
        Set<String> names = new HashSet<>();
        turns.forEach(turn -> turn.toolCalls().forEach(call -> names.add(call.name())));
        return names;
    }

    private static Tool named(List<Tool> tools, String name) {
        return tools.stream().filter(tool -> tool.name().equals(name)).findFirst().orElse(null);
    }

    /** A word of the request and where it ends. */
    private record Noun(String word, int end) {
    }

    /** A lower-case word of four letters or more that names a thing: Latin letters only, as a tool name needs. */
    private static Noun noun(String request, String reply) {
        Set<String> replied = new HashSet<>();
        Matcher words = WORD.matcher(reply.toLowerCase(Locale.ROOT));
        while (words.find()) {
            replied.add(words.group());
        }
        Noun taken = null;
        Noun afterArticle = null;
        Noun longest = null;
        String previous = "";
        Matcher word = WORD.matcher(request);
        while (word.find()) {
            String w = word.group();
            if (NAME_WORD.matcher(w).matches() && !NOT_A_NOUN.contains(w)) {
                Noun here = new Noun(w, word.end());
                taken = taken == null && replied.contains(w) && !BEFORE_A_VERB.contains(previous) ? here : taken;
                afterArticle = afterArticle == null && DETERMINERS.contains(previous) ? here : afterArticle;
                longest = longest == null || w.length() > longest.word().length() ? here : longest;
            }
            previous = w.toLowerCase(Locale.ROOT);
        }
        return taken != null ? taken : afterArticle != null ? afterArticle : longest;
    }

    /** The noun and, after a linking word ("recipe with chicken and rice"), up to three words of its clause. */
    private static String phrase(String request, Noun noun) {
        String rest = request.substring(noun.end());
        Matcher end = CLAUSE_END.matcher(rest);
        String clause = (end.find() ? rest.substring(0, end.start()) : rest).strip();
        List<String> tail = new ArrayList<>(clause.isEmpty() ? List.of() : List.of(clause.split("\\s+")));
        while (tail.size() > 2 && LINKS.contains(tail.get(0).toLowerCase(Locale.ROOT))
                && PRONOUNS.contains(tail.get(1).toLowerCase(Locale.ROOT))) {
            tail = new ArrayList<>(tail.subList(2, tail.size()));
        }
        if (tail.isEmpty() || !LINKS.contains(tail.get(0).toLowerCase(Locale.ROOT))) {
            return noun.word();
        }
        tail = new ArrayList<>(tail.subList(0, Math.min(4, tail.size())));
        while (tail.size() > 1 && (DANGLING.contains(tail.get(tail.size() - 1).toLowerCase(Locale.ROOT))
                || PRONOUNS.contains(tail.get(tail.size() - 1).toLowerCase(Locale.ROOT)))) {
            tail.remove(tail.size() - 1);
        }
        return tail.size() > 1 ? noun.word() + " " + String.join(" ", tail) : noun.word();
    }
}
