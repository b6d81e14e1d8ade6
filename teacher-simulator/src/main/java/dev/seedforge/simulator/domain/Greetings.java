package dev.seedforge.simulator.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A greeting a seed's request opens with ("Hi Pixel!", "Здравствуйте!", "Olá,"): a user says it first, and once. The
 * words the simulator puts around a request go after it, not before it ("Being a new employee, Hi Pixel! Where ..."),
 * and a later request of the conversation leaves it out ("One more thing: Здравствуйте! Мой заказ ...").
 */
final class Greetings {

    /** Greeting words of the languages the simulator writes. */
    private static final String WORDS = "(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|greetings|здравствуйте"
            + "|привет|добрый (?:день|вечер)|доброе утро|olá|oi|bom dia|boa tarde|boa noite|hola|buenos días"
            + "|buenas(?: tardes| noches)?|bonjour|bonsoir|salut|hallo|guten (?:tag|morgen|abend)|moin|servus|ciao"
            + "|buongiorno|buonasera|salve|こんにちは|こんばんは|おはようございます|안녕하세요|안녕)";
    /**
     * A greeting that is a sentence of its own, with at most two words after the greeting word ("Hi Pixel!", "Good
     * morning team."), or the greeting word alone before a comma ("Hi, can you ..."). "Hi Sam, your subscription ..."
     * is not one: with a name and a comma it opens the text a user pastes (an e-mail to Sam), not the user's words.
     */
    private static final Pattern LEADING = Pattern.compile("^(?iu)" + WORDS
            + "(?:(?:[ \\t]+[\\p{L}'’-]+){0,2}?[ \\t]*[!.。！]+|(?:[ \\t]+there)?[ \\t]*[,、])[ \\t]*");
    /** The greeting word alone, with its punctuation: any greeting of the language may stand for it. */
    private static final Pattern BARE = Pattern.compile("^(?iu)" + WORDS + "[ \\t]*[!.,。！、]*$");

    private Greetings() {
    }

    /** The greeting the request opens with, or empty; never the whole request. */
    static String of(String request) {
        Matcher m = LEADING.matcher(request);
        return m.find() && !request.substring(m.end()).isBlank() ? request.substring(0, m.end()).strip() : "";
    }

    /** Whether the greeting says nothing but the greeting word (no name): another greeting may stand for it. */
    static boolean bare(String greeting) {
        return BARE.matcher(greeting).matches();
    }

    /** The request without the greeting it opens with, going on as a sentence of its own. */
    static String without(String request) {
        return without(request, of(request));
    }

    /** As above, with the greeting {@link #of} found already. */
    static String without(String request, String greeting) {
        if (greeting.isEmpty()) {
            return request;
        }
        String rest = request.strip().substring(greeting.length()).strip();
        return rest.isEmpty() ? request : Character.toUpperCase(rest.charAt(0)) + rest.substring(1);
    }
}
