package io.cikit.examples.cli;

import io.cikit.core.CiException;
import io.cikit.core.artifact.Artifacts;
import io.cikit.core.artifact.UnsafeArchiveException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cikit artifact inspect|scan}: what kernel images, DTBs and BSP files are, read from their bytes. */
@Command(name = "artifact", description = "Inspect kernel images, device trees and BSP artifacts.",
        subcommands = {ArtifactCommand.Inspect.class, ArtifactCommand.Scan.class})
final class ArtifactCommand {

    /** {@code cikit artifact inspect FILE…} → one report per file. */
    @Command(name = "inspect", description = "Identify files by their bytes (format, arch, version, …); print JSON.")
    static final class Inspect implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--pretty", description = "Indent the JSON.")
        boolean pretty;

        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<Path> files;

        @Override
        public Integer call() {
            for (Path f : files) {
                if (!Files.isRegularFile(f)) {
                    throw new UnreadableInputException("no such file: " + f);
                }
            }
            try {
                JsonOut.print(spec.commandLine().getOut(), Artifacts.inspectJson(files), pretty);
            } catch (CiException e) {
                throw new UnreadableInputException(e.getMessage(), e);
            }
            return CliErrors.OK;
        }
    }

    /** {@code cikit artifact scan DIR|ARCHIVE}: kernel image and BSP package found in a build output; exit 1 for an unsafe archive. */
    @Command(name = "scan", description = "Find the kernel image and BSP package in a directory or archive; print JSON.")
    static final class Scan implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--pretty", description = "Indent the JSON.")
        boolean pretty;

        @Parameters(index = "0", paramLabel = "DIR|ARCHIVE")
        Path path;

        @Override
        public Integer call() {
            if (!Files.exists(path)) {
                throw new UnreadableInputException("no such file or directory: " + path);
            }
            try {
                JsonOut.print(spec.commandLine().getOut(), Artifacts.scanJson(path), pretty);
                return CliErrors.OK;
            } catch (UnsafeArchiveException e) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("error", e.getMessage());
                out.put("reason", e.reason().code());
                JsonOut.print(spec.commandLine().getOut(), out, pretty);
                return CliErrors.INPUT_JUDGED_BAD;
            } catch (CiException e) {
                throw new UnreadableInputException(e.getMessage(), e);
            }
        }
    }
}
