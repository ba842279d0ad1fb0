package io.cikit.core.artifact;

/**
 * Bounds {@link SafeArchive} enforces while streaming or extracting an archive; crossing one fails with
 * {@link UnsafeArchiveException} and the reason named below.
 *
 * @param maxEntries most entries ({@code too-many-entries}); default 4096: Yocto deploy directories and kernel build
 *     outputs hold hundreds of files, a distribution's modules tarball a few thousand. Raise it for rootfs tarballs.
 * @param maxEntryBytes largest single entry, declared or actually read ({@code too-large}); default 8 GiB
 * @param maxTotalBytes most bytes for all entries together, declared or read, and most decompressed bytes
 *     ({@code too-large}); default 32 GiB
 * @param maxExpansionRatio most decompressed bytes per compressed byte ({@code ratio-exceeded}); default 200,
 *     well above what sparse file-system images reach and far below a compression bomb's 1000 and more
 * @param ratioGraceBytes decompressed bytes before the ratio is checked, so that small archives (mostly headers
 *     and padding) pass; default 8 MiB
 * @param maxNameLength longest entry name or link target in characters ({@code invalid-name}); default 4096
 * @param decoderMemoryBytes most memory an xz/LZMA dictionary or zstd window may need ({@code too-large});
 *     default 128 MiB (per decoder thread)
 * @param decoderThreads threads decoding the blocks of a multi-block {@code .xz} archive file in parallel (what
 *     {@code xz -T} writes); each needs one dictionary of memory and spools at most one block to a temporary file.
 *     Default 2 (1 on a single-CPU machine); 1 decodes on the reading thread only
 */
public record ArchiveLimits(int maxEntries, long maxEntryBytes, long maxTotalBytes, double maxExpansionRatio,
        long ratioGraceBytes, int maxNameLength, long decoderMemoryBytes, int decoderThreads) {

    /** The defaults listed on each component. */
    public static final ArchiveLimits DEFAULT = new ArchiveLimits(4096, 8L << 30, 32L << 30, 200, 8L << 20, 4096,
            128L << 20, Math.min(2, Runtime.getRuntime().availableProcessors()));

    public ArchiveLimits {
        if (maxEntries < 1 || maxEntryBytes < 1 || maxTotalBytes < 1 || !(maxExpansionRatio >= 1)
                || ratioGraceBytes < 0 || maxNameLength < 1 || decoderMemoryBytes < 1 || decoderThreads < 1
                || decoderThreads > 64) {
            throw new IllegalArgumentException("archive limits out of range: " + maxEntries + ", " + maxEntryBytes
                    + ", " + maxTotalBytes + ", " + maxExpansionRatio + ", " + ratioGraceBytes + ", " + maxNameLength
                    + ", " + decoderMemoryBytes + ", " + decoderThreads);
        }
    }

    public ArchiveLimits withMaxEntries(int v) {
        return new ArchiveLimits(v, maxEntryBytes, maxTotalBytes, maxExpansionRatio, ratioGraceBytes, maxNameLength,
                decoderMemoryBytes, decoderThreads);
    }

    public ArchiveLimits withMaxEntryBytes(long v) {
        return new ArchiveLimits(maxEntries, v, maxTotalBytes, maxExpansionRatio, ratioGraceBytes, maxNameLength,
                decoderMemoryBytes, decoderThreads);
    }

    public ArchiveLimits withMaxTotalBytes(long v) {
        return new ArchiveLimits(maxEntries, maxEntryBytes, v, maxExpansionRatio, ratioGraceBytes, maxNameLength,
                decoderMemoryBytes, decoderThreads);
    }

    public ArchiveLimits withMaxExpansionRatio(double ratio, long graceBytes) {
        return new ArchiveLimits(maxEntries, maxEntryBytes, maxTotalBytes, ratio, graceBytes, maxNameLength,
                decoderMemoryBytes, decoderThreads);
    }

    public ArchiveLimits withDecoderThreads(int v) {
        return new ArchiveLimits(maxEntries, maxEntryBytes, maxTotalBytes, maxExpansionRatio, ratioGraceBytes,
                maxNameLength, decoderMemoryBytes, v);
    }
}
