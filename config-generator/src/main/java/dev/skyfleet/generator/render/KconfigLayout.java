package dev.skyfleet.generator.render;

import java.util.Map;

/** kdevops's directory and symbol naming per provider. */
public final class KconfigLayout {
    private static final Map<String, String> KDEVOPS_NAMES = Map.of("lambda", "lambdalabs");
    private static final Map<String, String> DISPLAY = Map.of("lambda", "Lambda Labs", "aws", "AWS", "gcp", "GCP",
            "azure", "Azure", "shadeform", "Shadeform", "sandbox", "Sandbox");

    private KconfigLayout() {
    }

    /** kdevops's name of the provider ({@code lambdalabs} for Lambda), used for directory and symbols. */
    public static String kdevopsName(String provider) {
        String name = KDEVOPS_NAMES.getOrDefault(provider, provider);
        return Text.lower(name).replaceAll("[^a-z0-9_-]", "_");
    }

    /** {@code terraform/<provider>/kconfigs}. */
    public static String dir(String provider) {
        return "terraform/" + kdevopsName(provider) + "/kconfigs";
    }

    /** {@code TERRAFORM_<PROVIDER>}. */
    public static String prefix(String provider) {
        return "TERRAFORM_" + Text.sanitize(kdevopsName(provider));
    }

    public static String display(String provider) {
        String name = DISPLAY.get(provider);
        if (name != null) {
            return name;
        }
        return provider.isEmpty() ? provider : Character.toUpperCase(provider.charAt(0)) + provider.substring(1);
    }

    /** Symbols a generated tree expects from the surrounding kdevops Kconfig (stubbed when validating). */
    public static String regionManualSymbol(String provider) {
        return prefix(provider) + "_REGION_MANUAL";
    }
}
