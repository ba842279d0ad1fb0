package io.cikit.core.report;

import io.cikit.core.config.ProviderConfig;
import io.cikit.core.event.CiEvent;
import io.cikit.core.event.EventType;
import io.cikit.core.event.Repository;
import io.cikit.core.spi.Providers;
import io.cikit.core.result.TestResults;
import io.cikit.core.trigger.ChangedFiles;
import io.cikit.core.webhook.WebhookRequest;
import io.cikit.core.webhook.WebhookResult;
import io.cikit.core.webhook.Webhooks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One version-control system as a host sees it: deliveries in ({@link #handleWebhook}, {@link #on}) and reports out
 * ({@link #reportStatus}, {@link #reportPending}, {@link #reportTestResults}, {@link #upsertComment},
 * {@link #createComment}), plus {@link #commitDiff} and {@link #changedFiles()} for trigger path filters.
 *
 * <p>A thin facade over a {@link Webhooks} and a {@link VcsClient}: it adds no state of its own and is thread-safe
 * when they are. {@link #handleWebhook} never throws; the reporting methods throw what the client throws
 * ({@link io.cikit.core.DeliveryException} with {@code retryable()}).
 *
 * <p>Meter {@code cikit.vcs.reports} (counter; tags {@code kind} = status, comment, {@code outcome} = ok, failed).
 */
public final class VcsIntegration {
    private static final Logger LOG = LoggerFactory.getLogger(VcsIntegration.class);

    /** The status context used when none is given. */
    public static final String DEFAULT_CONTEXT = "cikit";

    /** The description of {@link #reportPending(Repository, String)}. */
    public static final String PENDING_DESCRIPTION = "Tests queued";

    // the artifacts that ship the well-known clients, for the message when one is missing
    private static final Map<String, String> KNOWN_ARTIFACTS = Map.of(
            "github", "io.cikit:ci-vcs-github",
            "gitlab", "io.cikit:ci-vcs-gitlab");

    private final Webhooks webhooks;
    private final VcsClient client;
    private final String defaultContext;
    private final MeterRegistry registry;

    private VcsIntegration(Builder b, Webhooks webhooks, VcsClient client) {
        this.webhooks = webhooks;
        this.client = client;
        this.defaultContext = b.defaultContext;
        this.registry = b.registry;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Verifies, parses, deduplicates and dispatches one delivery; see {@link Webhooks#handle(WebhookRequest)}. Never throws. */
    public WebhookResult handleWebhook(WebhookRequest request) {
        return webhooks.handle(request);
    }

    /** Registers a handler for events of a class and its subtypes; close the registration to remove it. */
    public <E extends CiEvent> Webhooks.Registration on(Class<E> type, Consumer<? super E> handler) {
        return webhooks.on(type, handler);
    }

    /** Registers a handler for events of one type; close the registration to remove it. */
    public Webhooks.Registration on(EventType type, Consumer<? super CiEvent> handler) {
        return webhooks.on(type, handler);
    }

    /** Sets a commit status as given. */
    public void reportStatus(Repository repo, String sha, CommitStatus status) {
        Objects.requireNonNull(status, "status");
        counted("status", () -> {
            client.setStatus(repo, sha, status);
            return status;
        });
        LOG.debug("Reported {} for {} at {} under {}", word(status.state()), repo.fullName(), shortSha(sha),
                status.context());
    }

    /** Marks a commit as being tested, under the default context, with {@value #PENDING_DESCRIPTION}. */
    public CommitStatus reportPending(Repository repo, String sha) {
        return reportPending(repo, sha, defaultContext, PENDING_DESCRIPTION);
    }

    /** Marks a commit as being tested under a context (one per board or suite). */
    public CommitStatus reportPending(Repository repo, String sha, String context, String description) {
        CommitStatus status = CommitStatus.of(StatusState.PENDING, context).withDescription(description);
        reportStatus(repo, sha, status);
        return status;
    }

    /**
     * Folds a run's results into one status under the default context and sets it; see
     * {@link #reportTestResults(Repository, String, String, TestResults, Optional)}.
     */
    public CommitStatus reportTestResults(Repository repo, String sha, TestResults results, Optional<URI> logsUrl) {
        return reportTestResults(repo, sha, defaultContext, results, logsUrl);
    }

    /**
     * Folds a run's results into one status and sets it: any failure is {@link StatusState#FAILURE}; otherwise any
     * error, or no result at all, {@link StatusState#ERROR}; otherwise {@link StatusState#SUCCESS}. The description
     * ({@code 2 failed, 40 passed, 1 skipped | net/ping, fs/ext4}) counts the outcomes and names failing tests
     * (failures first, then errors) while it fits in 140 characters, and says so when the results were cut short;
     * the status links to {@code logsUrl}. To report against history (new failures, fixes, metric regressions), set
     * a status with {@link ReportRenderer#statusDescription} instead.
     *
     * @return the status that was set
     */
    public CommitStatus reportTestResults(Repository repo, String sha, String context, TestResults results,
                                          Optional<URI> logsUrl) {
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(logsUrl, "logsUrl");
        CommitStatus status = ResultStatus.of(context, results, logsUrl);
        reportStatus(repo, sha, status);
        LOG.info("Reported test results for {} at {} under {}: {} ({})", repo.fullName(), shortSha(sha), context,
                word(status.state()), status.description().orElse(""));
        return status;
    }

    /** Posts or updates the sticky comment named {@code key}; see {@link VcsClient#upsertComment}. */
    public CommentRef upsertComment(Repository repo, long number, String key, String body) {
        return counted("comment", () -> client.upsertComment(repo, number, key, body));
    }

    /** Posts a new comment; see {@link VcsClient#createComment}. */
    public CommentRef createComment(Repository repo, long number, String body) {
        return counted("comment", () -> client.createComment(repo, number, body));
    }

    /** The files (and diff) between two commits; see {@link VcsClient#commitDiff}. */
    public CommitDiff commitDiff(Repository repo, String base, String head) {
        return client.commitDiff(repo, base, head);
    }

    /** The changed-file lookup to hand to {@link io.cikit.core.trigger.TriggerPolicy}. */
    public ChangedFiles changedFiles() {
        return client.changedFiles();
    }

    public Webhooks webhooks() {
        return webhooks;
    }

    public VcsClient client() {
        return client;
    }

    private <T> T counted(String kind, Supplier<T> call) {
        try {
            T value = call.get();
            counter(kind, "ok").increment();
            return value;
        } catch (RuntimeException e) {
            counter(kind, "failed").increment();
            throw e;
        }
    }

    private Counter counter(String kind, String outcome) {
        return Counter.builder("cikit.vcs.reports")
                .description("Statuses and comments sent to version control")
                .tag("kind", kind)
                .tag("outcome", outcome)
                .register(registry);
    }

    private static String word(StatusState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static String shortSha(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }

    /** Configures a {@link VcsIntegration}. Not thread-safe. */
    public static final class Builder {
        private @Nullable Webhooks webhooks;
        private @Nullable VcsClient client;
        private String defaultContext = DEFAULT_CONTEXT;
        private MeterRegistry registry = Metrics.globalRegistry;

        private Builder() {
        }

        /** Where deliveries go (required). */
        public Builder webhooks(Webhooks webhooks) {
            this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
            return this;
        }

        /** Where reports go (required; or {@link #client(String, ProviderConfig)}). */
        public Builder client(VcsClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Makes the client with the {@link VcsClientProvider} named {@code provider}, found with {@code ServiceLoader}.
         *
         * @param config the provider's view, usually {@code ciConfig.forPrefix("cikit." + provider)}
         * @throws io.cikit.core.config.ConfigurationException when no such provider is on the class path (naming the
         *     artifact to add) or its configuration is incomplete
         */
        public Builder client(String provider, ProviderConfig config) {
            Objects.requireNonNull(config, "config");
            VcsClientProvider found = Providers.discover(VcsClientProvider.class, VcsClientProvider::name)
                    .require(provider, "VCS client", KNOWN_ARTIFACTS.getOrDefault(provider, "the module that provides it"));
            return client(found.create(config));
        }

        /** The status context used when a call names none (default {@value #DEFAULT_CONTEXT}). */
        public Builder defaultContext(String context) {
            Objects.requireNonNull(context, "context");
            if (context.isBlank()) {
                throw new IllegalArgumentException("the default context cannot be blank");
            }
            this.defaultContext = context;
            return this;
        }

        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** @throws IllegalStateException when the webhooks or the client are missing */
        public VcsIntegration build() {
            if (webhooks == null || client == null) {
                throw new IllegalStateException("a VcsIntegration needs both webhooks(…) and client(…)");
            }
            return new VcsIntegration(this, webhooks, client);
        }
    }
}
