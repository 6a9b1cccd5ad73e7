package io.paddock.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** EventBridge Scheduler's cron() and rate() syntax as Paddock checks it, and when an expression fires. */
class ScheduleExpressionsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "cron(0 10 * * ? *)",
            "cron(15 12 * * ? *)",
            "cron(0 18 ? * MON-FRI *)",
            "cron(0 8 1 * ? *)",
            "cron(0/15 * * * ? *)",
            "cron(0/10 * ? * MON-FRI *)",
            "cron(0/5 8-17 ? * MON-FRI *)",
            "cron(0 9 ? * 2#1 *)",
            "cron(0 9 ? * TUE#2 *)",
            "cron(0 0 L * ? *)",
            "cron(0 0 LW * ? *)",
            "cron(0 0 15W * ? *)",
            "cron(0 0 ? * 6L *)",
            "cron(0 0 ? * FRIL *)",
            "cron(0 0 ? * L *)",
            "cron(0,30 1,13 1-15 JAN,JUL ? 2026-2030)",
            "cron(5 4 * * ? 2199)",
            "cron(*/20 * * JAN-DEC ? *)",
            "cron(0 3 ? * SUN,SAT *)",
            "rate(1 minute)",
            "rate(5 minutes)",
            "rate(1 hour)",
            "rate(12 hours)",
            "rate(1 day)",
            "rate(7 days)"
    })
    void acceptsWhatEventBridgeSchedulerAccepts(String expression) {
        assertThat(ScheduleExpressions.problems(expression)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|must be cron(...) or rate(...)",
            "0 10 * * ? *|must be cron(...) or rate(...), e.g. cron(0 3 * * ? *) or rate(15 minutes); you sent \"0 10 * * ? *\"",
            "CRON(0 10 * * ? *)|must be cron(...) or rate(...)",
            "at(2026-12-01T10:00:00)|at(...) one-time schedules are not supported for cron jobs",
            "cron(0 10 * * ?)|cron(...) must have 6 fields separated by spaces (minutes hours day-of-month month day-of-week year), e.g. cron(0 3 * * ? *); you sent 5",
            "cron(0 10 * * ? * *)|cron(...) must have 6 fields",
            "cron()|cron(...) must have 6 fields",
            "cron(60 10 * * ? *)|minutes field \"60\": \"60\" is not in 0-59",
            "cron(0 24 * * ? *)|hours field \"24\": \"24\" is not in 0-23",
            "cron(0 10 0 * ? *)|day-of-month field \"0\": \"0\" is not in 1-31",
            "cron(0 10 32 * ? *)|day-of-month field \"32\": \"32\" is not in 1-31",
            "cron(0 10 * 13 ? *)|month field \"13\": \"13\" is not in 1-12 or JAN-DEC",
            "cron(0 10 * FOO ? *)|month field \"FOO\": \"FOO\" is not in 1-12 or JAN-DEC",
            "cron(0 10 ? * 8 *)|day-of-week field \"8\": \"8\" is not in 1-7 or SUN-SAT",
            "cron(0 10 ? * MON-FOO *)|day-of-week field \"MON-FOO\": \"FOO\" is not in 1-7 or SUN-SAT",
            "cron(0 10 * * ? 1969)|year field \"1969\": \"1969\" is not in 1970-2199",
            "cron(0 10 * * ? 2200)|year field \"2200\": \"2200\" is not in 1970-2199",
            "cron(0 10 * * * *)|needs ? in exactly one of day-of-month and day-of-week",
            "cron(0 10 ? * ? *)|needs ? in exactly one of day-of-month and day-of-week",
            "cron(0 10 1 * MON *)|needs ? in exactly one of day-of-month and day-of-week",
            "cron(? 10 * * ? *)|minutes field \"?\" has \"?\", which it does not take",
            "cron(0 L * * ? *)|hours field \"L\" has \"L\", which it does not take",
            "cron(0 10 * * ? MON)|year field \"MON\" has \"M\", which it does not take",
            "cron(0 10 ? * MON/2 *)|day-of-week field \"MON/2\" has \"/\", which it does not take",
            "cron(0 10 1#2 * ? *)|day-of-month field \"1#2\" has \"#\", which it does not take",
            "cron(0/0 10 * * ? *)|minutes field \"0/0\": the increment after / must be a number from 1 to 59",
            "cron(0/x 10 * * ? *)|minutes field \"0/x\" has \"x\", which it does not take",
            "cron(30-10 10 * * ? *)|minutes field \"30-10\": a range must go from the lower to the higher value",
            "cron(0,,5 10 * * ? *)|minutes field has an empty item in its list",
            "cron(0 10 ? * 2#6 *)|# takes one day and its instance in the month, 1-5",
            "cron(0 10 ? * 2#1,3#1 *)|# takes one day and its instance in the month, 1-5",
            "cron(0 10 1,L * ? *)|L, LW, nW and ? stand alone",
            "cron(0 10 32W * ? *)|W follows one day of the month 1-31",
            "cron(0 10 ? * 1,L *)|L alone is the last day of the week, and after one day",
            "cron(0 10 ? * L,1 *)|L stands alone or after one day",
            "cron(0 10 ? * 9L *)|L alone is the last day of the week",
            "rate(0 minutes)|rate(...) value must be a positive whole number without leading zeros; you sent 0",
            "rate(05 minutes)|rate(...) value must be a positive whole number without leading zeros",
            "rate(-5 minutes)|rate(...) must be rate(value unit)",
            "rate(1.5 hours)|rate(...) must be rate(value unit)",
            "rate(5 minute)|rate(...) with a value above 1 takes the plural unit: rate(5 minutes)",
            "rate(1 minutes)|rate(...) with the value 1 takes the singular unit: rate(1 minute)",
            "rate(1 days)|rate(...) with the value 1 takes the singular unit: rate(1 day)",
            "rate(2 weeks)|rate(...) unit must be minute, minutes, hour, hours, day or days; you sent \"weeks\"",
            "rate(5  minutes)|rate(...) must be rate(value unit)",
            "rate(5)|rate(...) must be rate(value unit)",
            "rate(5 MINUTES)|rate(...) must be rate(value unit)"
    })
    void refusesWhatEventBridgeSchedulerRefusesAndSaysWhy(String expression, String message) {
        List<String> problems = ScheduleExpressions.problems(expression);

        assertThat(problems).isNotEmpty();
        assertThat(String.join("; ", problems)).contains(message);
    }

    @org.junit.jupiter.api.Test
    void refusesAnExpressionLongerThanSchedulerTakes() {
        String longest = "cron(" + "0,".repeat(130) + "0 10 * * ? *)";

        assertThat(ScheduleExpressions.problems(longest)).containsExactly("must be at most 256 characters");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // expression | after (exclusive) | until | fire times
            "cron(0 10 * * ? *)|2026-11-20T00:00:00Z|2026-11-22T23:59:00Z|2026-11-20T10:00:00Z 2026-11-21T10:00:00Z 2026-11-22T10:00:00Z",
            "cron(0/20 9 * * ? *)|2026-11-23T09:00:00Z|2026-11-23T10:00:00Z|2026-11-23T09:20:00Z 2026-11-23T09:40:00Z",
            "cron(30 8 ? * MON-FRI *)|2026-11-20T00:00:00Z|2026-11-24T00:00:00Z|2026-11-20T08:30:00Z 2026-11-23T08:30:00Z",
            "cron(0 0 L * ? *)|2026-01-01T00:00:00Z|2026-03-30T23:00:00Z|2026-01-31T00:00:00Z 2026-02-28T00:00:00Z",
            "cron(0 0 ? * 2#1 *)|2026-10-30T00:00:00Z|2026-11-30T00:00:00Z|2026-11-02T00:00:00Z",
            "cron(0 0 ? * 6L *)|2026-11-01T00:00:00Z|2026-11-30T00:00:00Z|2026-11-27T00:00:00Z",
            "cron(0 0 1W * ? *)|2026-11-01T00:00:00Z|2026-11-30T00:00:00Z|2026-11-02T00:00:00Z",
            "cron(0 0 LW * ? *)|2026-10-01T00:00:00Z|2026-11-30T23:00:00Z|2026-10-30T00:00:00Z 2026-11-30T00:00:00Z",
            "rate(1 hour)|2026-11-23T00:00:00Z|2026-11-23T03:30:00Z|2026-11-23T01:00:00Z 2026-11-23T02:00:00Z 2026-11-23T03:00:00Z"
    })
    void computesWhenAnExpressionFires(String expression, Instant after, Instant until, String expected) {
        Instant anchor = Instant.parse("2026-11-23T00:00:00Z");

        List<Instant> fired = ScheduleExpressions.fireTimes(ScheduleExpressions.parse(expression), anchor, after, until, 100);

        assertThat(fired).containsExactlyElementsOf(
                java.util.Arrays.stream(expected.split(" ")).map(Instant::parse).toList());
    }

    @org.junit.jupiter.api.Test
    void keepsOnlyTheLatestFireTimesWhenAskedForFewer() {
        ZonedDateTime until = ZonedDateTime.of(2026, 11, 23, 12, 0, 0, 0, ZoneOffset.UTC);

        List<Instant> fired = ScheduleExpressions.fireTimes(ScheduleExpressions.parse("cron(* * * * ? *)"),
                until.toInstant(), until.minusDays(7).toInstant(), until.toInstant(), 3);

        assertThat(fired).containsExactly(until.minusMinutes(2).toInstant(), until.minusMinutes(1).toInstant(),
                until.toInstant());
    }
}
