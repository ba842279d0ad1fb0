package io.cikit.core.artifact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts the reports of one scanned tree together into a {@link KernelImage} and a {@link BspPackage}. Each real file
 * is shown under its shortest name among itself and the links to it ({@code Image} rather than
 * {@code Image--6.6.52-r0-imx8mp-20240101.bin}), as Yocto's stable links are meant to be used.
 */
final class ScanAssembly {
    private static final Pattern DEPLOY = Pattern.compile("(?:^|/)deploy/images/([^/]+)/");

    private final List<ArtifactReport> reports;
    private final Map<String, List<String>> aliases = new HashMap<>();

    private ScanAssembly(List<ArtifactReport> reports, Map<String, String> links) {
        this.reports = reports;
        for (String link : links.keySet()) {
            String target = follow(links, link);
            if (target != null) {
                aliases.computeIfAbsent(target, k -> new ArrayList<>()).add(link);
            }
        }
    }

    /** Reports are put in path order first, so a directory and an archive of it give the same answer. */
    static ArtifactScan assemble(String root, List<ArtifactReport> reports, Map<String, String> links) {
        List<ArtifactReport> sorted = reports.stream().sorted(Comparator.comparing(ArtifactReport::path)).toList();
        ScanAssembly a = new ScanAssembly(sorted, links);
        Optional<KernelImage> kernel = a.kernel();
        return new ArtifactScan(root, kernel, a.bsp(kernel), sorted, links);
    }

    private static String follow(Map<String, String> links, String link) {
        String at = link;
        for (int hops = 0; hops < 16; hops++) {
            String next = links.get(at);
            if (next == null) {
                return at;
            }
            at = next;
        }
        return null;
    }

    private String display(ArtifactReport r) {
        List<String> names = new ArrayList<>(aliases.getOrDefault(r.path(), List.of()));
        names.add(r.path());
        return names.stream().min(Comparator.comparingInt((String p) -> fileName(p).length()).thenComparingInt(String::length)
                .thenComparing(Comparator.naturalOrder())).orElse(r.path());
    }

    private static String fileName(String p) {
        return p.substring(p.lastIndexOf('/') + 1);
    }

    private List<ArtifactReport> of(Predicate<ArtifactReport> p) {
        return reports.stream().filter(p).toList();
    }

    private Optional<ArtifactReport> first(Predicate<ArtifactReport> p) {
        return reports.stream().filter(p).findFirst();
    }

    private Optional<ArtifactReport> testdata() {
        return first(r -> r.kind() == ArtifactKind.BSP_TESTDATA);
    }

    private Optional<String> variable(String name) {
        return testdata().flatMap(t -> Optional.ofNullable(t.details().get(name)));
    }

    private Optional<KernelImage> kernel() {
        List<ArtifactReport> kernels = of(r -> r.kind() == ArtifactKind.KERNEL_IMAGE);
        if (kernels.isEmpty()) {
            kernels = of(r -> r.kind() == ArtifactKind.FIT && r.version().isPresent());
        }
        if (kernels.isEmpty()) {
            return Optional.empty();
        }
        String wanted = variable("KERNEL_IMAGETYPE").orElse("");
        ArtifactReport best = kernels.stream().min(Comparator
                .comparing((ArtifactReport r) -> !(wanted.length() > 0 && fileName(display(r)).startsWith(wanted)))
                .thenComparing(r -> r.version().isEmpty())
                .thenComparing(r -> r.format() == ImageFormat.ELF)
                .thenComparing(r -> r.format() == ImageFormat.UNKNOWN)
                .thenComparingInt(r -> fileName(display(r)).length())).orElseThrow();
        KernelImage.Builder k = KernelImage.from(best).path(display(best));
        Optional<ArtifactReport> config = first(r -> r.kind() == ArtifactKind.KERNEL_CONFIG);
        Optional<ArtifactReport> map = first(r -> r.kind() == ArtifactKind.SYSTEM_MAP);
        Optional<ArtifactReport> modules = reports.stream().filter(r -> r.kind() == ArtifactKind.MODULES)
                .min(Comparator.comparing(r -> r.format() != ImageFormat.TAR));
        Optional<ArtifactReport> tuxmake = first(r -> r.format() == ImageFormat.TUXMAKE_METADATA);
        // the image's own banner is best; then the full release from modules or TuxMake; a config only has x.y.z
        for (Optional<ArtifactReport> source : List.of(modules, tuxmake, config)) {
            if (k.version().isEmpty()) {
                source.flatMap(ArtifactReport::version).ifPresent(k::version);
            }
        }
        for (Optional<ArtifactReport> source : List.of(config, modules, tuxmake, testdata())) {
            if (k.arch() == Arch.UNKNOWN && source.isPresent()) {
                k.arch(source.get().arch());
            }
        }
        config.ifPresent(c -> k.config(display(c)));
        map.ifPresent(m -> k.systemMap(display(m)));
        modules.ifPresent(m -> k.modules(display(m)));
        k.dtbs(dtbs());
        return Optional.of(k.build());
    }

    private List<String> dtbs() {
        Set<String> out = new LinkedHashSet<>();
        of(r -> r.kind() == ArtifactKind.DTB).forEach(r -> out.add(display(r)));
        return List.copyOf(out);
    }

    private Optional<BspPackage> bsp(Optional<KernelImage> kernel) {
        Optional<ArtifactReport> testdata = testdata();
        List<ArtifactReport> manifests = of(r -> r.kind() == ArtifactKind.BSP_MANIFEST);
        List<ArtifactReport> rootfs = of(r -> r.kind() == ArtifactKind.ROOTFS);
        Optional<String> deployMachine = reports.stream().map(r -> DEPLOY.matcher(r.path())).filter(Matcher::find)
                .map(m -> m.group(1)).findFirst();
        if (testdata.isEmpty() && manifests.isEmpty() && rootfs.isEmpty() && deployMachine.isEmpty()) {
            return Optional.empty();
        }
        BspPackage.Builder b = BspPackage.builder();
        String machine = variable("MACHINE").or(() -> deployMachine).orElse(null);
        b.machine(machine).version(variable("DISTRO_VERSION").orElse(null)).distro(variable("DISTRO").orElse(null));
        Optional<ArtifactReport> manifest = manifests.stream().min(Comparator.comparingInt(r -> display(r).length()));
        b.imageName(variable("IMAGE_BASENAME").orElseGet(() -> manifest.map(m -> imageName(display(m), machine)).orElse(null)));
        Arch arch = testdata.map(ArtifactReport::arch).orElse(Arch.UNKNOWN);
        if (arch == Arch.UNKNOWN) {
            arch = kernel.map(KernelImage::arch).orElse(Arch.UNKNOWN);
        }
        if (arch == Arch.UNKNOWN) {
            arch = manifest.map(ArtifactReport::arch).orElse(Arch.UNKNOWN);
        }
        b.arch(arch);
        kernel.ifPresent(b::kernel);
        rootfs.forEach(r -> b.addRootfs(display(r)));
        dtbs().forEach(b::addDtb);
        of(r -> r.kind() == ArtifactKind.BOOTLOADER).forEach(r -> b.addBootloader(display(r)));
        manifest.ifPresent(m -> {
            b.manifest(display(m));
            m.details().forEach((k, v) -> {
                if (k.startsWith("package.")) {
                    b.packageVersion(k.substring("package.".length()), v);
                }
            });
        });
        testdata.ifPresent(t -> {
            b.testdata(display(t));
            t.details().forEach((k, v) -> {
                if (!k.equals("variables")) {
                    b.variable(k, v);
                }
            });
        });
        return Optional.of(b.build());
    }

    /** {@code core-image-minimal-imx8mp.rootfs.manifest} → {@code core-image-minimal}. */
    private static String imageName(String manifestPath, String machine) {
        String n = fileName(manifestPath);
        n = n.replaceAll("\\.manifest$", "");
        int rootfs = n.indexOf(".rootfs");
        if (rootfs > 0) {
            n = n.substring(0, rootfs);
        }
        n = n.replaceAll("-\\d{14}$", "");
        if (machine != null && n.endsWith("-" + machine)) {
            n = n.substring(0, n.length() - machine.length() - 1);
        }
        return n;
    }
}
