package dev.seedforge.simulator.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arithmetic written out in worked answers ("48 / 2 = 24", "<<48/2=24>>", "3 x $4.50 = $13.50"): finds each
 * equation, evaluates its left side (numbers, + - * / x × ÷, parentheses) and tells whether its result is right. The
 * writer uses it to recompute results after changing the numbers of a request, the judge to check them.
 */
public final class Arithmetic {

    static final String NUMBER = "\\$?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?";
    /** Left side: at least one operator between numbers; right side: one number. */
    static final Pattern EQUATION = Pattern.compile("(?<![\\w.,$])(\\(?\\s*" + NUMBER + "(?:\\s*\\)?\\s*[-+*/×x÷]\\s*\\(?\\s*"
            + NUMBER + ")+\\s*\\)?)\\s*=\\s*(" + NUMBER + ")(?![\\d]|\\.\\d)");
    static final Pattern OPERAND = Pattern.compile(NUMBER);

    private Arithmetic() {
    }

    /** The value of a written number ("$1,200.50" is 1200.50), or {@code null} when it is not one. */
    static BigDecimal parse(String written) {
        String digits = written.replace("$", "").replace(",", "");
        try {
            return new BigDecimal(digits);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The number written like {@code like}: its currency sign, thousands separators and decimal places. */
    static String format(BigDecimal value, String like) {
        int scale = like.contains(".") ? like.length() - like.indexOf('.') - 1 : 0;
        if (scale == 0 && value.stripTrailingZeros().scale() > 0) {
            scale = Math.min(2, value.stripTrailingZeros().scale());
        }
        BigDecimal rounded = value.setScale(scale, RoundingMode.HALF_UP);
        String text = like.contains(",") ? String.format(Locale.ROOT, "%,." + scale + "f", rounded)
                : rounded.toPlainString();
        return (like.startsWith("$") ? "$" : "") + text;
    }

    /** Evaluates the left side of an equation; {@code null} when it cannot (bad syntax, division by zero). */
    public static BigDecimal evaluate(String expression) {
        String cleaned = expression.replace("$", "").replace(",", "").replace('×', '*').replace('x', '*')
                .replace('÷', '/').replaceAll("\\s+", "");
        Parser parser = new Parser(cleaned);
        try {
            BigDecimal value = parser.sum();
            return parser.at == cleaned.length() ? value : null;
        } catch (ArithmeticException | NumberFormatException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    /** Whether a written result equals the computed one, to the precision it is written in (at least a cent). */
    public static boolean agrees(BigDecimal computed, String written) {
        BigDecimal value = parse(written);
        if (computed == null || value == null) {
            return false;
        }
        int scale = Math.max(value.scale(), 0);
        BigDecimal tolerance = BigDecimal.ONE.movePointLeft(scale).max(new BigDecimal("0.01"));
        return computed.subtract(value).abs().compareTo(tolerance) < 0;
    }

    /** The equations of a text whose written result is wrong, e.g. "7 * 8 = 54". */
    public static java.util.List<String> wrongEquations(String text) {
        java.util.List<String> wrong = new java.util.ArrayList<>();
        Matcher matcher = EQUATION.matcher(text == null ? "" : text);
        while (matcher.find()) {
            BigDecimal computed = evaluate(matcher.group(1));
            if (computed != null && !agrees(computed, matcher.group(2))) {
                wrong.add(matcher.group().strip());
            }
        }
        return wrong;
    }

    /** Recursive descent over + - * / and parentheses. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        BigDecimal sum() {
            BigDecimal value = product();
            while (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                char op = text.charAt(at++);
                BigDecimal right = product();
                value = op == '+' ? value.add(right) : value.subtract(right);
            }
            return value;
        }

        BigDecimal product() {
            BigDecimal value = factor();
            while (at < text.length() && (text.charAt(at) == '*' || text.charAt(at) == '/')) {
                char op = text.charAt(at++);
                BigDecimal right = factor();
                value = op == '*' ? value.multiply(right) : value.divide(right, 10, RoundingMode.HALF_UP);
            }
            return value;
        }

        BigDecimal factor() {
            if (text.charAt(at) == '(') {
                at++;
                BigDecimal value = sum();
                at++;
                return value;
            }
            int start = at;
            while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
                at++;
            }
            return new BigDecimal(text.substring(start, at));
        }
    }
}
