package dev.skyfleet.generator.overlay;

/** An overlay that cannot be applied: names the file, the line (1-based, 0 when unknown) and the reason. */
public class OverlayException extends RuntimeException {
    private final String file;
    private final int line;
    private final String reason;

    public OverlayException(String file, int line, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
