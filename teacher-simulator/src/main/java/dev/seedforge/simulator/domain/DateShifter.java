package dev.seedforge.simulator.domain;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moves every date of one example by the same number of days: ISO dates (with a weekday in parentheses recomputed),
 * dates written with month names in the writer's style, and, when the example has a single due date, relative phrases
 * such as "tomorrow" or "next Friday" (rewritten as the new date, since "tomorrow" would no longer be right).
 */
final class DateShifter {

    private static final String WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
            + "|mon|tues|tue|wed|thurs|thu|fri|sat|sun";
    private static final String WEEKDAYS_FULL = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
    /** "May" only capitalised: "you may 5 times" is no date. */
    private static final String MONTHS = "january|february|march|april|(?-i:May|MAY)|june|july|august|september"
            + "|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";

    static final Pattern ISO = Pattern.compile(
            "(?<![\\d-])(\\d{4})-(\\d{2})-(\\d{2})(?!\\d)(\\s*\\((" + WEEKDAYS + ")\\))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MONTH_FIRST = Pattern.compile(
            "(?<![\\p{L}\\d])(?:(" + WEEKDAYS + ")(\\.?,?\\s+))?(" + MONTHS + ")(\\.?\\s+)(\\d{1,2})(st|nd|rd|th)?"
                    + "(?:(,?\\s+)(\\d{4}))?(?![\\d\\p{L}])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DAY_FIRST = Pattern.compile(
            "(?<![\\p{L}\\d])(?:(" + WEEKDAYS + ")(\\.?,?\\s+))?(\\d{1,2})(st|nd|rd|th)?(\\s+(?:of\\s+)?)(" + MONTHS
                    + ")(\\.?)(?:(,?\\s+)(\\d{4}))?(?![\\d\\p{L}])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern RELATIVE = Pattern.compile(
            "(?<![\\p{L}])(the day after tomorrow|today|tonight|tomorrow|next week|in \\d+ days"
                    + "|(?:the )?end of (?:the|this) week|(?:(?:next|this|coming)\\s+)?(?:" + WEEKDAYS_FULL
                    + "))(?![\\p{L}'])",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern PREPOSITION_BEFORE = Pattern.compile(
            "(?i)(?:^|\\s)(?:on|by|for|until|till|before|after|due|from|to)\\s+$");

    private final int shiftDays;
    private final int referenceYear;

    DateShifter(int shiftDays, int referenceYear) {
        this.shiftDays = shiftDays;
        this.referenceYear = referenceYear;
    }

    /** The distinct ISO dates written in a text, in order of appearance. */
    static Set<LocalDate> isoDates(String text) {
        Set<LocalDate> dates = new LinkedHashSet<>();
        Matcher matcher = ISO.matcher(text);
        while (matcher.find()) {
            LocalDate date = isoDate(matcher);
            if (date != null) {
                dates.add(date);
            }
        }
        return dates;
    }

    LocalDate shift(LocalDate date) {
        return date.plusDays(shiftDays);
    }

    String shiftAll(String text, Placeholders held) {
        String result = held.replaceAll(text, ISO, this::shiftIso);
        result = held.replaceAll(result, MONTH_FIRST, this::shiftMonthFirst);
        return held.replaceAll(result, DAY_FIRST, this::shiftDayFirst);
    }

    /** Relative date phrases replaced by the (already shifted) date they stand for, e.g. "tomorrow" by "March 3". */
    String replaceRelative(String text, LocalDate newTarget, Placeholders held) {
        String rendered = monthName(newTarget.getMonth(), "January") + " " + newTarget.getDayOfMonth();
        return held.replaceAll(text, RELATIVE,
                m -> PREPOSITION_BEFORE.matcher(text.substring(0, m.start())).find() ? rendered : "on " + rendered);
    }

    private String shiftIso(Matcher m) {
        LocalDate date = isoDate(m);
        if (date == null) {
            return null;
        }
        LocalDate shifted = shift(date);
        StringBuilder out = new StringBuilder(shifted.toString());
        if (m.group(4) != null) {
            String weekdayPart = m.group(4);
            String oldWeekday = m.group(5);
            int at = weekdayPart.indexOf('(');
            out.append(weekdayPart, 0, at + 1)
                    .append(weekdayName(shifted.getDayOfWeek(), oldWeekday))
                    .append(')');
        }
        return out.toString();
    }

    private String shiftMonthFirst(Matcher m) {
        LocalDate date = namedDate(m.group(3), m.group(5), m.group(8));
        if (date == null) {
            return null;
        }
        LocalDate shifted = shift(date);
        StringBuilder out = new StringBuilder();
        if (m.group(1) != null) {
            out.append(weekdayName(shifted.getDayOfWeek(), m.group(1))).append(m.group(2));
        }
        out.append(monthName(shifted.getMonth(), m.group(3))).append(m.group(4)).append(shifted.getDayOfMonth());
        if (m.group(6) != null) {
            out.append(ordinal(shifted.getDayOfMonth(), m.group(6)));
        }
        if (m.group(8) != null) {
            out.append(m.group(7)).append(shifted.getYear());
        }
        return out.toString();
    }

    private String shiftDayFirst(Matcher m) {
        LocalDate date = namedDate(m.group(6), m.group(3), m.group(9));
        if (date == null) {
            return null;
        }
        LocalDate shifted = shift(date);
        StringBuilder out = new StringBuilder();
        if (m.group(1) != null) {
            out.append(weekdayName(shifted.getDayOfWeek(), m.group(1))).append(m.group(2));
        }
        out.append(shifted.getDayOfMonth());
        if (m.group(4) != null) {
            out.append(ordinal(shifted.getDayOfMonth(), m.group(4)));
        }
        out.append(m.group(5)).append(monthName(shifted.getMonth(), m.group(6))).append(m.group(7));
        if (m.group(9) != null) {
            out.append(m.group(8)).append(shifted.getYear());
        }
        return out.toString();
    }

    private LocalDate namedDate(String month, String day, String year) {
        try {
            return LocalDate.of(year == null ? referenceYear : Integer.parseInt(year), parseMonth(month),
                    Integer.parseInt(day));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static LocalDate isoDate(Matcher m) {
        try {
            return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Month parseMonth(String name) {
        String prefix = name.toLowerCase(Locale.ROOT).substring(0, 3);
        for (Month month : Month.values()) {
            if (month.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT).startsWith(prefix)) {
                return month;
            }
        }
        throw new DateTimeException("unknown month " + name);
    }

    /** The month's name in the style of {@code example}: full or abbreviated, and with the same casing. */
    static String monthName(Month month, String example) {
        String full = month.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        String name;
        if (example.length() <= 4 && !example.equalsIgnoreCase("june") && !example.equalsIgnoreCase("july")
                && !example.equalsIgnoreCase("may")) {
            name = example.length() == 4 && month == Month.SEPTEMBER ? "Sept" : full.substring(0, 3);
        } else {
            name = full;
        }
        return applyCase(name, example);
    }

    static String weekdayName(DayOfWeek day, String example) {
        String full = day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        String name = example.length() <= 5 ? full.substring(0, 3) : full;
        return applyCase(name, example);
    }

    private static String applyCase(String name, String example) {
        if (example.equals(example.toUpperCase(Locale.ROOT)) && example.length() > 1) {
            return name.toUpperCase(Locale.ROOT);
        }
        if (example.equals(example.toLowerCase(Locale.ROOT))) {
            return name.toLowerCase(Locale.ROOT);
        }
        return name;
    }

    private static String ordinal(int day, String example) {
        String suffix;
        if (day % 100 >= 11 && day % 100 <= 13) {
            suffix = "th";
        } else {
            suffix = switch (day % 10) {
                case 1 -> "st";
                case 2 -> "nd";
                case 3 -> "rd";
                default -> "th";
            };
        }
        return example.equals(example.toUpperCase(Locale.ROOT)) ? suffix.toUpperCase(Locale.ROOT) : suffix;
    }
}
