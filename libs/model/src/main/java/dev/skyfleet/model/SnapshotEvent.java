package dev.skyfleet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Value of {@code skyfleet.snapshots.v1} (key: snapshot name).
 *
 * @param name snapshot name ({@code catalog})
 * @param revision catalog revision the snapshot reflects
 * @param commitId git commit id of the published snapshot
 * @param contentHash SHA-256 over the snapshot's files
 * @param files path → SHA-256 of every file
 * @param error why the latest attempt was not published (the last good snapshot stays); null when none
 * @param at when it was published
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SnapshotEvent(String name, long revision, String commitId, String contentHash, Map<String, String> files,
        String error, Instant at) {
    public SnapshotEvent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(at, "at");
        files = files == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(files));
    }
}
