package io.cikit.core.result;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.json.Json;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a console log showed: its incidents in line order, the boot stages it went through, and where the boot got.
 *
 * @param incidents incidents in the order their reports started (at most {@link LogLimits#maxIncidents()})
 * @param bootStages stage transitions in order; a reboot starts again from {@link BootStage#BOOTLOADER} or
 *     {@link BootStage#KERNEL_STARTED}
 * @param lastStage the stage the last boot in the log reached; empty when no stage was recognised. "Where did the
 *     boot stop" is this stage.
 * @param lines lines read
 * @param bytes bytes read
 * @param droppedIncidents incidents found beyond {@link LogLimits#maxIncidents()}
 */
public record LogAnalysis(List<LogIncident> incidents, List<BootStageReached> bootStages,
        Optional<BootStage> lastStage, long lines, long bytes, long droppedIncidents) {

    public LogAnalysis {
        incidents = List.copyOf(incidents);
        bootStages = List.copyOf(bootStages);
        Objects.requireNonNull(lastStage, "lastStage");
    }

    /** Whether any incident stopped the boot. */
    public boolean fatal() {
        return incidents.stream().anyMatch(LogIncident::fatal);
    }

    /**
     * The JSON the {@code cikit log analyze} command prints: {@code {"incidents": [{"kind", "line", "summary",
     * "fatal", "trace": [...]}], "bootStages": [{"stage", "line"}], "lastStage"}} ({@code lastStage} is null when
     * no stage was seen).
     */
    public ObjectNode toJson() {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode list = root.putArray("incidents");
        for (LogIncident i : incidents) {
            ObjectNode o = list.addObject();
            o.put("kind", i.kind().name());
            o.put("line", i.line());
            o.put("summary", i.summary());
            o.put("fatal", i.fatal());
            ArrayNode trace = o.putArray("trace");
            i.trace().forEach(trace::add);
        }
        ArrayNode stages = root.putArray("bootStages");
        for (BootStageReached s : bootStages) {
            stages.addObject().put("stage", s.stage().name()).put("line", s.line());
        }
        if (lastStage.isPresent()) {
            root.put("lastStage", lastStage.get().name());
        } else {
            root.putNull("lastStage");
        }
        return root;
    }
}
