package io.paddock.provisioning;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.paddock.provisioning.ScheduleExpression.Cron;
import io.paddock.provisioning.ScheduleExpression.DayRule;
import io.paddock.provisioning.ScheduleExpression.Days;
import io.paddock.provisioning.ScheduleExpression.Expression;
import io.paddock.provisioning.ScheduleExpression.LastDayOfMonth;
import io.paddock.provisioning.ScheduleExpression.LastInMonth;
import io.paddock.provisioning.ScheduleExpression.LastWeekdayOfMonth;
import io.paddock.provisioning.ScheduleExpression.NearestWeekday;
import io.paddock.provisioning.ScheduleExpression.NthInMonth;
import io.paddock.provisioning.ScheduleExpression.Rate;

/**
 * EventBridge Scheduler's recurring schedule expressions, checked before any cloud call so that a bad one is a
 * 400 naming what is wrong rather than a 502 from AWS:
 * <ul>
 * <li>{@code cron(minutes hours day-of-month month day-of-week year)}: minutes 0-59, hours 0-23, day-of-month
 * 1-31 (also {@code ? L W}), month 1-12 or JAN-DEC, day-of-week 1-7 or SUN-SAT (1 is Sunday; also {@code ? L #}),
 * year 1970-2199; {@code , - * /} where AWS allows them; exactly one of day-of-month and day-of-week is
 * {@code ?};</li>
 * <li>{@code rate(value unit)}: a positive whole value; minute, hour or day for 1, minutes, hours or days
 * above.</li>
 * </ul>
 * One-time {@code at(...)} schedules are refused: a job that runs once is not a cron job here. What an expression
 * is, once parsed, and when it fires: {@link ScheduleExpression}.
 */
public final class ScheduleExpressions {

    /** EventBridge Scheduler's limit on ScheduleExpression. */
    public static final int MAX_LENGTH = 256;

    private static final Pattern WRAPPED = Pattern.compile("^(cron|rate|at)\\((.*)\\)$", Pattern.DOTALL);
    private static final Pattern RATE = Pattern.compile("^(\\d+) ([a-z]+)$");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private ScheduleExpressions() {
    }

    /** What is wrong with the expression, in words a client can act on; empty when it is valid. */
    public static List<String> problems(String text) {
        List<String> problems = new ArrayList<>();
        parse(text, problems);
        return problems;
    }

    /** The expression, which must be valid ({@link #problems(String)} empty). */
    public static Expression parse(String text) {
        List<String> problems = new ArrayList<>();
        Expression expression = parse(text, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return expression;
    }

    private static Expression parse(String text, List<String> problems) {
        if (text == null || text.isBlank()) {
            problems.add("must be cron(...) or rate(...), e.g. cron(0 3 * * ? *) or rate(15 minutes)");
            return null;
        }
        if (text.length() > MAX_LENGTH) {
            problems.add("must be at most " + MAX_LENGTH + " characters");
            return null;
        }
        Matcher wrapped = WRAPPED.matcher(text);
        if (!wrapped.matches()) {
            problems.add("must be cron(...) or rate(...), e.g. cron(0 3 * * ? *) or rate(15 minutes); you sent "
                    + quote(text));
            return null;
        }
        return switch (wrapped.group(1)) {
            case "rate" -> rate(wrapped.group(2), problems);
            case "cron" -> cron(wrapped.group(2), problems);
            default -> {
                problems.add("at(...) one-time schedules are not supported for cron jobs; send a recurring cron(...)"
                        + " or rate(...) expression");
                yield null;
            }
        };
    }

    // --- rate

    private static Rate rate(String body, List<String> problems) {
        Matcher rate = RATE.matcher(body);
        if (!rate.matches()) {
            problems.add("rate(...) must be rate(value unit) with one space, a positive whole value and a unit of"
                    + " minute(s), hour(s) or day(s), e.g. rate(5 minutes); you sent rate(" + quote(body) + ")");
            return null;
        }
        String digits = rate.group(1);
        String unit = rate.group(2);
        long value;
        try {
            value = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            value = Long.MAX_VALUE;
        }
        if (value <= 0 || digits.startsWith("0")) {
            problems.add("rate(...) value must be a positive whole number without leading zeros; you sent " + digits);
            return null;
        }
        ChronoUnit chrono = switch (unit) {
            case "minute", "minutes" -> ChronoUnit.MINUTES;
            case "hour", "hours" -> ChronoUnit.HOURS;
            case "day", "days" -> ChronoUnit.DAYS;
            default -> null;
        };
        if (chrono == null) {
            problems.add("rate(...) unit must be minute, minutes, hour, hours, day or days; you sent " + quote(unit));
            return null;
        }
        boolean singular = !unit.endsWith("s");
        if (value == 1 && !singular) {
            problems.add("rate(...) with the value 1 takes the singular unit: rate(1 " + unit.substring(0, unit.length() - 1)
                    + ")");
            return null;
        }
        if (value > 1 && singular) {
            problems.add("rate(...) with a value above 1 takes the plural unit: rate(" + value + " " + unit + "s)");
            return null;
        }
        if (value > 1_000_000) {
            problems.add("rate(...) value must be at most 1000000; you sent " + value);
            return null;
        }
        return new Rate(chrono.getDuration().multipliedBy(value));
    }

    // --- cron

    private enum Field {
        MINUTES("minutes", 0, 59, null, ",-*/"),
        HOURS("hours", 0, 23, null, ",-*/"),
        DAY_OF_MONTH("day-of-month", 1, 31, null, ",-*?/LW"),
        MONTH("month", 1, 12, MONTHS, ",-*/"),
        DAY_OF_WEEK("day-of-week", 1, 7, DAYS, ",-*?L#"),
        YEAR("year", 1970, 2199, null, ",-*/");

        final String label;
        final int min;
        final int max;
        final List<String> names;
        final String wildcards;

        Field(String label, int min, int max, List<String> names, String wildcards) {
            this.label = label;
            this.min = min;
            this.max = max;
            this.names = names;
            this.wildcards = wildcards;
        }

        String range() {
            return min + "-" + max + (names == null ? "" : " or " + names.get(0) + "-" + names.get(names.size() - 1));
        }
    }

    private static Cron cron(String body, List<String> problems) {
        String trimmed = body.strip();
        String[] fields = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
        if (fields.length != 6) {
            problems.add("cron(...) must have 6 fields separated by spaces (minutes hours day-of-month month day-of-week"
                    + " year), e.g. cron(0 3 * * ? *); you sent " + fields.length);
            return null;
        }
        int before = problems.size();
        BitSet minutes = plain(Field.MINUTES, fields[0], problems);
        BitSet hours = plain(Field.HOURS, fields[1], problems);
        String dom = fields[2];
        String dow = fields[4];
        DayRule dayOfMonth = "?".equals(dom) ? null : dayOfMonth(dom, problems);
        BitSet months = plain(Field.MONTH, fields[3], problems);
        DayRule dayOfWeek = "?".equals(dow) ? null : dayOfWeek(dow, problems);
        BitSet years = plain(Field.YEAR, fields[5], problems);
        boolean domQuestion = "?".equals(dom);
        boolean dowQuestion = "?".equals(dow);
        if (domQuestion == dowQuestion) {
            problems.add("cron(...) needs ? in exactly one of day-of-month and day-of-week (AWS does not take both a"
                    + " day of the month and a day of the week), e.g. cron(0 3 * * ? *) or cron(0 3 ? * MON *)");
        }
        if (problems.size() > before) {
            return null;
        }
        return new Cron(minutes, hours, dayOfMonth, months, dayOfWeek, years);
    }

    /** A field of values, ranges, steps and {@code *}. */
    private static BitSet plain(Field field, String text, List<String> problems) {
        if (!allowedCharacters(field, text, problems)) {
            return null;
        }
        if (text.contains("?")) {
            problems.add(field.label + " field cannot be ?; only day-of-month or day-of-week can");
            return null;
        }
        return list(field, text, problems);
    }

    /** A comma-separated list of items; null (with the problem said) when one cannot be read. */
    private static BitSet list(Field field, String text, List<String> problems) {
        BitSet values = new BitSet();
        for (String item : text.split(",", -1)) {
            if (!item(field, item, values, problems)) {
                return null;
            }
        }
        return values;
    }

    private static boolean allowedCharacters(Field field, String text, List<String> problems) {
        for (char c : text.toCharArray()) {
            boolean ok = Character.isDigit(c) || field.wildcards.indexOf(c) >= 0
                    || (field.names != null && c >= 'A' && c <= 'Z');
            if (!ok) {
                problems.add(field.label + " field " + quote(text) + " has " + quote(String.valueOf(c))
                        + ", which it does not take; it takes " + field.range() + " with " + describe(field.wildcards));
                return false;
            }
        }
        return true;
    }

    /** One item of a list: {@code *}, {@code v}, {@code v-w}, each optionally {@code /step}. */
    private static boolean item(Field field, String item, BitSet values, List<String> problems) {
        if (item.isEmpty()) {
            problems.add(field.label + " field has an empty item in its list; separate values with single commas");
            return false;
        }
        String base = item;
        int step = 1;
        int slash = item.indexOf('/');
        if (slash >= 0) {
            base = item.substring(0, slash);
            String stepText = item.substring(slash + 1);
            Integer parsed = number(stepText);
            if (parsed == null || parsed < 1 || parsed > field.max) {
                problems.add(field.label + " field " + quote(item) + ": the increment after / must be a number from 1"
                        + " to " + field.max);
                return false;
            }
            step = parsed;
        }
        int from;
        int to;
        if (base.equals("*")) {
            from = field.min;
            to = field.max;
        } else {
            int dash = base.indexOf('-');
            Integer start = value(field, dash < 0 ? base : base.substring(0, dash), item, problems);
            if (start == null) {
                return false;
            }
            from = start;
            if (dash >= 0) {
                Integer end = value(field, base.substring(dash + 1), item, problems);
                if (end == null) {
                    return false;
                }
                if (end < start) {
                    problems.add(field.label + " field " + quote(item) + ": a range must go from the lower to the higher"
                            + " value");
                    return false;
                }
                to = end;
            } else {
                to = slash >= 0 ? field.max : start;
            }
        }
        for (int v = from; v <= to; v += step) {
            values.set(v);
        }
        return true;
    }

    private static Integer value(Field field, String text, String item, List<String> problems) {
        Integer number = number(text);
        if (number == null && field.names != null && field.names.contains(text)) {
            return field.names.indexOf(text) + 1;
        }
        if (number == null || number < field.min || number > field.max) {
            problems.add(field.label + " field " + quote(item) + ": " + quote(text) + " is not in " + field.range());
            return null;
        }
        return number;
    }

    private static DayRule dayOfMonth(String text, List<String> problems) {
        Field field = Field.DAY_OF_MONTH;
        if (!allowedCharacters(field, text, problems)) {
            return null;
        }
        if (text.equals("L")) {
            return new LastDayOfMonth();
        }
        if (text.equals("LW")) {
            return new LastWeekdayOfMonth();
        }
        if (text.endsWith("W")) {
            Integer day = number(text.substring(0, text.length() - 1));
            if (day == null || day < 1 || day > 31) {
                problems.add("day-of-month field " + quote(text) + ": W follows one day of the month 1-31, e.g. 15W"
                        + " (the weekday nearest the 15th), and cannot be part of a list or range");
                return null;
            }
            return new NearestWeekday(day);
        }
        if (text.contains("L") || text.contains("W") || text.contains("?")) {
            problems.add("day-of-month field " + quote(text) + ": L, LW, nW and ? stand alone, not in a list or range");
            return null;
        }
        BitSet values = list(field, text, problems);
        return values == null ? null : new Days(values, false);
    }

    private static DayRule dayOfWeek(String text, List<String> problems) {
        Field field = Field.DAY_OF_WEEK;
        if (!allowedCharacters(field, text, problems)) {
            return null;
        }
        if (text.equals("L")) {
            return new LastInMonth(7);
        }
        int hash = text.indexOf('#');
        if (hash >= 0) {
            Integer day = weekday(text.substring(0, hash));
            Integer nth = number(text.substring(hash + 1));
            if (day == null || nth == null || nth < 1 || nth > 5 || text.contains(",") || text.contains("-")
                    || text.contains("L")) {
                problems.add("day-of-week field " + quote(text) + ": # takes one day and its instance in the month,"
                        + " 1-5, e.g. 3#2 or TUE#2 (the second Tuesday), and stands alone");
                return null;
            }
            return new NthInMonth(day, nth);
        }
        if (text.endsWith("L")) {
            Integer day = weekday(text.substring(0, text.length() - 1));
            if (day == null) {
                problems.add("day-of-week field " + quote(text) + ": L alone is the last day of the week, and after one"
                        + " day (1-7 or SUN-SAT) the last such day of the month, e.g. 6L or FRIL");
                return null;
            }
            return new LastInMonth(day);
        }
        if (text.contains("L") && !text.matches(".*[A-Z]{3}.*")) {
            problems.add("day-of-week field " + quote(text) + ": L stands alone or after one day, not in a list or range");
            return null;
        }
        BitSet values = list(field, text, problems);
        return values == null ? null : new Days(values, true);
    }

    private static Integer weekday(String text) {
        Integer number = number(text);
        if (number != null) {
            return number >= 1 && number <= 7 ? number : null;
        }
        int index = DAYS.indexOf(text);
        return index < 0 ? null : index + 1;
    }

    private static Integer number(String text) {
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Integer.parseInt(text);
    }

    private static String describe(String wildcards) {
        List<String> parts = new ArrayList<>();
        for (char c : wildcards.toCharArray()) {
            parts.add(String.valueOf(c));
        }
        return String.join(" ", parts);
    }

    private static String quote(String text) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        StringBuilder safe = new StringBuilder();
        for (char c : shown.toCharArray()) {
            safe.append(Character.isISOControl(c) ? '?' : c);
        }
        return "\"" + safe + "\"";
    }

    /**
     * The times the expression fires after {@code after} up to and including {@code until} (UTC, whole minutes),
     * the latest {@code limit} of them, oldest first (see {@link ScheduleExpression#fireTimes}).
     */
    public static List<Instant> fireTimes(Expression expression, Instant anchor, Instant after, Instant until, int limit) {
        return ScheduleExpression.fireTimes(expression, anchor, after, until, limit);
    }
}
