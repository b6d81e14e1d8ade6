package dev.seedforge.exporter.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@code report.html}: the quality report as one self-contained page (inline CSS, SVG charts drawn here; no
 * script, no external resource), for people who would rather look than read.
 */
public final class HtmlReport {

    private static final String PLANNED = "#b8c4d6";
    private static final String EXPORTED = "#2f6fba";
    private static final String REJECTED = "#c8553d";
    private static final String SCORE = "#5b8c5a";
    private static final String TOKENS = "#7a5ea8";

    private HtmlReport() {
    }

    public static String render(QualityReport report) {
        StringBuilder out = new StringBuilder(32_768);
        QualityReport.Counts counts = report.counts();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(esc(report.name())).append(" - SeedForge quality report</title>\n<style>\n")
                .append("body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px auto;")
                .append("max-width:1180px;color:#1d2430;padding:0 16px}h1{margin:0 0 4px}h2{margin:28px 0 8px;")
                .append("font-size:18px;border-bottom:1px solid #dde3ea;padding-bottom:4px}.muted{color:#667}")
                .append(".cards{display:flex;flex-wrap:wrap;gap:10px;margin:14px 0}.card{border:1px solid #dde3ea;")
                .append("border-radius:8px;padding:8px 14px;min-width:110px}.card b{display:block;font-size:22px}")
                .append(".pass{background:#e7f5e9;border-color:#8cc998}.fail{background:#fbe9e7;border-color:#e79a8c}")
                .append(".warn{background:#fff6e0;border-color:#e5c07b}li.warning{color:#8a5a00}")
                .append("table{border-collapse:collapse;margin:6px 0}td,th{padding:3px 10px;border-bottom:1px solid")
                .append(" #eef1f5;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}")
                .append(".grid{display:grid;grid-template-columns:1fr 1fr;gap:18px}.legend span{display:inline-block;")
                .append("width:10px;height:10px;margin:0 4px 0 12px}svg text{font:12px system-ui,sans-serif}")
                .append("\n</style></head><body>\n");
        out.append("<h1>").append(esc(report.name())).append("</h1>\n<div class=\"muted\">job ")
                .append(esc(report.jobId())).append(" &middot; format ").append(report.format().id())
                .append(" &middot; generated ").append(report.generatedAt()).append("</div>\n");

        out.append("<div class=\"cards\">");
        card(out, report.gate().passed() ? "PASSED" : "FAILED", "quality gate",
                report.gate().passed() ? "pass" : "fail");
        card(out, counts.exported(), "exported", "");
        card(out, counts.train() + " / " + counts.validation(), "train / validation", "");
        card(out, counts.candidatesEmitted(), "candidates", "");
        card(out, counts.accepted(), "accepted", "");
        card(out, counts.rejected(), "rejected", "");
        card(out, counts.duplicates(), "duplicates", "");
        card(out, report.exportedDuplicates().duplicates(), "duplicates exported",
                report.exportedDuplicates().ratio() < report.gate().maxDuplicateRatio() ? "pass" : "fail");
        card(out, fmt("%.1f%%", 100 * report.candidateDuplicateRatio()), "generation duplicates",
                report.gate().warnings().isEmpty() ? "" : "warn");
        card(out, report.diversity().score() == null ? "n/a" : fmt("%.3f", report.diversity().score()),
                "diversity", "");
        card(out, fmt("$%.4f", report.cost().totalUsd()), "total cost", "");
        out.append("</div>\n");
        if (!report.gate().failures().isEmpty() || !report.gate().warnings().isEmpty()) {
            out.append("<ul>");
            report.gate().failures().forEach(f -> out.append("<li>").append(esc(f)).append("</li>"));
            report.gate().warnings().forEach(w -> out.append("<li class=\"warning\">warning: ").append(esc(w))
                    .append("</li>"));
            out.append("</ul>\n");
        }
        out.append("<p class=\"muted\">Gate: at least ").append(report.gate().minCount())
                .append(" examples, duplicates in the exported set (against each other and the seeds) below ")
                .append(fmt("%.0f%%", 100 * report.gate().maxDuplicateRatio()))
                .append(", no format errors. Duplicates caught during generation are waste, not a defect of the")
                .append(" files: a warning above the same share.</p>\n");

        out.append("<h2>Distribution against the plan</h2>\n<div class=\"legend\"><span style=\"background:")
                .append(PLANNED).append("\"></span>planned<span style=\"background:").append(EXPORTED)
                .append("\"></span>exported</div>\n");
        Map<String, long[]> cells = new LinkedHashMap<>();
        report.plan().cells().forEach(c -> cells.put(c.id(), new long[] { c.quota(), c.exported() }));
        out.append(pairedBars(cells));
        report.plan().axes().forEach((axis, values) -> {
            out.append("<h3>").append(esc(axis)).append("</h3>");
            out.append(pairedBars(planned(values)));
        });
        if (!report.plan().complexity().isEmpty()) {
            out.append("<h3>complexity</h3>").append(pairedBars(planned(report.plan().complexity())));
        }

        out.append("<div class=\"grid\"><div>\n<h2>Rejection reasons</h2>\n");
        Map<String, Long> rejections = new LinkedHashMap<>(report.rejectionReasons());
        report.duplicatesByMethod().forEach((m, n) -> rejections.put("duplicate: " + m, n));
        out.append(rejections.isEmpty() ? "<p class=\"muted\">none</p>" : bars(rejections, REJECTED));
        if (!report.reviewerRejections().isEmpty()) {
            out.append("<h3>Rejected by reviewers</h3>\n<table><tr><th>example</th><th>cell</th><th>reason</th></tr>");
            for (QualityReport.ReviewerRejection r : report.reviewerRejections()) {
                out.append("<tr><td><code>").append(esc(r.candidateId())).append("</code></td><td>")
                        .append(esc(r.cell())).append("</td><td>").append(esc(r.reason())).append("</td></tr>");
            }
            out.append("</table>\n");
        }
        out.append("</div><div>\n<h2>Judge scores</h2>\n");
        if (report.judgeScores().isEmpty()) {
            out.append("<p class=\"muted\">no judge scores in this job</p>");
        }
        report.judgeScores().forEach((criterion, d) -> {
            out.append("<h3>").append(esc(criterion)).append(fmt(" <span class=\"muted\">mean %.2f over %d judged</span>",
                    d.mean(), d.count())).append("</h3>");
            Map<String, Long> histogram = new LinkedHashMap<>();
            d.histogram().forEach((score, n) -> histogram.put(String.valueOf(score), n));
            out.append(columns(histogram, SCORE));
        });
        out.append("</div></div>\n");

        out.append("<h2>Token lengths</h2>\n<div class=\"grid\"><div>");
        Map<String, Long> buckets = new LinkedHashMap<>();
        report.tokens().perExampleHistogram().forEach(b -> buckets.put(b.from() + "-" + (b.to() - 1), b.count()));
        out.append("<div class=\"muted\">tokens per example (").append(esc(report.tokens().encoding()))
                .append(")</div>").append(columns(buckets, TOKENS));
        out.append("</div><div><table><tr><th></th><th>min</th><th>mean</th><th>p50</th><th>p95</th><th>max</th></tr>");
        statsRow(out, "per example", report.tokens().perExample());
        statsRow(out, "per turn", report.tokens().perTurn());
        report.tokens().perRole().forEach((role, s) -> statsRow(out, role + " turns", s));
        if (report.tokens().reasoning() != null) {
            statsRow(out, "reasoning per trace", report.tokens().reasoning().perTrace());
            statsRow(out, "reasoning per example", report.tokens().reasoning().perExample());
        }
        out.append("</table><p>Multi-turn: ").append(report.multiTurn().examples()).append(" examples (")
                .append(fmt("%.1f%%", 100 * report.multiTurn().share())).append(")</p></div></div>\n");

        if (report.preference() != null) {
            out.append("<h2>Preference pairs</h2>\n<p>").append(report.preference().pairs())
                    .append(" pairs, each a prompt with a chosen and a rejected answer; by the rejected answer's failure"
                            + " mode:</p><table><tr><th>failure mode</th><th>pairs</th></tr>");
            report.preference().byFailureMode().forEach((mode, n) -> out.append("<tr><td>").append(esc(mode))
                    .append("</td><td>").append(n).append("</td></tr>"));
            out.append("</table>\n");
        }
        out.append("<h2>Split</h2>\n<p>Seed ").append(report.split().seed()).append(", validation ratio ")
                .append(report.split().validationRatio()).append(", examples related at ")
                .append(fmt("%.2f", report.split().relatedThreshold())).append(" or more kept together: ")
                .append(report.split().groups()).append(" groups, the largest of ").append(report.split().largestGroup())
                .append(". Largest similarity between a validation and a training example: ")
                .append(esc(report.split().largestCrossSplitSimilarityText()))
                .append(".</p><p class=\"muted\">").append(esc(report.split().note())).append("</p>\n");

        out.append("<h2>Cost</h2>\n<table>");
        costRow(out, "generation", report.cost().generationUsd());
        costRow(out, "judge", report.cost().judgeUsd());
        costRow(out, "total", report.cost().totalUsd());
        costRow(out, "per accepted example", report.cost().perAcceptedExampleUsd());
        costRow(out, "per exported example", report.cost().perExportedExampleUsd());
        if (report.cost().estimatedUsd() != null) {
            costRow(out, String.format(java.util.Locale.ROOT, "approved estimate (actual %+.0f%%)",
                    100 * report.cost().estimateError()), report.cost().estimatedUsd());
        }
        out.append("</table>\n</body></html>\n");
        return out.toString();
    }

    private static Map<String, long[]> planned(Map<String, QualityReport.Planned> values) {
        Map<String, long[]> result = new LinkedHashMap<>();
        values.forEach((k, p) -> result.put(k, new long[] { p.planned(), p.exported() }));
        return result;
    }

    /** Horizontal paired bars: planned (light) over exported (dark) per label. */
    static String pairedBars(Map<String, long[]> values) {
        long max = Math.max(1, values.values().stream().mapToLong(v -> Math.max(v[0], v[1])).max().orElse(1));
        int label = 330;
        int width = 740;
        int row = 26;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" role=\"img\">", label + width + 60,
                values.size() * row + 4));
        int y = 2;
        for (Map.Entry<String, long[]> e : values.entrySet()) {
            double planned = (double) width * e.getValue()[0] / max;
            double exported = (double) width * e.getValue()[1] / max;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", label - 6,
                    y + 16, esc(shorten(e.getKey(), 48))));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"10\" fill=\"%s\"/>",
                    label, y + 2, planned, PLANNED));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"10\" fill=\"%s\"/>",
                    label, y + 12, exported, EXPORTED));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%d / %d</text>",
                    label + Math.max(planned, exported) + 6, y + 17, e.getValue()[1], e.getValue()[0]));
            y += row;
        }
        return svg.append("</svg>\n").toString();
    }

    /** Horizontal bars, one per label. */
    static String bars(Map<String, Long> values, String colour) {
        long max = Math.max(1, values.values().stream().mapToLong(Long::longValue).max().orElse(1));
        int label = 180;
        int width = 300;
        int row = 22;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" role=\"img\">", label + width + 50,
                values.size() * row + 4));
        int y = 2;
        for (Map.Entry<String, Long> e : values.entrySet()) {
            double w = (double) width * e.getValue() / max;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", label - 6,
                    y + 14, esc(shorten(e.getKey(), 28))));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>",
                    label, y + 2, w, colour));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%d</text>", label + w + 6, y + 14,
                    e.getValue()));
            y += row;
        }
        return svg.append("</svg>\n").toString();
    }

    /** Vertical columns (a histogram), labels below. */
    static String columns(Map<String, Long> values, String colour) {
        long max = Math.max(1, values.values().stream().mapToLong(Long::longValue).max().orElse(1));
        int height = 140;
        int column = Math.max(24, Math.min(60, 480 / Math.max(1, values.size())));
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" role=\"img\">",
                values.size() * column + 40, height + 64));
        int x = 34;
        List<Map.Entry<String, Long>> entries = new ArrayList<>(values.entrySet());
        for (Map.Entry<String, Long> e : entries) {
            double h = (double) height * e.getValue() / max;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"/>",
                    x, 16 + height - h, column - 4, h, colour));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"middle\">%d</text>",
                    x + (column - 4) / 2, 12 + height - h, e.getValue()));
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" transform=\"rotate(-40 %d %d)\">%s</text>",
                    x + (column - 4) / 2, height + 30, x + (column - 4) / 2, height + 30, esc(e.getKey())));
            x += column;
        }
        return svg.append("</svg>\n").toString();
    }

    private static void statsRow(StringBuilder out, String label, Statistics s) {
        out.append(fmt("<tr><td>%s</td><td class=\"n\">%d</td><td class=\"n\">%.1f</td><td class=\"n\">%d</td>"
                + "<td class=\"n\">%d</td><td class=\"n\">%d</td></tr>", esc(label), s.min(), s.mean(), s.p50(),
                s.p95(), s.max()));
    }

    private static void costRow(StringBuilder out, String label, double usd) {
        out.append(fmt("<tr><td>%s</td><td class=\"n\">$%.5f</td></tr>", label, usd));
    }

    private static void card(StringBuilder out, Object value, String label, String style) {
        out.append("<div class=\"card ").append(style).append("\"><b>").append(esc(String.valueOf(value)))
                .append("</b>").append(esc(label)).append("</div>");
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
