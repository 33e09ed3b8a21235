package dev.skyfleet.provisioner.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyfleet.provisioner.support.Fixtures;
import org.junit.jupiter.api.Test;

class SshKeysTests {

    @Test
    void acceptsAWellFormedEd25519Key() {
        assertThat(SshKeys.problem(Fixtures.sshKey())).isNull();
    }

    @Test
    void rejectsUnknownTypesBadBase64AndMismatchedBlobs() {
        assertThat(SshKeys.problem("ssh-dss AAAAB3NzaC1kc3M=")).contains("type");
        assertThat(SshKeys.problem("ssh-ed25519 !!!notbase64")).contains("base64");
        String rsaBlobLabelledEd25519 = "ssh-ed25519 AAAAB3NzaC1yc2EAAAADAQAB";
        assertThat(SshKeys.problem(rsaBlobLabelledEd25519)).contains("does not match");
        assertThat(SshKeys.problem("ssh-ed25519")).contains("OpenSSH format");
        assertThat(SshKeys.problem(Fixtures.sshKey() + "\nssh-ed25519 AAAA")).contains("one line");
    }

    @Test
    void neverEchoesTheKey() {
        String key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDEADBEEF";
        assertThat(SshKeys.problem(key)).doesNotContain("DEADBEEF");
    }
}
