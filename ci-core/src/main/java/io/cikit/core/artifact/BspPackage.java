package io.cikit.core.artifact;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A board support package: what a Yocto build deploys for one machine (kernel, device trees, bootloader, root
 * file systems, image manifest and test data), or what a CI build report says it produced.
 *
 * @param machine the target board ({@code MACHINE}, {@code target_board})
 * @param version the BSP or distribution version ({@code DISTRO_VERSION}, {@code bsp_version})
 * @param distro the distribution ({@code DISTRO})
 * @param imageName the image recipe ({@code core-image-minimal})
 * @param arch the CPU architecture
 * @param kernel the kernel deployed with it
 * @param rootfs root file system and disk images
 * @param dtbs device-tree blobs
 * @param bootloaders bootloader binaries
 * @param manifest the image manifest's path
 * @param testdata the {@code *.testdata.json}'s path
 * @param packages package name to version, from the manifest (at most {@link InspectionLimits#maxManifestPackages()})
 * @param variables selected BitBake variables from the test data ({@code MACHINE}, {@code KERNEL_IMAGETYPE}, …)
 */
public record BspPackage(Optional<String> machine, Optional<String> version, Optional<String> distro,
        Optional<String> imageName, Arch arch, Optional<KernelImage> kernel, List<String> rootfs, List<String> dtbs,
        List<String> bootloaders, Optional<String> manifest, Optional<String> testdata, Map<String, String> packages,
        Map<String, String> variables) {

    public BspPackage {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(distro, "distro");
        Objects.requireNonNull(imageName, "imageName");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(kernel, "kernel");
        rootfs = List.copyOf(rootfs);
        dtbs = List.copyOf(dtbs);
        bootloaders = List.copyOf(bootloaders);
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(testdata, "testdata");
        packages = Map.copyOf(packages);
        variables = Map.copyOf(variables);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** This package as JSON: every component by name, absent values as {@code null}, maps sorted by key. */
    public ObjectNode toJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("machine", machine.orElse(null));
        o.put("version", version.orElse(null));
        o.put("distro", distro.orElse(null));
        o.put("imageName", imageName.orElse(null));
        o.put("arch", arch.wireName());
        if (kernel.isPresent()) {
            o.set("kernelImage", kernel.get().toJson());
        } else {
            o.putNull("kernelImage");
        }
        list(o.putArray("rootfs"), rootfs);
        list(o.putArray("dtbs"), dtbs);
        list(o.putArray("bootloaders"), bootloaders);
        o.put("manifest", manifest.orElse(null));
        o.put("testdata", testdata.orElse(null));
        o.put("packageCount", packages.size());
        ObjectNode p = o.putObject("packages");
        new TreeMap<>(packages).forEach(p::put);
        ObjectNode v = o.putObject("variables");
        new TreeMap<>(variables).forEach(v::put);
        return o;
    }

    private static void list(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    /** Builds a {@link BspPackage}; everything starts absent. Not thread-safe. */
    public static final class Builder {
        private String machine;
        private String version;
        private String distro;
        private String imageName;
        private Arch arch = Arch.UNKNOWN;
        private KernelImage kernel;
        private final List<String> rootfs = new ArrayList<>();
        private final List<String> dtbs = new ArrayList<>();
        private final List<String> bootloaders = new ArrayList<>();
        private String manifest;
        private String testdata;
        private final Map<String, String> packages = new LinkedHashMap<>();
        private final Map<String, String> variables = new LinkedHashMap<>();

        private Builder() {
        }

        /** Sets the machine; {@code null} clears it. */
        public Builder machine(String v) { this.machine = v; return this; }
        /** Sets the version; {@code null} clears it. */
        public Builder version(String v) { this.version = v; return this; }
        /** Sets the distribution; {@code null} clears it. */
        public Builder distro(String v) { this.distro = v; return this; }
        /** Sets the image name; {@code null} clears it. */
        public Builder imageName(String v) { this.imageName = v; return this; }
        public Builder arch(Arch v) { this.arch = Objects.requireNonNull(v); return this; }
        /** Sets the kernel; {@code null} clears it. */
        public Builder kernel(KernelImage v) { this.kernel = v; return this; }
        public Builder addRootfs(String v) { this.rootfs.add(Objects.requireNonNull(v)); return this; }
        public Builder addDtb(String v) { this.dtbs.add(Objects.requireNonNull(v)); return this; }
        public Builder addBootloader(String v) { this.bootloaders.add(Objects.requireNonNull(v)); return this; }
        /** Sets the manifest path; {@code null} clears it. */
        public Builder manifest(String v) { this.manifest = v; return this; }
        /** Sets the test data path; {@code null} clears it. */
        public Builder testdata(String v) { this.testdata = v; return this; }
        public Builder packageVersion(String name, String v) { this.packages.put(name, v); return this; }
        public Builder variable(String name, String v) { this.variables.put(name, v); return this; }

        public BspPackage build() {
            return new BspPackage(Optional.ofNullable(machine), Optional.ofNullable(version), Optional.ofNullable(distro),
                    Optional.ofNullable(imageName), arch, Optional.ofNullable(kernel), rootfs, dtbs, bootloaders,
                    Optional.ofNullable(manifest), Optional.ofNullable(testdata), packages, variables);
        }
    }
}
