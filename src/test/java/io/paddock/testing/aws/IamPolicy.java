package io.paddock.testing.aws;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The actions an IAM policy allows, as the double enforces them: a request for an action no {@code Allow} statement
 * names is answered as AWS answers a caller without the permission. Creating with tags also needs the service's
 * tagging action, as in AWS. Conditions and resources are not evaluated here (the double has one account and no
 * principals); what this catches is an adapter that calls an operation Paddock's own policy does not grant.
 */
public final class IamPolicy {

    /** Paddock's shipped least-privilege policy, from the working directory the build runs in. */
    public static final Path SHIPPED = Path.of("deploy", "aws", "iam-policy.json");

    private final List<Pattern> allowed;

    private IamPolicy(List<Pattern> allowed) {
        this.allowed = allowed;
    }

    public static IamPolicy load(Path file) {
        try {
            return of(new ObjectMapper().readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new IllegalStateException("the IAM policy " + file.toAbsolutePath() + " could not be read", e);
        }
    }

    public static IamPolicy of(JsonNode policy) {
        List<Pattern> allowed = new ArrayList<>();
        for (JsonNode statement : policy.path("Statement")) {
            if (!"Allow".equals(statement.path("Effect").asText())) {
                continue;
            }
            JsonNode actions = statement.path("Action");
            for (JsonNode action : actions.isArray() ? actions : List.of(actions)) {
                allowed.add(Pattern.compile(Pattern.quote(action.asText().toLowerCase(Locale.ROOT)).replace("*", "\\E.*\\Q"),
                        Pattern.CASE_INSENSITIVE));
            }
        }
        return new IamPolicy(List.copyOf(allowed));
    }

    /** Whether {@code service:action} (IAM's spelling, e.g. {@code ecs:CreateService}) is allowed. */
    public boolean allows(String action) {
        String wanted = action.toLowerCase(Locale.ROOT);
        return allowed.stream().anyMatch(pattern -> pattern.matcher(wanted).matches());
    }

    /** The tagging action a create with tags also needs, in each service's name for it. */
    static String taggingAction(String service) {
        return switch (service) {
            case "ec2" -> "ec2:CreateTags";
            case "elasticloadbalancing" -> "elasticloadbalancing:AddTags";
            default -> service + ":TagResource";
        };
    }

    /** The operations of the double that are not creates even though their requests carry tags. */
    static final Set<String> NOT_CREATES = Set.of("AddTags", "TagResource", "CreateTags");
}
