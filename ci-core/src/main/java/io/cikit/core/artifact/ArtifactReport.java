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
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * What {@link ArtifactInspector} read from one artifact's bytes. Anything the bytes do not settle is unknown
 * ({@link ArtifactKind#UNKNOWN}, {@link Arch#UNKNOWN}, an empty Optional); when a header is recognised but
 * truncated or corrupt, the kind and format are unknown and {@link #reason()} says why.
 *
 * @param path the path as given (a file path, or an entry name inside an archive)
 * @param kind what the artifact is
 * @param format the format of the bytes inside any compression wrapper
 * @param arch the CPU architecture, when the bytes say
 * @param version the kernel release ({@code 6.1.0-56-amd64}) for kernels, modules, configs and build metadata;
 *     the distribution version for Yocto test data
 * @param endianness the kernel's byte order, when recorded
 * @param pageSize the kernel's page size in bytes (arm64 image flags, arm64 {@code .config})
 * @param compression the wrapper around the whole file ({@link Compression#NONE} when none)
 * @param payloadCompression the compression of the payload inside a kernel image (bzImage, zImage, uImage,
 *     EFI zboot); {@link Compression#NONE} when not applicable
 * @param compatible device-tree {@code compatible} strings (board first), for DTBs and FIT images
 * @param model the device tree's {@code model}
 * @param sizeBytes the artifact's size as read
 * @param sha256 lower-case hex SHA-256 of the artifact's bytes as read
 * @param reason why the artifact is unknown or only partly read; empty when all went well
 * @param details format-specific facts (uImage name and load address, Yocto MACHINE, key kernel options, …)
 * @param fitImages the {@code /images} nodes of a FIT image
 * @param fitConfigurations the {@code /configurations} nodes of a FIT image
 */
public record ArtifactReport(String path, ArtifactKind kind, ImageFormat format, Arch arch, Optional<String> version,
        Endianness endianness, OptionalInt pageSize, Compression compression, Compression payloadCompression,
        List<String> compatible, Optional<String> model, long sizeBytes, String sha256, Optional<String> reason,
        Map<String, String> details, List<FitImage> fitImages, List<FitConfiguration> fitConfigurations) {

    public ArtifactReport {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(endianness, "endianness");
        Objects.requireNonNull(pageSize, "pageSize");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(payloadCompression, "payloadCompression");
        compatible = List.copyOf(compatible);
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(reason, "reason");
        details = Map.copyOf(details);
        fitImages = List.copyOf(fitImages);
        fitConfigurations = List.copyOf(fitConfigurations);
    }

    public static Builder builder(String path) {
        return new Builder(path);
    }

    public Builder toBuilder() {
        Builder b = new Builder(path);
        b.kind = kind;
        b.format = format;
        b.arch = arch;
        b.version = version.orElse(null);
        b.endianness = endianness;
        b.pageSize = pageSize.isPresent() ? pageSize.getAsInt() : 0;
        b.compression = compression;
        b.payloadCompression = payloadCompression;
        b.compatible.addAll(compatible);
        b.model = model.orElse(null);
        b.sizeBytes = sizeBytes;
        b.sha256 = sha256;
        b.reason = reason.orElse(null);
        b.details.putAll(details);
        b.fitImages.addAll(fitImages);
        b.fitConfigurations.addAll(fitConfigurations);
        return b;
    }

    /** A copy of this report under another path. */
    public ArtifactReport withPath(String newPath) {
        return toBuilder().path(newPath).build();
    }

    /**
     * The report in the shape {@code cikit artifact inspect} prints: {@code path, kind, format, arch, version,
     * endianness, pageSize, compression, compatible, sizeBytes, sha256}, followed by {@code payloadCompression,
     * model, reason, details} and, for FIT images, {@code fitImages} and {@code fitConfigurations}. Unknown
     * values print as {@code null}, except {@code kind}, {@code format} and {@code arch}, which print
     * {@code unknown}.
     */
    public ObjectNode toJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("path", path);
        o.put("kind", kind.wireName());
        o.put("format", format.wireName());
        o.put("arch", arch.wireName());
        o.put("version", version.orElse(null));
        o.put("endianness", endianness == Endianness.UNKNOWN ? null : endianness.wireName());
        if (pageSize.isPresent()) {
            o.put("pageSize", pageSize.getAsInt());
        } else {
            o.putNull("pageSize");
        }
        o.put("compression", compression.wireName());
        ArrayNode c = o.putArray("compatible");
        compatible.forEach(c::add);
        o.put("sizeBytes", sizeBytes);
        o.put("sha256", sha256);
        o.put("payloadCompression", payloadCompression.wireName());
        o.put("model", model.orElse(null));
        o.put("reason", reason.orElse(null));
        ObjectNode d = o.putObject("details");
        new TreeMap<>(details).forEach(d::put);
        if (!fitImages.isEmpty() || !fitConfigurations.isEmpty()) {
            ArrayNode images = o.putArray("fitImages");
            fitImages.forEach(i -> images.add(i.toJson()));
            ArrayNode confs = o.putArray("fitConfigurations");
            fitConfigurations.forEach(f -> confs.add(f.toJson()));
        }
        return o;
    }

    /** Builds an {@link ArtifactReport}; everything starts unknown. Not thread-safe. */
    public static final class Builder {
        private String path;
        private ArtifactKind kind = ArtifactKind.UNKNOWN;
        private ImageFormat format = ImageFormat.UNKNOWN;
        private Arch arch = Arch.UNKNOWN;
        private String version;
        private Endianness endianness = Endianness.UNKNOWN;
        private int pageSize;
        private Compression compression = Compression.NONE;
        private Compression payloadCompression = Compression.NONE;
        private final List<String> compatible = new ArrayList<>();
        private String model;
        private long sizeBytes;
        private String sha256 = "";
        private String reason;
        private final Map<String, String> details = new LinkedHashMap<>();
        private final List<FitImage> fitImages = new ArrayList<>();
        private final List<FitConfiguration> fitConfigurations = new ArrayList<>();

        private Builder(String path) {
            this.path = Objects.requireNonNull(path, "path");
        }

        public Builder path(String v) { this.path = Objects.requireNonNull(v, "path"); return this; }
        public Builder kind(ArtifactKind v) { this.kind = Objects.requireNonNull(v, "kind"); return this; }
        public Builder format(ImageFormat v) { this.format = Objects.requireNonNull(v, "format"); return this; }
        public Builder arch(Arch v) { this.arch = Objects.requireNonNull(v, "arch"); return this; }
        /** Sets the version; {@code null} clears it. */
        public Builder version(String v) { this.version = v; return this; }
        public Builder endianness(Endianness v) { this.endianness = Objects.requireNonNull(v, "endianness"); return this; }
        /** Sets the page size in bytes; 0 clears it. */
        public Builder pageSize(int v) { this.pageSize = v; return this; }
        public Builder compression(Compression v) { this.compression = Objects.requireNonNull(v, "compression"); return this; }
        public Builder payloadCompression(Compression v) { this.payloadCompression = Objects.requireNonNull(v, "payloadCompression"); return this; }
        public Builder compatible(List<String> v) { this.compatible.clear(); this.compatible.addAll(v); return this; }
        /** Sets the model; {@code null} clears it. */
        public Builder model(String v) { this.model = v; return this; }
        public Builder sizeBytes(long v) { this.sizeBytes = v; return this; }
        public Builder sha256(String v) { this.sha256 = Objects.requireNonNull(v, "sha256"); return this; }
        /** Sets the reason; {@code null} clears it. */
        public Builder reason(String v) { this.reason = v; return this; }
        public Builder detail(String key, String value) { this.details.put(key, value); return this; }
        public Builder fitImages(List<FitImage> v) { this.fitImages.clear(); this.fitImages.addAll(v); return this; }
        public Builder fitConfigurations(List<FitConfiguration> v) { this.fitConfigurations.clear(); this.fitConfigurations.addAll(v); return this; }

        public ArtifactKind kind() { return kind; }
        public ImageFormat format() { return format; }
        public Arch arch() { return arch; }
        public Optional<String> version() { return Optional.ofNullable(version); }
        public Endianness endianness() { return endianness; }
        public int pageSize() { return pageSize; }
        public Compression compression() { return compression; }
        public Compression payloadCompression() { return payloadCompression; }
        public List<String> compatible() { return List.copyOf(compatible); }
        public Optional<String> model() { return Optional.ofNullable(model); }
        public Optional<String> reason() { return Optional.ofNullable(reason); }
        public Optional<String> detail(String key) { return Optional.ofNullable(details.get(key)); }

        /**
         * Marks the artifact unknown with a reason: kind and format become unknown and every fact read so far
         * from the bad header (arch, version, endianness, page size, compatible, model, details, FIT nodes) is dropped, so
         * a damaged artifact never reports half-read facts. Only the path and the outer compression stay.
         */
        public Builder unknown(String why) {
            kind = ArtifactKind.UNKNOWN;
            format = ImageFormat.UNKNOWN;
            arch = Arch.UNKNOWN;
            version = null;
            endianness = Endianness.UNKNOWN;
            pageSize = 0;
            payloadCompression = Compression.NONE;
            compatible.clear();
            model = null;
            fitImages.clear();
            fitConfigurations.clear();
            details.clear();
            reason = Objects.requireNonNull(why, "why");
            return this;
        }

        public ArtifactReport build() {
            return new ArtifactReport(path, kind, format, arch, Optional.ofNullable(version), endianness,
                    pageSize > 0 ? OptionalInt.of(pageSize) : OptionalInt.empty(), compression, payloadCompression,
                    compatible, Optional.ofNullable(model), sizeBytes, sha256, Optional.ofNullable(reason), details,
                    fitImages, fitConfigurations);
        }
    }
}
