package dev.skyfleet.provisioner.support;

import dev.skyfleet.model.Capability;
import dev.skyfleet.providers.CloudProvider;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.EnumSet;

/** The providers the provisioner sees in tests: scripted test doubles registered as CDI beans. */
@Singleton
public class TestClouds {
    /** Full capabilities. */
    public static final ScriptedCloud ALPHA = new ScriptedCloud("alpha", ScriptedCloud.full());
    /** Full capabilities. */
    public static final ScriptedCloud BETA = new ScriptedCloud("beta", ScriptedCloud.full());
    /** Declares no create-instance capability. */
    public static final ScriptedCloud READONLY = new ScriptedCloud("readonly",
            EnumSet.of(Capability.TERMINATE_INSTANCE));
    /** Can launch and terminate but not reboot or stop. */
    public static final ScriptedCloud BASIC = new ScriptedCloud("basic",
            EnumSet.of(Capability.CREATE_INSTANCE, Capability.TERMINATE_INSTANCE));

    /** Full capabilities; its machines are given a 2 s launch timeout in the test profile. */
    public static final ScriptedCloud SLOW = new ScriptedCloud("slow", ScriptedCloud.full());

    /** Full capabilities; used by the one test whose credentials are refused (the provider is then blocked). */
    public static final ScriptedCloud GAMMA = new ScriptedCloud("gamma", ScriptedCloud.full());

    @Produces
    @Singleton
    @Named("gamma")
    CloudProvider gamma() {
        return GAMMA;
    }

    @Produces
    @Singleton
    @Named("slow")
    CloudProvider slow() {
        return SLOW;
    }

    @Produces
    @Singleton
    @Named("alpha")
    CloudProvider alpha() {
        return ALPHA;
    }

    @Produces
    @Singleton
    @Named("beta")
    CloudProvider beta() {
        return BETA;
    }

    @Produces
    @Singleton
    @Named("readonly")
    CloudProvider readonly() {
        return READONLY;
    }

    @Produces
    @Singleton
    @Named("basic")
    CloudProvider basic() {
        return BASIC;
    }
}
