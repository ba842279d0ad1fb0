package io.cikit.examples.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cikit version}: the version, the modules on the class path and the providers found. */
@Command(name = "version", description = "Print the version, modules and discovered providers as JSON.")
final class VersionCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--pretty", description = "Indent the JSON.")
    boolean pretty;

    @Override
    public Integer call() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", ModuleInventory.version());
        out.put("modules", ModuleInventory.modules());
        out.put("providers", ModuleInventory.providers());
        JsonOut.print(spec.commandLine().getOut(), out, pretty);
        return CliErrors.OK;
    }
}
