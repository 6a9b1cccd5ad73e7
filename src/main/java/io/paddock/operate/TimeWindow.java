package io.paddock.operate;

import java.time.Duration;

/**
 * The time range one logs or metrics call reads, in milliseconds since the epoch: as given; without an end, up to
 * now; without a start, the default range before the end. Checked for order and width.
 */
record TimeWindow(long start, long end) {

    static TimeWindow of(Long start, Long end, Duration defaultRange, Duration maxRange, QueryProblems problems) {
        long now = System.currentTimeMillis();
        long range = defaultRange.toMillis();
        long to = end != null ? end : now;
        long from = start != null ? start : to - range;
        if (start != null && start > to) {
            problems.add("startTime", "must not be after endTime (default: now); send a startTime before " + to);
        } else if (to - from > maxRange.toMillis()) {
            problems.add("startTime", "the range from startTime to endTime is wider than the " + maxRange.toHours()
                    + " hours one call may read; narrow it and page through the rest");
        }
        return new TimeWindow(from, to);
    }
}
