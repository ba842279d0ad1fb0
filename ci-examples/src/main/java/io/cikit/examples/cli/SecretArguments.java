package io.cikit.examples.cli;

import io.cikit.core.config.CiConfig;
import io.cikit.core.config.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Secrets given on the command line: a literal, {@code @file} (the file's content, trailing newline dropped), or,
 * when none is given, the configuration ({@code CIKIT_<PROVIDER>_WEBHOOK_SECRET}, then {@code CIKIT_WEBHOOK_SECRET}
 * / {@code WEBHOOK_SECRET}). Values are never echoed.
 */
final class SecretArguments {
    private SecretArguments() {
    }

    static List<Secret> resolve(List<String> given, String provider, CiConfig config) {
        List<Secret> out = new ArrayList<>();
        for (String value : given) {
            out.add(resolveOne(value));
        }
        if (out.isEmpty()) {
            out.addAll(config.secrets("cikit." + provider + ".webhook-secret"));
        }
        if (out.isEmpty()) {
            out.addAll(config.secrets("cikit.webhook.secret"));
        }
        return List.copyOf(out);
    }

    static Secret resolveOne(String value) {
        if (value.startsWith("@")) {
            Path file = Path.of(value.substring(1));
            try {
                String content = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (content.isEmpty()) {
                    throw new UnreadableInputException("secret file " + file + " is empty");
                }
                return Secret.of(content);
            } catch (IOException e) {
                throw new UnreadableInputException("cannot read secret file " + file + ": " + e.getMessage(), e);
            }
        }
        if (value.isEmpty()) {
            throw new UnreadableInputException("an empty --secret was given");
        }
        return Secret.of(value);
    }
}
