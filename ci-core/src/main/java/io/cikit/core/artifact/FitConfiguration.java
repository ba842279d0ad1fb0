package io.cikit.core.artifact;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.json.Json;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One node under {@code /configurations} of a FIT image: which kernel, device trees and ramdisk boot together.
 *
 * @param name the node name ({@code conf-1})
 * @param description the {@code description} property
 * @param kernel the image node named by {@code kernel}
 * @param fdt the image nodes named by {@code fdt} (a base tree and overlays)
 * @param ramdisk the image node named by {@code ramdisk}
 * @param compatible the configuration's own {@code compatible} strings
 * @param isDefault whether {@code /configurations/default} names this configuration
 */
public record FitConfiguration(String name, Optional<String> description, Optional<String> kernel, List<String> fdt,
        Optional<String> ramdisk, List<String> compatible, boolean isDefault) {

    public FitConfiguration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(kernel, "kernel");
        fdt = List.copyOf(fdt);
        Objects.requireNonNull(ramdisk, "ramdisk");
        compatible = List.copyOf(compatible);
    }

    /** This configuration as a JSON object (absent properties are {@code null}). */
    public ObjectNode toJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("name", name);
        o.put("description", description.orElse(null));
        o.put("kernel", kernel.orElse(null));
        var f = o.putArray("fdt");
        fdt.forEach(f::add);
        o.put("ramdisk", ramdisk.orElse(null));
        var c = o.putArray("compatible");
        compatible.forEach(c::add);
        o.put("default", isDefault);
        return o;
    }
}
