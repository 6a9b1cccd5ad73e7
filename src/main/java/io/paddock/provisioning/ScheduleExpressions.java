package io.paddock.provisioning;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * One-time {@code at(...)} schedules are refused: a job that runs once is not a cron job here. Also computes
 * when an expression fires (UTC), for the local provider's simulated schedules. {@link CronParser} reads the fields
 * of a {@code cron(...)}.
 */
public final class ScheduleExpressions {

    /** EventBridge Scheduler's limit on ScheduleExpression. */
    public static final int MAX_LENGTH = 256;

    private static final Pattern WRAPPED = Pattern.compile("^(cron|rate|at)\\((.*)\\)$", Pattern.DOTALL);
    private static final Pattern RATE = Pattern.compile("^(\\d+) ([a-z]+)$");

    private ScheduleExpressions() {
    }

    /** A parsed expression. */
    public sealed interface Expression permits Cron, Rate {
    }

    /** {@code rate(value unit)} as a period. */
    public record Rate(Duration period) implements Expression {
    }

    /**
     * {@code cron(...)}: the values each plain field allows, and the day rules. {@code dayOfMonth} and
     * {@code dayOfWeek} are null when the field is {@code ?}.
     */
    public record Cron(BitSet minutes, BitSet hours, DayRule dayOfMonth, BitSet months, DayRule dayOfWeek,
            BitSet years) implements Expression {
    }

    /** A day-of-month or day-of-week field. */
    public sealed interface DayRule permits Days, LastDayOfMonth, NearestWeekday, LastWeekdayOfMonth, LastInMonth,
            NthInMonth {
        boolean matches(LocalDate date);
    }

    /** Plain values: days of the month 1-31, or days of the week 1-7 (1 is Sunday). */
    public record Days(BitSet values, boolean ofWeek) implements DayRule {
        @Override
        public boolean matches(LocalDate date) {
            return values.get(ofWeek ? awsDayOfWeek(date.getDayOfWeek()) : date.getDayOfMonth());
        }
    }

    /** {@code L} in day-of-month. */
    public record LastDayOfMonth() implements DayRule {
        @Override
        public boolean matches(LocalDate date) {
            return date.getDayOfMonth() == date.lengthOfMonth();
        }
    }

    /** {@code LW}: the last weekday (Monday to Friday) of the month. */
    public record LastWeekdayOfMonth() implements DayRule {
        @Override
        public boolean matches(LocalDate date) {
            return date.equals(nearestWeekday(date.withDayOfMonth(date.lengthOfMonth())));
        }
    }

    /** {@code nW}: the weekday nearest day n, within the same month. */
    public record NearestWeekday(int day) implements DayRule {
        @Override
        public boolean matches(LocalDate date) {
            if (day > date.lengthOfMonth()) {
                return false;
            }
            return date.equals(nearestWeekday(date.withDayOfMonth(day)));
        }
    }

    /** {@code dL} in day-of-week ({@code L} alone is Saturday): the last such day of the month. */
    public record LastInMonth(int dayOfWeek) implements DayRule {
        @Override
        public boolean matches(LocalDate date) {
            return awsDayOfWeek(date.getDayOfWeek()) == dayOfWeek && date.plusWeeks(1).getMonth() != date.getMonth();
        }
    }

    /** {@code d#n}: the n-th such day of the month. */
    public record NthInMonth(int dayOfWeek, int nth) implements DayRule {
        @Override
        public boolean matches(LocalDate date) {
            return awsDayOfWeek(date.getDayOfWeek()) == dayOfWeek && (date.getDayOfMonth() - 1) / 7 + 1 == nth;
        }
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
            case "cron" -> CronParser.parse(wrapped.group(2), problems);
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

    /** The text as a problem quotes it: cut short, control characters shown as ?. */
    static String quote(String text) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        StringBuilder safe = new StringBuilder();
        for (char c : shown.toCharArray()) {
            safe.append(Character.isISOControl(c) ? '?' : c);
        }
        return "\"" + safe + "\"";
    }

    // --- when an expression fires

    /**
     * The times the expression fires after {@code after} up to and including {@code until} (UTC, whole minutes),
     * the latest {@code limit} of them, oldest first. A rate fires every period from {@code anchor} on.
     */
    public static List<Instant> fireTimes(Expression expression, Instant anchor, Instant after, Instant until, int limit) {
        List<Instant> times = new ArrayList<>();
        if (!until.isAfter(after)) {
            return times;
        }
        if (expression instanceof Rate rate) {
            long period = rate.period().toMillis();
            long first = Math.max(1, (after.toEpochMilli() - anchor.toEpochMilli()) / period + 1);
            long last = (until.toEpochMilli() - anchor.toEpochMilli()) / period;
            for (long k = Math.max(first, last - limit + 1); k <= last; k++) {
                Instant at = anchor.plusMillis(k * period);
                if (at.isAfter(after)) {
                    times.add(at);
                }
            }
            return times;
        }
        Cron cron = (Cron) expression;
        ZonedDateTime end = until.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        ZonedDateTime start = after.atZone(ZoneOffset.UTC);
        // Walks back from the end, so that only the latest `limit` are computed however old `after` is.
        for (ZonedDateTime t = end; t.isAfter(start) && times.size() < limit; t = t.minusMinutes(1)) {
            if (matches(cron, t)) {
                times.add(0, t.toInstant());
            }
        }
        return times;
    }

    static boolean matches(Cron cron, ZonedDateTime t) {
        LocalDate date = t.toLocalDate();
        return cron.minutes().get(t.getMinute()) && cron.hours().get(t.getHour())
                && cron.months().get(t.getMonthValue()) && cron.years().get(t.getYear())
                && (cron.dayOfMonth() == null || cron.dayOfMonth().matches(date))
                && (cron.dayOfWeek() == null || cron.dayOfWeek().matches(date));
    }

    private static int awsDayOfWeek(DayOfWeek day) {
        return day.getValue() % 7 + 1;
    }

    private static LocalDate nearestWeekday(LocalDate date) {
        return switch (date.getDayOfWeek()) {
            case SATURDAY -> date.getDayOfMonth() == 1 ? date.plusDays(2) : date.minusDays(1);
            case SUNDAY -> date.getDayOfMonth() == date.lengthOfMonth() ? date.minusDays(2) : date.plusDays(1);
            default -> date;
        };
    }
}
