package io.cikit.core.result;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JUnitXmlParserTest {
    private final ResultParser junit = ResultParser.junit();

    @Test
    void multipleSuitesGiveStatusesPathsDurationsPropertiesAndMessages() {
        TestResults r = junit.parse(Fixtures.text("junit/multi-suite.xml"));

        assertThat(r.format()).isEqualTo(ResultFormat.JUNIT);
        assertThat(r.results()).extracting(TestResult::path, TestResult::status).containsExactly(
                tuple("io.cikit.lab.BootTest.reachesLoginPrompt", TestStatus.PASS),
                tuple("io.cikit.lab.BootTest.dmesgClean", TestStatus.FAIL),
                tuple("io.cikit.lab.BootTest.bootTime", TestStatus.PASS),
                tuple("pytest.tests.test_gpio.test_toggle", TestStatus.PASS),
                tuple("pytest.tests.test_gpio.test_irq", TestStatus.ERROR),
                tuple("pytest.tests.test_i2c.test_probe", TestStatus.SKIP),
                tuple("pytest.tests.test_i2c.test_flaky_read", TestStatus.PASS));
        TestResult failed = Fixtures.find(r, "io.cikit.lab.BootTest.dmesgClean");
        assertThat(failed.message().orElseThrow()).startsWith("2 warnings in dmesg\nWARNING: CPU: 0 PID: 1")
                .doesNotContain("console output");
        assertThat(failed.duration()).contains(Duration.ofSeconds(1));
        assertThat(failed.attributes()).containsEntry("type", "AssertionError")
                .containsEntry("classname", "io.cikit.lab.BootTest");
        TestResult bootTime = Fixtures.find(r, "io.cikit.lab.BootTest.bootTime");
        assertThat(bootTime.duration()).contains(Duration.ofMillis(1_250_500));
        assertThat(bootTime.measurements()).containsExactly(new Measurement("bootTime", 4.75, "s"));
        assertThat(bootTime.attributes()).containsEntry("property.owner", "bsp-team");
        assertThat(Fixtures.find(r, "pytest.tests.test_gpio.test_irq").message().orElseThrow())
                .contains("TimeoutError: no interrupt within 2s").contains("line 40, in test_irq");
        assertThat(Fixtures.find(r, "pytest.tests.test_i2c.test_probe").message())
                .contains("no i2c device on this board");
        assertThat(Fixtures.find(r, "pytest.tests.test_i2c.test_flaky_read").attributes())
                .containsEntry("flaky", "true");
        assertThat(Fixtures.find(r, "pytest.tests.test_i2c.test_probe").duration()).contains(Duration.ZERO);
        assertThat(r.summary()).isEqualTo(new TestSummary(7, 4, 1, 1, 1));
    }

    @Test
    void nestedSuitesJoinTheirNames() {
        TestResults r = junit.parse(Fixtures.text("junit/kunit-nested.xml"));

        assertThat(r.results()).extracting(TestResult::path, TestResult::status).containsExactly(
                tuple("main.example.example_simple_test", TestStatus.PASS),
                tuple("main.example.example_skip_test", TestStatus.SKIP),
                tuple("main.example.example_params_test.example value 1", TestStatus.PASS),
                tuple("main.list_sort.list_sort_stable", TestStatus.FAIL));
        assertThat(Fixtures.find(r, "main.example.example_skip_test").message())
                .contains("this test should be skipped");
    }

    @Test
    void billionLaughsIsRejectedWithoutExpandingAnything() {
        long before = System.nanoTime();

        assertThatThrownBy(() -> junit.parse(Fixtures.text("junit/billion-laughs.xml")))
                .isInstanceOf(ResultFormatException.class)
                .hasMessageContaining("DOCTYPE")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("lollol"));
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anExternalEntityIsNeverRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-VALUE");
        String xml = Fixtures.text("junit/xxe.xml.template").replace("@SECRET@", secret.toAbsolutePath().toString());

        assertThatThrownBy(() -> junit.parse(xml))
                .isInstanceOf(ResultFormatException.class)
                .hasMessageContaining("DOCTYPE")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("TOP-SECRET-VALUE"));
    }

    @Test
    void anExternalDtdIsNeverFetched() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        try {
            server.stubFor(get(anyUrl()).willReturn(aResponse().withBody("<!ENTITY x 'fetched'>")));
            String xml = Fixtures.text("junit/external-dtd.xml.template")
                    .replace("@URL@", "http://localhost:" + server.port() + "/evil.dtd");

            assertThatThrownBy(() -> junit.parse(xml)).isInstanceOf(ResultFormatException.class)
                    .hasMessageContaining("DOCTYPE");
            assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        } finally {
            server.stop();
        }
    }

    @Test
    void malformedOrForeignXmlIsAResultFormatException() {
        assertThatThrownBy(() -> junit.parse("<testsuite><testcase name='a'></testsuite>"))
                .isInstanceOf(ResultFormatException.class).hasMessageContaining("malformed JUnit XML");
        assertThatThrownBy(() -> junit.parse("<html><body/></html>"))
                .isInstanceOf(ResultFormatException.class).hasMessageContaining("root element is <html>");
        assertThatThrownBy(() -> junit.parse("")).isInstanceOf(ResultFormatException.class);
        assertThatThrownBy(() -> junit.parse("KTAP version 1\nok 1 a\n")).isInstanceOf(ResultFormatException.class);
    }

    @Test
    void aDocumentOverTheByteLimitIsRejected() {
        ResultLimits small = new ResultLimits(200, 1000, 1024, 1000, 8, 1024, 10);
        String big = "<testsuite name='s'>" + "<testcase name='t'/>".repeat(100) + "</testsuite>";

        assertThatThrownBy(() -> ResultParser.of(ResultFormat.JUNIT, small).parse(big))
                .isInstanceOf(ResultFormatException.class).hasMessageContaining("200-byte limit");
        assertThat(ResultParser.of(ResultFormat.JUNIT, small)
                .parse(new String(big.getBytes(StandardCharsets.UTF_8), 0, 0, StandardCharsets.UTF_8) + "<testsuite/>")
                .results()).isEmpty();
    }

    @Test
    void tooManyTestCasesAreRejected() {
        ResultLimits few = new ResultLimits(1 << 20, 1000, 1024, 10, 8, 1024, 10);
        String xml = "<testsuite name='s'>" + "<testcase name='t'/>".repeat(11) + "</testsuite>";

        assertThatThrownBy(() -> ResultParser.of(ResultFormat.JUNIT, few).parse(xml))
                .isInstanceOf(ResultFormatException.class).hasMessageContaining("more than 10 test cases");
    }

    @Test
    void predefinedEntitiesAndCharacterReferencesStillWork() {
        TestResults r = junit.parse("<testsuite name='a&amp;b'><testcase name='x&#62;y'>"
                + "<failure message='1 &lt; 2'/></testcase></testsuite>");

        assertThat(r.results().get(0).path()).isEqualTo("a&b.x>y");
        assertThat(r.results().get(0).message()).contains("1 < 2");
    }
}
