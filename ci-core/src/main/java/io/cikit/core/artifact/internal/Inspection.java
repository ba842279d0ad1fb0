package io.cikit.core.artifact.internal;

import io.cikit.core.artifact.Arch;
import io.cikit.core.artifact.ArtifactKind;
import io.cikit.core.artifact.ArtifactReport;
import io.cikit.core.artifact.Compression;
import io.cikit.core.artifact.Endianness;
import io.cikit.core.artifact.ImageFormat;
import io.cikit.core.artifact.InspectionLimits;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * One inspection: the limits, the shared decompression budget, the size the headers promise, and the dispatch
 * from leading bytes to the reader for each format. Not thread-safe; one per artifact.
 */
final class Inspection {
    private static final byte[] MZ = {'M', 'Z'};

    final InspectionLimits limits;
    final Budget budget;
    private long expectedSize = -1;
    private String expectedWhat = "";

    Inspection(InspectionLimits limits) {
        this.limits = limits;
        this.budget = new Budget(limits.decompressedBudgetBytes());
    }

    /** Records the size a top-level header promises; checked once every byte has been read. */
    void expectSize(int depth, long bytes, String what) {
        if (depth == 0 && bytes > expectedSize) {
            expectedSize = bytes;
            expectedWhat = what;
        }
    }

    /** After the whole artifact was read: marks it unknown when it is shorter than its header says. */
    void checkSize(ArtifactReport.Builder b, long actual) {
        if (expectedSize > actual && (b.kind() != ArtifactKind.UNKNOWN || b.format() != ImageFormat.UNKNOWN)) {
            b.unknown("truncated " + expectedWhat + ": the header says " + expectedSize + " bytes, the file has " + actual);
        }
    }

    /** Reads one artifact or payload: picks the reader from the leading bytes. */
    void analyze(ForwardInput in, ArtifactReport.Builder b, int depth) throws IOException {
        byte[] h = in.head();
        int n = in.headLen();
        if (n == 0) {
            b.unknown("empty");
            return;
        }
        Compression c = Decoders.sniff(h, n, 0);
        if (c != Compression.NONE) {
            if (depth == 0) {
                b.compression(c);
            }
            unwrap(c, in.from(0), b, depth);
            return;
        }
        if (UImageReader.matches(h, n)) {
            UImageReader.read(this, in, b, depth);
        } else if (FdtReader.matches(h, n)) {
            FdtReader.read(this, in, b, depth);
        } else if (ElfReader.matches(h, n)) {
            ElfReader.read(this, in, b, depth);
        } else if (KernelHeaders.isBzImage(h, n)) {
            KernelHeaders.readBzImage(this, in, b, depth);
        } else if (KernelHeaders.isArmStyleImage(h, n)) {
            KernelHeaders.readArmStyleImage(this, in, b);
        } else if (Bytes.at(h, n, 0, MZ) && KernelHeaders.isEfiZboot(h, n)) {
            KernelHeaders.readEfiZboot(this, in, b, depth);
        } else if (KernelHeaders.isZImage(h, n)) {
            KernelHeaders.readZImage(this, in, b, depth);
        } else if (ArchiveContentReader.matches(h, n)) {
            ArchiveContentReader.read(this, in, b, depth);
        } else if (FilesystemReader.matches(h, n)) {
            FilesystemReader.read(this, in, b, depth);
        } else if (Bytes.at(h, n, 0, MZ) && KernelHeaders.peMachine(h, n).isPresent()) {
            KernelHeaders.readPe(this, in, b);
        } else if (TextArtifactReader.looksLikeText(h, n)) {
            TextArtifactReader.read(this, in, b);
        } else {
            rawKernelOrUnknown(in, b);
        }
    }

    /** Decompresses a wrapper and reads what is inside as the same artifact. */
    private void unwrap(Compression c, InputStream compressed, ArtifactReport.Builder b, int depth) {
        ArtifactReport.Builder inner = payload(c, compressed, b.build().path(), depth);
        if (inner.kind() == ArtifactKind.UNKNOWN && inner.format() == ImageFormat.UNKNOWN) {
            b.unknown(c.wireName() + "-compressed: " + inner.reason().orElse("content of no known kind"));
            return;
        }
        Compression outer = b.compression();
        ArtifactReport rebuilt = inner.build();
        b.kind(rebuilt.kind()).format(rebuilt.format()).arch(rebuilt.arch()).version(rebuilt.version().orElse(null))
                .endianness(rebuilt.endianness()).pageSize(rebuilt.pageSize().orElse(0))
                .payloadCompression(rebuilt.payloadCompression()).compatible(rebuilt.compatible())
                .model(rebuilt.model().orElse(null)).reason(rebuilt.reason().orElse(null))
                .fitImages(rebuilt.fitImages()).fitConfigurations(rebuilt.fitConfigurations());
        rebuilt.details().forEach(b::detail);
        if (depth > 0) {
            b.detail("innerCompression", c.wireName());
        }
        b.compression(outer);
    }

    /**
     * Reads a payload (a compressed kernel, an embedded image) into a separate report, never throwing for its
     * content: a bad payload gives an unknown report with a reason.
     */
    ArtifactReport.Builder payload(Compression c, InputStream raw, String path, int depth) {
        ArtifactReport.Builder inner = ArtifactReport.builder(path);
        if (depth + 1 > limits.maxNesting()) {
            return inner.unknown("nested more than " + limits.maxNesting() + " levels deep");
        }
        InputStream content;
        try {
            content = c == Compression.NONE ? raw : budget.meter(Decoders.open(c, raw, limits.decoderMemoryBytes()));
        } catch (IOException e) {
            return inner.unknown(c.wireName() + " stream unreadable: " + e.getMessage());
        }
        try {
            ForwardInput in = new ForwardInput(content, limits.headBytes());
            analyze(in, inner, depth + 1);
        } catch (IOException e) {
            if (budget.exhausted()) {
                if (inner.reason().isEmpty()) {
                    inner.reason(budgetReason());
                }
            } else {
                inner.unknown("corrupt " + (c == Compression.NONE ? "payload" : c.wireName() + " stream") + ": "
                        + e.getMessage());
            }
        }
        return inner;
    }

    String budgetReason() {
        return "stopped after the decompression budget of " + limits.decompressedBudgetBytes() + " bytes";
    }

    /** Copies what a kernel payload revealed onto the outer report, keeping what the outer header said. */
    static void mergeKernelFacts(ArtifactReport.Builder outer, ArtifactReport.Builder inner) {
        inner.version().ifPresent(v -> {
            if (outer.version().isEmpty()) {
                outer.version(v);
                inner.detail("banner").ifPresent(line -> outer.detail("banner", line));
            }
        });
        if (outer.arch() == Arch.UNKNOWN) {
            outer.arch(inner.arch());
        }
        if (outer.endianness() == Endianness.UNKNOWN) {
            outer.endianness(inner.endianness());
        }
        if (outer.pageSize() == 0) {
            outer.pageSize(inner.pageSize());
        }
        if (inner.format() != ImageFormat.UNKNOWN) {
            outer.detail("payloadFormat", inner.format().wireName());
        }
        inner.reason().ifPresent(r -> outer.detail("payloadReason", r));
    }

    /** Scans content for the {@code Linux version} banner and records it; returns whether one was found. */
    boolean findBanner(InputStream content, ArtifactReport.Builder b) throws IOException {
        Optional<BannerScanner.Banner> banner = BannerScanner.linuxBanner().scan(content);
        banner.ifPresent(x -> b.version(x.release()).detail("banner", x.line()));
        if (banner.isEmpty() && budget.exhausted()) {
            b.reason("no version banner before the end of the " + limits.decompressedBudgetBytes()
                    + "-byte decompression budget");
        }
        return banner.isPresent();
    }

    /**
     * Bytes with no known header: a raw kernel image (32-bit ARM's {@code Image}, a decompressed payload) still
     * carries the banner; anything else is unknown.
     */
    private void rawKernelOrUnknown(ForwardInput in, ArtifactReport.Builder b) throws IOException {
        if (findBanner(in.from(0), b)) {
            b.kind(ArtifactKind.KERNEL_IMAGE).format(ImageFormat.UNKNOWN)
                    .detail("note", "raw kernel image: no header, identified by its version banner");
        } else {
            b.unknown(budget.exhausted() ? "no known signature (" + budgetReason() + ")" : "no known signature");
        }
    }
}
