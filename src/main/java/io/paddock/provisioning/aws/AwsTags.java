package io.paddock.provisioning.aws;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Paddock's tags in each service's shape. */
final class AwsTags {

    private AwsTags() {
    }

    static <T> List<T> of(Map<String, String> tags, BiFunction<String, String, T> tag) {
        return tags.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> tag.apply(entry.getKey(), entry.getValue()))
                .toList();
    }
}
