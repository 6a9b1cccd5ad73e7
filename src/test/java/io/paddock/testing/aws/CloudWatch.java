package io.paddock.testing.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * CloudWatch's GetMetricData as SDK 2.40's client speaks it: the query protocol (form-encoded, {@code Version}
 * 2010-08-01) answered with XML in {@code http://monitoring.amazonaws.com/doc/2010-08-01/}. Tests put datapoints;
 * each query's are those of its namespace, metric name and exact dimensions in [StartTime, EndTime), aggregated per
 * period with its statistic, oldest first. Ids, periods and the time range are checked as CloudWatch checks them.
 */
final class CloudWatch {

    static final String VERSION = "2010-08-01";
    static final String NS = "http://monitoring.amazonaws.com/doc/2010-08-01/";
    private static final Pattern ID = Pattern.compile("^[a-z][a-zA-Z0-9_]*$");
    private static final int MAX_QUERIES = 500;

    record Datapoint(String namespace, String metricName, Map<String, String> dimensions, long timestamp, double value) {
    }

    private final List<Datapoint> datapoints = new CopyOnWriteArrayList<>();

    void put(String namespace, String metricName, Map<String, String> dimensions, long timestamp, double value) {
        datapoints.add(new Datapoint(namespace, metricName, Map.copyOf(dimensions), timestamp, value));
    }

    String handle(String operation, Map<String, String> params) {
        if (!operation.equals("GetMetricData")) {
            throw AwsDouble.refused("InvalidAction", "The action " + operation + " is not valid for this web service.");
        }
        long start = time(params.get("StartTime"), "StartTime");
        long end = time(params.get("EndTime"), "EndTime");
        if (start >= end) {
            throw AwsDouble.refused("InvalidParameterValue", "The parameter StartTime must be less than the parameter EndTime.");
        }
        StringBuilder results = new StringBuilder();
        int count = 0;
        for (int i = 1; params.containsKey("MetricDataQueries.member." + i + ".Id"); i++) {
            count++;
            String prefix = "MetricDataQueries.member." + i + ".";
            String id = params.get(prefix + "Id");
            if (!ID.matcher(id).matches()) {
                throw AwsDouble.refused("ValidationError", "The value " + id + " for parameter MetricDataQueries.member."
                        + i + ".Id is not valid.");
            }
            String stat = prefix + "MetricStat.";
            int period = Integer.parseInt(params.getOrDefault(stat + "Period", "0"));
            if (period < 60 || period % 60 != 0) {
                throw AwsDouble.refused("InvalidParameterValue", "The parameter MetricDataQueries.member." + i
                        + ".MetricStat.Period must be a multiple of 60.");
            }
            Map<String, String> dimensions = new LinkedHashMap<>();
            for (int d = 1; params.containsKey(stat + "Metric.Dimensions.member." + d + ".Name"); d++) {
                dimensions.put(params.get(stat + "Metric.Dimensions.member." + d + ".Name"),
                        params.get(stat + "Metric.Dimensions.member." + d + ".Value"));
            }
            results.append(result(id, params.get(stat + "Metric.Namespace"), params.get(stat + "Metric.MetricName"),
                    dimensions, params.get(stat + "Stat"), period, start, end));
        }
        if (count == 0 || count > MAX_QUERIES) {
            throw AwsDouble.refused("InvalidParameterValue", "MetricDataQueries must have 1 to 500 members.");
        }
        return "<GetMetricDataResponse xmlns=\"" + NS + "\"><GetMetricDataResult><MetricDataResults>" + results
                + "</MetricDataResults><Messages/></GetMetricDataResult><ResponseMetadata><RequestId>{requestId}"
                + "</RequestId></ResponseMetadata></GetMetricDataResponse>";
    }

    private String result(String id, String namespace, String metric, Map<String, String> dimensions, String stat,
            int period, long start, long end) {
        Map<Long, List<Double>> buckets = new LinkedHashMap<>();
        datapoints.stream()
                .filter(p -> p.namespace().equals(namespace) && p.metricName().equals(metric)
                        && p.dimensions().equals(dimensions) && p.timestamp() >= start && p.timestamp() < end)
                .sorted((a, b) -> Long.compare(a.timestamp(), b.timestamp()))
                .forEach(p -> buckets.computeIfAbsent(p.timestamp() - Math.floorMod(p.timestamp(), period * 1000L),
                        t -> new ArrayList<>()).add(p.value()));
        StringBuilder timestamps = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (Map.Entry<Long, List<Double>> bucket : buckets.entrySet()) {
            List<Double> v = bucket.getValue();
            double value = switch (stat) {
                case "Sum" -> v.stream().mapToDouble(Double::doubleValue).sum();
                case "Maximum" -> v.stream().mapToDouble(Double::doubleValue).max().orElse(0);
                case "Minimum" -> v.stream().mapToDouble(Double::doubleValue).min().orElse(0);
                case "SampleCount" -> v.size();
                default -> v.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            };
            timestamps.append("<member>").append(Instant.ofEpochMilli(bucket.getKey())).append("</member>");
            values.append("<member>").append(value).append("</member>");
        }
        return "<member><Id>" + id + "</Id><Label>" + metric + "</Label><Timestamps>" + timestamps
                + "</Timestamps><Values>" + values + "</Values><StatusCode>Complete</StatusCode></member>";
    }

    private static long time(String value, String name) {
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (RuntimeException e) {
            throw AwsDouble.refused("InvalidParameterValue", "The parameter " + name + " is not a valid timestamp.");
        }
    }
}
