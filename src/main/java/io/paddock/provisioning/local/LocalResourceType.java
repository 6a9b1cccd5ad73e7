package io.paddock.provisioning.local;

/** The kinds of resource the local cloud holds; {@code tag} is the metric's type tag and the inventory's type. */
public enum LocalResourceType {
    SECURITY_GROUP("security-group"),
    SECURITY_GROUP_RULE("security-group-rule"),
    TARGET_GROUP("target-group"),
    LISTENER_RULE("listener-rule"),
    FILE_SYSTEM("file-system"),
    ACCESS_POINT("access-point"),
    MOUNT_TARGET("mount-target"),
    TASK_DEFINITION("task-definition"),
    SERVICE("service"),
    SCALABLE_TARGET("scalable-target"),
    LOG_GROUP("log-group"),
    SECRET("secret"),
    SCHEDULE("schedule"),
    SCALING_POLICY("scaling-policy");

    private final String tag;

    LocalResourceType(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    static LocalResourceType byTag(String tag) {
        for (LocalResourceType type : values()) {
            if (type.tag.equals(tag)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown local resource type " + tag);
    }
}
