package dev.skyfleet.provisioner.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/** Validates OpenSSH public keys ({@code <type> <base64 blob> [comment]}) without ever echoing the key. */
public final class SshKeys {
    private static final Set<String> TYPES = Set.of("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com",
            "sk-ecdsa-sha2-nistp256@openssh.com");

    private SshKeys() {
    }

    /** Null when the key is a well-formed OpenSSH public key, else what is wrong with it. */
    public static String problem(String key) {
        if (key == null || key.isBlank()) {
            return "sshPublicKey is required";
        }
        if (key.length() > 16_384 || key.indexOf('\n') >= 0 || key.indexOf('\r') >= 0) {
            return "sshPublicKey must be one line of at most 16384 characters";
        }
        String[] parts = key.trim().split(" +", 3);
        if (parts.length < 2) {
            return "sshPublicKey must be '<type> <base64> [comment]' in OpenSSH format";
        }
        if (!TYPES.contains(parts[0])) {
            return "sshPublicKey type must be one of " + new java.util.TreeSet<>(TYPES);
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            return "sshPublicKey key data is not valid base64";
        }
        if (blob.length < 4) {
            return "sshPublicKey key data is too short";
        }
        ByteBuffer buffer = ByteBuffer.wrap(blob);
        int length = buffer.getInt();
        if (length <= 0 || length > blob.length - 4) {
            return "sshPublicKey key data is malformed";
        }
        String embedded = new String(blob, 4, length, StandardCharsets.US_ASCII);
        if (!embedded.equals(parts[0])) {
            return "sshPublicKey key data does not match its type " + parts[0];
        }
        if (parts[0].equals("ssh-ed25519") && blob.length != 4 + 11 + 4 + 32) {
            return "sshPublicKey ed25519 key data has the wrong length";
        }
        return null;
    }
}
