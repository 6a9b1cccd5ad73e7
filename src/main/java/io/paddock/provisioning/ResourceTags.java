package io.paddock.provisioning;

import java.util.Map;
import java.util.UUID;

/**
 * The tags Paddock puts on what it makes, by key. Every resource carries the four that name its environment, so
 * a provider can be searched for what an environment holds; the others mark one kind of resource.
 */
public final class ResourceTags {

    public static final String ENVIRONMENT_ID = "paddock:environment-id";
    public static final String ORGANISATION = "paddock:organisation";
    public static final String APPLICATION = "paddock:application";
    public static final String ENV_NAME = "paddock:env-name";
    /** On a shared security group: the scope it serves ({@code application:<org>/<app>} or {@code organisation:<org>}). */
    public static final String SHARED_SCOPE = "paddock:shared-scope";
    /** On an access point: the volume it is. */
    public static final String VOLUME = "paddock:volume";
    /**
     * On a task definition: a digest of what was registered, so a redeploy can tell whether the workload changed and
     * a repeated registration can find the revision an earlier attempt made.
     */
    public static final String DEFINITION_DIGEST = "paddock:definition-sha256";

    private ResourceTags() {
    }

    /** The environment a resource is for; null when its tags do not name one. */
    public static UUID environmentOf(Map<String, String> tags) {
        String id = tags == null ? null : tags.get(ENVIRONMENT_ID);
        return id == null ? null : UUID.fromString(id);
    }
}
