package io.cikit.core.dispatch;

/**
 * How much of a console a runner keeps on disk: the first {@code headBytes} and the last {@code tailBytes}, with a
 * marker line between them saying how much was left out. The whole console is still analysed as it streams past;
 * only the file is cut. The tail is held in memory while the run lasts.
 *
 * @param headBytes bytes kept from the start, at least 1 KiB (default 8 MiB)
 * @param tailBytes bytes kept from the end, 0–64 MiB (default 1 MiB)
 */
public record ConsoleLimits(long headBytes, int tailBytes) {
    public static final ConsoleLimits DEFAULT = new ConsoleLimits(8L << 20, 1 << 20);

    public ConsoleLimits {
        if (headBytes < 1024) {
            throw new IllegalArgumentException("headBytes must be at least 1024: " + headBytes);
        }
        if (tailBytes < 0 || tailBytes > 64 << 20) {
            throw new IllegalArgumentException("tailBytes must be within 0–64 MiB: " + tailBytes);
        }
    }
}
