package dev.skyfleet.generator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotRepositoryTests {
    static final PersonIdent WHO = SnapshotRepository.ident("gen", "gen@example.invalid", Instant.parse("2026-11-01T00:00:00Z"));

    @TempDir
    Path dir;

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void commitsWholeTreesAndReadsThemBackAfterReopening() throws Exception {
        try (SnapshotRepository repo = SnapshotRepository.open(dir.resolve("snap.git"), "main")) {
            repo.commit(Map.of("a/b.txt", b("one"), "c.yaml", b("x: 1\n")), "first\n", WHO);
            repo.commit(Map.of("c.yaml", b("x: 2\n")), "second\n", WHO);
        }
        try (SnapshotRepository repo = SnapshotRepository.open(dir.resolve("snap.git"), "main")) {
            assertThat(repo.commitCount()).isEqualTo(2);
            assertThat(repo.read("c.yaml")).map(String::new).contains("x: 2\n");
            // exactly the given files: a/b.txt was not in the second commit
            assertThat(repo.read("a/b.txt")).isEmpty();
            assertThat(repo.read("a")).isEmpty();
        }
    }

    @Test
    void rejectedPushIsJoinedWithTheRemoteHistoryNeverForced() throws Exception {
        Path remoteDir = dir.resolve("remote.git");
        ObjectId foreign;
        try (SnapshotRepository remote = SnapshotRepository.open(remoteDir, "main");
                SnapshotRepository local = SnapshotRepository.open(dir.resolve("local.git"), "main")) {
            remote.repository().getConfig().setBoolean("receive", null, "autogc", false);
            remote.repository().getConfig().save();
            // someone else committed to the remote branch first
            foreign = remote.commit(Map.of("README.md", b("hand-written\n")), "foreign\n", WHO);
            local.commit(Map.of("catalog/x.yaml", b("x: 1\n")), "snapshot\n", WHO);
            RemotePusher pusher = new RemotePusher(local, remoteDir.toString(), Optional.empty(), Optional.empty(), 3);

            RemotePusher.Outcome outcome = pusher.push(WHO);

            assertThat(outcome.pushed()).as(outcome.detail()).isTrue();
            assertThat(outcome.attempts()).isEqualTo(2);
            ObjectId remoteTip = remote.head().orElseThrow();
            assertThat(remoteTip).isEqualTo(local.head().orElseThrow());
            try (RevWalk walk = new RevWalk(remote.repository())) {
                RevCommit tip = walk.parseCommit(remoteTip);
                assertThat(walk.isMergedInto(walk.parseCommit(foreign), tip)).isTrue();
            }
            // the content is the generator's
            assertThat(remote.read("catalog/x.yaml")).isPresent();
        }
    }

    @Test
    void redactsCredentialsInUrls() {
        assertThat(RemotePusher.redact("https://user:token@git.example/x.git refused"))
                .isEqualTo("https://***@git.example/x.git refused");
    }
}
