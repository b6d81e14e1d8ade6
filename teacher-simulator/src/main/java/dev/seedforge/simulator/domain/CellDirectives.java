package dev.seedforge.simulator.domain;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plan cell a generation request is for, read from {@code key: value} lines inside {@code <directives>}:
 * {@code axis.<name>: <value>}, {@code complexity: simple|moderate|complex|edge_case}, {@code turns: N},
 * {@code tools: yes|no|K of N} (every example calls a tool, none, or the first K of the call's N),
 * {@code evolve: <operation>}, {@code persona: <who writes the request>}, {@code tool_lists: per example} (each
 * example declares its own tools in a {@code tools} field, Glaive's way, instead of the job's one list). Other lines
 * (free text) are ignored; keys are case-insensitive.
 */
public record CellDirectives(Map<String, String> axes, String complexity, int turns, boolean tools, String evolve,
        String persona, int toolExamples, boolean toolsPerExample) {

    public static final CellDirectives NONE = new CellDirectives(Map.of(), null, 0, false, null, null);
    /** {@link #toolExamples} when every example calls a tool ({@code tools: yes}). */
    public static final int EVERY = -1;
    private static final Pattern SOME = Pattern.compile("(\\d+)\\s+of\\s+\\d+.*");
    private static final Pattern PER_EXAMPLE = Pattern.compile("(?i)per[\\s_-]*example.*");
    public static final int MAX_TURNS = 12;

    private static final Pattern LINE = Pattern.compile("(?m)^\\s*[-*]?\\s*([A-Za-z][\\w.\\-]*)\\s*[:=]\\s*(.+?)\\s*$");

    /** Axes keep the order the directives give them (Map.copyOf would not, and the label's fallback depends on it). */
    public CellDirectives {
        axes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(axes));
    }

    public CellDirectives(Map<String, String> axes, String complexity, int turns, boolean tools, String evolve) {
        this(axes, complexity, turns, tools, evolve, null);
    }

    public CellDirectives(Map<String, String> axes, String complexity, int turns, boolean tools, String evolve,
            String persona) {
        this(axes, complexity, turns, tools, evolve, persona, EVERY);
    }

    public CellDirectives(Map<String, String> axes, String complexity, int turns, boolean tools, String evolve,
            String persona, int toolExamples) {
        this(axes, complexity, turns, tools, evolve, persona, toolExamples, false);
    }

    /** Whether the call's example at {@code index} calls a tool: all with {@code tools: yes}, the first K of K of N. */
    public boolean callsTool(int index) {
        return tools && (toolExamples == EVERY || index < toolExamples);
    }

    public static CellDirectives parse(String directives) {
        if (directives == null || directives.isBlank()) {
            return NONE;
        }
        Map<String, String> axes = new LinkedHashMap<>();
        String complexity = null;
        int turns = 0;
        boolean tools = false;
        int toolExamples = EVERY;
        String evolve = null;
        String persona = null;
        boolean toolsPerExample = false;
        Matcher matcher = LINE.matcher(directives);
        while (matcher.find()) {
            String key = matcher.group(1).toLowerCase(Locale.ROOT);
            String value = unquote(matcher.group(2));
            if (key.startsWith("axis.") && key.length() > 5) {
                axes.put(key.substring(5), value);
            } else {
                switch (key) {
                    case "complexity" -> complexity = value.toLowerCase(Locale.ROOT).replace('-', '_');
                    case "turns" -> turns = parseTurns(value);
                    case "tools" -> {
                        Matcher some = SOME.matcher(value.strip());
                        if (some.matches()) {
                            toolExamples = Integer.parseInt(some.group(1));
                            tools = toolExamples > 0;
                        } else {
                            tools = value.toLowerCase(Locale.ROOT).matches("yes|true|on|1|required");
                        }
                    }
                    case "evolve" -> evolve = value.toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
                    case "persona" -> persona = value;
                    case "tool_lists" -> toolsPerExample = PER_EXAMPLE.matcher(value.strip()).matches();
                    default -> {
                    }
                }
            }
        }
        return new CellDirectives(axes, complexity, turns, tools, evolve, persona, toolExamples, toolsPerExample);
    }

    /**
     * The cell a judge request names per example, as SeedForge's plan writes its ids
     * ({@code label=negative|complexity=simple|turns=multi}): axis values and complexity; a multi-turn cell names no
     * exact turn count.
     */
    public static CellDirectives fromCellId(String id) {
        if (id == null || id.isBlank()) {
            return NONE;
        }
        Map<String, String> axes = new LinkedHashMap<>();
        String complexity = null;
        for (String part : id.split("\\|")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            switch (key.toLowerCase(Locale.ROOT)) {
                case "complexity" -> complexity = value.toLowerCase(Locale.ROOT);
                case "turns" -> {
                }
                default -> axes.put(key, value);
            }
        }
        return new CellDirectives(axes, complexity, 0, false, null, null);
    }

    public String axis(String name) {
        return axes.get(name);
    }

    /** The {@code style} axis, lower-cased, or {@code null}. */
    public String style() {
        String style = axes.get("style");
        return style == null ? null : style.toLowerCase(Locale.ROOT);
    }

    public boolean edgeCase() {
        return "edge_case".equals(complexity);
    }

    private static int parseTurns(String value) {
        Matcher digits = Pattern.compile("\\d{1,3}").matcher(value);
        return digits.find() ? Math.max(1, Math.min(MAX_TURNS, Integer.parseInt(digits.group()))) : 0;
    }

    private static String unquote(String value) {
        String v = value.strip();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
