package dev.skyfleet.generator.render;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Writes Kconfig text with kdevops's indentation: a tab for attributes, a tab and two spaces for help lines. */
final class KconfigBuffer {
    private final StringBuilder sb = new StringBuilder(4096);
    private final Set<String> symbols;

    KconfigBuffer(Set<String> symbols) {
        this.symbols = symbols;
    }

    KconfigBuffer() {
        this(new HashSet<>());
    }

    KconfigBuffer line(String s) {
        sb.append(s).append('\n');
        return this;
    }

    KconfigBuffer blank() {
        sb.append('\n');
        return this;
    }

    KconfigBuffer attr(String s) {
        sb.append('\t').append(s).append('\n');
        return this;
    }

    KconfigBuffer help(List<String> lines) {
        attr("help");
        for (String l : lines) {
            sb.append("\t  ").append(Text.oneLine(l)).append('\n');
        }
        return this;
    }

    /** Claims a symbol; false when the tree already defines it (the second raw name is skipped). */
    boolean claim(String symbol) {
        return symbols.add(symbol);
    }

    byte[] bytes() {
        return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
