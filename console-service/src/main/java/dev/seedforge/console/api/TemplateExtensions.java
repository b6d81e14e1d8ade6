package dev.seedforge.console.api;

import io.quarkus.qute.TemplateExtension;

import dev.seedforge.console.domain.ProgressView;

/** Formatting the templates share. */
@TemplateExtension
public class TemplateExtensions {

    private TemplateExtensions() {
    }

    /** US dollars to four places, as the reports show cost. */
    static String usd(double value) {
        return ProgressView.usd(value);
    }
}
