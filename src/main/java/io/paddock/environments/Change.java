package io.paddock.environments;

/**
 * What a change of an environment is, for the refusals: {@code subject} is what is changed ("it", "its cron
 * jobs"), {@code what} how it reads ("updated", "given a volume"). {@code activeOnly} changes are refused on a
 * STOPPED environment too; the others take ACTIVE and STOPPED ones.
 */
public record Change(String subject, String what, boolean activeOnly) {

    public static Change of(String what) {
        return new Change("it", what, false);
    }

    public static Change activeOnly(String what) {
        return new Change("it", what, true);
    }

    public Change about(String subject) {
        return new Change(subject, what, activeOnly);
    }
}
