package io.cikit.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.json.Json;
import io.cikit.core.testing.ManualClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BoardsAndJobsTest {

    static com.fasterxml.jackson.databind.JsonNode json(String text) {
        return Json.read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void boardIdsThatCouldEscapeADirectoryAreRefused() {
        for (String bad : List.of("", "../etc", "a/b", "has space", ".hidden", "x".repeat(129))) {
            assertThatThrownBy(() -> Board.builder(bad, "t").build()).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Board.builder("rpi4-01.lab_2", "rpi4").build().id()).isEqualTo("rpi4-01.lab_2");
    }

    @Test
    void architecturesAreNormalised() {
        assertThat(List.of("aarch64", "ARM64", "amd64", "x86-64", "armhf", "armv7l", "riscv", "i686", "mips64"))
                .map(Board::normaliseArch)
                .containsExactly("arm64", "arm64", "x86_64", "x86_64", "arm", "arm", "riscv64", "i386", "mips64");
        assertThat(Board.builder("b", "t").arch("aarch64").build().arch()).isEqualTo("arm64");
    }

    @Test
    void selectorsMatchTypeArchTagsAndAttributes() {
        Board rpi = Board.builder("rpi-1", "rpi4").arch("arm64").tag("usb").tag("camera")
                .attribute("ram_gb", "4").attribute("soc", "bcm2711").build();

        assertThat(BoardSelector.any().matches(rpi)).isTrue();
        assertThat(BoardSelector.builder().type("RPI4").arch("aarch64").tag("usb").build().matches(rpi)).isTrue();
        assertThat(BoardSelector.builder().tag("usb").tag("hdmi").build().matches(rpi)).as("job tags ⊆ board tags").isFalse();
        assertThat(BoardSelector.builder().arch("x86_64").build().matches(rpi)).isFalse();
        assertThat(BoardSelector.board("rpi-1").matches(rpi)).isTrue();
        assertThat(BoardSelector.board("rpi-2").matches(rpi)).isFalse();
        assertThat(BoardSelector.builder().attribute("ram_gb", AttributeMatcher.Range.atLeast(4)).build().matches(rpi)).isTrue();
        assertThat(BoardSelector.builder().attribute("ram_gb", AttributeMatcher.Range.atLeast(8)).build().matches(rpi)).isFalse();
        assertThat(BoardSelector.builder().attribute("soc", new AttributeMatcher.Range(OptionalDouble.of(1), OptionalDouble.empty()))
                .build().matches(rpi)).as("not a number").isFalse();
        assertThat(BoardSelector.builder().attribute("soc", new AttributeMatcher.Matches("bcm27\\d+")).build().matches(rpi)).isTrue();
        assertThat(BoardSelector.builder().attribute("soc", new AttributeMatcher.OneOf(Set.of("bcm2712", "bcm2711")))
                .build().matches(rpi)).isTrue();
        assertThat(BoardSelector.builder().attribute("gpu", new AttributeMatcher.Present()).build().matches(rpi)).isFalse();
        assertThat(BoardSelector.builder().attribute("soc", "bcm2712").build().matches(rpi)).isFalse();
    }

    @Test
    void hostileRegexesAreRefused() {
        assertThatThrownBy(() -> new AttributeMatcher.Matches("(")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AttributeMatcher.Matches("a".repeat(300))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jobBoundsAreChecked() {
        TestJob.Builder b = TestJob.builder(URI.create("file:///k")).id("j");
        assertThatThrownBy(() -> b.priority(101).build()).hasMessageContaining("priority 101");
        assertThatThrownBy(() -> b.priority(50).maxAttempts(0).build()).hasMessageContaining("maxAttempts 0");
        assertThatThrownBy(() -> b.maxAttempts(1).timeout(Duration.ZERO).build()).hasMessageContaining("timeout");
        assertThatThrownBy(() -> b.timeout(Duration.ofDays(8)).build()).hasMessageContaining("timeout");
        assertThatThrownBy(() -> TestJob.builder(URI.create("file:///k")).id("../up").build())
                .isInstanceOf(IllegalArgumentException.class);
        TestJob ok = TestJob.builder(URI.create("file:///k")).build();
        assertThat(ok.id()).startsWith("job-");
        assertThat(ok.name()).isEqualTo(ok.id());
        assertThat(ok.priority()).isEqualTo(50);
        assertThat(ok.maxAttempts()).isEqualTo(3);
        assertThat(ok.timeout()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void artifactTextIsAUriWithASchemeElseAPathResolvedAgainstTheBase() {
        Path base = Path.of("/lab/jobs");
        assertThat(TestJob.artifact("https://builds.example.org/1/Image.gz", base))
                .isEqualTo(URI.create("https://builds.example.org/1/Image.gz"));
        assertThat(TestJob.artifact("out/bzImage", base)).isEqualTo(Path.of("/lab/jobs/out/bzImage").toUri());
        assertThat(TestJob.artifact("/abs/zImage", base)).isEqualTo(Path.of("/abs/zImage").toUri());
        assertThat(TestJob.artifact("file:///abs/Image", base)).isEqualTo(URI.create("file:///abs/Image"));
        assertThat(TestJob.localFile(URI.create("file:///abs/Image"))).contains(Path.of("/abs/Image"));
        assertThat(TestJob.localFile(URI.create("https://x/Image"))).isEmpty();
        assertThatThrownBy(() -> TestJob.artifact(" ", base)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aJobReadsFromJsonWithEveryField() {
        TestJob j = TestJob.fromJson(json("""
                {"id": "kunit-arm64", "name": "KUnit on arm64",
                 "selector": {"type": "qemu-arm64", "arch": "aarch64", "tags": ["kvm"],
                              "attributes": {"ram_gb": {"min": 2}, "soc": ["a", "b"], "rev": {"regex": "r[0-9]"},
                                             "gpu": {"present": true}, "lab": "cam"}},
                 "kernelImage": "Image.gz", "dtb": "virt.dtb", "modules": "modules.tar.xz",
                 "rootfs": "https://x/rootfs.cpio.gz", "bspPackage": "/bsp/pkg.tar",
                 "suites": ["kunit"], "commands": ["uname -a"], "timeout": "10m", "priority": 80,
                 "maxAttempts": 2, "parameters": {"kernel.cmdline": "kunit.filter_glob=example*", "loops": 3},
                 "origin": {"repository": "torvalds/linux", "commit": "abc", "buildId": "b1"},
                 "unknownField": "ignored"}
                """), Path.of("/lab"));

        assertThat(j.id()).isEqualTo("kunit-arm64");
        assertThat(j.kernelImage()).isEqualTo(Path.of("/lab/Image.gz").toUri());
        assertThat(j.rootfs()).contains(URI.create("https://x/rootfs.cpio.gz"));
        assertThat(j.selector().arch()).contains("arm64");
        assertThat(j.selector().attributes()).hasSize(5)
                .containsEntry("lab", new AttributeMatcher.Equals("cam"))
                .containsEntry("gpu", new AttributeMatcher.Present());
        assertThat(j.timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(j.parameters()).containsEntry("loops", "3");
        assertThat(j.origin()).contains(JobOrigin.of("torvalds/linux", "abc", "b1"));
        assertThat(TestJob.fromJson(j.toJson(), Path.of("/elsewhere"))).isEqualTo(j);
    }

    @Test
    void badJobJsonNamesTheField() {
        assertThatThrownBy(() -> TestJob.fromJson(json("{\"id\": \"j\"}"), Path.of("/")))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("kernelImage is required");
        assertThatThrownBy(() -> TestJob.fromJson(json("{\"kernelImage\": \"k\", \"priority\": \"high\"}"), Path.of("/")))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("priority: not an integer");
        assertThatThrownBy(() -> TestJob.fromJson(json("{\"kernelImage\": \"k\", \"timeout\": \"soon\"}"), Path.of("/")))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> TestJob.fromJson(json("{\"kernelImage\": \"k\", \"priority\": 500}"), Path.of("/")))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("priority 500");
        assertThatThrownBy(() -> TestJob.fromJson(json("{\"kernelImage\": \"k\", \"selector\": {\"attributes\": {\"x\": {}}}}"),
                Path.of("/"))).isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("attributes.x");
        assertThatThrownBy(() -> TestJob.fromJson(json("[1]"), Path.of("/"))).isInstanceOf(InvalidDefinitionException.class);
    }

    @Test
    void aBoardReadsFromJsonAndAnUnknownHealthIsUnknown() {
        Board b = Board.fromJson(json("""
                {"id": "rpi-1", "type": "rpi4", "arch": "aarch64", "runner": "local", "health": "sparkling",
                 "tags": ["usb"], "attributes": {"ram_gb": 4, "local.command": "scripts/rpi.sh {BOARD}"}}
                """));

        assertThat(b).isEqualTo(Board.builder("rpi-1", "rpi4").arch("arm64").tag("usb").attribute("ram_gb", "4")
                .attribute("local.command", "scripts/rpi.sh {BOARD}").build());
        assertThat(Board.fromJson(b.toJson())).isEqualTo(b);
        assertThatThrownBy(() -> Board.fromJson(json("{\"type\": \"x\"}"))).hasMessageContaining("id is required");
    }

    @Test
    void thePoolTellsListenersAboutEveryChange() {
        BoardPool pool = new BoardPool();
        List<String> seen = new CopyOnWriteArrayList<>();
        pool.addListener(e -> {
            throw new IllegalStateException("a broken listener");
        });
        pool.addListener(e -> seen.add(e.kind() + " " + e.board().id() + " " + e.board().health() + " " + e.reason()));

        pool.add(Board.builder("b1", "t").build());
        pool.maintenance("b1", "new SD card");
        pool.maintenance("b1", "again");
        pool.online("b1");
        pool.offline("b1", "unplugged");
        pool.remove("b1");

        assertThat(seen).containsExactly("ADDED b1 UNKNOWN added", "CHANGED b1 MAINTENANCE new SD card",
                "CHANGED b1 UNKNOWN back online", "CHANGED b1 OFFLINE unplugged", "REMOVED b1 OFFLINE removed");
        assertThat(pool.size()).isZero();
        assertThat(pool.remove("b1")).isEmpty();
        assertThatThrownBy(() -> pool.online("b1")).isInstanceOf(IllegalArgumentException.class);
        pool.add(Board.builder("b2", "t").build());
        assertThatThrownBy(() -> pool.add(Board.builder("b2", "other").build())).hasMessageContaining("already");
        assertThat(pool.matching(BoardSelector.builder().type("t").build())).extracting(Board::id).containsExactly("b2");
    }

    @Test
    void aLeaseExpiresUnlessRenewedAndStaysGoneOnceReleased() {
        ManualClock clock = new ManualClock();
        Lease lease = new Lease("b", "j", 1, Duration.ofSeconds(60), clock);

        clock.advance(Duration.ofSeconds(50));
        assertThat(lease.renew()).isTrue();
        clock.advance(Duration.ofSeconds(59));
        assertThat(lease.isValid()).isTrue();
        assertThat(lease.expiredAt(clock.millis())).isFalse();
        clock.advance(Duration.ofSeconds(2));
        assertThat(lease.isValid()).isFalse();
        assertThat(lease.renew()).as("too late: reclaimed").isFalse();

        Lease other = new Lease("b", "j", 2, Duration.ofSeconds(60), clock);
        other.release();
        assertThat(other.renew()).isFalse();
        assertThat(other.expiredAt(clock.millis() + 120_000)).as("a released lease is not reclaimed again").isFalse();
        assertThat(other.token()).isNotEqualTo(lease.token());
        assertThatThrownBy(() -> new Lease("b", "j", 1, Duration.ZERO, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exitCodesFollowTheDocumentedConvention() {
        assertThat(ExitCodes.DEFAULT.classify(0)).isEqualTo(RunOutcome.COMPLETE);
        assertThat(ExitCodes.DEFAULT.classify(1)).isEqualTo(RunOutcome.TEST_FAILURES);
        assertThat(List.of(2, 3, 125, 127, 137, 255)).allSatisfy(c ->
                assertThat(ExitCodes.DEFAULT.classify(c)).isEqualTo(RunOutcome.INFRA_ERROR));
    }

    @Test
    void selectorJsonRoundTrips() {
        BoardSelector s = BoardSelector.builder().board("b").type("t").arch("arm64").tag("usb")
                .attribute("a", new AttributeMatcher.Range(OptionalDouble.empty(), OptionalDouble.of(3)))
                .attribute("b", new AttributeMatcher.Matches("x+")).build();
        assertThat(BoardSelector.fromJson(s.toJson())).isEqualTo(s);
        assertThat(BoardSelector.fromJson(json("{}"))).isEqualTo(BoardSelector.any());
        assertThat(s.boardId()).isEqualTo(Optional.of("b"));
    }
}
