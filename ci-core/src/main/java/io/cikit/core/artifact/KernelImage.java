package io.cikit.core.artifact;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.json.Json;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A kernel to boot, with what belongs to it: built from a scan of a build output tree or deploy directory
 * ({@link ArtifactScanner}), or from a CI system's build report ({@code BuildIntegration.extractKernelImage}).
 *
 * @param path the kernel image's path relative to the scanned root or the build's artifacts, when there is a file
 * @param format the image format ({@link ImageFormat#UNKNOWN} when only named, not read)
 * @param compression the wrapper around the image file
 * @param arch the CPU architecture
 * @param version the kernel release ({@code 6.1.0-56-amd64})
 * @param endianness the kernel's byte order
 * @param pageSize the page size in bytes, when recorded
 * @param sha256 the image file's SHA-256, when it was read
 * @param sizeBytes the image file's size, when known
 * @param url where to download the image, when the CI system says
 * @param config the kernel configuration's path
 * @param systemMap the {@code System.map}'s path
 * @param modules the modules archive's path
 * @param dtbs device-tree blobs (or the DTB archive) built with the kernel
 */
public record KernelImage(Optional<String> path, ImageFormat format, Compression compression, Arch arch,
        Optional<String> version, Endianness endianness, OptionalInt pageSize, Optional<String> sha256,
        OptionalLong sizeBytes, Optional<URI> url, Optional<String> config, Optional<String> systemMap,
        Optional<String> modules, List<String> dtbs) {

    public KernelImage {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(endianness, "endianness");
        Objects.requireNonNull(pageSize, "pageSize");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(sizeBytes, "sizeBytes");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(systemMap, "systemMap");
        Objects.requireNonNull(modules, "modules");
        dtbs = List.copyOf(dtbs);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with what an inspection of the image file found. */
    public static Builder from(ArtifactReport image) {
        return new Builder().path(image.path()).format(image.format()).compression(image.compression())
                .arch(image.arch()).version(image.version().orElse(null)).endianness(image.endianness())
                .pageSize(image.pageSize().orElse(0)).sha256(image.sha256()).sizeBytes(image.sizeBytes());
    }

    /** This kernel as JSON: every component by name, absent values as {@code null}, enums by wire name. */
    public ObjectNode toJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("path", path.orElse(null));
        o.put("format", format.wireName());
        o.put("compression", compression.wireName());
        o.put("arch", arch.wireName());
        o.put("version", version.orElse(null));
        o.put("endianness", endianness == Endianness.UNKNOWN ? null : endianness.wireName());
        if (pageSize.isPresent()) {
            o.put("pageSize", pageSize.getAsInt());
        } else {
            o.putNull("pageSize");
        }
        o.put("sha256", sha256.orElse(null));
        if (sizeBytes.isPresent()) {
            o.put("sizeBytes", sizeBytes.getAsLong());
        } else {
            o.putNull("sizeBytes");
        }
        o.put("url", url.map(URI::toString).orElse(null));
        o.put("config", config.orElse(null));
        o.put("systemMap", systemMap.orElse(null));
        o.put("modules", modules.orElse(null));
        ArrayNode d = o.putArray("dtbs");
        dtbs.forEach(d::add);
        return o;
    }

    /** Builds a {@link KernelImage}; everything starts unknown or absent. Not thread-safe. */
    public static final class Builder {
        private String path;
        private ImageFormat format = ImageFormat.UNKNOWN;
        private Compression compression = Compression.NONE;
        private Arch arch = Arch.UNKNOWN;
        private String version;
        private Endianness endianness = Endianness.UNKNOWN;
        private int pageSize;
        private String sha256;
        private long sizeBytes = -1;
        private URI url;
        private String config;
        private String systemMap;
        private String modules;
        private final List<String> dtbs = new ArrayList<>();

        private Builder() {
        }

        /** Sets the path; {@code null} clears it. */
        public Builder path(String v) { this.path = v; return this; }
        public Builder format(ImageFormat v) { this.format = Objects.requireNonNull(v); return this; }
        public Builder compression(Compression v) { this.compression = Objects.requireNonNull(v); return this; }
        public Builder arch(Arch v) { this.arch = Objects.requireNonNull(v); return this; }
        /** Sets the version; {@code null} clears it. */
        public Builder version(String v) { this.version = v; return this; }
        public Builder endianness(Endianness v) { this.endianness = Objects.requireNonNull(v); return this; }
        /** Sets the page size; 0 clears it. */
        public Builder pageSize(int v) { this.pageSize = v; return this; }
        /** Sets the SHA-256; {@code null} or empty clears it. */
        public Builder sha256(String v) { this.sha256 = v == null || v.isEmpty() ? null : v; return this; }
        /** Sets the size; negative clears it. */
        public Builder sizeBytes(long v) { this.sizeBytes = v; return this; }
        /** Sets the URL; {@code null} clears it. */
        public Builder url(URI v) { this.url = v; return this; }
        /** Sets the config path; {@code null} clears it. */
        public Builder config(String v) { this.config = v; return this; }
        /** Sets the System.map path; {@code null} clears it. */
        public Builder systemMap(String v) { this.systemMap = v; return this; }
        /** Sets the modules path; {@code null} clears it. */
        public Builder modules(String v) { this.modules = v; return this; }
        public Builder dtbs(List<String> v) { this.dtbs.clear(); this.dtbs.addAll(v); return this; }

        public Arch arch() { return arch; }
        public Optional<String> version() { return Optional.ofNullable(version); }

        public KernelImage build() {
            return new KernelImage(Optional.ofNullable(path), format, compression, arch, Optional.ofNullable(version),
                    endianness, pageSize > 0 ? OptionalInt.of(pageSize) : OptionalInt.empty(), Optional.ofNullable(sha256),
                    sizeBytes >= 0 ? OptionalLong.of(sizeBytes) : OptionalLong.empty(), Optional.ofNullable(url),
                    Optional.ofNullable(config), Optional.ofNullable(systemMap), Optional.ofNullable(modules), dtbs);
        }
    }
}
