package dev.seedforge.generator.domain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The persona library shipped as data ({@code diversity/personas.txt}, one persona a line, {@code #} for comments):
 * who writes a request changes its wording, detail and tone more than any instruction to "vary" does.
 */
public final class Personas {

    public static final String RESOURCE = "/diversity/personas.txt";
    private static final List<String> LIBRARY = load();

    private Personas() {
    }

    public static List<String> library() {
        return LIBRARY;
    }

    static List<String> parse(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    private static List<String> load() {
        try (InputStream in = Personas.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("persona library " + RESOURCE + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the persona library " + RESOURCE, e);
        }
    }
}
