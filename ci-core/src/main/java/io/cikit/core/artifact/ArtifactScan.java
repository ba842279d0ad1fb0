package io.cikit.core.artifact;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@link ArtifactScanner} found under a directory or in an archive.
 *
 * @param root the directory or archive scanned, as given
 * @param kernelImage the kernel to boot, with its config, System.map, modules and DTBs
 * @param bspPackage the board support package, when the tree is a Yocto deploy directory (or looks like one)
 * @param artifacts one report per regular file, paths relative to the root, in path order
 * @param links symbolic and hard links inside the root: link path to the (relative) path it leads to
 */
public record ArtifactScan(String root, Optional<KernelImage> kernelImage, Optional<BspPackage> bspPackage,
        List<ArtifactReport> artifacts, Map<String, String> links) {

    public ArtifactScan {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(kernelImage, "kernelImage");
        Objects.requireNonNull(bspPackage, "bspPackage");
        artifacts = List.copyOf(artifacts);
        links = Map.copyOf(links);
    }

    /**
     * The shape {@code cikit artifact scan} prints: {@code {"kernelImage": {…}|null, "bspPackage": {…}|null,
     * "artifacts": [ …as inspect… ]}}, followed by {@code root} and {@code links}.
     */
    public ObjectNode toJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        if (kernelImage.isPresent()) {
            o.set("kernelImage", kernelImage.get().toJson());
        } else {
            o.putNull("kernelImage");
        }
        if (bspPackage.isPresent()) {
            o.set("bspPackage", bspPackage.get().toJson());
        } else {
            o.putNull("bspPackage");
        }
        ArrayNode a = o.putArray("artifacts");
        artifacts.forEach(r -> a.add(r.toJson()));
        o.put("root", root);
        ObjectNode l = o.putObject("links");
        new TreeMap<>(links).forEach(l::put);
        return o;
    }
}
