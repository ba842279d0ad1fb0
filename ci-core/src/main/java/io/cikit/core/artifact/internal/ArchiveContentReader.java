package io.cikit.core.artifact.internal;

import io.cikit.core.artifact.ArtifactKind;
import io.cikit.core.artifact.ArtifactReport;
import io.cikit.core.artifact.Compression;
import io.cikit.core.artifact.ImageFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.cpio.CpioArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * Archives seen as one artifact (a modules tarball, {@code dtbs.tar.xz}, a rootfs tarball or initramfs): reads
 * entry names (never extracting) to tell a kernel modules archive (release from {@code lib/modules/<release>/},
 * arch from the first {@code .ko}), a DTB collection, or a root file system.
 */
final class ArchiveContentReader {
    private static final Pattern MODULES_DIR = Pattern.compile("(?:^|/)lib/modules/([^/]+)(?:/|$)");
    private static final int MAX_DTBS_READ = 64;

    private ArchiveContentReader() {
    }

    static boolean matches(byte[] h, int n) {
        return format(h, n) != ImageFormat.UNKNOWN;
    }

    private static ImageFormat format(byte[] h, int n) {
        if (Bytes.at(h, n, 257, "ustar")) {
            return ImageFormat.TAR;
        }
        if (Bytes.at(h, n, 0, "070701") || Bytes.at(h, n, 0, "070702") || Bytes.at(h, n, 0, "070707")
                || Bytes.has(n, 0, 2) && (Bytes.u16le(h, 0) == 0x71C7 || Bytes.u16be(h, 0) == 0x71C7)) {
            return ImageFormat.CPIO;
        }
        if (Bytes.at(h, n, 0, new byte[] {'P', 'K', 3, 4}) || Bytes.at(h, n, 0, new byte[] {'P', 'K', 5, 6})) {
            return ImageFormat.ZIP;
        }
        return ImageFormat.UNKNOWN;
    }

    static void read(Inspection ctx, ForwardInput in, ArtifactReport.Builder b, int depth) throws IOException {
        ImageFormat format = format(in.head(), in.headLen());
        b.format(format);
        Census census = new Census();
        boolean complete = false;
        String problem = null;
        try (ArchiveInputStream<?> archive = open(format, in.from(0))) {
            ArchiveEntry e;
            while ((e = archive.getNextEntry()) != null) {
                census.add(ctx, e, archive, depth, b.build().path());
                if (census.entries >= ctx.limits.archiveEntriesExamined() || census.settled()) {
                    break;
                }
            }
            complete = e == null;
        } catch (IOException | RuntimeException e) {
            if (e instanceof SourceReadFailure f) {
                throw f;
            }
            problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        if (problem != null && !ctx.budget.exhausted()) {
            b.unknown("corrupt " + format.wireName() + " archive after " + census.entries + " entries: " + problem);
            return;
        }
        census.describe(b, format);
        b.detail("entriesExamined", Integer.toString(census.entries));
        if (!complete) {
            b.detail("entriesComplete", "false");
            if (ctx.budget.exhausted()) {
                b.reason("classified from the first " + census.entries + " entries: " + ctx.budgetReason());
            }
        }
    }

    private static ArchiveInputStream<?> open(ImageFormat format, InputStream in) {
        return switch (format) {
            case TAR -> new TarArchiveInputStream(in);
            case CPIO -> new CpioArchiveInputStream(in);
            default -> new ZipArchiveInputStream(in);
        };
    }

    /** What the entry names add up to. */
    private static final class Census {
        private final Set<String> topDirs = new LinkedHashSet<>();
        private final Set<String> compatible = new LinkedHashSet<>();
        private String release;
        private ElfReader.ArchAndOrder moduleArch;
        private int entries;
        private int files;
        private int dtbs;
        private int dtbsRead;
        private int modules;
        private String osRelease;

        void add(Inspection ctx, ArchiveEntry e, InputStream content, int depth, String path) throws IOException {
            entries++;
            String name = e.getName();
            while (name.startsWith("./")) {
                name = name.substring(2);
            }
            while (name.startsWith("/")) {
                name = name.substring(1);
            }
            int slash = name.indexOf('/');
            if (slash > 0) {
                topDirs.add(name.substring(0, slash));
            } else if (e.isDirectory() && !name.isEmpty()) {
                topDirs.add(name.replace("/", ""));
            }
            if (e.isDirectory()) {
                return;
            }
            files++;
            if (release == null) {
                Matcher m = MODULES_DIR.matcher(name);
                if (m.find() && BannerScanner.isRelease(m.group(1))) {
                    release = m.group(1);
                }
            }
            if (name.endsWith(".ko")) {
                modules++;
                if (moduleArch == null) {
                    byte[] h = new byte[64];
                    int n = Streams.readUpTo(content, h, 0, h.length);
                    moduleArch = ElfReader.identify(h, n).orElse(null);
                }
            } else if (name.endsWith(".ko.xz") || name.endsWith(".ko.zst") || name.endsWith(".ko.gz")) {
                modules++;
            } else if (name.endsWith(".dtb") || name.endsWith(".dtbo")) {
                dtbs++;
                if (dtbsRead < MAX_DTBS_READ && name.endsWith(".dtb")) {
                    dtbsRead++;
                    ArtifactReport.Builder inner = ctx.payload(Compression.NONE, Streams.unclosable(content),
                            path + ":" + name, depth);
                    if (inner.kind() == ArtifactKind.DTB && !inner.compatible().isEmpty()) {
                        compatible.add(inner.compatible().get(0));
                    }
                }
            } else if ((name.equals("etc/os-release") || name.equals("usr/lib/os-release")) && osRelease == null
                    && e.getSize() >= 0 && e.getSize() <= 4096) {
                byte[] text = new byte[4096];
                int n = Streams.readUpTo(content, text, 0, text.length);
                osRelease = new String(text, 0, n, StandardCharsets.UTF_8);
            }
        }

        /** Enough seen to decide: reading on (and decompressing) would not change the answer. */
        boolean settled() {
            if (rootfs(ImageFormat.TAR)) {
                return osRelease != null || entries >= 512;
            }
            return release != null && moduleArch != null && !topDirs.contains("etc");
        }

        private boolean rootfs(ImageFormat format) {
            return topDirs.contains("etc") && (topDirs.contains("usr") || topDirs.contains("bin")
                    || topDirs.contains("sbin") || topDirs.contains("lib"))
                    || format == ImageFormat.CPIO && topDirs.contains("init");
        }

        void describe(ArtifactReport.Builder b, ImageFormat format) {
            if (rootfs(format)) {
                b.kind(ArtifactKind.ROOTFS);
                osReleaseField("ID").ifPresent(v -> b.detail("os.id", v));
                osReleaseField("VERSION_ID").ifPresent(v -> b.detail("os.versionId", v));
                osReleaseField("PRETTY_NAME").ifPresent(v -> b.detail("os.prettyName", v));
                if (release != null) {
                    b.detail("modulesRelease", release);
                }
            } else if (release != null) {
                b.kind(ArtifactKind.MODULES).version(release).detail("modules", Integer.toString(modules));
                if (moduleArch != null) {
                    b.arch(moduleArch.arch()).endianness(moduleArch.endianness());
                }
            } else if (dtbs > 0 && dtbs * 2 >= files) {
                b.kind(ArtifactKind.DTB).compatible(java.util.List.copyOf(compatible)).detail("dtbs", Integer.toString(dtbs));
            }
            b.detail("files", Integer.toString(files));
        }

        private Optional<String> osReleaseField(String key) {
            if (osRelease == null) {
                return Optional.empty();
            }
            for (String line : osRelease.split("\n")) {
                if (line.startsWith(key + "=")) {
                    String v = line.substring(key.length() + 1).strip();
                    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                        v = v.substring(1, v.length() - 1);
                    }
                    return Optional.of(v);
                }
            }
            return Optional.empty();
        }
    }
}
