package io.cikit.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.build.BuildIntegration;
import io.cikit.core.build.BuildPayloadParser;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.event.BuildEvent;
import io.cikit.core.event.EventContext;
import io.cikit.core.event.Provider;
import io.cikit.core.event.RawPayload;
import io.cikit.core.json.Json;
import io.cikit.core.json.MalformedJsonException;
import io.cikit.core.spi.Providers;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cikit build parse}: a CI system's build payload as cikit sees it. */
@Command(name = "build", description = "Parse CI build payloads (Jenkins, GitHub Actions, GitLab CI).",
        subcommands = BuildCommand.Parse.class)
final class BuildCommand {

    /**
     * {@code cikit build parse --provider jenkins|actions|gitlab [FILE|-]}. Exit 1 when the payload is not a build
     * payload of that system.
     */
    @Command(name = "parse", description = "Parse a build payload; print the build, kernel image and BSP package as JSON.")
    static final class Parse implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--provider", required = true, description = "jenkins, actions or gitlab.")
        String provider;

        @Option(names = "--pretty", description = "Indent the JSON.")
        boolean pretty;

        @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", defaultValue = "-")
        String file;

        @Override
        public Integer call() {
            String system = switch (provider.toLowerCase(Locale.ROOT)) {
                case "jenkins" -> "jenkins";
                case "actions", "github-actions" -> "actions";
                case "gitlab", "gitlab-ci" -> "gitlab-ci";
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                        "--provider must be jenkins, actions or gitlab");
            };
            BuildPayloadParser parser;
            try {
                parser = Providers.discover(BuildPayloadParser.class, BuildPayloadParser::system)
                        .require(system, "build payload parser", artifactOf(system));
            } catch (ConfigurationException e) {
                throw new UnreadableInputException(e.getMessage(), e);
            }
            byte[] body = InputFiles.readAll(file, WebhookParseCommand.MAX_BODY_BYTES);
            JsonNode json;
            try {
                json = Json.read(body);
            } catch (MalformedJsonException e) {
                return bad(e.getMessage());
            }
            String eventName = eventName(system, json);
            Optional<BuildEvent> event;
            try {
                event = parser.parse(new EventContext(Provider.of(system), Optional.empty(), Instant.now(),
                        new RawPayload(eventName, json)));
            } catch (MalformedJsonException e) {
                return bad(e.getMessage());
            }
            if (event.isEmpty()) {
                return bad("not a " + provider + " build payload (event '" + eventName + "')");
            }
            BuildIntegration builds = new BuildIntegration();
            Map<String, Object> out = new LinkedHashMap<>(EventJson.build(event.get().build()));
            out.put("kernelImage", builds.extractKernelImage(event.get().build()).map(k -> (Object) k.toJson()).orElse(null));
            out.put("bspPackage", builds.extractBspPackage(event.get().build()).map(b -> (Object) b.toJson()).orElse(null));
            JsonOut.print(spec.commandLine().getOut(), out, pretty);
            return CliErrors.OK;
        }

        private int bad(String reason) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("error", reason);
            JsonOut.print(spec.commandLine().getOut(), out, pretty);
            return CliErrors.INPUT_JUDGED_BAD;
        }

        /** The event name each system's parser expects, read from the payload itself. */
        private static String eventName(String system, JsonNode json) {
            return switch (system) {
                case "actions" -> json.has("workflow_job") ? "workflow_job" : "workflow_run";
                case "gitlab-ci" -> Json.text(json, "object_kind").orElse("");
                default -> "jenkins";
            };
        }

        private static String artifactOf(String system) {
            return switch (system) {
                case "actions" -> "io.cikit:ci-build-actions";
                case "gitlab-ci" -> "io.cikit:ci-vcs-gitlab";
                default -> "io.cikit:ci-build-jenkins";
            };
        }
    }
}
