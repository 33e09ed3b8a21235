package dev.skyfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renderer's kustomize semantics, and where a real kustomize is installed, the same output as it. */
class KustomizeRendererTests {

    @Test
    void jsonPatchAddsReplacesRemovesAndTestsByPointer() {
        Map<String, Object> doc = YamlDocs.deepCopy(Map.of("spec", Map.of("list", List.of("a", "b"), "a/b", 1)));
        Map<String, Object> patched = JsonPatch.apply(doc, List.of(
                Map.of("op", "add", "path", "/spec/list/1", "value", "x"),
                Map.of("op", "add", "path", "/spec/list/-", "value", "z"),
                Map.of("op", "replace", "path", "/spec/a~1b", "value", 2),
                Map.of("op", "remove", "path", "/spec/list/0"),
                Map.of("op", "test", "path", "/spec/list/0", "value", "x")));
        assertThat(YamlDocs.<Object>at(patched, "spec", "list")).isEqualTo(List.of("x", "b", "z"));
        assertThat(YamlDocs.<Object>at(patched, "spec", "a/b")).isEqualTo(2);
        assertThat(YamlDocs.<Object>at(doc, "spec", "list")).as("input untouched").isEqualTo(List.of("a", "b"));
        assertThatThrownBy(() -> JsonPatch.apply(doc, List.of(Map.of("op", "replace", "path", "/spec/missing",
                "value", 1)))).hasMessageContaining("/spec/missing");
    }

    @Test
    void imagesKeepOrReplaceNameTagAndDigest() {
        List<Object> images = List.of(Map.of("name", "skyfleet/a", "newTag", "1.2"),
                Map.of("name", "skyfleet/b", "newName", "reg.local:5000/b"),
                Map.of("name", "skyfleet/c", "digest", "sha256:abc"));
        assertThat(Kustomize.retag("skyfleet/a:dev", images)).isEqualTo("skyfleet/a:1.2");
        assertThat(Kustomize.retag("skyfleet/b:dev", images)).isEqualTo("reg.local:5000/b:dev");
        assertThat(Kustomize.retag("skyfleet/c", images)).isEqualTo("skyfleet/c@sha256:abc");
        assertThat(Kustomize.retag("other/d:1", images)).isEqualTo("other/d:1");
    }

    @Test
    void overlaysNamespaceLabelMergeAndScaleTheBase() {
        Map<String, Object> catalog = Rendered.named("dev", "Deployment", "catalog-service");
        assertThat(YamlDocs.<String>at(catalog, "metadata", "namespace")).isEqualTo("skyfleet-dev");
        assertThat(YamlDocs.<Map<String, Object>>at(catalog, "metadata", "labels"))
                .containsEntry("app.kubernetes.io/part-of", "skyfleet")
                .containsEntry("app.kubernetes.io/instance", "skyfleet-dev");
        assertThat(YamlDocs.<Object>at(catalog, "spec", "replicas")).isEqualTo(1);
        assertThat(YamlDocs.<Object>at(Rendered.named("production", "Deployment", "catalog-service"), "spec",
                "replicas")).isEqualTo(3);
        assertThat(YamlDocs.<Object>at(Rendered.named("dev", "Namespace", "skyfleet-dev"), "metadata", "namespace"))
                .isNull();
        assertThat(YamlDocs.<Map<String, Object>>at(Rendered.named("dev", "ConfigMap", "skyfleet-shared"), "data"))
                .containsEntry("SKYFLEET_KAFKA_REPLICATION_FACTOR", "1")
                .containsKey("KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void unsupportedKustomizeFeaturesAreRefusedNotIgnored(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\ncommonLabels:\n  a: b\n");
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("commonLabels");
        Files.writeString(dir.resolve("kustomization.yaml"),
                "resources: [cm.yaml]\npatches:\n  - path: p.yaml\n    target: {kind: ConfigMap}\n");
        Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
        Files.writeString(dir.resolve("p.yaml"), "metadata:\n  labels: {a: b}\n");
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("strategic merge");
    }

    @Test
    void configMapGeneratorsCreateMergeAndReplaceAcrossLevels(@TempDir Path dir) throws IOException {
        Path base = Files.createDirectories(dir.resolve("base"));
        Path overlay = Files.createDirectories(dir.resolve("overlay"));
        Files.writeString(base.resolve("kustomization.yaml"), String.join("\n",
                "generatorOptions: {disableNameSuffixHash: true}",
                "configMapGenerator:",
                "  - name: a",
                "    literals: [X=1, Y=2]",
                "  - name: b",
                "    literals: [Z=3]", ""));
        Files.writeString(overlay.resolve("kustomization.yaml"), String.join("\n",
                "resources: [../base]",
                "namespace: ns",
                "generatorOptions: {disableNameSuffixHash: true}",
                "configMapGenerator:",
                "  - name: a",
                "    behavior: merge",
                "    literals: [Y=20, W=4]",
                "  - name: b",
                "    behavior: replace",
                "    literals: [V=5]", ""));
        List<Map<String, Object>> out = Kustomize.render(overlay);
        Map<String, Map<String, Object>> byName = new TreeMap<>();
        out.forEach(r -> byName.put(Rendered.name(r), r));
        assertThat(YamlDocs.<Map<String, Object>>at(byName.get("a"), "data"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("X", "1", "Y", "20", "W", "4"));
        assertThat(YamlDocs.<Map<String, Object>>at(byName.get("b"), "data")).containsExactlyEntriesOf(Map.of("V", "5"));
        assertThat(YamlDocs.<String>at(byName.get("a"), "metadata", "namespace")).isEqualTo("ns");
        Files.writeString(overlay.resolve("kustomization.yaml"), String.join("\n",
                "resources: [../base]",
                "generatorOptions: {disableNameSuffixHash: true}",
                "configMapGenerator:",
                "  - name: a",
                "    literals: [X=9]", ""));
        assertThatThrownBy(() -> Kustomize.render(overlay)).hasMessageContaining("already exists");
    }

    @Test
    void rendersTheSameResourcesAsKubectlKustomize() throws Exception {
        assumeTrue(kustomizeMajorVersion() >= 4, "kubectl with kustomize v4+ is not installed here");
        for (String overlay : Rendered.OVERLAYS) {
            Process process = new ProcessBuilder("kubectl", "kustomize", Repo.overlay(overlay).toString())
                    .redirectErrorStream(false).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(new String(process.getErrorStream().readAllBytes())).isZero();
            Path file = Files.createTempFile("kustomize-" + overlay, ".yaml");
            Files.writeString(file, out);
            Map<String, Map<String, Object>> expected = new TreeMap<>();
            YamlDocs.readAll(file).forEach(r -> expected.put(Kustomize.id(r), r));
            Files.delete(file);
            Map<String, Map<String, Object>> actual = new TreeMap<>();
            Rendered.overlay(overlay).forEach(r -> actual.put(Kustomize.id(r), r));
            assertThat(actual.keySet()).as(overlay).containsExactlyElementsOf(expected.keySet());
            for (String id : expected.keySet()) {
                assertThat(YamlDocs.toJson(sorted(actual.get(id)))).as(overlay + " " + id)
                        .isEqualTo(YamlDocs.toJson(sorted(expected.get(id))));
            }
        }
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new TreeMap<>();
            map.forEach((k, v) -> result.put((String) k, sorted(v)));
            return result;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(KustomizeRendererTests::sorted).toList();
        }
        return value;
    }

    private static int kustomizeMajorVersion() {
        try {
            Process process = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return 0;
            }
            Matcher m = Pattern.compile("Kustomize Version: v(\\d+)").matcher(out);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
