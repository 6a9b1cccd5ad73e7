package io.paddock.provisioning.local;

import java.util.ArrayList;
import java.util.List;

import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.ProviderException;

/**
 * CloudWatch Logs' term filter patterns as SQL conditions on the message, with the terms as parameters:
 * {@code ERROR timeout} (both), {@code "connection refused"} (the phrase), {@code -debug} (not it),
 * {@code ?ERROR ?WARN} (either). Matching is case-sensitive, as CloudWatch's is.
 */
final class LocalLogPatterns {

    private LocalLogPatterns() {
    }

    /** The condition (starting with " AND"), its terms appended to {@code params}. */
    static String where(CloudOperation operation, String pattern, List<Object> params) {
        String trimmed = pattern.trim();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            throw ProviderException.refused(operation, "InvalidParameterException",
                    "Invalid filter pattern: the local provider matches terms, phrases, -terms and ?terms only");
        }
        List<String> all = new ArrayList<>();
        List<String> none = new ArrayList<>();
        List<String> any = new ArrayList<>();
        for (String token : tokens(operation, trimmed)) {
            if (token.startsWith("?") && token.length() > 1) {
                any.add(token.substring(1));
            } else if (token.startsWith("-") && token.length() > 1) {
                none.add(token.substring(1));
            } else {
                all.add(token);
            }
        }
        StringBuilder sql = new StringBuilder();
        for (String term : all) {
            params.add(term);
            sql.append(" AND strpos(message, $").append(params.size()).append(") > 0");
        }
        for (String term : none) {
            params.add(term);
            sql.append(" AND strpos(message, $").append(params.size()).append(") = 0");
        }
        if (!any.isEmpty()) {
            List<String> either = new ArrayList<>();
            for (String term : any) {
                params.add(term);
                either.add("strpos(message, $" + params.size() + ") > 0");
            }
            sql.append(" AND (").append(String.join(" OR ", either)).append(')');
        }
        return sql.toString();
    }

    private static List<String> tokens(CloudOperation operation, String pattern) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            String prefix = "";
            if ((c == '?' || c == '-') && i + 1 < pattern.length() && pattern.charAt(i + 1) == '"') {
                prefix = String.valueOf(c);
                i++;
                c = '"';
            }
            if (c == '"') {
                int end = pattern.indexOf('"', i + 1);
                if (end < 0) {
                    throw ProviderException.refused(operation, "InvalidParameterException",
                            "Invalid filter pattern: a quoted phrase is not closed");
                }
                tokens.add(prefix + pattern.substring(i + 1, end));
                i = end + 1;
            } else {
                int end = i;
                while (end < pattern.length() && !Character.isWhitespace(pattern.charAt(end))) {
                    end++;
                }
                tokens.add(pattern.substring(i, end));
                i = end;
            }
        }
        return tokens;
    }
}
