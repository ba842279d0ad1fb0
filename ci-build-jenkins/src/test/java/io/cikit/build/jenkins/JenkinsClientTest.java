package io.cikit.build.jenkins;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.cikit.core.DeliveryException;
import io.cikit.core.artifact.ArtifactFetcher;
import io.cikit.core.artifact.ArtifactKind;
import io.cikit.core.artifact.FetchedArtifact;
import io.cikit.core.build.BuildArtifact;
import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildTrigger;
import io.cikit.core.build.TriggeredBuild;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.config.Secret;
import io.cikit.core.http.Download;
import io.cikit.core.http.HttpStatusException;
import io.cikit.core.http.HttpTransport;
import io.cikit.core.http.ReplyTooLargeException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Jenkins REST client against a stand-in Jenkins: trigger, crumbs, queue, artifacts, downloads. */
class JenkinsClientTest {
    private static final Secret API_TOKEN = Secret.of("11aa22bb33cc44dd55ee66ff77889900aa");
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString(("ci-bot:" + API_TOKEN.reveal()).getBytes(StandardCharsets.UTF_8));
    private static final String QUEUE_API = "/jenkins/queue/item/17/api/json";

    private static WireMockServer jenkins;
    private static HttpTransport http;

    @BeforeAll
    static void start() {
        jenkins = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        jenkins.start();
        http = HttpTransport.builder().meterRegistry(new SimpleMeterRegistry()).build();
    }

    @AfterAll
    static void stop() {
        jenkins.stop();
    }

    @BeforeEach
    void reset() {
        jenkins.resetAll();
    }

    private static URI base() {
        return URI.create("http://localhost:" + jenkins.port() + "/jenkins");
    }

    private static JenkinsClient client() {
        return client(JenkinsClient.CrumbPolicy.AUTO);
    }

    private static JenkinsClient client(JenkinsClient.CrumbPolicy crumbs) {
        return JenkinsClient.builder(base()).credentials("ci-bot", API_TOKEN).transport(http).crumbPolicy(crumbs)
                .queuePollInterval(Duration.ofMillis(10)).queueTimeout(Duration.ofSeconds(5))
                .maxArtifactBytes(1024).build();
    }

    private static ResponseDefinitionBuilder queued() {
        return status(201).withHeader("Location", "http://localhost:" + jenkins.port() + "/jenkins/queue/item/17/");
    }

    /** The queue item answers these replies in turn; the last one repeats. */
    private static void queueSequence(ResponseDefinitionBuilder... replies) {
        for (int i = 0; i < replies.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "poll " + i;
            var mapping = get(urlEqualTo(QUEUE_API)).inScenario("queue").whenScenarioStateIs(state).willReturn(replies[i]);
            if (i < replies.length - 1) {
                mapping = mapping.willSetStateTo("poll " + (i + 1));
            }
            jenkins.stubFor(mapping);
        }
    }

    @Test
    void triggersWithParametersAndFollowsTheQueueItemToTheBuildNumber() {
        jenkins.stubFor(post(urlPathEqualTo("/jenkins/job/kernel/job/linux-next/buildWithParameters")).willReturn(queued()));
        queueSequence(okJson("{\"why\":\"Waiting for next available executor\",\"cancelled\":false}"),
                okJson("{\"why\":\"Waiting for next available executor\"}"),
                okJson("{\"executable\":{\"number\":42,\"url\":\"http://localhost:" + jenkins.port()
                        + "/jenkins/job/kernel/job/linux-next/42/\"}}"));
        JenkinsClient client = client();

        QueuedBuild queued = client.enqueue("kernel/linux-next", Map.of("ARCH", "arm64"));
        JenkinsBuild build = client.awaitStart(queued);

        assertThat(queued.queueId()).isEqualTo(17);
        assertThat(build.number()).isEqualTo(42);
        assertThat(build.buildId()).isEqualTo("kernel/linux-next#42");
        assertThat(build.url()).isEqualTo(URI.create(base() + "/job/kernel/job/linux-next/42/"));
        jenkins.verify(postRequestedFor(urlPathEqualTo("/jenkins/job/kernel/job/linux-next/buildWithParameters"))
                .withHeader("Authorization", equalTo(BASIC))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded; charset=UTF-8"))
                .withRequestBody(equalTo("ARCH=arm64"))
                .withHeader("Jenkins-Crumb", absent()));
        jenkins.verify(3, getRequestedFor(urlEqualTo(QUEUE_API)).withHeader("Authorization", equalTo(BASIC)));
        jenkins.verify(0, getRequestedFor(urlPathEqualTo("/jenkins/crumbIssuer/api/json")));
    }

    @Test
    void aJobWithoutParametersIsTriggeredThroughBuild() {
        jenkins.stubFor(post(urlPathEqualTo("/jenkins/job/smoke/build")).willReturn(queued()));

        QueuedBuild queued = client().enqueue("smoke", Map.of());

        assertThat(queued.job()).isEqualTo("smoke");
        jenkins.verify(postRequestedFor(urlPathEqualTo("/jenkins/job/smoke/build")));
    }

    @Test
    void aCrumbIsFetchedWhenJenkinsAsksForOneAndKeptForTheNextTrigger() {
        String path = "/jenkins/job/kernel/buildWithParameters";
        jenkins.stubFor(post(urlPathEqualTo(path)).withHeader("Jenkins-Crumb", absent()).willReturn(status(403)
                .withBody("<html><body>Error 403 No valid crumb was included in the request</body></html>")));
        jenkins.stubFor(post(urlPathEqualTo(path)).withHeader("Jenkins-Crumb", equalTo("c0ffee"))
                .withHeader("Cookie", equalTo("JSESSIONID.abc=node01xyz")).willReturn(queued()));
        jenkins.stubFor(get(urlPathEqualTo("/jenkins/crumbIssuer/api/json")).willReturn(okJson(
                "{\"_class\":\"hudson.security.csrf.DefaultCrumbIssuer\",\"crumb\":\"c0ffee\",\"crumbRequestField\":\"Jenkins-Crumb\"}")
                .withHeader("Set-Cookie", "JSESSIONID.abc=node01xyz; Path=/; HttpOnly")));
        JenkinsClient client = client();

        QueuedBuild first = client.enqueue("kernel", Map.of("A", "1"));
        QueuedBuild second = client.enqueue("kernel", Map.of("A", "2"));

        assertThat(first.queueId()).isEqualTo(17);
        assertThat(second.queueId()).isEqualTo(17);
        jenkins.verify(1, getRequestedFor(urlPathEqualTo("/jenkins/crumbIssuer/api/json"))
                .withHeader("Authorization", equalTo(BASIC)));
        jenkins.verify(1, postRequestedFor(urlPathEqualTo(path)).withHeader("Jenkins-Crumb", absent()));
        jenkins.verify(2, postRequestedFor(urlPathEqualTo(path)).withHeader("Jenkins-Crumb", equalTo("c0ffee")));
    }

    @Test
    void theAlwaysPolicyFetchesACrumbBeforeTheFirstPost() {
        jenkins.stubFor(post(urlPathEqualTo("/jenkins/job/kernel/build")).willReturn(queued()));
        jenkins.stubFor(get(urlPathEqualTo("/jenkins/crumbIssuer/api/json"))
                .willReturn(okJson("{\"crumb\":\"abc\",\"crumbRequestField\":\".crumb\"}")));

        client(JenkinsClient.CrumbPolicy.ALWAYS).enqueue("kernel", Map.of());

        jenkins.verify(1, postRequestedFor(urlPathEqualTo("/jenkins/job/kernel/build")).withHeader(".crumb", equalTo("abc")));
    }

    @Test
    void aForbiddenTriggerThatIsNotAboutCrumbsFailsWithoutFetchingOne() {
        jenkins.stubFor(post(urlPathEqualTo("/jenkins/job/kernel/build"))
                .willReturn(status(403).withBody("ci-bot is missing the Job/Build permission")));

        assertThatThrownBy(() -> client().enqueue("kernel", Map.of()))
                .isInstanceOfSatisfying(HttpStatusException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).doesNotContain(API_TOKEN.reveal());
                });
        jenkins.verify(0, getRequestedFor(urlPathEqualTo("/jenkins/crumbIssuer/api/json")));
    }

    @Test
    void anAcceptedTriggerWithoutAQueueLocationIsReported() {
        jenkins.stubFor(post(urlPathEqualTo("/jenkins/job/kernel/build")).willReturn(status(201)));

        assertThatThrownBy(() -> client().enqueue("kernel", Map.of())).isInstanceOf(DeliveryException.class)
                .hasMessageContaining("no queue item Location");
    }

    @Test
    void aCancelledQueueItemIsReportedClearly() {
        jenkins.stubFor(post(urlPathEqualTo("/jenkins/job/kernel/build")).willReturn(queued()));
        queueSequence(okJson("{\"why\":\"Build #41 is already in progress\"}"),
                okJson("{\"_class\":\"hudson.model.Queue$LeftItem\",\"cancelled\":true,\"executable\":null,\"why\":null}"));
        JenkinsClient client = client();
        QueuedBuild queued = client.enqueue("kernel", Map.of());

        assertThatThrownBy(() -> client.awaitStart(queued))
                .isInstanceOfSatisfying(BuildNotStartedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(BuildNotStartedException.Reason.CANCELLED);
                    assertThat(e.why()).as("a left item has no why").isEmpty();
                    assertThat(e.queueItem()).isEqualTo(URI.create(base() + "/queue/item/17/"));
                    assertThat(e.getMessage()).contains("cancelled");
                });
    }

    @Test
    void pollingOnceTellsWhetherTheBuildStartedWithoutWaiting() {
        queueSequence(okJson("{\"why\":\"Waiting for next available executor\"}"),
                okJson("{\"executable\":{\"number\":9}}"));
        JenkinsClient client = client();
        QueuedBuild queued = new QueuedBuild("kernel", 17, URI.create(base() + "/queue/item/17/"));

        assertThat(client.poll(queued)).isEmpty();
        assertThat(client.poll(queued)).hasValueSatisfying(b -> {
            assertThat(b.number()).isEqualTo(9);
            assertThat(b.url()).as("from job and number when Jenkins gives no URL").isEqualTo(URI.create(base() + "/job/kernel/9/"));
        });
        jenkins.verify(2, getRequestedFor(urlEqualTo(QUEUE_API)));
    }

    @Test
    void aQueueItemThatNeverStartsTimesOut() {
        queueSequence(okJson("{\"why\":\"Waiting for next available executor on arm64\"}"));

        assertThatThrownBy(() -> client().awaitStart(new QueuedBuild("kernel", 17, URI.create(base() + "/queue/item/17/")),
                Duration.ofMillis(150)))
                .isInstanceOfSatisfying(BuildNotStartedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(BuildNotStartedException.Reason.TIMED_OUT);
                    assertThat(e.getMessage()).contains("Waiting for next available executor on arm64");
                });
        assertThat(jenkins.findAll(getRequestedFor(urlEqualTo(QUEUE_API))).size()).as("bounded polling").isBetween(1, 15);
    }

    @Test
    void aForgottenQueueItemIsGone() {
        queueSequence(status(404));

        assertThatThrownBy(() -> client().awaitStart(new QueuedBuild("kernel", 17, URI.create(base() + "/queue/item/17/"))))
                .isInstanceOfSatisfying(BuildNotStartedException.class,
                        e -> assertThat(e.reason()).isEqualTo(BuildNotStartedException.Reason.GONE));
    }

    @Test
    void urlsJenkinsAnnouncesUnderAnotherRootAreRebasedOntoTheConfiguredOne() {
        jenkins.stubFor(post(urlPathEqualTo("/jenkins/job/kernel/build")).willReturn(status(201)
                .withHeader("Location", "https://jenkins.internal.example/queue/item/17/")));
        queueSequence(okJson("{\"executable\":{\"number\":7,\"url\":\"https://jenkins.internal.example/job/kernel/7/\"}}"));
        JenkinsClient client = client();

        JenkinsBuild build = client.awaitStart(client.enqueue("kernel", Map.of()));

        assertThat(build.url()).isEqualTo(URI.create(base() + "/job/kernel/7/"));
    }

    @Test
    void listsArtifactsWithDownloadUrlsAndSkipsUnsafePaths() {
        jenkins.stubFor(get(urlEqualTo("/jenkins/job/kernel/42/api/json?tree=artifacts%5BfileName%2CrelativePath%5D"))
                .willReturn(okJson("""
                        {"_class":"hudson.model.FreeStyleBuild","artifacts":[
                          {"fileName":"Image.gz","relativePath":"arch/arm64/boot/Image.gz"},
                          {"fileName":"my config","relativePath":"out/my config"},
                          {"fileName":"passwd","relativePath":"../../../etc/passwd"},
                          {"fileName":"nothing"}]}
                        """)));

        var artifacts = client().artifacts("kernel", 42);

        assertThat(artifacts).extracting(BuildArtifact::name).containsExactly("Image.gz", "my config");
        assertThat(artifacts.get(0).url()).contains(URI.create(base() + "/job/kernel/42/artifact/arch/arm64/boot/Image.gz"));
        assertThat(artifacts.get(1).url()).contains(URI.create(base() + "/job/kernel/42/artifact/out/my%20config"));
    }

    @Test
    void downloadsAnArtifactWithItsHashUnderTheSizeCap(@TempDir Path dir) throws Exception {
        byte[] image = new byte[1000];
        for (int i = 0; i < image.length; i++) {
            image[i] = (byte) i;
        }
        jenkins.stubFor(get(urlPathEqualTo("/jenkins/job/kernel/42/artifact/Image"))
                .willReturn(aResponse().withStatus(200).withBody(image)));
        BuildArtifact artifact = new BuildArtifact("Image", "Image",
                java.util.Optional.of(URI.create(base() + "/job/kernel/42/artifact/Image")), java.util.OptionalLong.empty(),
                ArtifactKind.UNKNOWN);

        Download download = client().download(artifact, dir.resolve("Image"));

        assertThat(Files.readAllBytes(download.path())).isEqualTo(image);
        assertThat(download.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image)));
        jenkins.verify(getRequestedFor(urlPathEqualTo("/jenkins/job/kernel/42/artifact/Image"))
                .withHeader("Authorization", equalTo(BASIC)));
    }

    @Test
    void anArtifactOverTheCapIsRefusedAndLeavesNoFile(@TempDir Path dir) throws Exception {
        jenkins.stubFor(get(urlPathEqualTo("/jenkins/job/kernel/42/artifact/big.img"))
                .willReturn(aResponse().withStatus(200).withBody(new byte[4096])));
        JenkinsClient client = client();

        assertThatThrownBy(() -> client.download(URI.create(base() + "/job/kernel/42/artifact/big.img"),
                dir.resolve("big.img"), 1024)).isInstanceOf(ReplyTooLargeException.class);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void credentialsAreNeverSentToAnotherOrigin(@TempDir Path dir) {
        URI elsewhere = URI.create("http://127.0.0.1:" + jenkins.port() + "/jenkins/job/kernel/42/artifact/Image");

        assertThatThrownBy(() -> client().download(elsewhere, dir.resolve("Image"), 1024))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("refusing");
                });
        assertThat(jenkins.getAllServeEvents()).isEmpty();
    }

    @Test
    void asABuildTriggerItQueuesAndThenNamesTheBuild() {
        jenkins.stubFor(post(urlPathEqualTo("/jenkins/job/kernel/buildWithParameters")).willReturn(queued()));
        queueSequence(okJson("{\"why\":\"Waiting for next available executor\"}"),
                okJson("{\"executable\":{\"number\":42}}"));
        BuildTrigger trigger = client();

        TriggeredBuild triggered = trigger.trigger("kernel", Map.of("ARCH", "arm64"));

        assertThat(trigger.system()).isEqualTo("jenkins");
        assertThat(triggered.system()).isEqualTo("jenkins");
        assertThat(triggered.job()).isEqualTo("kernel");
        assertThat(triggered.queueId()).isEqualTo("17");
        assertThat(triggered.queueUrl()).contains(URI.create("http://localhost:" + jenkins.port() + "/jenkins/queue/item/17/"));
        assertThat(triggered.parameters()).containsEntry("ARCH", "arm64");
        assertThat(trigger.buildId(triggered)).as("still queued").isEmpty();
        assertThat(trigger.buildId(triggered)).contains("kernel#42");
    }

    @Test
    void aRequestFromAnotherSystemIsNotAJenkinsQueueItem() {
        TriggeredBuild foreign = new TriggeredBuild("actions", "o/r/build.yml", "999", java.util.Optional.empty(), Map.of(),
                java.time.Instant.now());
        TriggeredBuild garbled = new TriggeredBuild("jenkins", "kernel", "not-a-number", java.util.Optional.empty(), Map.of(),
                java.time.Instant.now());

        assertThatThrownBy(() -> client().buildId(foreign)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client().buildId(garbled)).isInstanceOf(IllegalArgumentException.class);
        assertThat(jenkins.getAllServeEvents()).isEmpty();
    }

    @Test
    void asAnArtifactFetcherItListsAndFetchesTheArtifactsOfAParsedBuild(@TempDir Path dir) throws Exception {
        BuildInfo build = new JenkinsPayloadParser().parseBody(Fixtures.bytes(Fixtures.FINALIZED)).build();
        jenkins.stubFor(get(urlEqualTo("/jenkins/job/linux-next-arm64/1234/api/json?tree=artifacts%5BfileName%2CrelativePath%5D"))
                .willReturn(okJson("{\"artifacts\":[{\"fileName\":\"Image\",\"relativePath\":\"arch/arm64/boot/Image\"},"
                        + "{\"fileName\":\"bcm2711-rpi-4-b.dtb\",\"relativePath\":\"dtbs/broadcom/bcm2711-rpi-4-b.dtb\"}]}")));
        byte[] image = "ARM\u0064 image bytes".getBytes(StandardCharsets.UTF_8);
        jenkins.stubFor(get(urlPathEqualTo("/jenkins/job/linux-next-arm64/1234/artifact/arch/arm64/boot/Image"))
                .willReturn(aResponse().withStatus(200).withBody(image)));
        ArtifactFetcher fetcher = client();

        List<BuildArtifact> listed = fetcher.list(build);
        FetchedArtifact fetched = fetcher.fetch(build, listed.get(0), dir.resolve("Image"), 1024);

        assertThat(fetcher.system()).isEqualTo("jenkins");
        assertThat(listed).extracting(BuildArtifact::kind).containsExactly(ArtifactKind.KERNEL_IMAGE, ArtifactKind.DTB);
        assertThat(fetched.artifact()).isEqualTo(listed.get(0));
        assertThat(fetched.path()).hasBinaryContent(image);
        assertThat(fetched.sizeBytes()).isEqualTo(image.length);
        assertThat(fetched.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image)));
        jenkins.verify(getRequestedFor(urlPathEqualTo("/jenkins/job/linux-next-arm64/1234/artifact/arch/arm64/boot/Image"))
                .withHeader("Authorization", equalTo(BASIC)));
    }

    @Test
    void anArtifactWithoutAUrlIsFetchedFromItsPathUnderTheBuild(@TempDir Path dir) {
        BuildInfo build = BuildInfo.builder("kernel#7", "jenkins").job("kernel").number(7).build();
        jenkins.stubFor(get(urlPathEqualTo("/jenkins/job/kernel/7/artifact/out/.config"))
                .willReturn(aResponse().withStatus(200).withBody("CONFIG_ARM64=y\n")));

        FetchedArtifact fetched = client().fetch(build, BuildArtifact.of("out/.config"), dir.resolve("config"), 1024);

        assertThat(fetched.path()).hasContent("CONFIG_ARM64=y");
    }

    @Test
    void fetchingOverTheCapFailsAndLeavesNoFile(@TempDir Path dir) throws Exception {
        BuildInfo build = BuildInfo.builder("kernel#7", "jenkins").job("kernel").number(7).build();
        jenkins.stubFor(get(urlPathEqualTo("/jenkins/job/kernel/7/artifact/rootfs.ext4"))
                .willReturn(aResponse().withStatus(200).withBody(new byte[2048])));

        assertThatThrownBy(() -> client().fetch(build, BuildArtifact.of("rootfs.ext4"), dir.resolve("rootfs.ext4"), 1024))
                .isInstanceOf(ReplyTooLargeException.class);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void buildsOfAnotherSystemOrWithoutIdentityAreRefused() {
        BuildInfo actions = BuildInfo.builder("o/r/actions/runs/1/attempts/1", "actions").build();
        BuildInfo anonymous = BuildInfo.builder("x", "jenkins").url("https://elsewhere.example/job/x/1/").build();

        assertThatThrownBy(() -> client().list(actions)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("actions");
        assertThatThrownBy(() -> client().list(anonymous)).isInstanceOf(IllegalArgumentException.class);
        assertThat(jenkins.getAllServeEvents()).isEmpty();
    }

    @Test
    void configurationNeedsTheUrlAndUserAndTokenTogether() {
        assertThatThrownBy(() -> JenkinsClient.from(ProviderConfig.empty(), http))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("url");
        assertThatThrownBy(() -> JenkinsClient.from(ProviderConfig.of(Map.of("url", base().toString(), "user", "x")::get), http))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("api-token");

        JenkinsClient configured = JenkinsClient.from(ProviderConfig.of(Map.of("url", base().toString(), "user", "ci-bot",
                "api-token", API_TOKEN.reveal(), "crumb", "always", "queue-timeout", "2m")::get), http);

        assertThat(configured.baseUrl()).isEqualTo(URI.create(base() + "/"));
    }
}
