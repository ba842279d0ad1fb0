package io.cikit.core.artifact;

import io.cikit.core.CiException;
import io.cikit.core.artifact.internal.ArchiveStreams;
import io.cikit.core.artifact.internal.Extractor;
import io.cikit.core.artifact.internal.SourceReadFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads tar (plain, gzip, xz, zstd, bzip2, lz4, lzma), cpio and zip archives without trusting them: entries are
 * streamed (nothing touches the disk unless {@link #extractTo} is asked), every name and link is checked, and the
 * limits of {@link ArchiveLimits} hold while reading. The format is told from the bytes, not the file name.
 *
 * <p>Always refused, with {@link UnsafeArchiveException} and its reason: names that are absolute
 * ({@code absolute-path}) or hold {@code ..} ({@code path-traversal}), symlinks whose target is absolute or
 * resolves outside the root through any symlinks seen so far ({@code symlink-escape}), hardlinks to anything but
 * an earlier file of the archive ({@code hardlink-escape}), too many entries, too many bytes, an expansion ratio
 * above the limit, and truncated or corrupt streams. When extracting, devices and FIFOs ({@code device-file}) and
 * entries that go through one of the archive's own symlinks are refused too; streaming lists them.
 *
 * <p>Zip entries are read from their local headers (streaming), which carry no Unix file type: a zip never
 * yields symlinks, so a zip "symlink" is extracted as a small file holding its target.
 *
 * <p>An instance names one archive file and may be read any number of times; it is immutable and thread-safe.
 * A failed extraction may leave part of the archive in the directory: extract into a fresh temporary directory.
 */
public final class SafeArchive {
    private final Path file;
    private final ArchiveLimits limits;
    private final ImageFormat format;
    private final Compression compression;

    private SafeArchive(Path file, ArchiveLimits limits, ImageFormat format, Compression compression) {
        this.file = file;
        this.limits = limits;
        this.format = format;
        this.compression = compression;
    }

    /** Receives each entry with its content stream, which is readable only during the call. */
    @FunctionalInterface
    public interface EntryVisitor {
        void visit(ArchiveEntry entry, InputStream content) throws IOException;
    }

    /** {@link #open(Path, ArchiveLimits)} with {@link ArchiveLimits#DEFAULT}. */
    public static SafeArchive open(Path file) {
        return open(file, ArchiveLimits.DEFAULT);
    }

    /**
     * Opens an archive file, telling its format from its first bytes.
     *
     * @throws CiException when the file cannot be read or is not a tar, cpio or zip archive (plain or compressed)
     */
    public static SafeArchive open(Path file, ArchiveLimits limits) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(limits, "limits");
        byte[] head = new byte[ArchiveStreams.SNIFF_RAW];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new CiException("cannot read " + file + ": " + e.getMessage(), e);
        }
        ArchiveStreams.Kind kind = ArchiveStreams.sniff(head, n, limits.decoderMemoryBytes())
                .orElseThrow(() -> new CiException(file + " is not a tar, cpio or zip archive (plain or compressed)"));
        return new SafeArchive(file, limits, kind.container(), kind.compression());
    }

    /** Whether the file's first bytes are an archive this class reads; never throws for content. */
    public static boolean isArchive(Path file) {
        byte[] head = new byte[ArchiveStreams.SNIFF_RAW];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, head.length);
            return ArchiveStreams.sniff(head, n, ArchiveLimits.DEFAULT.decoderMemoryBytes()).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    public Path file() {
        return file;
    }

    public ArchiveLimits limits() {
        return limits;
    }

    /** {@link ImageFormat#TAR}, {@link ImageFormat#CPIO} or {@link ImageFormat#ZIP}. */
    public ImageFormat format() {
        return format;
    }

    /** The compression around the archive ({@link Compression#NONE} for plain tar, cpio and zip). */
    public Compression compression() {
        return compression;
    }

    /**
     * Streams every entry to the visitor, in archive order. The root entry ({@code ./}) is not reported.
     *
     * @throws UnsafeArchiveException when the archive is refused (the visitor has seen the entries before it)
     * @throws CiException when the file cannot be read or the visitor throws an {@link IOException}
     */
    public void forEach(EntryVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        run(false, visitor::visit);
    }

    /** The entries, checked as for {@link #forEach}. */
    public List<ArchiveEntry> list() {
        List<ArchiveEntry> entries = new ArrayList<>();
        forEach((e, content) -> entries.add(e));
        return List.copyOf(entries);
    }

    /**
     * Extracts into {@code directory} (created if missing) and returns the entries written. Links are made after
     * every file; devices and FIFOs are refused.
     *
     * @throws UnsafeArchiveException when the archive is refused
     * @throws CiException when reading the archive or writing the directory fails
     */
    public List<ArchiveEntry> extractTo(Path directory) {
        Objects.requireNonNull(directory, "directory");
        try {
            Extractor extractor = new Extractor(directory);
            run(true, extractor);
            return extractor.finish();
        } catch (IOException e) {
            throw new CiException("cannot extract " + file + " into " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Streams an archive from a stream read once (a download, an archive inside another): the same checks as
     * {@link #forEach}. The caller closes {@code in}.
     *
     * @return the archive's container format and compression, as found
     */
    public static ImageFormat stream(InputStream in, ArchiveLimits limits, EntryVisitor visitor) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(visitor, "visitor");
        try {
            return ArchiveStreams.stream(in, limits, false, visitor::visit).container();
        } catch (SourceReadFailure e) {
            throw unwrap(e, "the stream");
        } catch (IOException e) {
            throw new CiException("reading the archive failed: " + e.getMessage(), e);
        }
    }

    private void run(boolean extracting, ArchiveStreams.Visitor visitor) {
        try {
            ArchiveStreams.stream(file, limits, extracting, visitor);
        } catch (SourceReadFailure e) {
            throw unwrap(e, file.toString());
        } catch (IOException e) {
            throw new CiException("reading " + file + " failed: " + e.getMessage(), e);
        }
    }

    private static RuntimeException unwrap(SourceReadFailure e, String what) {
        if (e.getCause() instanceof RuntimeException r) {
            return r;
        }
        return new CiException("cannot read " + what + ": " + e.getMessage(), e.getCause());
    }
}
