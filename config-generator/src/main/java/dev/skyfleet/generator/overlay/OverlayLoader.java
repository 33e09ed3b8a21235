package dev.skyfleet.generator.overlay;

import dev.skyfleet.generator.config.GeneratorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the overlays: the files named in configuration, in that order, then every {@code *.yaml} / {@code *.yml}
 * file of the overlay directory in file-name order. Read afresh for every generation, so an edited overlay takes
 * effect with the next catalog change (or the periodic re-check).
 */
@ApplicationScoped
public class OverlayLoader {
    private final GeneratorConfig config;

    public OverlayLoader(GeneratorConfig config) {
        this.config = config;
    }

    /** All overlays, parsed; throws {@link OverlayException} for the first invalid one. */
    public List<Overlay> load() {
        List<Path> files = new ArrayList<>(config.overlayFiles().orElse(List.of()));
        files.addAll(directoryFiles(config.overlayDir()));
        List<Overlay> overlays = new ArrayList<>(files.size());
        for (Path file : files) {
            overlays.add(read(file));
        }
        return overlays;
    }

    /** Overlay files of a directory in name order; none when the directory does not exist. */
    public static List<Path> directoryFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yaml")
                            || p.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new OverlayException(dir.toString(), 0, "cannot list overlay directory: " + e.getMessage());
        }
    }

    public static Overlay read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OverlayException(file.toString(), 0, "cannot read overlay file (" + e.getClass().getSimpleName()
                    .replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase() + ")");
        }
        return OverlayParser.parse(file.toString(), text);
    }
}
