package io.cikit.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.config.CiConfig;
import io.cikit.core.config.Secret;
import io.cikit.core.http.Headers;
import io.cikit.core.json.Json;
import io.cikit.core.json.MalformedJsonException;
import io.cikit.core.webhook.WebhookRequest;
import io.cikit.core.webhook.WebhookResult;
import io.cikit.core.webhook.Webhooks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cikit webhook parse}: verifies and parses one delivery (or a JSON Lines batch) exactly as a host's
 * endpoint would, and prints the outcome. Exit 1 when a delivery is rejected.
 */
@Command(name = "parse", description = "Verify and parse a webhook delivery; print the outcome as JSON.")
final class WebhookParseCommand implements Callable<Integer> {
    static final long MAX_BODY_BYTES = 25L * 1024 * 1024;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--provider", defaultValue = "auto", description = "github, gitlab, jenkins, or auto (default).")
    String provider;

    @Option(names = "--secret", description = "Webhook secret or @file; repeat for rotation. Default from CIKIT_<PROVIDER>_WEBHOOK_SECRET / WEBHOOK_SECRET.")
    List<String> secrets = List.of();

    @Option(names = "--unsigned", description = "Accept deliveries without checking a signature.")
    boolean unsigned;

    @Option(names = {"-H", "--header"}, paramLabel = "'Name: value'", description = "A request header; repeatable.")
    List<String> headers = List.of();

    @Option(names = "--batch", paramLabel = "FILE.jsonl", description = "JSON Lines of {headers, body|bodyBase64}; one output line per input line.")
    Path batch;

    @Option(names = "--pretty", description = "Indent the JSON (single delivery only).")
    boolean pretty;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The body, or - for standard input.")
    String file;

    @Override
    public Integer call() {
        String named = provider.toLowerCase(Locale.ROOT);
        Webhooks webhooks = newWebhooks(named);
        PrintWriter out = spec.commandLine().getOut();
        if (batch != null) {
            if (file != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give either FILE or --batch, not both");
            }
            return runBatch(webhooks, named, out);
        }
        if (file == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "FILE (or -) or --batch is required");
        }
        WebhookRequest request = WebhookRequest.of(parseHeaders(headers), InputFiles.readAll(file, MAX_BODY_BYTES));
        WebhookResult result = webhooks.handle(named, request);
        JsonOut.print(out, render(result), pretty);
        return result instanceof WebhookResult.Rejected ? CliErrors.INPUT_JUDGED_BAD : CliErrors.OK;
    }

    private Webhooks newWebhooks(String named) {
        Webhooks.Builder builder = Webhooks.builder();
        CiConfig config = CiConfig.fromEnvironment();
        List<String> providerIds = named.equals(Webhooks.AUTO)
                ? Webhooks.builder().build().providers().stream().map(p -> p.id()).toList()
                : List.of(named);
        for (String id : providerIds) {
            if (unsigned) {
                builder.allowUnsigned(id);
                continue;
            }
            List<Secret> resolved = SecretArguments.resolve(secrets, id, config);
            if (!resolved.isEmpty()) {
                builder.secret(id, resolved.toArray(Secret[]::new));
            }
        }
        return builder.build();
    }

    private int runBatch(Webhooks webhooks, String named, PrintWriter out) {
        int exit = CliErrors.OK;
        try (BufferedReader reader = Files.newBufferedReader(batch, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> rendered;
                try {
                    WebhookResult result = webhooks.handle(named, batchRequest(line));
                    rendered = render(result);
                    if (result instanceof WebhookResult.Rejected) {
                        exit = CliErrors.INPUT_JUDGED_BAD;
                    }
                } catch (UnreadableInputException e) {
                    rendered = new LinkedHashMap<>();
                    rendered.put("outcome", "rejected");
                    rendered.put("httpStatus", 400);
                    rendered.put("reason", "batch line " + lineNumber + ": " + e.getMessage());
                    exit = CliErrors.INPUT_JUDGED_BAD;
                }
                JsonOut.print(out, rendered, false);
            }
        } catch (IOException e) {
            throw new UnreadableInputException("cannot read batch file " + batch + ": " + e.getMessage(), e);
        }
        return exit;
    }

    private static WebhookRequest batchRequest(String line) {
        JsonNode node;
        try {
            node = Json.read(line.getBytes(StandardCharsets.UTF_8));
        } catch (MalformedJsonException e) {
            throw new UnreadableInputException("not a JSON object: " + e.getMessage(), e);
        }
        Headers.Builder headers = Headers.builder();
        JsonNode h = node.path("headers");
        h.fieldNames().forEachRemaining(name -> {
            JsonNode v = h.get(name);
            if (v.isArray()) {
                v.forEach(e -> headers.add(name, e.asText()));
            } else {
                headers.add(name, v.asText());
            }
        });
        byte[] body;
        if (node.hasNonNull("bodyBase64")) {
            try {
                body = Base64.getDecoder().decode(node.get("bodyBase64").asText());
            } catch (IllegalArgumentException e) {
                throw new UnreadableInputException("bodyBase64 is not valid base64", e);
            }
        } else if (node.hasNonNull("body")) {
            JsonNode b = node.get("body");
            body = (b.isTextual() ? b.asText() : b.toString()).getBytes(StandardCharsets.UTF_8);
        } else {
            throw new UnreadableInputException("neither body nor bodyBase64 given");
        }
        return WebhookRequest.of(headers.build(), body);
    }

    static Headers parseHeaders(List<String> raw) {
        Headers.Builder b = Headers.builder();
        for (String h : raw) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new UnreadableInputException("header must look like 'Name: value': " + h);
            }
            b.add(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
        }
        return b.build();
    }

    static Map<String, Object> render(WebhookResult result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("outcome", result.outcome());
        out.put("httpStatus", result.httpStatus());
        out.put("provider", result.provider().map(p -> p.id()).orElse(null));
        out.put("deliveryId", result.deliveryId().orElse(null));
        if (result instanceof WebhookResult.Accepted accepted) {
            out.put("reason", null);
            out.put("event", EventJson.event(accepted.event()));
        } else if (result instanceof WebhookResult.Ignored ignored) {
            out.put("reason", ignored.reason());
        } else if (result instanceof WebhookResult.Duplicate) {
            out.put("reason", "delivery already handled");
        } else if (result instanceof WebhookResult.Rejected rejected) {
            out.put("reason", rejected.error().getMessage());
            out.put("code", rejected.error().code());
        }
        return out;
    }
}
