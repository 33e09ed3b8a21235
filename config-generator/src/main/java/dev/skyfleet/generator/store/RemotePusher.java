package dev.skyfleet.generator.store;

import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Pushes the snapshot branch to a remote. Never forced: when the remote rejects the push (someone else moved the
 * branch), the remote branch is fetched and joined by a merge commit whose tree is our snapshot (the remote's
 * history is kept, the content is ours), then the push is retried.
 */
public final class RemotePusher {
    private final SnapshotRepository repository;
    private final String url;
    private final CredentialsProvider credentials;
    private final int attempts;

    public RemotePusher(SnapshotRepository repository, String url, Optional<String> username,
            Optional<String> password, int attempts) {
        this.repository = repository;
        this.url = url;
        this.credentials = username.isPresent() || password.isPresent()
                ? new UsernamePasswordCredentialsProvider(username.orElse("git"), password.orElse(""))
                : null;
        this.attempts = Math.max(1, attempts);
    }

    /** Outcome of a push, safe to log (no URL credentials, no secrets). */
    public record Outcome(boolean pushed, int attempts, String detail) {
    }

    public Outcome push(PersonIdent who) {
        String branch = repository.branchRef();
        String detail = "not attempted";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try (Git git = Git.wrap(repository.repository())) {
                var command = git.push().setRemote(url).setRefSpecs(new RefSpec(branch + ":" + branch)).setForce(false);
                if (credentials != null) {
                    command.setCredentialsProvider(credentials);
                }
                RemoteRefUpdate.Status status = RemoteRefUpdate.Status.NOT_ATTEMPTED;
                for (PushResult result : command.call()) {
                    RemoteRefUpdate update = result.getRemoteUpdate(branch);
                    if (update != null) {
                        status = update.getStatus();
                    }
                }
                if (status == RemoteRefUpdate.Status.OK || status == RemoteRefUpdate.Status.UP_TO_DATE) {
                    return new Outcome(true, attempt, status.name());
                }
                detail = status.name();
                if (status != RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD
                        && status != RemoteRefUpdate.Status.REJECTED_REMOTE_CHANGED) {
                    return new Outcome(false, attempt, detail);
                }
                joinRemote(git, who);
            } catch (GitAPIException | IOException e) {
                detail = e.getClass().getSimpleName() + ": " + redact(e.getMessage());
            }
        }
        return new Outcome(false, attempts, detail);
    }

    private void joinRemote(Git git, PersonIdent who) throws GitAPIException, IOException {
        String branch = repository.branchRef();
        String tracking = "refs/remotes/push-target/" + branch.substring(Constants.R_HEADS.length());
        var fetch = git.fetch().setRemote(url).setRefSpecs(new RefSpec("+" + branch + ":" + tracking));
        if (credentials != null) {
            fetch.setCredentialsProvider(credentials);
        }
        fetch.call();
        ObjectId theirs = repository.repository().resolve(tracking);
        ObjectId ours = repository.head().orElseThrow();
        if (theirs == null) {
            return;
        }
        try (RevWalk walk = new RevWalk(repository.repository());
                ObjectInserter inserter = repository.repository().newObjectInserter()) {
            RevCommit mine = walk.parseCommit(ours);
            RevCommit remote = walk.parseCommit(theirs);
            if (walk.isMergedInto(remote, mine)) {
                return;
            }
            CommitBuilder merge = new CommitBuilder();
            merge.setTreeId(mine.getTree());
            merge.setParentIds(mine, remote);
            merge.setAuthor(who);
            merge.setCommitter(who);
            merge.setMessage("Merge remote snapshot history (content from this generator)\n");
            ObjectId id = inserter.insert(merge);
            inserter.flush();
            repository.update(id, ours, "merge remote before push");
        }
    }

    /** Drops user-info from URLs in messages so a token in a URL never reaches a log. */
    static String redact(String message) {
        return message == null ? "" : message.replaceAll("://[^/@\\s]+@", "://***@");
    }
}
