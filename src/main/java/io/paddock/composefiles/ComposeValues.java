package io.paddock.composefiles;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values of a docker-compose file as Paddock's compose writes them: durations in seconds, CPUs in ECS units,
 * memory in MiB, commands as lists of words. A value that cannot be read is an {@link IllegalArgumentException}
 * saying what to write instead.
 */
final class ComposeValues {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|ms|s|m|h)");
    private static final Pattern MEMORY = Pattern.compile("^(\\d+(?:\\.\\d+)?)\\s*([bkmg]?)b?$", Pattern.CASE_INSENSITIVE);

    private ComposeValues() {
    }

    /** A compose duration ("30s", "1m30s", "500ms", or a number of seconds) in whole seconds, rounded up. */
    static Integer seconds(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Integer i) {
            return i;
        }
        String text = String.valueOf(value).trim();
        Matcher m = DURATION.matcher(text);
        double total = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            double n = Double.parseDouble(m.group(1));
            total += switch (m.group(2)) {
                case "us" -> n / 1_000_000;
                case "ms" -> n / 1000;
                case "m" -> n * 60;
                case "h" -> n * 3600;
                default -> n;
            };
            end = m.end();
        }
        if (end == 0 || end != text.length()) {
            throw new IllegalArgumentException("is not a duration (e.g. \"30s\", \"1m30s\")");
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.ceil(total));
    }

    /** Docker's cpus (0.5) as ECS CPU units (512). */
    static Integer cpuUnits(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(String.valueOf(value).trim()).multiply(BigDecimal.valueOf(1024)).intValue();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a number of CPUs (e.g. 0.5)");
        }
    }

    /** A memory size ("512M", "1g", or a number of bytes) in MiB, rounded up. */
    static Integer mebibytes(Object value) {
        if (value == null) {
            return null;
        }
        Matcher m = MEMORY.matcher(String.valueOf(value).trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("is not a memory size (e.g. \"512M\", \"1G\")");
        }
        double n = Double.parseDouble(m.group(1));
        double mib = switch (m.group(2).toLowerCase()) {
            case "k" -> n / 1024;
            case "m" -> n;
            case "g" -> n * 1024;
            default -> n / (1024 * 1024);
        };
        return (int) Math.min(Integer.MAX_VALUE, Math.ceil(mib));
    }

    /** A path's last segment as a volume name: letters, digits, _ and -, at most 63. */
    static String logicalName(String path) {
        String[] segments = path.replaceAll("/+$", "").split("/");
        String last = segments.length == 0 ? "" : segments[segments.length - 1];
        String name = last.replaceAll("[^A-Za-z0-9_-]", "-").replaceAll("^-+|-+$", "");
        name = name.isEmpty() ? "data" : name;
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    /** The tag an image name carries, or {@code fallback}. */
    static String tagOf(String image, String fallback) {
        if (image == null) {
            return fallback;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash ? image.substring(colon + 1) : fallback;
    }

    static String kind(Object value) {
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value == null) {
            return "null";
        }
        return value instanceof String ? "a string" : "a " + value.getClass().getSimpleName().toLowerCase();
    }
}
