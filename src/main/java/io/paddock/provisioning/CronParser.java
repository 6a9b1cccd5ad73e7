package io.paddock.provisioning;

import static io.paddock.provisioning.ScheduleExpressions.quote;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import io.paddock.provisioning.ScheduleExpressions.Cron;
import io.paddock.provisioning.ScheduleExpressions.DayRule;
import io.paddock.provisioning.ScheduleExpressions.Days;
import io.paddock.provisioning.ScheduleExpressions.LastDayOfMonth;
import io.paddock.provisioning.ScheduleExpressions.LastInMonth;
import io.paddock.provisioning.ScheduleExpressions.LastWeekdayOfMonth;
import io.paddock.provisioning.ScheduleExpressions.NearestWeekday;
import io.paddock.provisioning.ScheduleExpressions.NthInMonth;

/**
 * Reads the six fields of a {@code cron(...)} schedule expression as EventBridge Scheduler takes them (see
 * {@link ScheduleExpressions}), saying what is wrong with each in words a client can act on.
 */
final class CronParser {

    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private CronParser() {
    }

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

    /** The cron's fields, or null with what is wrong added to {@code problems}. */
    static Cron parse(String body, List<String> problems) {
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
        BitSet values = new BitSet();
        for (String item : text.split(",", -1)) {
            if (!item(field, item, values, problems)) {
                return null;
            }
        }
        return new Days(values, false);
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
        BitSet values = new BitSet();
        for (String item : text.split(",", -1)) {
            if (!item(field, item, values, problems)) {
                return null;
            }
        }
        return new Days(values, true);
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
}
