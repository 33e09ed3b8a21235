package dev.skyfleet.poller.service;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Last line of defence for "secrets never appear in logs, events or status messages": every error text the
 * poller publishes or logs passes through here, and any configured secret in it is masked.
 */
public final class SecretRedactor {
    private final List<String> secrets = new CopyOnWriteArrayList<>();

    /** Registers a secret value (ignored when null or shorter than 4 characters). */
    public void register(String secret) {
        if (secret != null && secret.length() >= 4 && !secrets.contains(secret)) {
            secrets.add(secret);
        }
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, "****");
        }
        return result;
    }
}
