package io.cikit.core.webhook;

import static io.cikit.core.webhook.AcmeWebhookParser.push;
import static io.cikit.core.webhook.AcmeWebhookParser.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildPayloadParser;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.Secret;
import io.cikit.core.event.BuildEvent;
import io.cikit.core.event.CiEvent;
import io.cikit.core.event.EventContext;
import io.cikit.core.event.EventType;
import io.cikit.core.event.GenericEvent;
import io.cikit.core.event.Provider;
import io.cikit.core.event.PullRequestEvent;
import io.cikit.core.event.PushEvent;
import io.cikit.core.event.VcsEvent;
import io.cikit.core.http.Headers;
import io.cikit.core.json.Json;
import io.cikit.core.json.JsonLimits;
import io.cikit.core.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhooksTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ManualClock clock = new ManualClock(NOW);

    private Webhooks.Builder acme() {
        return Webhooks.builder()
                .discoverParsers(false)
                .parser(new AcmeWebhookParser())
                .secret("acme", Secret.of(AcmeWebhookParser.SECRET))
                .meterRegistry(meters)
                .clock(clock);
    }

    @Test
    void aSignedPushIsAcceptedWith202AndReachesHandlers() {
        List<PushEvent> pushes = new CopyOnWriteArrayList<>();
        Webhooks webhooks = acme().on(PushEvent.class, pushes::add).build();

        WebhookResult result = webhooks.handle(signed("push", "d-1", push("refs/heads/main")));

        assertThat(result).isInstanceOf(WebhookResult.Accepted.class);
        assertThat(result.httpStatus()).isEqualTo(202);
        assertThat(result.outcome()).isEqualTo("accepted");
        assertThat(result.provider()).contains(Provider.of("acme"));
        assertThat(result.deliveryId()).contains("d-1");
        assertThat(pushes).singleElement().satisfies(push -> {
            assertThat(push.branch()).contains("main");
            assertThat(push.repository().fullName()).isEqualTo("acme/widgets");
            assertThat(push.context().receivedAt()).isEqualTo(NOW);
        });
    }

    @Test
    void aRedeliveryIsADuplicateAndHandlersRunOnce() {
        List<CiEvent> seen = new CopyOnWriteArrayList<>();
        Webhooks webhooks = acme().onAny(seen::add).build();
        WebhookRequest request = signed("push", "d-1", push("refs/heads/main"));

        WebhookResult first = webhooks.handle(request);
        WebhookResult second = webhooks.handle(request);

        assertThat(first).isInstanceOf(WebhookResult.Accepted.class);
        assertThat(second).isEqualTo(new WebhookResult.Duplicate(Provider.of("acme"), "d-1"));
        assertThat(second.httpStatus()).isEqualTo(200);
        assertThat(seen).hasSize(1);
    }

    @Test
    void differentDeliveryIdsAreBothAccepted() {
        List<CiEvent> seen = new CopyOnWriteArrayList<>();
        Webhooks webhooks = acme().onAny(seen::add).build();

        WebhookResult first = webhooks.handle(signed("push", "d-1", push("refs/heads/main")));
        WebhookResult second = webhooks.handle(signed("push", "d-2", push("refs/heads/main")));

        assertThat(List.of(first, second)).allMatch(r -> r instanceof WebhookResult.Accepted);
        assertThat(seen).hasSize(2);
    }

    @Test
    void deliveryKeysAreScopedByProvider() {
        Webhooks webhooks = acme()
                .parser(new AcmeWebhookParser("other"))
                .secret("other", Secret.of(AcmeWebhookParser.SECRET))
                .build();
        WebhookRequest request = signed("push", "d-1", push("refs/heads/main"));

        assertThat(webhooks.handle("acme", request)).isInstanceOf(WebhookResult.Accepted.class);
        assertThat(webhooks.handle("other", request)).isInstanceOf(WebhookResult.Accepted.class);
        assertThat(webhooks.handle("other", request)).isInstanceOf(WebhookResult.Duplicate.class);
    }

    @Test
    void deliveriesWithoutAKeyAreNeverDeduplicated() {
        Webhooks webhooks = acme().build();
        byte[] body = push("refs/heads/main").getBytes(StandardCharsets.UTF_8);
        WebhookRequest noKey = WebhookRequest.of(Headers.of(AcmeWebhookParser.EVENT, "push", AcmeWebhookParser.SIGNATURE,
                "sha256=" + Signatures.hmacSha256Hex(AcmeWebhookParser.SECRET.getBytes(StandardCharsets.UTF_8), body)), body);

        assertThat(webhooks.handle(noKey)).isInstanceOf(WebhookResult.Accepted.class);
        assertThat(webhooks.handle(noKey)).isInstanceOf(WebhookResult.Accepted.class);
    }

    @Test
    void aHostSuppliedDeliveryLogIsAskedWithProviderScopedKeys() {
        List<String> keys = new CopyOnWriteArrayList<>();
        DeliveryLog recording = new DeliveryLog() {
            private final InMemoryDeliveryLog delegate = new InMemoryDeliveryLog();

            @Override
            public boolean firstSeen(String key) {
                keys.add(key);
                return delegate.firstSeen(key);
            }

            @Override
            public void forget(String key) {
                delegate.forget(key);
            }
        };
        Webhooks webhooks = acme().deliveryLog(recording).build();

        webhooks.handle(signed("push", "d-7", push("refs/heads/main")));

        assertThat(keys).containsExactly("acme:d-7");
    }

    @Test
    void aFailingDeliveryLogDoesNotLoseTheDelivery() {
        DeliveryLog broken = new DeliveryLog() {
            @Override
            public boolean firstSeen(String key) {
                throw new IllegalStateException("store down");
            }

            @Override
            public void forget(String key) {
            }
        };
        List<CiEvent> seen = new CopyOnWriteArrayList<>();
        Webhooks webhooks = acme().deliveryLog(broken).onAny(seen::add).build();

        assertThat(webhooks.handle(signed("push", "d-1", push("refs/heads/main")))).isInstanceOf(WebhookResult.Accepted.class);
        assertThat(seen).hasSize(1);
    }

    @Test
    void anOversizedBodyIs413AndNeverVerifiedOrParsed() {
        Webhooks webhooks = acme().maxPayloadBytes(100).build();
        // "explode" makes the parser fail if it is ever asked to parse; the signature is not even valid
        WebhookRequest big = WebhookRequest.of(Headers.of(AcmeWebhookParser.EVENT, "explode", AcmeWebhookParser.SIGNATURE,
                "sha256=00"), new byte[101]);

        WebhookResult result = webhooks.handle(big);

        assertThat(result.httpStatus()).isEqualTo(413);
        assertThat(((WebhookResult.Rejected) result).error()).isInstanceOf(PayloadTooLargeException.class)
                .hasMessageContaining("101 bytes").hasMessageContaining("100 bytes");
        assertThat(meters.find(DeliveryMetrics.PARSER_ERRORS).counter()).isNull();
        assertThat(webhooks.handle(signed("ping", "d-2", "{\"a\":\"" + "x".repeat(80) + "\"}")).httpStatus())
                .as("a body of exactly the limit passes").isEqualTo(200);
    }

    @Test
    void theDefaultSizeCapIs25MiB() {
        Webhooks webhooks = acme().build();

        assertThat(webhooks.maxPayloadBytes()).isEqualTo(25L * 1024 * 1024);
        assertThat(webhooks.handle(WebhookRequest.of(Headers.of(AcmeWebhookParser.EVENT, "push"),
                new byte[25 * 1024 * 1024 + 1])).httpStatus()).isEqualTo(413);
    }

    @Test
    void aProviderWithoutASecretIsRejected401ByDefault() {
        Webhooks webhooks = Webhooks.builder().discoverParsers(false).parser(new AcmeWebhookParser()).meterRegistry(meters).build();

        WebhookResult result = webhooks.handle(signed("push", "d-1", push("refs/heads/main")));

        assertThat(result.httpStatus()).isEqualTo(401);
        assertThat(((WebhookResult.Rejected) result).error()).isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("no secret is configured for `acme`");
        assertThat(result.deliveryId()).contains("d-1");
    }

    @Test
    void unsignedDeliveriesAreAcceptedOnlyWhenTheHostOptsIn() {
        Webhooks webhooks = Webhooks.builder().discoverParsers(false).parser(new AcmeWebhookParser())
                .allowUnsigned("ACME").meterRegistry(meters).build();
        WebhookRequest unsigned = WebhookRequest.of(Headers.of(AcmeWebhookParser.EVENT, "push", AcmeWebhookParser.DELIVERY, "d-1"),
                push("refs/heads/main"));

        assertThat(webhooks.handle(unsigned)).isInstanceOf(WebhookResult.Accepted.class);
    }

    @Test
    void secretsAndUnsignedModeForOneProviderIsAConfigurationError() {
        Webhooks.Builder both = acme().allowUnsigned("acme");

        assertThatThrownBy(both::build).isInstanceOf(ConfigurationException.class).hasMessageContaining("`acme`");
    }

    @Test
    void aWrongOrMissingSignatureIsRejected401() {
        Webhooks webhooks = acme().build();
        WebhookRequest good = signed("push", "d-1", push("refs/heads/main"));
        WebhookRequest wrongSecret = signed("not-the-secret", "push", "d-1", good.body());
        WebhookRequest missing = new WebhookRequest(good.headers().toBuilder().remove(AcmeWebhookParser.SIGNATURE).build(),
                good.body(), Optional.empty());
        byte[] tamperedBody = good.body().clone();
        tamperedBody[5] ^= 1;
        WebhookRequest tampered = new WebhookRequest(good.headers(), tamperedBody, Optional.empty());

        for (WebhookRequest bad : List.of(wrongSecret, missing, tampered)) {
            WebhookResult result = webhooks.handle(bad);
            assertThat(result.httpStatus()).isEqualTo(401);
            assertThat(((WebhookResult.Rejected) result).error().code()).isEqualTo("invalid-signature");
        }
        assertThat(webhooks.handle(good)).as("rejections do not burn the delivery key").isInstanceOf(WebhookResult.Accepted.class);
    }

    @Test
    void secretsRotateByAcceptingAnyConfiguredOne() {
        Webhooks webhooks = acme().secret("acme", Secret.of("next-secret")).build();
        byte[] body = push("refs/heads/main").getBytes(StandardCharsets.UTF_8);

        assertThat(webhooks.handle(signed(AcmeWebhookParser.SECRET, "push", "d-1", body)).httpStatus()).isEqualTo(202);
        assertThat(webhooks.handle(signed("next-secret", "push", "d-2", body)).httpStatus()).isEqualTo(202);
        assertThat(webhooks.handle(signed("retired-secret", "push", "d-3", body)).httpStatus()).isEqualTo(401);
    }

    @Test
    void malformedJsonIs400MalformedPayload() {
        Webhooks webhooks = acme().build();

        for (String body : List.of("{\"repository\":", "not json", "", "{} trailing", "[1,2]")) {
            WebhookResult result = webhooks.handle(signed("push", "d-" + body.hashCode(), body));
            assertThat(result.httpStatus()).as(body).isEqualTo(400);
            assertThat(((WebhookResult.Rejected) result).error()).as(body).isInstanceOf(MalformedPayloadException.class);
        }
    }

    @Test
    void jsonLimitsAreHandedToTheParser() {
        Webhooks webhooks = acme().jsonLimits(new JsonLimits(3, 1000, 1000, 100)).build();

        WebhookResult result = webhooks.handle(signed("other", "d-1", "{\"a\":{\"b\":{\"c\":{\"d\":1}}}}"));

        assertThat(result.httpStatus()).isEqualTo(400);
        assertThat(((WebhookResult.Rejected) result).error().code()).isEqualTo("malformed-payload");
    }

    @Test
    void aMediaTypeTheProviderNeverSendsIs415() {
        Webhooks webhooks = acme().build();
        WebhookRequest good = signed("push", "d-1", push("refs/heads/main"));
        WebhookRequest xml = new WebhookRequest(good.headers().toBuilder().set("Content-Type", "text/xml").build(),
                good.body(), Optional.empty());

        assertThat(webhooks.handle(xml).httpStatus()).isEqualTo(415);
    }

    @Test
    void aParserBugBecomes400ParserFailedAndIsCounted() {
        Webhooks webhooks = acme().build();

        WebhookResult result = webhooks.handle(signed("explode", "d-1", "{}"));

        assertThat(result.httpStatus()).isEqualTo(400);
        assertThat(result.provider()).contains(Provider.of("acme"));
        assertThat(((WebhookResult.Rejected) result).error()).isInstanceOf(MalformedPayloadException.class)
                .hasMessageStartingWith("parser failed: IllegalStateException");
        assertThat(meters.get(DeliveryMetrics.PARSER_ERRORS).tag("provider", "acme").counter().count()).isEqualTo(1.0);
    }

    @Test
    void ignoredDeliveriesAnswer200AndReachNoHandler() {
        List<CiEvent> seen = new CopyOnWriteArrayList<>();
        Webhooks webhooks = acme().onAny(seen::add).build();

        WebhookResult result = webhooks.handle(signed("ping", "d-1", "{}"));

        assertThat(result).isEqualTo(new WebhookResult.Ignored(Optional.of(Provider.of("acme")), Optional.of("d-1"), "ping"));
        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(seen).isEmpty();
    }

    @Test
    void aThrowingHandlerNeitherChangesTheAnswerNorStopsTheOthers() {
        List<String> calls = new CopyOnWriteArrayList<>();
        Webhooks webhooks = acme()
                .onAny(e -> calls.add("first"))
                .on(PushEvent.class, e -> {
                    throw new IllegalStateException("handler bug");
                })
                .onAny(e -> {
                    throw new AssertionError("also contained");
                })
                .on(EventType.PUSH, e -> calls.add("last"))
                .build();

        WebhookResult result = webhooks.handle(signed("push", "d-1", push("refs/heads/main")));

        assertThat(result.httpStatus()).isEqualTo(202);
        assertThat(calls).containsExactly("first", "last");
        assertThat(meters.get(DeliveryMetrics.HANDLER_ERRORS).tags("provider", "acme", "type", "push").counter().count())
                .isEqualTo(2.0);
    }

    @Test
    void aDeliveryWhoseHandlerFailedIsHandledAgainWhenRedelivered() {
        List<String> calls = new CopyOnWriteArrayList<>();
        boolean[] failing = {true};
        Webhooks webhooks = acme()
                .onAny(e -> calls.add("ok"))
                .onAny(e -> {
                    if (failing[0]) {
                        throw new IllegalStateException("downstream down");
                    }
                })
                .build();
        WebhookRequest request = signed("push", "d-1", push("refs/heads/main"));

        assertThat(webhooks.handle(request).httpStatus()).isEqualTo(202);
        failing[0] = false;
        assertThat(webhooks.handle(request).httpStatus()).as("redelivered after a handler failed").isEqualTo(202);
        assertThat(webhooks.handle(request)).as("handled fully this time").isInstanceOf(WebhookResult.Duplicate.class);
        assertThat(calls).containsExactly("ok", "ok");
    }

    @Test
    void withAnExecutorAFailedHandlerAlsoReleasesTheDeliveryKey() {
        List<Runnable> queued = new ArrayList<>();
        Webhooks webhooks = acme().handlerExecutor(queued::add)
                .onAny(e -> {
                    throw new IllegalStateException("downstream down");
                })
                .build();
        WebhookRequest request = signed("push", "d-1", push("refs/heads/main"));

        webhooks.handle(request);
        assertThat(webhooks.handle(request)).as("handlers have not run yet").isInstanceOf(WebhookResult.Duplicate.class);
        queued.get(0).run();

        assertThat(webhooks.handle(request)).isInstanceOf(WebhookResult.Accepted.class);
    }

    @Test
    void classHandlersMatchSubtypesAndTypeHandlersMatchTheirType() {
        List<String> calls = new CopyOnWriteArrayList<>();
        Webhooks webhooks = acme()
                .on(PushEvent.class, e -> calls.add("PushEvent"))
                .on(VcsEvent.class, e -> calls.add("VcsEvent"))
                .on(CiEvent.class, e -> calls.add("CiEvent"))
                .on(PullRequestEvent.class, e -> calls.add("PullRequestEvent"))
                .on(GenericEvent.class, e -> calls.add("GenericEvent:" + e.eventName()))
                .on(EventType.PUSH, e -> calls.add("PUSH"))
                .on(EventType.OTHER, e -> calls.add("OTHER"))
                .onAny(e -> calls.add("any"))
                .build();

        webhooks.handle(signed("push", "d-1", push("refs/heads/main")));
        List<String> forPush = List.copyOf(calls);
        calls.clear();
        webhooks.handle(signed("release", "d-2", "{\"action\":\"published\"}"));

        assertThat(forPush).containsExactly("PushEvent", "VcsEvent", "CiEvent", "PUSH", "any");
        assertThat(calls).containsExactly("CiEvent", "GenericEvent:release", "OTHER", "any");
    }

    @Test
    void handlersRegisteredAtRuntimeCanBeRemoved() {
        Webhooks webhooks = acme().build();
        List<CiEvent> seen = new CopyOnWriteArrayList<>();
        Consumer<PushEvent> handler = seen::add;

        Webhooks.Registration first = webhooks.on(PushEvent.class, handler);
        Webhooks.Registration second = webhooks.on(PushEvent.class, handler);
        webhooks.handle(signed("push", "d-1", push("refs/heads/main")));
        assertThat(seen).as("registered twice, called twice").hasSize(2);

        first.close();
        webhooks.handle(signed("push", "d-2", push("refs/heads/main")));
        assertThat(seen).hasSize(3);

        second.close();
        second.close();
        webhooks.handle(signed("push", "d-3", push("refs/heads/main")));
        assertThat(seen).hasSize(3);
    }

    @Test
    void runtimeRegistrationsByTypeAndForAnyWork() {
        Webhooks webhooks = acme().build();
        List<String> calls = new CopyOnWriteArrayList<>();

        Webhooks.Registration byType = webhooks.on(EventType.PUSH, e -> calls.add("push"));
        Webhooks.Registration any = webhooks.onAny(e -> calls.add("any"));
        webhooks.handle(signed("push", "d-1", push("refs/heads/main")));
        byType.close();
        any.close();
        webhooks.handle(signed("push", "d-2", push("refs/heads/main")));

        assertThat(calls).containsExactly("push", "any");
    }

    @Test
    void withAnExecutorTheDeliveryIsAcknowledgedBeforeHandlersRun() {
        List<Runnable> queued = new ArrayList<>();
        List<CiEvent> seen = new CopyOnWriteArrayList<>();
        Webhooks webhooks = acme().handlerExecutor(queued::add).onAny(seen::add).build();

        WebhookResult result = webhooks.handle(signed("push", "d-1", push("refs/heads/main")));

        assertThat(result.httpStatus()).isEqualTo(202);
        assertThat(seen).isEmpty();
        assertThat(queued).hasSize(1);
        queued.get(0).run();
        assertThat(seen).hasSize(1);
    }

    @Test
    void withAnExecutorHandlersRunOnItsThreadsAndFailuresStayContained() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "cikit-handler"));
        List<String> threads = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        try {
            Webhooks webhooks = acme().handlerExecutor(pool)
                    .onAny(e -> {
                        throw new IllegalStateException("boom");
                    })
                    .onAny(e -> {
                        threads.add(Thread.currentThread().getName());
                        done.countDown();
                    })
                    .build();

            assertThat(webhooks.handle(signed("push", "d-1", push("refs/heads/main"))).httpStatus()).isEqualTo(202);
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(threads).containsExactly("cikit-handler");
        assertThat(meters.get(DeliveryMetrics.HANDLER_ERRORS).counter().count()).isEqualTo(1.0);
    }

    @Test
    void whenTheExecutorRefusesHandlersRunOnTheCallersThread() {
        List<String> threads = new CopyOnWriteArrayList<>();
        Webhooks webhooks = acme()
                .handlerExecutor(r -> {
                    throw new RejectedExecutionException("saturated");
                })
                .onAny(e -> threads.add(Thread.currentThread().getName()))
                .build();

        assertThat(webhooks.handle(signed("push", "d-1", push("refs/heads/main"))).httpStatus()).isEqualTo(202);
        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void deliveriesAndHandlingTimeAreMetered() {
        Webhooks webhooks = acme().build();
        WebhookRequest request = signed("push", "d-1", push("refs/heads/main"));

        webhooks.handle(request);
        webhooks.handle(request);
        webhooks.handle(signed("not-the-secret", "push", "d-2", request.body()));
        webhooks.handle(WebhookRequest.of(Headers.of("X-Unknown", "1"), "{}"));
        webhooks.handle("github", request);

        assertThat(meters.get(DeliveryMetrics.DELIVERIES)
                .tags("provider", "acme", "outcome", "accepted", "code", "none", "status", "202").counter().count()).isEqualTo(1.0);
        assertThat(meters.get(DeliveryMetrics.DELIVERIES)
                .tags("provider", "acme", "outcome", "duplicate", "status", "200").counter().count()).isEqualTo(1.0);
        assertThat(meters.get(DeliveryMetrics.DELIVERIES)
                .tags("provider", "acme", "outcome", "rejected", "code", "invalid-signature", "status", "401").counter().count())
                .isEqualTo(1.0);
        assertThat(meters.get(DeliveryMetrics.DELIVERIES)
                .tags("provider", "unknown", "outcome", "rejected", "code", "unrecognised-request").counter().count())
                .as("undetected and unknown named providers share one tag").isEqualTo(2.0);
        assertThat(meters.get(DeliveryMetrics.HANDLE).tag("provider", "acme").timer().count()).isEqualTo(3);
        assertThat(meters.get(DeliveryMetrics.HANDLE).tag("provider", "unknown").timer().count()).isEqualTo(2);
    }

    @Test
    void namingAProviderWhoseParserIsMissingNamesTheArtifactToAdd() {
        Webhooks webhooks = acme().build();
        WebhookRequest request = signed("push", "d-1", push("refs/heads/main"));

        assertThat(message(webhooks.handle("github", request)))
                .startsWith("`github` webhook parser requested but io.cikit:ci-vcs-github is not on the classpath")
                .contains("acme");
        assertThat(message(webhooks.handle("GitLab", request))).contains("io.cikit:ci-vcs-gitlab");
        assertThat(message(webhooks.handle("jenkins", request))).contains("io.cikit:ci-build-jenkins");
        assertThat(message(webhooks.handle("bitbucket", request))).startsWith("`bitbucket` webhook parser requested but");
        assertThat(webhooks.handle("github", request).httpStatus()).isEqualTo(400);
    }

    @Test
    void aNamedProviderIsUsedAndAutoDetects() {
        Webhooks webhooks = acme().build();

        assertThat(webhooks.handle("ACME", signed("push", "d-1", push("refs/heads/main"))).httpStatus()).isEqualTo(202);
        assertThat(webhooks.handle("auto", signed("push", "d-2", push("refs/heads/main"))).httpStatus()).isEqualTo(202);
        assertThat(webhooks.handle(" ", signed("push", "d-3", push("refs/heads/main"))).httpStatus()).isEqualTo(202);
    }

    @Test
    void aRequestNoParserRecognisesIs400Unrecognised() {
        Webhooks webhooks = acme().build();

        WebhookResult result = webhooks.handle(WebhookRequest.of(Headers.of("X-GitHub-Event", "push"), "{}"));

        assertThat(result.httpStatus()).isEqualTo(400);
        assertThat(result.provider()).isEmpty();
        assertThat(((WebhookResult.Rejected) result).error()).isInstanceOf(UnrecognisedRequestException.class)
                .hasMessageContaining("acme");
    }

    @Test
    void buildPayloadParsersReachWebhookParsersThroughTheContext() {
        BuildPayloadParser acmeCi = new BuildPayloadParser() {
            @Override
            public String system() {
                return "acme-ci";
            }

            @Override
            public boolean supports(String eventName) {
                return eventName.equals("build");
            }

            @Override
            public Optional<BuildEvent> parse(EventContext context) {
                return Json.nonBlank(context.raw().json(), "id")
                        .map(id -> new BuildEvent(context, BuildInfo.builder(id, system()).build(), Optional.empty()));
            }
        };
        Webhooks without = acme().build();
        Webhooks with = acme().buildParser(acmeCi).build();

        assertThat(without.handle(signed("build", "d-1", "{\"id\":\"42\"}"))).isInstanceOf(WebhookResult.Ignored.class);
        WebhookResult result = with.handle(signed("build", "d-1", "{\"id\":\"42\"}"));
        assertThat(result).isInstanceOfSatisfying(WebhookResult.Accepted.class,
                a -> assertThat(((BuildEvent) a.event()).build().buildId()).isEqualTo("42"));
    }

    @Test
    void parsersAreDiscoveredThroughServiceLoaderUnlessTurnedOff(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services/" + WebhookParser.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, AcmeWebhookParser.class.getName() + "\n");
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            thread.setContextClassLoader(loader);
            Webhooks discovered = Webhooks.builder().secret("acme", Secret.of(AcmeWebhookParser.SECRET)).meterRegistry(meters).build();
            Webhooks explicitOnly = Webhooks.builder().discoverParsers(false).meterRegistry(meters).build();

            assertThat(discovered.providers()).containsExactly(Provider.of("acme"));
            assertThat(discovered.handle(signed("push", "d-1", push("refs/heads/main"))).httpStatus()).isEqualTo(202);
            assertThat(explicitOnly.providers()).isEmpty();
            assertThat(explicitOnly.handle(signed("push", "d-1", push("refs/heads/main"))).httpStatus()).isEqualTo(400);
        } finally {
            thread.setContextClassLoader(original);
        }
    }

    @Test
    void explicitParsersComeFirstInDetection() {
        Webhooks webhooks = acme().parser(new AcmeWebhookParser("second")).build();

        assertThat(webhooks.providers()).containsExactly(Provider.of("acme"), Provider.of("second"));
        assertThat(webhooks.handle(signed("push", "d-1", push("refs/heads/main"))).provider()).contains(Provider.of("acme"));
    }

    @Test
    void builderRefusesNonsense() {
        assertThatThrownBy(() -> Webhooks.builder().maxPayloadBytes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Webhooks.builder().secret("acme")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Webhooks.builder().secret(" ", Secret.of("x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDefaultDeliveryLogUsesTheConfiguredClock() {
        Webhooks webhooks = acme().build();
        WebhookRequest request = signed("push", "d-1", push("refs/heads/main"));
        webhooks.handle(request);

        clock.advance(Duration.ofHours(23));
        assertThat(webhooks.handle(request)).isInstanceOf(WebhookResult.Duplicate.class);
        clock.advance(Duration.ofHours(1));
        assertThat(webhooks.handle(request)).isInstanceOf(WebhookResult.Accepted.class);
    }

    private static String message(WebhookResult result) {
        assertThat(result).isInstanceOf(WebhookResult.Rejected.class);
        WebhookException error = ((WebhookResult.Rejected) result).error();
        assertThat(error).isInstanceOf(UnrecognisedRequestException.class);
        return error.getMessage();
    }
}
