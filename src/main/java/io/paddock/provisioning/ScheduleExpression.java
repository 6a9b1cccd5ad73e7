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

/**
 * A schedule expression as {@link ScheduleExpressions} parses it, and when it fires (UTC), for the local
 * provider's simulated schedules.
 */
public final class ScheduleExpression {

    private ScheduleExpression() {
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

    /**
     * The times the expression fires after {@code after} up to and including {@code until} (UTC, whole minutes),
     * the latest {@code limit} of them, oldest first. A rate fires every period from {@code anchor} on.
     */
    static List<Instant> fireTimes(Expression expression, Instant anchor, Instant after, Instant until, int limit) {
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
