package dev.seedforge.testsupport;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads figures out of a {@code /q/metrics} page, for the services' tests that check a counter moved. */
public final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The sum of a series' samples whose labels include every one of {@code labels} (each written as
     * {@code name="value"}); 0 if none. Samples may carry an exemplar (OpenMetrics, with tracing on).
     */
    public static double sum(String page, String name, String... labels) {
        double sum = 0;
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)(?: #.*)?$").matcher(page);
        while (line.find()) {
            boolean all = true;
            for (String label : labels) {
                all &= line.group(1).contains(label);
            }
            if (all) {
                sum += Double.parseDouble(line.group(2));
            }
        }
        return sum;
    }
}
