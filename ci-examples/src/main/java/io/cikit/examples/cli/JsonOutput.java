package io.cikit.examples.cli;

import io.cikit.core.DeliveryException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Mixin: {@code --pretty}, and how a subcommand that calls a provider answers. What the call returns is printed as
 * JSON (exit 0); a provider that refused the call or could not be reached ({@link DeliveryException}) gives
 * {@code {"ok": false, "error", "retryable", …}} on stdout and the message on stderr (exit 1).
 */
final class JsonOutput {
    @Option(names = "--pretty", description = "Indent the JSON.")
    boolean pretty;

    /**
     * Runs {@code call} and prints its result.
     *
     * @param details what a refusal adds to the JSON error (the provider's HTTP status, when to retry)
     */
    int deliver(CommandLine cl, Callable<Map<String, Object>> call,
            Function<DeliveryException, Map<String, Object>> details) {
        try {
            JsonOut.print(cl.getOut(), call.call(), pretty);
            return CliErrors.OK;
        } catch (DeliveryException e) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("ok", false);
            out.put("error", e.getMessage());
            out.put("retryable", e.retryable());
            out.putAll(details.apply(e));
            cl.getErr().println("cikit: " + e.getMessage());
            cl.getErr().flush();
            JsonOut.print(cl.getOut(), out, pretty);
            return CliErrors.INPUT_JUDGED_BAD;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
