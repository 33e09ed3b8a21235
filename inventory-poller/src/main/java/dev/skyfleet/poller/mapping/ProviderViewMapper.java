package dev.skyfleet.poller.mapping;

import dev.skyfleet.poller.rest.ProviderView;
import dev.skyfleet.poller.service.ProviderEntry;
import dev.skyfleet.poller.service.SecretRedactor;
import dev.skyfleet.poller.store.ProviderBook;
import dev.skyfleet.poller.store.PublishedState;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.TreeSet;

/** Provider runtime facts and published counts → the HTTP view. */
@ApplicationScoped
public class ProviderViewMapper {
    private final PublishedState state;
    private final SecretRedactor redactor;

    public ProviderViewMapper(PublishedState state, SecretRedactor redactor) {
        this.state = state;
        this.redactor = redactor;
    }

    public ProviderView toView(ProviderEntry entry) {
        ProviderBook book = state.book(entry.id());
        boolean scheduled = entry.schedule().automatic() && entry.usable();
        return new ProviderView(entry.id(), entry.state(), entry.activeSource(), entry.lastSuccessAt(),
                entry.lastAttemptAt(), redactor.redact(entry.lastError()), book.offers().size(), book.types().size(),
                entry.pollInterval(), scheduled ? entry.nextPollAt() : null, entry.polling(),
                new TreeSet<>(entry.capabilities()), redactor.redact(entry.note()));
    }
}
