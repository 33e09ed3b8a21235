package dev.skyfleet.generator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the snapshot generator: where the git repository lives, overlays, debounce and push. */
@ConfigMapping(prefix = "skyfleet.generator")
public interface GeneratorConfig {

    /** Directory of the bare git repository that holds the snapshots; created on first start. */
    @WithDefault("./.skyfleet/snapshots.git")
    Path repositoryDir();

    /** Branch the snapshots are committed to. */
    @WithDefault("main")
    String branch();

    /** Name of the snapshot, used as the key on the snapshots topic. */
    @WithDefault("catalog")
    String snapshotName();

    /** Quiet period after a catalog change before a snapshot is generated; a burst of changes gives one commit. */
    @WithDefault("2s")
    Duration debounce();

    /** Overlay files named explicitly; applied in this order, before the files of the overlay directory. */
    Optional<List<Path>> overlayFiles();

    /** Directory whose {@code *.yaml} / {@code *.yml} files are applied as overlays, in file-name order. */
    @WithDefault("./overlays")
    Path overlayDir();

    /** Pack the repository (git gc, in the background) after this many commits; 0 to never. */
    @WithDefault("100")
    int gcEvery();

    /** Author and committer of snapshot commits. */
    Author author();

    /** Optional remote the snapshot branch is pushed to after every commit. */
    Remote remote();

    /** Commit author identity. */
    interface Author {
        /** Commit author name. */
        @WithDefault("Skyfleet config-generator")
        String name();

        /** Commit author e-mail. */
        @WithDefault("config-generator@skyfleet.invalid")
        String email();
    }

    /** Push target; pushing is off when no URL is set. */
    interface Remote {
        /** Git URL to push to (https or a local path); empty to disable pushing. */
        Optional<String> url();

        /** User name for HTTPS pushes; from the environment, never logged. */
        Optional<String> username();

        /** Password or token for HTTPS pushes; from the environment, never logged. */
        Optional<String> password();

        /** Attempts per push; a rejected push is retried after a fetch, never forced. */
        @WithDefault("3")
        int attempts();
    }
}
