package io.paddock.provisioning;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The deterministic names of one environment's resources, from organisation, application, envName and the
 * first eight hex digits of the environment's id (so a re-created envName never collides with one still
 * being torn down). Names keep to what every AWS name allows: lower-case letters, digits and hyphens.
 */
record ResourceNames(UUID environmentId, String base, String shortId, String hostname, Map<String, String> tags) {

    /** ELBv2 target group names: at most 32 characters. */
    static final int TARGET_GROUP_MAX = 32;
    /** EFS client tokens: at most 64 characters. */
    static final int TOKEN_MAX = 64;
    private static final int NAME_MAX = 200;

    static ResourceNames of(EnvironmentPlan plan, String baseDomain) {
        String base = sanitise(plan.organisation() + "-" + plan.application() + "-" + plan.envName());
        String shortId = plan.environmentId().toString().substring(0, 8);
        String hostname = (plan.envName() + "." + plan.application() + "." + plan.organisation() + "." + baseDomain)
                .toLowerCase(Locale.ROOT);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(ResourceTags.ENVIRONMENT_ID, plan.environmentId().toString());
        tags.put(ResourceTags.ORGANISATION, plan.organisation());
        tags.put(ResourceTags.APPLICATION, plan.application());
        tags.put(ResourceTags.ENV_NAME, plan.envName());
        return new ResourceNames(plan.environmentId(), base, shortId, hostname, Map.copyOf(tags));
    }

    String securityGroup() {
        return "paddock-" + base + "-" + shortId;
    }

    /** {@code <base>-<shortId>}, or when that is too long, the base cut short with a hash of the whole of it. */
    String targetGroup() {
        return fit(base, shortId, TARGET_GROUP_MAX);
    }

    String taskFamily() {
        return base + "-" + shortId;
    }

    String service() {
        return base + "-" + shortId;
    }

    /** CloudWatch Logs group names allow slashes; this one sorts an account's groups by organisation. */
    String logGroup() {
        return LogPort.logGroupOf(service());
    }

    /** Secrets Manager names allow slashes too. */
    String secret() {
        return "paddock/" + base + "-" + shortId + "/app-secrets";
    }

    /** Secrets Manager client request tokens: 32 to 64 characters. */
    String secretToken() {
        return "paddock-secret-" + environmentId;
    }

    String fileSystemToken() {
        return "paddock-" + environmentId;
    }

    String accessPointToken(String volumeName) {
        return fit(sanitise(volumeName), shortId, TOKEN_MAX);
    }

    private static String fit(String prefix, String suffix, int max) {
        String whole = prefix + "-" + suffix;
        if (whole.length() <= max) {
            return whole;
        }
        String hash = sha256(prefix).substring(0, 6);
        int room = max - suffix.length() - hash.length() - 2;
        String cut = trimHyphens(prefix.substring(0, room));
        return cut + "-" + hash + "-" + suffix;
    }

    static String sanitise(String value) {
        String lower = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        String trimmed = trimHyphens(lower);
        if (trimmed.length() > NAME_MAX) {
            trimmed = trimHyphens(trimmed.substring(0, NAME_MAX));
        }
        return trimmed.isEmpty() ? "env" : trimmed;
    }

    private static String trimHyphens(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) == '-') {
            start++;
        }
        while (end > start && value.charAt(end - 1) == '-') {
            end--;
        }
        return value.substring(start, end);
    }

    static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
