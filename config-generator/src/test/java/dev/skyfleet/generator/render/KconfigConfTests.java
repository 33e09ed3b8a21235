package dev.skyfleet.generator.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every generated Kconfig tree must parse with Linux 6.1's own {@code conf} (Debian package
 * {@code linux-kbuild-6.1}) with exit code 0 and nothing on stderr, after {@code output yaml} (a kdevops
 * extension no stock parser knows) is turned into a comment, keeping line numbers.
 */
class KconfigConfTests {
    static final Path CONF = Path.of(System.getProperty("skyfleet.kconfig.conf",
            System.getenv().getOrDefault("SKYFLEET_KCONFIG_CONF", "/usr/lib/linux-kbuild-6.1/scripts/kconfig/conf")));

    @TempDir
    Path work;

    static Path conf() {
        if (!Files.isExecutable(CONF)) {
            fail("Linux kconfig parser not found at " + CONF + ": install the Debian package linux-kbuild-6.1 "
                    + "(apt-get install -y linux-kbuild-6.1) or set SKYFLEET_KCONFIG_CONF");
        }
        return CONF;
    }

    private void writeTree(RenderedSnapshot snapshot) throws IOException {
        for (Map.Entry<String, byte[]> file : snapshot.files().entrySet()) {
            if (!file.getKey().startsWith("terraform/")) {
                continue;
            }
            Path target = work.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            String text = new String(file.getValue(), StandardCharsets.UTF_8)
                    .replaceAll("(?m)^(\\s*)output yaml\\s*$", "$1# output yaml");
            Files.writeString(target, text);
        }
    }

    private String root(boolean manualRegions) {
        String manual = manualRegions ? "y" : "n";
        return """
                mainmenu "validate"
                config TARGET_ARCH_X86_64
                	def_bool y
                config TARGET_ARCH_ARM64
                	def_bool n
                config TERRAFORM_LAMBDALABS_REGION_MANUAL
                	def_bool %1$s
                config TERRAFORM_SANDBOX_REGION_MANUAL
                	def_bool %1$s
                if TERRAFORM_LAMBDALABS_REGION_MANUAL
                source "terraform/lambdalabs/kconfigs/Kconfig.location.generated"
                endif
                source "terraform/lambdalabs/kconfigs/Kconfig.compute.generated"
                if TERRAFORM_SANDBOX_REGION_MANUAL
                source "terraform/sandbox/kconfigs/Kconfig.location.generated"
                endif
                source "terraform/sandbox/kconfigs/Kconfig.compute.generated"
                source "terraform/aws/kconfigs/Kconfig.location.generated"
                source "terraform/aws/kconfigs/Kconfig.compute.generated"
                """.formatted(manual);
    }

    private record Result(int exit, String stderr, String config) {
    }

    private Result runConf(String rootKconfig) throws Exception {
        Path kconfig = work.resolve("Kconfig");
        Files.writeString(kconfig, rootKconfig);
        Files.deleteIfExists(work.resolve(".config"));
        ProcessBuilder pb = new ProcessBuilder(conf().toString(), "-s", "--alldefconfig", "Kconfig")
                .directory(work.toFile())
                .redirectOutput(work.resolve("conf.out").toFile())
                .redirectError(work.resolve("conf.err").toFile());
        pb.environment().put("srctree", work.toString());
        Process process = pb.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("conf finished").isTrue();
        String config = Files.exists(work.resolve(".config")) ? Files.readString(work.resolve(".config")) : "";
        return new Result(process.exitValue(), Files.readString(work.resolve("conf.err")), config);
    }

    @Test
    void generatedTreeParsesWithLinuxConfWithoutWarnings() throws Exception {
        writeTree(SnapshotRendererTests.render(SnapshotRendererTests.events()));
        Result result = runConf(root(false));
        assertThat(result.stderr()).as("conf stderr").isEmpty();
        assertThat(result.exit()).as("conf exit code").isZero();
        assertThat(result.config())
                .contains("CONFIG_TERRAFORM_LAMBDALABS_INSTANCE_TYPE=\"gpu_1x_gh200\"")
                .contains("CONFIG_TERRAFORM_AWS_INSTANCE_TYPE=\"m7a.medium\"")
                .contains("CONFIG_TERRAFORM_AWS_INSTANCE_M7A_MEDIUM=y")
                .contains("CONFIG_TERRAFORM_AWS_REGION=\"us-east-1\"")
                .contains("CONFIG_TERRAFORM_SANDBOX_INSTANCE_TYPE=\"sbx.gpu-1\"");
    }

    @Test
    void capacityAwareDependsHideTypesWithoutCapacityInTheChosenRegion() throws Exception {
        writeTree(SnapshotRendererTests.render(SnapshotRendererTests.events()));
        Result result = runConf(root(true));
        assertThat(result.stderr()).as("conf stderr").isEmpty();
        assertThat(result.exit()).isZero();
        // manual region us-east-1 (most capacity): gh200 has none there, so the H100 type is selected
        assertThat(result.config())
                .contains("CONFIG_TERRAFORM_LAMBDALABS_REGION=\"us-east-1\"")
                .contains("CONFIG_TERRAFORM_LAMBDALABS_INSTANCE_TYPE=\"gpu_8x_h100_sxm5\"")
                .doesNotContain("CONFIG_TERRAFORM_LAMBDALABS_INSTANCE_TYPE_GPU_1X_GH200=y");
    }

    @Test
    void confRejectsWhatWeMustNeverEmit() throws Exception {
        // the gate itself: a dotted symbol and a foreign choice default are caught (exit code or stderr)
        Files.writeString(work.resolve("bad"), """
                choice
                	prompt "x"
                	default TERRAFORM_X_USEAST1
                config TERRAFORM_X_US_EAST_1
                	bool "us-east-1"
                endchoice
                """);
        Result result = runConf("mainmenu \"v\"\nsource \"bad\"\n");
        assertThat(result.stderr()).contains("is not contained in the choice");
        List<String> lines = new ArrayList<>(List.of("mainmenu \"v\"", "config X_M7A.LARGE", "\tbool \"x\""));
        Result dotted = runConf(String.join("\n", lines) + "\n");
        assertThat(dotted.exit()).isNotZero();
    }
}
