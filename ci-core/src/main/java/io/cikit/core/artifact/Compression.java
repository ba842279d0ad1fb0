package io.cikit.core.artifact;

import java.util.Locale;

/** A compression wrapper around an artifact, or around the payload inside a kernel image. */
public enum Compression {
    NONE,
    GZIP,
    XZ,
    LZMA,
    ZSTD,
    BZIP2,
    LZ4,
    LZO,
    /** Named by a header cikit does not know. */
    UNKNOWN;

    /** {@code none}, {@code gzip}, {@code xz}, {@code lzma}, {@code zstd}, {@code bzip2}, {@code lz4}, {@code lzo}, {@code unknown}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The compression a header word names ({@code gzip}, {@code zstd}, {@code lz4}, …); {@link #UNKNOWN} otherwise. */
    public static Compression fromName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "none", "" -> NONE;
            case "gzip", "gz" -> GZIP;
            case "xz" -> XZ;
            case "lzma" -> LZMA;
            case "zstd", "zstandard", "zst" -> ZSTD;
            case "bzip2", "bz2" -> BZIP2;
            case "lz4" -> LZ4;
            case "lzo" -> LZO;
            default -> UNKNOWN;
        };
    }
}
