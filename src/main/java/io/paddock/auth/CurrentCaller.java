package io.paddock.auth;

import jakarta.enterprise.context.RequestScoped;

/** The caller of the request being handled, set by {@link AccessFilters} before any resource runs. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("no caller: the route was reached without authentication");
        }
        return caller;
    }

    /** The caller, when the request was authenticated (a request refused for want of a token has none). */
    public java.util.Optional<Caller> find() {
        return java.util.Optional.ofNullable(caller);
    }

    void set(Caller caller) {
        this.caller = caller;
    }

    boolean isSet() {
        return caller != null;
    }
}
