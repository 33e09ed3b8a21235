package dev.skyfleet.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the catalog's HTTP API, selection and event streams. */
@ConfigMapping(prefix = "skyfleet.catalog")
public interface CatalogConfig {

    /** Access control of the read API. */
    Auth auth();

    /**
     * A provider without a successful sync within this age is stale: its offers are ranked after fresh ones in
     * selections and flagged in {@code /api/v1/providers}.
     */
    @WithDefault("30m")
    Duration staleAfter();

    /** Search settings. */
    Search search();

    /** Server-Sent Events settings. */
    Events events();

    /** Read API access. */
    interface Auth {
        /**
         * When set, every {@code /api/v1} call needs {@code Authorization: Bearer <token>}; unset means the read API
         * is open.
         */
        Optional<String> token();
    }

    /** Search paging. */
    interface Search {
        /** Page size when the request names none. */
        @WithDefault("50")
        int defaultLimit();

        /** Largest page size a request may ask for. */
        @WithDefault("500")
        int maxLimit();

        /** Most candidates a selection request returns. */
        @WithDefault("50")
        int maxCandidates();

        /** How long selections reuse the provider statuses they read (0: read them for every request). */
        @WithDefault("1s")
        Duration statusCache();
    }

    /** The change feed behind {@code GET /api/v1/events}. */
    interface Events {
        /** How often the change log table is read for new changes. */
        @WithDefault("100ms")
        Duration pollInterval();

        /** Recent changes kept in memory, so subscribers that are slightly behind never touch the database. */
        @WithDefault("20000")
        int bufferSize();

        /** How long changes stay in the change log (how far back {@code Last-Event-ID} can resume). */
        @WithDefault("7d")
        Duration retention();
    }
}
