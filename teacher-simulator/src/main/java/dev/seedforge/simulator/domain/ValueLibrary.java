package dev.seedforge.simulator.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

import net.datafaker.Faker;

/**
 * Realistic values for new examples, drawn from Datafaker's data library (names, companies, products, jobs, places,
 * activities) with the request's random source, so the same request gets the same values. Also tells which words of
 * a seed are person names, from the same library's name lists.
 */
public final class ValueLibrary {

    private static final Set<String> FIRST_NAMES = new HashSet<>();
    private static final Set<String> LAST_NAMES = new HashSet<>();

    static {
        Faker faker = new Faker(Locale.ENGLISH);
        for (String key : List.of("name.male_first_name", "name.female_first_name", "name.last_name")) {
            Object names = faker.fakeValuesService().fetchObject(key, faker.getContext());
            if (names instanceof List<?> list) {
                Set<String> into = key.endsWith("last_name") ? LAST_NAMES : FIRST_NAMES;
                list.forEach(name -> into.add(String.valueOf(name)));
            }
        }
    }

    private final Faker faker;

    public ValueLibrary(SplittableRandom random) {
        this.faker = new Faker(Locale.ENGLISH, new Random(random.nextLong()));
    }

    public static boolean isFirstName(String word) {
        return FIRST_NAMES.contains(word);
    }

    public static boolean isLastName(String word) {
        return LAST_NAMES.contains(word);
    }

    public String firstName() {
        return faker.name().firstName();
    }

    public String lastName() {
        return faker.name().lastName();
    }

    /** A short title for a thing to do or a thing made, capitalised like a title a user would quote. */
    public String title() {
        String title = switch (faker.random().nextInt(5)) {
            case 0, 1 -> faker.company().bs();
            case 2 -> "Prepare the " + faker.commerce().department().toLowerCase(Locale.ROOT).replace(",", "") + " report";
            case 3 -> faker.book().title();
            default -> "Plan " + faker.hobby().activity().toLowerCase(Locale.ROOT) + " session";
        };
        return Character.toUpperCase(title.charAt(0)) + title.substring(1);
    }

    public String product() {
        return faker.commerce().productName();
    }

    public String company() {
        return faker.company().name();
    }

    public String email(String firstName, String lastName) {
        return (firstName + "." + lastName).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "") + "@"
                + faker.internet().domainName();
    }

    public String jobTitle() {
        return faker.job().title();
    }

    public String place() {
        return faker.random().nextBoolean() ? faker.address().state() : faker.country().name();
    }

    public String city() {
        return faker.address().city();
    }

    public String country() {
        return faker.country().name();
    }

    /** A company department, by its usual name ("Garden", "Electronics"). */
    public String department() {
        String d = faker.commerce().department();
        return d.contains(",") || d.contains("&") ? d.split("[,&]")[0].strip() : d;
    }

    /** The noun of a product name ("Chair" of "Small Wooden Chair"). */
    public String productNoun() {
        String[] words = faker.commerce().productName().split(" ");
        return words[words.length - 1];
    }

    public String industry() {
        return faker.company().industry();
    }

    public String app() {
        return faker.app().name();
    }

    public String activity() {
        return faker.hobby().activity();
    }

    public String dish() {
        return faker.food().dish();
    }

    /** A short description of a user: who they are, what they do and where. */
    public String persona() {
        return switch (faker.random().nextInt(3)) {
            case 0 -> "I'm " + firstName() + ", " + article(jobTitle().toLowerCase(Locale.ROOT)) + " in " + place();
            case 1 -> "I work as " + article(jobTitle().toLowerCase(Locale.ROOT)) + " at " + company();
            default -> "I'm " + firstName() + " and I spend my weekends on " + activity().toLowerCase(Locale.ROOT);
        };
    }

    /** A sentence of context that changes nothing a label would depend on ("This was back in March."). */
    public String asideSentence() {
        return switch (faker.random().nextInt(7)) {
            case 0 -> "I'm writing this from " + place() + ".";
            case 1 -> firstName() + " asked me to share this.";
            case 2 -> "This was back in " + java.time.Month.of(1 + faker.random().nextInt(12)).getDisplayName(
                    java.time.format.TextStyle.FULL, Locale.ENGLISH) + ".";
            case 3 -> "Posting on behalf of my " + List.of("sister", "brother", "mother", "father", "partner",
                    "colleague", "neighbour", "friend").get(faker.random().nextInt(8)) + ".";
            case 4 -> "Quick note from " + firstName() + " at " + company() + ".";
            case 5 -> "It's been about " + (2 + faker.random().nextInt(10)) + " weeks now.";
            default -> "For what it's worth, I mostly spend my time on " + activity().toLowerCase(Locale.ROOT) + ".";
        };
    }

    static String article(String noun) {
        return (noun.matches("(?i)[aeiou].*") ? "an " : "a ") + noun;
    }
}
