package dev.skyfleet.generator.service;

import java.time.Instant;
import java.util.Map;

/**
 * What the generator last published, and why the latest attempt was not (if it was not).
 *
 * @param name snapshot name
 * @param revision revision of the published snapshot (commits on the branch); 0 before the first
 * @param commitId commit of the published snapshot; null before the first
 * @param contentHash content hash of the published snapshot; null before the first
 * @param files path → SHA-256 of the published files
 * @param error why the latest generation was not published (an invalid overlay, a failed commit); null when fine
 * @param caughtUp whether the in-memory catalog has read the catalog topics to their end-at-start
 * @param offers offers in memory
 * @param publishedAt when the published snapshot was committed (or found at start); null before the first
 */
public record SnapshotStatus(String name, long revision, String commitId, String contentHash,
        Map<String, String> files, String error, boolean caughtUp, int offers, Instant publishedAt) {
}
