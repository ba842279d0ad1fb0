package io.cikit.core.dispatch.internal;

import io.cikit.core.dispatch.Board;
import io.cikit.core.dispatch.RunContext;
import io.cikit.core.dispatch.TestJob;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code CIKIT_*} environment a lab script gets for one attempt, and the {@code {NAME}} placeholders of a command
 * template, which stand for the same values ({@code {KERNEL_IMAGE}} is {@code $CIKIT_KERNEL_IMAGE}). Artifacts with
 * {@code file:} URIs are passed as local paths, others as the URI.
 */
public final class JobEnvironment {
    /** Names every template may use; {@code PARAM_*} and {@code BOARD_ATTR_*} come on top. */
    public static final Set<String> NAMES = Set.of("JOB_ID", "JOB_NAME", "JOB_FILE", "ATTEMPT", "BOARD", "BOARD_TYPE",
            "BOARD_ARCH", "BOARD_TAGS", "KERNEL_IMAGE", "DTB", "MODULES", "ROOTFS", "BSP_PACKAGE", "OUTPUT_DIR",
            "TIMEOUT_SECONDS", "DEADLINE", "SUITES", "COMMANDS", "REPOSITORY", "COMMIT", "BUILD_ID", "LEASE");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Z0-9_]+)}");
    private static final Pattern WHOLE = Pattern.compile("\\{([A-Z0-9_]+)}");

    private JobEnvironment() {
    }

    /** The environment for one attempt; {@code jobFile} is where the job's JSON was written. */
    public static Map<String, String> of(RunContext ctx, String jobFile) {
        TestJob job = ctx.job();
        Board board = ctx.board();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CIKIT_JOB_ID", job.id());
        env.put("CIKIT_JOB_NAME", job.name());
        env.put("CIKIT_JOB_FILE", jobFile);
        env.put("CIKIT_ATTEMPT", Integer.toString(ctx.attempt()));
        env.put("CIKIT_BOARD", board.id());
        env.put("CIKIT_BOARD_TYPE", board.type());
        env.put("CIKIT_BOARD_ARCH", board.arch());
        env.put("CIKIT_BOARD_TAGS", String.join(",", new TreeSet<>(board.tags())));
        env.put("CIKIT_KERNEL_IMAGE", location(job.kernelImage()));
        job.dtb().ifPresent(u -> env.put("CIKIT_DTB", location(u)));
        job.modules().ifPresent(u -> env.put("CIKIT_MODULES", location(u)));
        job.rootfs().ifPresent(u -> env.put("CIKIT_ROOTFS", location(u)));
        job.bspPackage().ifPresent(u -> env.put("CIKIT_BSP_PACKAGE", location(u)));
        env.put("CIKIT_OUTPUT_DIR", ctx.outputDirectory().toAbsolutePath().toString());
        env.put("CIKIT_TIMEOUT_SECONDS", Long.toString(job.timeout().toSeconds()));
        env.put("CIKIT_DEADLINE", ctx.deadline().toString());
        env.put("CIKIT_SUITES", String.join(",", job.suites()));
        env.put("CIKIT_COMMANDS", String.join("\n", job.commands()));
        env.put("CIKIT_LEASE", ctx.lease().token());
        job.origin().ifPresent(o -> {
            env.put("CIKIT_REPOSITORY", o.repository());
            env.put("CIKIT_COMMIT", o.commit());
            o.buildId().ifPresent(b -> env.put("CIKIT_BUILD_ID", b));
        });
        new TreeMap<>(board.attributes()).forEach((k, v) -> env.put("CIKIT_BOARD_ATTR_" + envName(k), v));
        new TreeMap<>(job.parameters()).forEach((k, v) -> env.put("CIKIT_PARAM_" + envName(k), v));
        return env;
    }

    /** {@code kernel.cmdline} → {@code KERNEL_CMDLINE}: upper case, anything but letters and digits an underscore. */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** The names a template uses that no environment can fill; empty when the template is fine. */
    public static List<String> unknownPlaceholders(List<String> template) {
        List<String> bad = new ArrayList<>();
        for (String arg : template) {
            Matcher m = PLACEHOLDER.matcher(arg);
            while (m.find()) {
                String name = m.group(1);
                if (!NAMES.contains(name) && !name.startsWith("PARAM_") && !name.startsWith("BOARD_ATTR_")) {
                    bad.add(name);
                }
            }
        }
        return bad;
    }

    /**
     * The command line for one attempt: each {@code {NAME}} replaced by {@code CIKIT_NAME}'s value. An argument that
     * is exactly one placeholder with no value ({@code {DTB}} for a job without one) is left out; inside a longer
     * argument a missing value is empty. Values are never split or given to a shell.
     */
    public static List<String> expand(List<String> template, Map<String, String> env) {
        List<String> out = new ArrayList<>(template.size());
        for (String arg : template) {
            Matcher whole = WHOLE.matcher(arg);
            if (whole.matches() && !env.containsKey("CIKIT_" + whole.group(1))) {
                continue;
            }
            Matcher m = PLACEHOLDER.matcher(arg);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(sb, Matcher.quoteReplacement(env.getOrDefault("CIKIT_" + m.group(1), "")));
            }
            m.appendTail(sb);
            out.add(sb.toString());
        }
        return out;
    }

    /** An artifact as a script takes it: the local path of a {@code file:} URI, else the URI. */
    public static String location(URI artifact) {
        Optional<java.nio.file.Path> local = TestJob.localFile(artifact);
        return local.map(java.nio.file.Path::toString).orElse(artifact.toString());
    }
}
