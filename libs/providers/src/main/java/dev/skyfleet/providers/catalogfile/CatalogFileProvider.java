package dev.skyfleet.providers.catalogfile;

import dev.skyfleet.model.Capability;
import dev.skyfleet.providers.CatalogReadingProvider;
import dev.skyfleet.providers.CatalogSnapshot;
import dev.skyfleet.providers.ErrorKind;
import dev.skyfleet.providers.ProviderException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.Set;

/**
 * One cloud from a SkyPilot-format catalog ({@code <dir>/<cloud>/vms.csv} or the bundled classpath snapshot):
 * read-only, no credentials. Offers are "listed" ({@code available=true}, source {@code catalog-file}), never a
 * statement about capacity now; see {@link CatalogFileReader}. A file on disk is re-read when its modification time
 * changes; the classpath snapshot is read once.
 */
public final class CatalogFileProvider extends CatalogReadingProvider {
    private final String id;
    private final Path file;
    private final String resource;
    private final Clock clock;
    private CatalogFileData data;
    private FileTime loadedVersion;

    private CatalogFileProvider(String id, Path file, String resource, Clock clock) {
        this.id = id;
        this.file = file;
        this.resource = resource;
        this.clock = clock;
    }

    /** A provider reading {@code file} (a {@code vms.csv}). */
    public static CatalogFileProvider ofFile(String id, Path file, Clock clock) {
        return new CatalogFileProvider(id, file, null, clock);
    }

    /** A provider reading a classpath resource (a {@code vms.csv} of the bundled snapshot). */
    public static CatalogFileProvider ofResource(String id, String resource, Clock clock) {
        return new CatalogFileProvider(id, null, resource, clock);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }

    /** Where the data comes from, for status pages. */
    public String location() {
        return file != null ? file.toString() : "classpath:" + resource;
    }

    @Override
    public CatalogSnapshot readCatalog() {
        CatalogFileData d = data();
        return new CatalogSnapshot(d.regions(), d.instanceTypes(), d.offers());
    }

    /** The parsed file, loading or reloading it when needed. */
    public synchronized CatalogFileData data() {
        try {
            if (file != null) {
                FileTime version = Files.getLastModifiedTime(file);
                if (data == null || !version.equals(loadedVersion)) {
                    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                        data = CatalogFileReader.read(id, in, clock.instant());
                    }
                    loadedVersion = version;
                }
            } else if (data == null) {
                InputStream stream = CatalogFileProvider.class.getClassLoader().getResourceAsStream(resource);
                if (stream == null) {
                    throw new ProviderException(id, ErrorKind.PROVIDER_UNAVAILABLE, "missing resource " + resource);
                }
                try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    data = CatalogFileReader.read(id, in, clock.instant());
                }
            }
            return data;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ProviderException(id, ErrorKind.PROVIDER_UNAVAILABLE,
                    "cannot read catalog " + location() + ": " + e.getMessage(), null, 0, null, e);
        } catch (IllegalArgumentException e) {
            throw new ProviderException(id, ErrorKind.INVALID_REQUEST,
                    "bad catalog " + location() + ": " + e.getMessage(), null, 0, null, e);
        }
    }

    @Override
    public String toString() {
        return "CatalogFileProvider[" + id + " " + location() + "]";
    }
}
