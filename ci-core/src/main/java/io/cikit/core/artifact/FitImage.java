package io.cikit.core.artifact;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.json.Json;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One node under {@code /images} of a FIT image, as its properties describe it.
 *
 * @param name the node name ({@code kernel-1}, {@code fdt-imx8mp-evk.dtb})
 * @param description the {@code description} property
 * @param type the {@code type} property ({@code kernel}, {@code flat_dt}, {@code ramdisk}, …)
 * @param arch the {@code arch} property as written ({@code arm64})
 * @param os the {@code os} property
 * @param compression the {@code compression} property ({@code none}, {@code gzip}, …)
 * @param dataSize the size of the embedded {@code data}, or of {@code data-size} for external data
 */
public record FitImage(String name, Optional<String> description, Optional<String> type, Optional<String> arch,
        Optional<String> os, Optional<String> compression, OptionalLong dataSize) {

    public FitImage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(dataSize, "dataSize");
    }

    /** This image as a JSON object (absent properties are {@code null}). */
    public ObjectNode toJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("name", name);
        o.put("description", description.orElse(null));
        o.put("type", type.orElse(null));
        o.put("arch", arch.orElse(null));
        o.put("os", os.orElse(null));
        o.put("compression", compression.orElse(null));
        if (dataSize.isPresent()) {
            o.put("dataSize", dataSize.getAsLong());
        } else {
            o.putNull("dataSize");
        }
        return o;
    }
}
