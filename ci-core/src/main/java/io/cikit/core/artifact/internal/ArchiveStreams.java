package io.cikit.core.artifact.internal;

import io.cikit.core.artifact.ArchiveEntry;
import io.cikit.core.artifact.ArchiveLimits;
import io.cikit.core.artifact.Compression;
import io.cikit.core.artifact.ImageFormat;
import io.cikit.core.artifact.UnsafeArchiveException;
import io.cikit.core.artifact.UnsafeArchiveException.Reason;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveInputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Streams the entries of a tar (plain or gzip/xz/zstd/bzip2/lz4/lzma-compressed), cpio or zip archive with
 * Commons Compress, applying an {@link EntryGuard} to each entry and metering bytes: entry sizes as read, total
 * decompressed bytes, and the expansion ratio against the compressed bytes consumed.
 */
public final class ArchiveStreams {
    /**
     * Raw bytes read to tell the format: decoders only emit a block's output once they have the whole block (an
     * LZMA2 chunk is up to 64 KiB compressed, a bzip2 block of incompressible data about 900 KiB).
     */
    public static final int SNIFF_RAW = 1024 * 1024 + 64 * 1024;

    private ArchiveStreams() {
    }

    /** What an archive is: its container and the compression around it. */
    public record Kind(ImageFormat container, Compression compression) {
    }

    /** Receives each admitted entry with its content, readable only during the call. */
    @FunctionalInterface
    public interface Visitor {
        void visit(ArchiveEntry entry, InputStream content) throws IOException;
    }

    /** The archive kind from the leading bytes, or empty when they are not a supported archive. */
    public static Optional<Kind> sniff(byte[] head, int n, long decoderMemoryBytes) {
        Compression c = Decoders.sniff(head, n, 0);
        if (c == Compression.NONE) {
            return container(head, n).map(k -> new Kind(k, Compression.NONE));
        }
        if (c == Compression.LZO || c == Compression.UNKNOWN) {
            return Optional.empty();
        }
        byte[] inner = new byte[1024];
        int got = 0;
        try (InputStream d = Decoders.open(c, new ByteArrayInputStream(head, 0, n), decoderMemoryBytes)) {
            int r;
            while (got < inner.length && (r = d.read(inner, got, inner.length - got)) >= 0) {
                got += r;
            }
        } catch (IOException e) {
            // a short or damaged stream may still show what it is; reading it later says what is wrong
        }
        return container(inner, got).filter(k -> k != ImageFormat.ZIP).map(k -> new Kind(k, c));
    }

    private static Optional<ImageFormat> container(byte[] h, int n) {
        if (Bytes.at(h, n, 257, "ustar")) {
            return Optional.of(ImageFormat.TAR);
        }
        if (Bytes.at(h, n, 0, "070701") || Bytes.at(h, n, 0, "070702") || Bytes.at(h, n, 0, "070707")) {
            return Optional.of(ImageFormat.CPIO);
        }
        if (Bytes.at(h, n, 0, new byte[] {'P', 'K', 3, 4}) || Bytes.at(h, n, 0, new byte[] {'P', 'K', 5, 6})) {
            return Optional.of(ImageFormat.ZIP);
        }
        return Optional.empty();
    }

    /**
     * Streams every entry of the archive in {@code raw} (which this reads from its start and does not close).
     *
     * @throws UnsafeArchiveException when an entry or limit is refused, or the stream is truncated or corrupt
     * @throws SourceReadFailure when {@code raw} itself fails
     * @throws IOException when the visitor does
     */
    public static Kind stream(InputStream raw, ArchiveLimits limits, boolean extracting, Visitor visitor) throws IOException {
        ArchiveMeter meter = new ArchiveMeter(limits);
        BufferedInputStream in = new BufferedInputStream(meter.raw(raw), SNIFF_RAW);
        Kind kind = sniffMarked(in, limits);
        InputStream decoded;
        try {
            decoded = Decoders.open(kind.compression(), in, limits.decoderMemoryBytes());
        } catch (IOException e) {
            throw ArchiveFailures.classify(e, null);
        }
        entries(kind, meter.decompressed(decoded), meter, new EntryGuard(limits, extracting), visitor);
        return kind;
    }

    /**
     * Streams every entry of an archive file; a multi-block xz file is decoded on
     * {@link ArchiveLimits#decoderThreads()} threads.
     */
    public static Kind stream(Path file, ArchiveLimits limits, boolean extracting, Visitor visitor) throws IOException {
        Optional<Kind> kind;
        try (InputStream probe = Files.newInputStream(file)) {
            byte[] head = probe.readNBytes(SNIFF_RAW);
            kind = sniff(head, head.length, limits.decoderMemoryBytes());
        } catch (IOException e) {
            throw new SourceReadFailure(e);
        }
        // spools hold one block each: blocks bigger than an entry may be are left to the sequential reader
        Optional<ParallelXzInputStream> parallel = kind.filter(k -> k.compression() == Compression.XZ)
                .flatMap(k -> ParallelXzInputStream.open(file, limits.decoderMemoryBytes(), limits.decoderThreads(),
                        Math.min(limits.maxEntryBytes(), 1L << 30)));
        if (parallel.isEmpty()) {
            InputStream in;
            try {
                in = Files.newInputStream(file);
            } catch (IOException e) {
                throw new SourceReadFailure(e);
            }
            try (InputStream buffered = new BufferedInputStream(in, 256 * 1024)) {
                return stream(buffered, limits, extracting, visitor);
            }
        }
        try (ParallelXzInputStream xz = parallel.get()) {
            ArchiveMeter meter = new ArchiveMeter(limits);
            meter.rawFrom(xz::compressedBytesConsumed);
            if (xz.uncompressedSize() > limits.maxTotalBytes()) {
                throw new UnsafeArchiveException(Reason.TOO_LARGE, null,
                        "archive decompresses to " + xz.uncompressedSize() + " bytes, more than " + limits.maxTotalBytes());
            }
            InputStream decoded = new FilterInputStream(xz) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    try {
                        return super.read(b, off, len);
                    } catch (IOException e) {
                        throw ArchiveFailures.classify(e, null);
                    }
                }
            };
            entries(kind.get(), meter.decompressed(decoded), meter, new EntryGuard(limits, extracting), visitor);
        }
        return kind.get();
    }

    private static Kind sniffMarked(InputStream in, ArchiveLimits limits) throws IOException {
        in.mark(SNIFF_RAW);
        byte[] head = new byte[SNIFF_RAW];
        int n = readSource(in, head);
        in.reset();
        return sniff(head, n, limits.decoderMemoryBytes()).orElseThrow(() -> new UnsafeArchiveException(
                Reason.CORRUPT, null, "not a tar, cpio or zip archive (plain or compressed)"));
    }

    private static void entries(Kind kind, InputStream metered, ArchiveMeter meter, EntryGuard guard, Visitor visitor)
            throws IOException {
        switch (kind.container()) {
            case TAR -> tar(new TarArchiveInputStream(metered), guard, meter, visitor);
            case CPIO -> cpio(new CpioArchiveInputStream(metered), guard, meter, visitor);
            default -> zip(new ZipArchiveInputStream(metered, "UTF-8", true, true), guard, meter, visitor);
        }
    }

    private static int readSource(InputStream in, byte[] head) throws IOException {
        return Streams.readUpTo(in, head, 0, head.length);
    }

    private static void tar(TarArchiveInputStream t, EntryGuard guard, ArchiveMeter meter, Visitor visitor) throws IOException {
        TarArchiveEntry e;
        String last = null;
        long lastDataEnd = -1;
        while ((e = next(t, last)) != null) {
            last = e.getName();
            ArchiveEntry.Type type = e.isSymbolicLink() ? ArchiveEntry.Type.SYMLINK : e.isLink() ? ArchiveEntry.Type.HARDLINK
                    : e.isDirectory() ? ArchiveEntry.Type.DIRECTORY : e.isCharacterDevice() || e.isBlockDevice()
                    ? ArchiveEntry.Type.DEVICE : e.isFIFO() ? ArchiveEntry.Type.FIFO : e.isFile()
                    ? ArchiveEntry.Type.FILE : ArchiveEntry.Type.OTHER;
            long size = e.isSparse() ? e.getRealSize() : e.getSize();
            // the tar reader consumes whole 512-byte records and nothing more, so this is where the data ends
            lastDataEnd = e.isSparse() ? -1 : meter.decompressed + (e.getSize() + 511) / 512 * 512;
            visit(guard.admit(e.getName(), type, size, e.getLinkName(), e.getMode()), e.getName(), t, meter, visitor);
        }
        // Commons Compress treats a stream that stops at a record boundary as a clean end; a real end has a zero record
        if (lastDataEnd >= 0 && meter.decompressed < lastDataEnd + 512) {
            throw new UnsafeArchiveException(Reason.TRUNCATED, last,
                    "archive is truncated: the tar stream ends without its end-of-archive marker");
        }
    }

    private static void cpio(CpioArchiveInputStream c, EntryGuard guard, ArchiveMeter meter, Visitor visitor) throws IOException {
        CpioArchiveEntry e;
        String last = null;
        while ((e = next(c, last)) != null) {
            last = e.getName();
            long fmt = e.getMode() & CpioConstants.S_IFMT;
            ArchiveEntry.Type type = fmt == CpioConstants.C_ISLNK ? ArchiveEntry.Type.SYMLINK
                    : fmt == CpioConstants.C_ISDIR ? ArchiveEntry.Type.DIRECTORY
                    : fmt == CpioConstants.C_ISCHR || fmt == CpioConstants.C_ISBLK ? ArchiveEntry.Type.DEVICE
                    : fmt == CpioConstants.C_ISFIFO ? ArchiveEntry.Type.FIFO
                    : fmt == CpioConstants.C_ISREG ? ArchiveEntry.Type.FILE : ArchiveEntry.Type.OTHER;
            String link = null;
            if (type == ArchiveEntry.Type.SYMLINK) {
                // a cpio symlink's target is its content
                if (e.getSize() > 4096) {
                    throw new UnsafeArchiveException(Reason.INVALID_NAME, last, "symlink target longer than 4096");
                }
                byte[] target = new byte[(int) e.getSize()];
                try {
                    link = new String(target, 0, Streams.readUpTo(c, target, 0, target.length), java.nio.charset.StandardCharsets.UTF_8);
                } catch (IOException x) {
                    throw ArchiveFailures.classify(x, last);
                }
            }
            visit(guard.admit(e.getName(), type, e.getSize(), link, (int) e.getMode()), e.getName(), c, meter, visitor);
        }
    }

    private static void zip(ZipArchiveInputStream z, EntryGuard guard, ArchiveMeter meter, Visitor visitor) throws IOException {
        ZipArchiveEntry e;
        String last = null;
        while ((e = next(z, last)) != null) {
            last = e.getName();
            // local headers carry no Unix file type, so zip entries are only ever files or directories
            ArchiveEntry.Type type = e.isDirectory() ? ArchiveEntry.Type.DIRECTORY : ArchiveEntry.Type.FILE;
            visit(guard.admit(e.getName(), type, Math.max(0, e.getSize()), null, e.getUnixMode()), e.getName(), z, meter, visitor);
        }
    }

    private static <E extends org.apache.commons.compress.archivers.ArchiveEntry> @Nullable E next(
            ArchiveInputStream<E> in, @Nullable String previous) {
        try {
            return in.getNextEntry();
        } catch (IOException e) {
            throw ArchiveFailures.classify(e, previous);
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException | IndexOutOfBoundsException e) {
            // header parsers signal some malformed fields with unchecked exceptions
            throw new UnsafeArchiveException(Reason.CORRUPT, previous, "archive is corrupt: " + e.getMessage(), e);
        }
    }

    private static void visit(Optional<ArchiveEntry> admitted, String rawName, InputStream archive, ArchiveMeter meter,
            Visitor visitor) throws IOException {
        if (admitted.isEmpty()) {
            return;
        }
        ArchiveEntry entry = admitted.get();
        InputStream content = meter.entry(archive, rawName);
        visitor.visit(entry, content);
        // what the visitor left unread still passes the meters: a bomb must not expand unseen
        Streams.drain(content);
    }
}
