package dev.skyfleet.provisioner;

/**
 * Who is calling: resolved from the bearer token.
 *
 * @param tokenId id of the token (never the token itself)
 * @param tenant the tenant whose instances the caller sees
 * @param role what the caller may do
 */
public record Caller(String tokenId, String tenant, Role role) {
}
