package dev.seedforge.simulator.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * New task titles for generated variants, built from verbs and the objects they fit ("Prepare Q3 sales deck", "Renew
 * parking permit"). Titles avoid apostrophes (they are quoted in replies) and priority, weekday and month words (the
 * variator rewrites those).
 */
public final class TitleVocabulary {

    private record Family(List<String> verbs, List<String> objects) {
    }

    /** Verbs that fit any thing-like object. */
    private static final List<String> GENERIC_VERBS = List.of("Review", "Follow up on", "Check on", "Plan",
            "Sort out", "Finish", "Look into", "Discuss", "Prioritize", "Double-check", "Start on", "Wrap up");

    private static final List<Family> THINGS = List.of(
            new Family(List.of("Prepare", "Draft", "Finalize", "Update", "Proofread", "Submit", "Print", "Share",
                    "Revise", "Summarize"),
                    List.of("Q3 sales deck", "quarterly budget report", "onboarding checklist", "project proposal",
                            "release notes", "board presentation", "vendor contract", "team newsletter",
                            "expense report", "marketing plan", "grant application", "hiring plan",
                            "incident postmortem", "API documentation", "training manual", "sprint retrospective notes",
                            "annual tax return", "customer survey results", "product roadmap", "security audit checklist")),
            new Family(List.of("Renew", "Pay", "Buy", "Pick up", "Return", "Order", "Replace"),
                    List.of("parking permit", "electricity bill", "birthday gift for Sam", "dry cleaning",
                            "library books", "printer ink", "passport", "car insurance", "gym membership",
                            "office chair", "concert tickets", "spare house keys")),
            new Family(List.of("Clean", "Fix", "Organize", "Paint", "Repair", "Tidy"),
                    List.of("garage", "kitchen sink", "bookshelf", "guest room", "bike tire", "home office",
                            "garden fence", "storage closet")),
            new Family(List.of("Back up", "Upgrade", "Install", "Reset", "Migrate", "Archive", "Test"),
                    List.of("laptop files", "phone software", "VPN client", "team wiki", "old emails",
                            "database server", "staging environment", "password manager")));

    private static final List<Family> EVENTS = List.of(
            new Family(List.of("Book", "Schedule", "Confirm", "Reschedule", "Cancel"),
                    List.of("dentist appointment", "car service", "team offsite", "haircut", "vet visit",
                            "annual checkup", "flight to Berlin", "hotel for the conference", "client lunch",
                            "design review meeting", "one-on-one with Priya", "piano lesson")),
            new Family(List.of("Call", "Email", "Text", "Follow up with", "Thank", "Invite"),
                    List.of("the landlord", "the accountant", "Maria about the budget", "the IT helpdesk",
                            "the new hires", "the insurance agent", "the plumber", "the design team", "grandma",
                            "the recruiter")));

    private final List<String> titles;

    public TitleVocabulary() {
        List<String> all = new ArrayList<>();
        for (Family family : THINGS) {
            for (String object : family.objects()) {
                for (String verb : family.verbs()) {
                    all.add(verb + " " + object);
                }
                for (String verb : GENERIC_VERBS) {
                    all.add(verb + " " + object);
                }
            }
        }
        for (Family family : EVENTS) {
            for (String object : family.objects()) {
                for (String verb : family.verbs()) {
                    all.add(verb + " " + object);
                }
            }
        }
        this.titles = List.copyOf(all);
    }

    public int size() {
        return titles.size();
    }

    public List<String> all() {
        return titles;
    }

    /** A random title that differs (ignoring case) from every title in {@code avoid}. */
    public String pick(SplittableRandom random, Collection<String> avoid) {
        while (true) {
            String title = titles.get(random.nextInt(titles.size()));
            boolean clash = false;
            for (String other : avoid) {
                if (other.toLowerCase(Locale.ROOT).equals(title.toLowerCase(Locale.ROOT))) {
                    clash = true;
                    break;
                }
            }
            if (!clash) {
                return title;
            }
        }
    }
}
