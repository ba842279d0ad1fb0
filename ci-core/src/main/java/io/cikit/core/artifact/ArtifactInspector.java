package io.cikit.core.artifact;

import io.cikit.core.CiException;
import io.cikit.core.artifact.internal.Inspector;
import io.cikit.core.artifact.internal.SourceReadFailure;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Tells what a kernel or BSP artifact is from its bytes, never from its name: x86 bzImage, arm64 and RISC-V
 * Image, 32-bit ARM zImage, U-Boot uImage (header and data CRC checked), FIT and DTB, EFI zboot, ELF
 * {@code vmlinux} and modules, the same inside gzip/xz/zstd/bzip2/lz4/lzma wrappers, kernel {@code .config},
 * {@code System.map}, modules/DTB/rootfs archives, ext/squashfs/disk images, TuxMake {@code metadata.json}, Yocto
 * {@code *.testdata.json} and {@code *.manifest}.
 *
 * <p>Each artifact is read once, start to end, in bounded memory (see {@link InspectionLimits}); compressed
 * content is decompressed only as far as needed, within a byte budget. Bytes that are truncated, corrupt or of no
 * known kind give a report with kind and format unknown and a {@link ArtifactReport#reason()}: content never
 * causes an exception. Thread-safe and stateless; one instance may serve any number of threads.
 */
public final class ArtifactInspector {
    private final InspectionLimits limits;

    /** An inspector with {@link InspectionLimits#DEFAULT}. */
    public ArtifactInspector() {
        this(InspectionLimits.DEFAULT);
    }

    public ArtifactInspector(InspectionLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public InspectionLimits limits() {
        return limits;
    }

    /**
     * Inspects a file; the report's path is {@code file} as given.
     *
     * @throws CiException when the file cannot be opened or read
     */
    public ArtifactReport inspect(Path file) {
        Objects.requireNonNull(file, "file");
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            return inspect(in, file.toString());
        } catch (IOException e) {
            throw new CiException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Inspects bytes in memory. Never throws for any content. */
    public ArtifactReport inspect(byte[] bytes, String path) {
        return inspect(new ByteArrayInputStream(Objects.requireNonNull(bytes, "bytes")), path);
    }

    /**
     * Inspects a stream, reading it to the end (the caller closes it). Used for archive entries and downloads.
     *
     * @throws CiException when the stream itself fails (never for its content); an unchecked exception the
     *     stream throws is passed on unchanged
     */
    public ArtifactReport inspect(InputStream in, String path) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(path, "path");
        try {
            return Inspector.inspect(in, path, limits);
        } catch (SourceReadFailure e) {
            if (e.getCause() instanceof RuntimeException r) {
                // e.g. an archive refusing the entry being read: the caller's own exception, unchanged
                throw r;
            }
            throw new CiException("cannot read " + path + ": " + e.getMessage(), e.getCause());
        }
    }
}
