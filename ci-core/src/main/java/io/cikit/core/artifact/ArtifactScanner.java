package io.cikit.core.artifact;

import io.cikit.core.CiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the kernel and BSP in a Yocto deploy directory ({@code deploy/images/<machine>/…}), a kernel build output
 * tree (TuxMake or {@code arch/<arch>/boot}), or an archive of either: inspects every regular file once (bytes
 * first; a file whose bytes are of no known kind may still be named a bootloader by {@link ArtifactClassifier}),
 * follows links that stay inside, and assembles a {@link KernelImage} and {@link BspPackage}.
 *
 * <p>Archives are streamed through {@link SafeArchive}, never unpacked, so a scan holds one entry's head at a time
 * whatever the archive's size. Directories are walked without following links, at most
 * {@link ArchiveLimits#maxEntries()} files and 16 levels deep. Thread-safe.
 *
 * <p>Metrics: {@code cikit.artifact.scans} (tag {@code outcome}: {@code ok}, {@code refused} with tag
 * {@code reason}, {@code error}), {@code cikit.artifact.scan.duration}, {@code cikit.artifact.inspected} (tag
 * {@code kind}). Refused archives are logged at WARN with their reason.
 */
public final class ArtifactScanner {
    private static final Logger LOG = LoggerFactory.getLogger(ArtifactScanner.class);
    private static final int MAX_DEPTH = 16;

    private final ArtifactInspector inspector;
    private final ArchiveLimits limits;
    private final MeterRegistry registry;

    /** Default inspector and limits, {@link Metrics#globalRegistry}. */
    public ArtifactScanner() {
        this(new ArtifactInspector(), ArchiveLimits.DEFAULT);
    }

    public ArtifactScanner(ArtifactInspector inspector, ArchiveLimits limits) {
        this(inspector, limits, Metrics.globalRegistry);
    }

    public ArtifactScanner(ArtifactInspector inspector, ArchiveLimits limits, MeterRegistry registry) {
        this.inspector = Objects.requireNonNull(inspector, "inspector");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Scans a directory or an archive file.
     *
     * @throws UnsafeArchiveException when the archive is refused
     * @throws CiException when the path cannot be read or is neither a directory nor an archive
     */
    public ArtifactScan scan(Path dirOrArchive) {
        Objects.requireNonNull(dirOrArchive, "dirOrArchive");
        if (Files.isDirectory(dirOrArchive)) {
            return scanDirectory(dirOrArchive);
        }
        if (!Files.isRegularFile(dirOrArchive)) {
            throw new CiException(dirOrArchive + " is neither a directory nor a file");
        }
        return scanArchive(SafeArchive.open(dirOrArchive, limits));
    }

    private ArtifactScan measured(String what, java.util.function.Supplier<ArtifactScan> scan) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "error";
        String reason = "none";
        try {
            ArtifactScan result = scan.get();
            outcome = "ok";
            result.artifacts().forEach(r -> registry.counter("cikit.artifact.inspected", "kind", r.kind().wireName()).increment());
            LOG.debug("scanned {}: {} artifacts, kernel {}", what, result.artifacts().size(),
                    result.kernelImage().flatMap(KernelImage::version).orElse("none"));
            return result;
        } catch (UnsafeArchiveException e) {
            outcome = "refused";
            reason = e.reason().code();
            LOG.warn("refused archive {}: {} ({})", what, e.getMessage(), reason);
            throw e;
        } finally {
            sample.stop(registry.timer("cikit.artifact.scan.duration"));
            registry.counter("cikit.artifact.scans", "outcome", outcome, "reason", reason).increment();
        }
    }

    /** Scans an opened archive, streaming its entries. */
    public ArtifactScan scanArchive(SafeArchive archive) {
        return measured(archive.file().toString(), () -> readArchive(archive));
    }

    private ArtifactScan readArchive(SafeArchive archive) {
        List<ArtifactReport> reports = new ArrayList<>();
        Map<String, String> links = new LinkedHashMap<>();
        archive.forEach((entry, content) -> {
            switch (entry.type()) {
                case FILE -> reports.add(byNameIfUnknown(inspector.inspect(content, entry.name())));
                case SYMLINK -> links.put(entry.name(), resolveRelative(entry.name(), entry.linkTarget().orElse("")));
                case HARDLINK -> links.put(entry.name(), entry.linkTarget().orElse(""));
                default -> {
                    // directories, devices and FIFOs are not artifacts
                }
            }
        });
        return ScanAssembly.assemble(archive.file().toString(), reports, links);
    }

    /** Scans a directory tree. */
    public ArtifactScan scanDirectory(Path dir) {
        return measured(dir.toString(), () -> readDirectory(dir));
    }

    private ArtifactScan readDirectory(Path dir) {
        Path root;
        try {
            root = dir.toRealPath();
        } catch (IOException e) {
            throw new CiException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        List<ArtifactReport> reports = new ArrayList<>();
        Map<String, String> links = new LinkedHashMap<>();
        try {
            Files.walkFileTree(root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
                private int files;

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (++files > limits.maxEntries()) {
                        throw new CiException(dir + " holds more than " + limits.maxEntries() + " files");
                    }
                    String rel = relative(root, file);
                    if (attrs.isSymbolicLink()) {
                        link(root, file, rel, links);
                    } else if (attrs.isRegularFile()) {
                        reports.add(byNameIfUnknown(inspector.inspect(file).withPath(rel)));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new CiException("cannot walk " + dir + ": " + e.getMessage(), e);
        }
        return ScanAssembly.assemble(dir.toString(), reports, links);
    }

    /**
     * Assembles reports obtained elsewhere (inspected downloads, say) as a scan would.
     *
     * @param links link path to the relative path it leads to
     */
    public static ArtifactScan assemble(String root, List<ArtifactReport> reports, Map<String, String> links) {
        return ScanAssembly.assemble(root, reports, links);
    }

    /** Links that resolve to a file inside the root are recorded; others (and links to directories) are skipped. */
    private static void link(Path root, Path file, String rel, Map<String, String> links) throws IOException {
        Path target;
        try {
            target = file.toRealPath();
        } catch (IOException e) {
            return;
        }
        if (target.startsWith(root) && Files.isRegularFile(target)) {
            links.put(rel, relative(root, target));
        }
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static String resolveRelative(String linkName, String target) {
        int slash = linkName.lastIndexOf('/');
        String joined = slash < 0 ? target : linkName.substring(0, slash) + "/" + target;
        List<String> parts = new ArrayList<>();
        for (String p : joined.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
                continue;
            }
            parts.add(p);
        }
        return String.join("/", parts);
    }

    /** Bytes of no known kind under a bootloader's name count as a bootloader: bootloaders carry no header. */
    private static ArtifactReport byNameIfUnknown(ArtifactReport r) {
        if (r.kind() == ArtifactKind.UNKNOWN && r.format() == ImageFormat.UNKNOWN
                && ArtifactClassifier.byName(r.path()) == ArtifactKind.BOOTLOADER) {
            return r.toBuilder().kind(ArtifactKind.BOOTLOADER).reason(null).detail("classifiedBy", "name").build();
        }
        return r;
    }
}
