package io.cikit.examples.cli;

import io.cikit.core.config.CiConfig;
import io.cikit.core.config.Secret;
import io.cikit.core.webhook.Signatures;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cikit webhook sign}: prints the signature header value a provider would send for a body. */
@Command(name = "sign", description = "Print the X-Hub-Signature-256 value for a body (GitHub).")
final class WebhookSignCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--provider", defaultValue = "github", description = "Provider whose signature to compute (github).")
    String provider;

    @Option(names = "--secret", description = "The webhook secret, or @file; default from CIKIT_GITHUB_WEBHOOK_SECRET / WEBHOOK_SECRET.")
    List<String> secrets = List.of();

    @Parameters(index = "0", paramLabel = "FILE", description = "The body to sign, or - for standard input.")
    String file;

    @Override
    public Integer call() {
        String p = provider.toLowerCase(Locale.ROOT);
        if (!p.equals("github")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "webhook sign supports --provider github (GitLab sends its secret token as is; no signature to compute)");
        }
        List<Secret> resolved = SecretArguments.resolve(secrets, p, CiConfig.fromEnvironment());
        if (resolved.size() != 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give exactly one --secret (found " + resolved.size() + ")");
        }
        byte[] body = InputFiles.readAll(file, 25L * 1024 * 1024);
        spec.commandLine().getOut().println("sha256=" + Signatures.hmacSha256Hex(resolved.get(0).bytes(), body));
        spec.commandLine().getOut().flush();
        return CliErrors.OK;
    }
}
