package io.paddock.testing.aws;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * STS's AssumeRole (query protocol, {@code Version} 2011-06-15, XML in {@code https://sts.amazonaws.com/doc/2011-06-15/}):
 * checks the role ARN, the session name (2-64 of {@code [\w+=,.@-]}), the duration (900 s to 12 h) and that a session
 * policy is JSON, and answers fresh credentials that expire after the duration. The last secret is kept so that tests
 * can look for it where it must not be.
 */
final class Sts {

    static final String VERSION = "2011-06-15";
    static final String NS = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final Pattern SESSION = Pattern.compile("^[\\w+=,.@-]{2,64}$");
    private static final Pattern ROLE = Pattern.compile("^arn:aws:iam::\\d{12}:role/[\\w+=,.@/-]+$");

    volatile String lastSecret;

    String handle(String operation, Map<String, String> params) {
        if (!operation.equals("AssumeRole")) {
            throw AwsDouble.refused("InvalidAction", "Could not find operation " + operation + " for version " + VERSION);
        }
        String role = params.getOrDefault("RoleArn", "");
        if (!ROLE.matcher(role).matches()) {
            throw AwsDouble.refused("ValidationError", "1 validation error detected: Value '" + role
                    + "' at 'roleArn' failed to satisfy constraint");
        }
        String session = params.getOrDefault("RoleSessionName", "");
        if (!SESSION.matcher(session).matches()) {
            throw AwsDouble.refused("ValidationError", "1 validation error detected: Value '" + session
                    + "' at 'roleSessionName' failed to satisfy constraint");
        }
        int duration = Integer.parseInt(params.getOrDefault("DurationSeconds", "3600"));
        if (duration < 900 || duration > 43_200) {
            throw AwsDouble.refused("ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set"
                    + " for this role.");
        }
        String policy = params.get("Policy");
        if (policy != null && !policy.trim().startsWith("{")) {
            throw AwsDouble.refused("MalformedPolicyDocument", "The policy is not in the valid JSON format.");
        }
        String secret = AwsDouble.hex(40);
        lastSecret = secret;
        String expiration = Instant.now().plusSeconds(duration).toString();
        return "<AssumeRoleResponse xmlns=\"" + NS + "\"><AssumeRoleResult><Credentials>"
                + "<AccessKeyId>ASIA" + AwsDouble.hex(16).toUpperCase() + "</AccessKeyId>"
                + "<SecretAccessKey>" + secret + "</SecretAccessKey>"
                + "<SessionToken>FwoG" + AwsDouble.hex(120) + "</SessionToken>"
                + "<Expiration>" + expiration + "</Expiration></Credentials>"
                + "<AssumedRoleUser><AssumedRoleId>AROA" + AwsDouble.hex(16).toUpperCase() + ":" + session
                + "</AssumedRoleId><Arn>" + role.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/") + "/"
                + session + "</Arn></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>{requestId}"
                + "</RequestId></ResponseMetadata></AssumeRoleResponse>";
    }
}
