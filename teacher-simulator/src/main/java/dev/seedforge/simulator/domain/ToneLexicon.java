package dev.seedforge.simulator.domain;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a user of a given tone or mood writes: phrases that open and close a request. The writer puts them into user
 * turns when a cell asks for a tone ({@code axis.tone: impatient}); the judge looks for them to tell whether a user
 * turn shows the tone. Tones not listed here are written out plainly ("I'm feeling <tone> about this").
 */
public final class ToneLexicon {

    /** Axis names whose values describe the user's voice rather than the content. */
    public static final List<String> VOICE_AXES = List.of("tone", "mood", "emotion", "sentiment_of_user", "attitude",
            "voice", "register", "temper", "user_tone", "customer_mood", "user_mood");

    private record Voice(List<String> openers, List<String> closers) {
    }

    private static final Map<String, Voice> VOICES = Map.ofEntries(
            Map.entry("impatient", new Voice(List.of("I've been waiting long enough.", "Come on, this is taking forever.",
                    "I need this sorted right now.", "Hurry, please, I don't have all day.",
                    "This is the third time I'm asking."),
                    List.of("And quickly, please.", "I need an answer now.", "Don't make me wait again.",
                            "Make it fast."))),
            Map.entry("angry", new Voice(List.of("This is completely unacceptable.", "I am furious about this.",
                    "Honestly, I'm fed up.", "This is outrageous."),
                    List.of("Fix it.", "I expect this resolved today.", "I'm done being patient."))),
            Map.entry("frustrated", new Voice(List.of("I'm so frustrated right now.", "Ugh, this again.",
                    "I've tried everything and nothing works."),
                    List.of("This is really wearing me down.", "Please just make it work."))),
            Map.entry("polite", new Voice(List.of("Good day, I hope you're well.", "Sorry to bother you.",
                    "If it's not too much trouble,"),
                    List.of("Thank you so much for your help.", "Many thanks in advance.", "I really appreciate it."))),
            Map.entry("friendly", new Voice(List.of("Hey there! Hope your day's going great.", "Hi friend!",
                    "Hello hello!"), List.of("You're the best!", "Thanks a bunch!", "Have a lovely day!"))),
            Map.entry("confused", new Voice(List.of("I'm a bit lost here.", "Sorry, I don't really understand this.",
                    "I'm confused about how this works."),
                    List.of("Does that make sense?", "I'm not sure I'm asking this right.",
                            "Please explain it simply."))),
            Map.entry("anxious", new Voice(List.of("I'm really worried about this.", "I'm nervous this went wrong.",
                    "I'm a little panicked here."), List.of("Please tell me it's fixable.", "Is this going to be okay?"))),
            Map.entry("urgent", new Voice(List.of("URGENT:", "This is time-sensitive.", "I need this today."),
                    List.of("It can't wait.", "Please treat this as a priority."))),
            Map.entry("sarcastic", new Voice(List.of("Oh great, another problem.", "Wonderful, just what I needed.",
                    "Fantastic, it broke again."), List.of("Thanks a lot.", "Can't wait to hear this one."))),
            Map.entry("happy", new Voice(List.of("Great news on my end!", "I'm thrilled so far.",
                    "Loving it so far!"), List.of("Thanks again!", "Keep up the great work!"))),
            Map.entry("formal", new Voice(List.of("Good afternoon.", "Dear support team,", "To whom it may concern,"),
                    List.of("Kind regards.", "I look forward to your reply.", "Thank you for your attention."))),
            Map.entry("casual", new Voice(List.of("hey,", "yo,", "ok so"), List.of("thx", "cheers", "ty!"))),
            Map.entry("neutral", new Voice(List.of("Hello.", "Hi."), List.of("Thanks.", "Thank you."))));

    private static final Map<String, String> SYNONYMS = Map.of("annoyed", "frustrated", "upset", "angry", "irate",
            "angry", "rude", "angry", "worried", "anxious", "nervous", "anxious", "kind", "polite", "courteous",
            "polite", "cheerful", "happy", "informal", "casual");

    /**
     * Registers by the voice that writes them, for an axis already named a voice ({@code register: business}); unlike
     * a mood, such a value on a content axis ({@code domain: business}) is content.
     */
    private static final Map<String, String> REGISTERS = Map.of("business", "formal", "businesslike", "formal",
            "professional", "formal", "official", "formal", "colloquial", "casual", "relaxed", "casual");

    private ToneLexicon() {
    }

    /** Whether an axis describes the user's voice (by its name, or by a value this lexicon knows). */
    public static boolean isVoice(String axis, String value) {
        return VOICE_AXES.contains(axis.toLowerCase(Locale.ROOT)) || mood(value) != null && !"style".equals(axis);
    }

    private static Voice mood(String value) {
        String key = value.toLowerCase(Locale.ROOT).strip();
        return VOICES.get(SYNONYMS.getOrDefault(key, key));
    }

    private static Voice known(String tone) {
        String key = tone.toLowerCase(Locale.ROOT).strip();
        return VOICES.get(SYNONYMS.getOrDefault(key, REGISTERS.getOrDefault(key, key)));
    }

    public static String opener(String tone, java.util.SplittableRandom random) {
        Voice voice = known(tone);
        if (voice == null) {
            return "I'm feeling " + tone.toLowerCase(Locale.ROOT) + " about this.";
        }
        return voice.openers().get(random.nextInt(voice.openers().size()));
    }

    public static String closer(String tone, java.util.SplittableRandom random) {
        Voice voice = known(tone);
        return voice == null ? "" : voice.closers().get(random.nextInt(voice.closers().size()));
    }

    /** Whether a text carries one of the tone's phrases (or names the tone when it is unknown here). */
    public static boolean shows(String text, String tone) {
        Voice voice = known(tone);
        String lower = text.toLowerCase(Locale.ROOT);
        if (voice == null) {
            return lower.contains(tone.toLowerCase(Locale.ROOT));
        }
        for (String phrase : voice.openers()) {
            if (lower.contains(phrase.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        for (String phrase : voice.closers()) {
            if (lower.contains(phrase.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
