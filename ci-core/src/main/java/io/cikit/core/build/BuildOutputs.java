package io.cikit.core.build;

import io.cikit.core.artifact.Arch;
import io.cikit.core.artifact.ArtifactClassifier;
import io.cikit.core.artifact.ArtifactKind;
import io.cikit.core.artifact.BspPackage;
import io.cikit.core.artifact.Compression;
import io.cikit.core.artifact.ImageFormat;
import io.cikit.core.artifact.KernelImage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a build produced from its report alone: explicit metadata ({@code kernel_version},
 * {@code architecture}, {@code target_board}, {@code bsp_version}, {@code build_type}; any spelling of the key,
 * {@code kernelVersion} or {@code KERNEL_VERSION} too) first, then the artifact list by kind or file name. Nothing
 * is downloaded; names never overrule metadata.
 */
final class BuildOutputs {
    private static final Pattern ARCH_DIR = Pattern.compile("(?:^|/)arch/([a-z0-9]+)/boot/");

    private BuildOutputs() {
    }

    /** A metadata value under any of the keys, compared without case, {@code _}, {@code -} or {@code .}. */
    static Optional<String> metadata(BuildInfo b, String... keys) {
        for (String want : keys) {
            String w = squash(want);
            for (Map.Entry<String, String> e : b.metadata().entrySet()) {
                if (squash(e.getKey()).equals(w) && e.getValue() != null && !e.getValue().isBlank()) {
                    return Optional.of(e.getValue().trim());
                }
            }
        }
        return Optional.empty();
    }

    private static String squash(String key) {
        return key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
    }

    static ArtifactKind kind(BuildArtifact a) {
        return a.kind() != ArtifactKind.UNKNOWN ? a.kind() : ArtifactClassifier.byName(a.path());
    }

    private static Optional<BuildArtifact> first(BuildInfo b, ArtifactKind kind) {
        return b.artifacts().stream().filter(a -> kind(a) == kind).findFirst();
    }

    private static List<String> paths(BuildInfo b, ArtifactKind kind) {
        return b.artifacts().stream().filter(a -> kind(a) == kind).map(BuildArtifact::path).toList();
    }

    /** The build type as reported, else from {@code build_type} metadata, else from what it published. */
    static BuildType type(BuildInfo b) {
        if (b.type() != BuildType.OTHER) {
            return b.type();
        }
        Optional<String> declared = metadata(b, "build_type", "type");
        if (declared.isPresent()) {
            String t = squash(declared.get());
            switch (t) {
                case "kernel" -> { return BuildType.KERNEL; }
                case "bsp" -> { return BuildType.BSP; }
                case "module", "modules" -> { return BuildType.MODULE; }
                case "fullsystem", "full", "system", "image" -> { return BuildType.FULL_SYSTEM; }
                default -> { }
            }
        }
        if (first(b, ArtifactKind.ROOTFS).isPresent()) {
            return BuildType.BSP;
        }
        if (first(b, ArtifactKind.KERNEL_IMAGE).isPresent() || first(b, ArtifactKind.FIT).isPresent()) {
            return BuildType.KERNEL;
        }
        if (first(b, ArtifactKind.MODULES).isPresent()) {
            return BuildType.MODULE;
        }
        return BuildType.OTHER;
    }

    static Optional<KernelImage> kernel(BuildInfo b) {
        Optional<BuildArtifact> image = first(b, ArtifactKind.KERNEL_IMAGE).or(() -> first(b, ArtifactKind.FIT));
        Optional<String> version = metadata(b, "kernel_version", "kernel_release", "kernelrelease", "linux_version");
        if (image.isEmpty() && version.isEmpty()) {
            return Optional.empty();
        }
        KernelImage.Builder k = KernelImage.builder().version(version.orElse(null));
        Arch arch = metadata(b, "architecture", "arch", "target_arch").map(Arch::fromName).orElse(Arch.UNKNOWN);
        if (image.isPresent()) {
            BuildArtifact a = image.get();
            if (arch == Arch.UNKNOWN) {
                arch = archFromPath(a.path());
            }
            k.path(a.path()).compression(compressionFromName(a.name())).format(formatFromName(a.name(), arch, kind(a)));
            a.url().ifPresent(k::url);
            a.sizeBytes().ifPresent(k::sizeBytes);
        }
        k.arch(arch);
        first(b, ArtifactKind.KERNEL_CONFIG).ifPresent(c -> k.config(c.path()));
        first(b, ArtifactKind.SYSTEM_MAP).ifPresent(m -> k.systemMap(m.path()));
        first(b, ArtifactKind.MODULES).ifPresent(m -> k.modules(m.path()));
        k.dtbs(paths(b, ArtifactKind.DTB));
        return Optional.of(k.build());
    }

    static Optional<BspPackage> bsp(BuildInfo b) {
        Optional<String> machine = metadata(b, "target_board", "machine", "board");
        Optional<String> version = metadata(b, "bsp_version", "distro_version");
        List<String> rootfs = paths(b, ArtifactKind.ROOTFS);
        BuildType type = type(b);
        if (type != BuildType.BSP && type != BuildType.FULL_SYSTEM && machine.isEmpty() && version.isEmpty()
                && rootfs.isEmpty()) {
            return Optional.empty();
        }
        Optional<KernelImage> kernel = kernel(b);
        Arch arch = metadata(b, "architecture", "arch", "target_arch").map(Arch::fromName)
                .orElse(kernel.map(KernelImage::arch).orElse(Arch.UNKNOWN));
        BspPackage.Builder p = BspPackage.builder().machine(machine.orElse(null)).version(version.orElse(null))
                .distro(metadata(b, "distro").orElse(null)).imageName(metadata(b, "image", "image_name").orElse(null))
                .arch(arch).kernel(kernel.orElse(null));
        rootfs.forEach(p::addRootfs);
        paths(b, ArtifactKind.DTB).forEach(p::addDtb);
        paths(b, ArtifactKind.BOOTLOADER).forEach(p::addBootloader);
        first(b, ArtifactKind.BSP_MANIFEST).ifPresent(m -> p.manifest(m.path()));
        first(b, ArtifactKind.BSP_TESTDATA).ifPresent(t -> p.testdata(t.path()));
        b.metadata().forEach(p::variable);
        return Optional.of(p.build());
    }

    /** {@code arch/arm64/boot/Image.gz} names arm64; {@code arch/x86} and {@code arch/riscv} leave the word size open. */
    private static Arch archFromPath(String path) {
        Matcher m = ARCH_DIR.matcher(path);
        if (!m.find()) {
            return Arch.UNKNOWN;
        }
        return switch (m.group(1)) {
            case "arm64" -> Arch.ARM64;
            case "arm" -> Arch.ARM;
            case "loongarch" -> Arch.LOONGARCH64;
            case "s390" -> Arch.S390;
            case "arc" -> Arch.ARC;
            default -> Arch.UNKNOWN;
        };
    }

    private static Compression compressionFromName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return Compression.NONE;
        }
        Compression c = Compression.fromName(name.substring(dot + 1));
        return c == Compression.UNKNOWN ? Compression.NONE : c;
    }

    private static ImageFormat formatFromName(String name, Arch arch, ArtifactKind kind) {
        if (kind == ArtifactKind.FIT) {
            return ImageFormat.FIT;
        }
        if (name.startsWith("bzImage")) {
            return ImageFormat.BZIMAGE;
        }
        if (name.startsWith("zImage")) {
            return ImageFormat.ZIMAGE;
        }
        if (name.startsWith("uImage")) {
            return ImageFormat.UIMAGE;
        }
        if (name.equals("vmlinux")) {
            return ImageFormat.ELF;
        }
        if (name.startsWith("Image")) {
            return arch == Arch.ARM64 ? ImageFormat.ARM64_IMAGE
                    : arch == Arch.RISCV64 || arch == Arch.RISCV32 ? ImageFormat.RISCV_IMAGE : ImageFormat.UNKNOWN;
        }
        return ImageFormat.UNKNOWN;
    }
}
