package dev.skyfleet.provisioner.rest;

import dev.skyfleet.provisioner.Placement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /api/v1/instances}.
 *
 * @param name name of the instance, lower-case letters, digits and dashes
 * @param sshPublicKey OpenSSH public key installed on the machine
 * @param tags your tags, copied to the provider where it supports tags
 * @param userData cloud-init user data
 * @param placement an offer id, or constraints
 */
public record CreateInstanceBody(
        @Schema(examples = "train-1", required = true)
        @NotBlank @Size(max = 63)
        @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = NAME_RULE) String name,
        @Schema(examples = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG... you@laptop", required = true)
        @NotBlank String sshPublicKey,
        @Size(max = 50)
        Map<@Pattern(regexp = "[A-Za-z0-9_.:/-]{1,64}", message = TAG_RULE) String, @Size(max = 256) String> tags,
        @Size(max = 65536) String userData,
        @NotNull @Valid Placement placement) {

    static final String NAME_RULE = "must be lower-case letters, digits and dashes, starting with a letter or digit";
    static final String TAG_RULE = "tag keys are 1-64 of A-Z a-z 0-9 _ . : / -";
}
