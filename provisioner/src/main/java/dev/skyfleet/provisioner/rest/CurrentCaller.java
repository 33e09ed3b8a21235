package dev.skyfleet.provisioner.rest;

import dev.skyfleet.provisioner.Caller;
import jakarta.enterprise.context.RequestScoped;

/** The authenticated caller of the current request, set by {@link BearerAuthFilter}. */
@RequestScoped
public class CurrentCaller {
    private Caller caller;

    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller");
        }
        return caller;
    }

    public Caller orNull() {
        return caller;
    }

    void set(Caller caller) {
        this.caller = caller;
    }
}
