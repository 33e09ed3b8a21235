package dev.skyfleet.generator.render;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files of a snapshot, without {@code index.yaml} (which names the revision and is added at commit time).
 *
 * @param files path → content
 * @param hashes path → SHA-256 (hex) of the content
 * @param contentHash SHA-256 over the {@code "<sha256>  <path>\n"} lines of all files, in path order
 */
public record RenderedSnapshot(SortedMap<String, byte[]> files, SortedMap<String, String> hashes, String contentHash) {
    public RenderedSnapshot {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        hashes = Collections.unmodifiableSortedMap(new TreeMap<>(hashes));
    }
}
