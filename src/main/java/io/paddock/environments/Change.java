package io.paddock.environments;

/**
 * What a change of an environment is, for the refusals and its operation: {@code subject} is what is changed
 * ("it", "its cron jobs"), {@code what} how it reads ("updated", "given a volume"), {@code operation} the type its
 * operation is recorded as. {@code activeOnly} changes are refused on a STOPPED environment too; the others take
 * ACTIVE and STOPPED ones.
 */
public record Change(String subject, String what, boolean activeOnly, OperationType operation) {

    /** A change recorded as an UPDATE; {@link #as} names another type. */
    public static Change of(String what) {
        return new Change("it", what, false, OperationType.UPDATE);
    }

    public static Change activeOnly(String what) {
        return new Change("it", what, true, OperationType.UPDATE);
    }

    public Change about(String subject) {
        return new Change(subject, what, activeOnly, operation);
    }

    public Change as(OperationType type) {
        return new Change(subject, what, activeOnly, type);
    }
}
