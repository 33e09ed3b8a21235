package dev.skyfleet.provisioner.service;

import dev.skyfleet.provisioner.Caller;
import dev.skyfleet.provisioner.Role;
import dev.skyfleet.provisioner.repository.TokenRepository;
import dev.skyfleet.provisioner.repository.TokenRepository.StoredToken;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Bearer tokens: {@code sft_<43 random base64url characters>}, shown once at creation, stored as SHA-256. Verified
 * tokens are cached for a few seconds; revoking clears the cache.
 */
@ApplicationScoped
public class TokenService {
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final long CACHE_NANOS = 10_000_000_000L;

    private final TokenRepository tokens;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Caller caller, long until) {
    }

    /**
     * A token just created: the only moment the token itself is available.
     *
     * @param token the secret bearer token
     * @param stored its stored description
     */
    public record Created(String token, StoredToken stored) {
    }

    public TokenService(TokenRepository tokens) {
        this.tokens = tokens;
    }

    /** The caller a bearer token stands for, or null when it is unknown or revoked. */
    public Uni<Caller> authenticate(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Uni.createFrom().nullItem();
        }
        String hash = InstanceService.sha256(token);
        Cached cached = cache.get(hash);
        if (cached != null && cached.until() - System.nanoTime() > 0) {
            return Uni.createFrom().item(cached.caller());
        }
        return tokens.findValidByHash(hash).map(stored -> {
            if (stored == null) {
                return null;
            }
            Caller caller = new Caller(stored.id(), stored.tenant(), stored.role());
            cache.put(hash, new Cached(caller, System.nanoTime() + CACHE_NANOS));
            return caller;
        });
    }

    public Uni<Created> create(String tenant, Role role, String description) {
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            return Uni.createFrom().failure(ApiException.badField("tenant",
                    "tenant must be 1-63 lower-case letters, digits and dashes"));
        }
        if (role == null) {
            return Uni.createFrom().failure(ApiException.badField("role", "role must be viewer, operator or admin"));
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = "sft_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] idBytes = new byte[8];
        random.nextBytes(idBytes);
        StoredToken stored = new StoredToken("tok-" + HexFormat.of().formatHex(idBytes), tenant, role,
                description, clock.instant(), null);
        return tokens.insert(stored, InstanceService.sha256(token)).replaceWith(new Created(token, stored));
    }

    public Uni<List<StoredToken>> list(String tenant) {
        return tokens.list(tenant);
    }

    public Uni<Boolean> revoke(String id) {
        return tokens.revoke(id, clock.instant()).invoke(found -> cache.clear());
    }

    /** Whether the token is valid now (no cache). */
    public Uni<Boolean> valid(String token) {
        return tokens.findValidByHash(InstanceService.sha256(token)).map(stored -> stored != null);
    }
}
