package dev.skyfleet.providers.catalogfile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Finds catalog-file providers: in a directory laid out as {@code <dir>/<cloud>/vms.csv} (each cloud directory is
 * one provider, id = the directory name in lower case), or in the bundled offline snapshot on the classpath
 * ({@code catalog/<cloud>/vms.csv}, listed in {@code catalog/index.txt}): a few hundred real SkyPilot rows so the
 * local stack shows real offers without credentials.
 */
public final class CatalogFiles {
    /** Classpath root of the bundled snapshot. */
    public static final String BUNDLED_ROOT = "catalog";

    private CatalogFiles() {
    }

    /** One provider per {@code <dir>/<cloud>/vms.csv}, sorted by id. Directories without a vms.csv are ignored. */
    public static List<CatalogFileProvider> fromDirectory(Path dir, Clock clock) {
        List<CatalogFileProvider> out = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            children.filter(Files::isDirectory).sorted().forEach(cloud -> {
                Path vms = cloud.resolve("vms.csv");
                if (Files.isRegularFile(vms)) {
                    out.add(CatalogFileProvider.ofFile(cloud.getFileName().toString().toLowerCase(Locale.ROOT), vms,
                            clock));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list catalog directory " + dir, e);
        }
        return out;
    }

    /** The bundled snapshot's providers. */
    public static List<CatalogFileProvider> bundled(Clock clock) {
        List<CatalogFileProvider> out = new ArrayList<>();
        for (String cloud : bundledClouds()) {
            out.add(CatalogFileProvider.ofResource(cloud, BUNDLED_ROOT + "/" + cloud + "/vms.csv", clock));
        }
        return out;
    }

    /** Cloud ids in the bundled snapshot. */
    public static List<String> bundledClouds() {
        InputStream index = CatalogFiles.class.getClassLoader().getResourceAsStream(BUNDLED_ROOT + "/index.txt");
        if (index == null) {
            return List.of();
        }
        List<String> clouds = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String cloud = line.trim();
                if (!cloud.isEmpty() && !cloud.startsWith("#")) {
                    clouds.add(cloud.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled catalog index", e);
        }
        return clouds;
    }
}
