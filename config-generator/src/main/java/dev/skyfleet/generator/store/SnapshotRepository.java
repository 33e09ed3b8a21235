package dev.skyfleet.generator.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The bare git repository of snapshots. Commits are written directly as objects (no working tree, no checkout):
 * blobs, one tree built from the full file set, a commit on the branch. Not thread-safe for writers: one writer
 * (the generator thread) at a time; readers (HTTP) may run concurrently.
 */
public final class SnapshotRepository implements AutoCloseable {
    static {
        // JGit's default SHA-1 is a pure-Java implementation with SHAttered collision detection, several times
        // slower than the JDK's intrinsic one; the repository only ever holds content this service generated
        String property = "org.eclipse.jgit.util.sha1.implementation";
        if (System.getProperty(property) == null) {
            System.setProperty(property, "jdkNative");
        }
    }

    private final Repository repository;
    private final String branchRef;

    private record Blob(byte[] content, ObjectId id) {
    }

    /** Last committed content per path; the incremental renderer reuses arrays of unchanged files. */
    private final java.util.Map<String, Blob> lastBlobs = new java.util.HashMap<>();

    private SnapshotRepository(Repository repository, String branch) {
        this.repository = repository;
        this.branchRef = Constants.R_HEADS + branch;
    }

    /** Opens the bare repository at {@code dir}, creating it (with HEAD on {@code branch}) when missing. */
    public static SnapshotRepository open(Path dir, String branch) throws IOException {
        Files.createDirectories(dir);
        Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
        if (!repo.getObjectDatabase().exists()) {
            repo.create(true);
        }
        // snapshots are large text files rewritten often: favour speed over size when deflating
        repo.getConfig().setInt("core", null, "compression", 1);
        repo.getConfig().save();
        RefUpdate head = repo.getRefDatabase().newUpdate(Constants.HEAD, false);
        head.link(Constants.R_HEADS + branch);
        return new SnapshotRepository(repo, branch);
    }

    public Repository repository() {
        return repository;
    }

    public String branchRef() {
        return branchRef;
    }

    /** The tip of the branch, if any commit exists. */
    public Optional<ObjectId> head() throws IOException {
        return Optional.ofNullable(repository.resolve(branchRef));
    }

    /** Number of commits on the branch: the revision of the latest snapshot. */
    public long commitCount() throws IOException {
        Optional<ObjectId> head = head();
        if (head.isEmpty()) {
            return 0;
        }
        long count = 0;
        try (RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(head.get()));
            while (walk.next() != null) {
                count++;
            }
        }
        return count;
    }

    /** Content of a file at the tip of the branch. */
    public Optional<byte[]> read(String path) throws IOException {
        Optional<ObjectId> head = head();
        if (head.isEmpty() || path.isEmpty()) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(head.get());
            try (TreeWalk tw = TreeWalk.forPath(repository, path, commit.getTree())) {
                if (tw == null || tw.getFileMode(0) != FileMode.REGULAR_FILE) {
                    return Optional.empty();
                }
                return Optional.of(repository.open(tw.getObjectId(0), Constants.OBJ_BLOB).getBytes(64 << 20));
            }
        }
    }

    /**
     * Commits exactly {@code files} (path → content) as the new tree of the branch.
     *
     * @return the new commit id
     */
    public ObjectId commit(Map<String, byte[]> files, String message, PersonIdent who) throws IOException {
        Optional<ObjectId> parent = head();
        try (ObjectInserter inserter = repository.newObjectInserter(); ObjectReader reader = repository.newObjectReader()) {
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            for (Map.Entry<String, byte[]> file : new java.util.TreeMap<>(files).entrySet()) {
                byte[] content = file.getValue();
                Blob last = lastBlobs.get(file.getKey());
                ObjectId id;
                if (last != null && last.content() == content) {
                    id = last.id();
                } else {
                    id = inserter.idFor(Constants.OBJ_BLOB, content);
                    if (!reader.has(id)) {
                        id = inserter.insert(Constants.OBJ_BLOB, content);
                    }
                    lastBlobs.put(file.getKey(), new Blob(content, id));
                }
                DirCacheEntry entry = new DirCacheEntry(file.getKey());
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(id);
                entry.setLength(content.length);
                builder.add(entry);
            }
            lastBlobs.keySet().retainAll(files.keySet());
            builder.finish();
            ObjectId tree = index.writeTree(inserter);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            parent.ifPresent(commit::setParentId);
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message);
            ObjectId commitId = inserter.insert(commit);
            inserter.flush();
            update(commitId, parent.orElse(ObjectId.zeroId()), "snapshot");
            return commitId;
        }
    }

    /** Moves the branch from {@code expected} to {@code id}; fails unless it is a fast-forward from expected. */
    public void update(ObjectId id, ObjectId expected, String reason) throws IOException {
        RefUpdate update = repository.updateRef(branchRef);
        update.setNewObjectId(id);
        update.setExpectedOldObjectId(expected);
        update.setRefLogMessage(reason, false);
        RefUpdate.Result result = update.update();
        if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD
                && result != RefUpdate.Result.FORCED) {
            throw new IOException("cannot move " + branchRef + ": " + result);
        }
    }

    public static PersonIdent ident(String name, String email, Instant when) {
        return new PersonIdent(name, email, when, ZoneOffset.UTC);
    }

    @Override
    public void close() {
        repository.close();
    }
}
