package io.cikit.core.artifact;

/**
 * Bounds {@link ArtifactInspector} works within, so a hostile or huge artifact costs bounded memory and time.
 *
 * @param headBytes bytes of each artifact (and of each nested payload) held in memory for header checks; default
 *     256 KiB, enough for any x86 setup header
 * @param decompressedBudgetBytes decompressed bytes the inspector may produce per artifact while looking for a
 *     version banner or classifying an archive's entries (all nesting levels together); default 128 MiB. Raw
 *     bytes are always read to the end (for size and SHA-256) and cost no budget.
 * @param maxNesting how many wrappers deep the inspector looks (gzip around a tar, a FIT holding an Image.gz,
 *     …); default 4
 * @param decoderMemoryBytes the most memory a decompressor may ask for (xz/LZMA dictionary, zstd window);
 *     streams that need more are reported unknown with a reason; default 96 MiB, since the kernel's own
 *     {@code lzma -9} payloads need a 64 MiB dictionary
 * @param archiveEntriesExamined entries of a tar, cpio or zip read to classify it (modules, DTBs, rootfs);
 *     default 4096
 * @param maxManifestPackages packages kept from a Yocto manifest; default 20000
 * @param maxLineBytes longest text line kept whole ({@code .config}, {@code System.map}, manifests); longer lines
 *     are skipped; default 64 KiB
 * @param maxJsonBytes largest JSON document read ({@code metadata.json}, {@code *.testdata.json}); default 16 MiB
 */
public record InspectionLimits(int headBytes, long decompressedBudgetBytes, int maxNesting, long decoderMemoryBytes,
        int archiveEntriesExamined, int maxManifestPackages, int maxLineBytes, int maxJsonBytes) {

    /** The defaults listed on each component. */
    public static final InspectionLimits DEFAULT = new InspectionLimits(256 * 1024, 128L * 1024 * 1024, 4,
            96L * 1024 * 1024, 4096, 20_000, 64 * 1024, 16 * 1024 * 1024);

    public InspectionLimits {
        if (headBytes < 4096) {
            throw new IllegalArgumentException("headBytes must be at least 4096: " + headBytes);
        }
        if (decompressedBudgetBytes < 0 || maxNesting < 0 || decoderMemoryBytes < 1 || archiveEntriesExamined < 1
                || maxManifestPackages < 0 || maxLineBytes < 256 || maxJsonBytes < 1024) {
            throw new IllegalArgumentException("inspection limits out of range: " + decompressedBudgetBytes + ", "
                    + maxNesting + ", " + decoderMemoryBytes + ", " + archiveEntriesExamined + ", "
                    + maxManifestPackages + ", " + maxLineBytes + ", " + maxJsonBytes);
        }
    }

    /** These limits with another decompressed budget. */
    public InspectionLimits withDecompressedBudget(long bytes) {
        return new InspectionLimits(headBytes, bytes, maxNesting, decoderMemoryBytes, archiveEntriesExamined,
                maxManifestPackages, maxLineBytes, maxJsonBytes);
    }
}
