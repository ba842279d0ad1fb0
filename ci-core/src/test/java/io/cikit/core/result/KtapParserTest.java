package io.cikit.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KtapParserTest {
    private final ResultParser ktap = ResultParser.ktap();

    @Test
    void specExampleNestsThreeLevelsWithDotJoinedPaths() {
        TestResults r = ktap.parse(Fixtures.text("ktap/spec-nested.ktap"));

        assertThat(r.format()).isEqualTo(ResultFormat.KTAP);
        assertThat(r.results()).extracting(TestResult::path, TestResult::status).containsExactly(
                tuple("top_test.group_one.test_alpha", TestStatus.PASS),
                tuple("top_test.group_two.test_alpha", TestStatus.SKIP),
                tuple("top_test.group_two.test_beta", TestStatus.PASS),
                tuple("top_test.group_three.test_alpha", TestStatus.PASS),
                tuple("top_test.group_three.test_beta", TestStatus.FAIL),
                tuple("top_test.group_three.test_gamma", TestStatus.SKIP));
        assertThat(Fixtures.find(r, "top_test.group_two.test_alpha").message()).contains("test_alpha not wanted here");
        assertThat(Fixtures.find(r, "top_test.group_three.test_beta").message()).contains("test_beta: FAIL");
        assertThat(r.summary()).isEqualTo(new TestSummary(6, 3, 1, 2, 0));
        assertThat(r.truncated()).isFalse();
    }

    @Test
    void kunitOutputInABootLogKeepsSuitesParametersAttributesAndFailureText() {
        TestResults r = ktap.parse(Fixtures.text("ktap/kunit-boot.log"));

        assertThat(r.results()).extracting(TestResult::path).containsExactly(
                "example.example_simple_test", "example.example_skip_test", "example.example_slow_test",
                "example.example_params_test.example value 3", "example.example_params_test.example value 2",
                "example.example_params_test.example value 1", "example.example_params_test.example value 0",
                "list_sort.list_sort_basic", "list_sort.list_sort_stable",
                "time_test_cases.time64_to_tm_test_date_range");
        TestResult skip = Fixtures.find(r, "example.example_skip_test");
        assertThat(skip.status()).isEqualTo(TestStatus.SKIP);
        assertThat(skip.message().orElseThrow()).endsWith("this test should be skipped");
        assertThat(skip.attributes()).containsEntry("directive", "SKIP").containsEntry("module", "kunit_example_test");
        assertThat(Fixtures.find(r, "example.example_slow_test").attributes()).containsEntry("speed", "slow");
        TestResult failed = Fixtures.find(r, "list_sort.list_sort_stable");
        assertThat(failed.status()).isEqualTo(TestStatus.FAIL);
        assertThat(failed.message().orElseThrow())
                .contains("EXPECTATION FAILED at lib/test_list_sort.c:96")
                .contains("cmp(priv, el, el1) == 1 (0x1)");
        assertThat(Fixtures.find(r, "list_sort.list_sort_basic").message()).isEmpty();
        assertThat(r.summary()).isEqualTo(new TestSummary(10, 7, 1, 2, 0));
    }

    @Test
    void aCrashMidSuiteTurnsTheTestsMissingFromThePlanIntoErrorsCarryingTheCrash() {
        TestResults r = ktap.parse(Fixtures.text("ktap/kunit-crash.log"));

        assertThat(r.results()).extracting(TestResult::path, TestResult::status).containsExactly(
                tuple("kasan.kmalloc_oob_right", TestStatus.PASS),
                tuple("kasan.missing_2", TestStatus.ERROR),
                tuple("kasan.missing_3", TestStatus.ERROR),
                tuple("missing_2", TestStatus.ERROR));
        assertThat(Fixtures.find(r, "kasan.missing_2").message().orElseThrow())
                .contains("BUG: KASAN: slab-out-of-bounds").endsWith("missing from plan");
        assertThat(Fixtures.find(r, "kasan.missing_3").message()).contains("missing from plan");
    }

    @Test
    void kselftestRunnerOutputNestsEachProgramsOwnTapUnderItsHashPrefix() {
        TestResults r = ResultParser.auto().parse(Fixtures.text("ktap/kselftest.log"));

        assertThat(r.results()).extracting(TestResult::path, TestResult::status).containsExactly(
                tuple("selftests: membarrier: membarrier_test_single_thread.sys_membarrier available", TestStatus.PASS),
                tuple("selftests: membarrier: membarrier_test_single_thread.sys membarrier invalid command test: "
                        + "command = -1, flags = 0, errno = 22. Failed as expected", TestStatus.PASS),
                tuple("selftests: timers: posix_timers.check_itimer ITIMER_VIRTUAL", TestStatus.PASS),
                tuple("selftests: timers: posix_timers.check_itimer ITIMER_PROF", TestStatus.FAIL),
                tuple("selftests: timers: posix_timers.check_timer_create CLOCK_THREAD_CPUTIME_ID", TestStatus.PASS),
                tuple("selftests: net: reuseport_bpf", TestStatus.ERROR),
                tuple("selftests: mm: hugepage-mmap", TestStatus.SKIP),
                tuple("selftests: size: get_size.get runtime memory use", TestStatus.PASS));
        assertThat(Fixtures.find(r, "selftests: net: reuseport_bpf").attributes()).containsEntry("directive", "TIMEOUT");
        assertThat(Fixtures.find(r, "selftests: net: reuseport_bpf").message().orElseThrow()).endsWith("45 seconds");
        assertThat(Fixtures.find(r, "selftests: timers: posix_timers.check_timer_create CLOCK_THREAD_CPUTIME_ID")
                .attributes()).containsEntry("directive", "XFAIL");
        assertThat(Fixtures.find(r, "selftests: timers: posix_timers.check_itimer ITIMER_PROF").measurements())
                .containsExactly(new Measurement("check_itimer ITIMER_PROF", 12.5, "ms"));
        TestResult size = Fixtures.find(r, "selftests: size: get_size.get runtime memory use");
        assertThat(size.measurements()).containsExactly(new Measurement("get runtime memory use", 1024, "KiB"));
        assertThat(size.duration()).contains(Duration.ofNanos(3_500_000));
    }

    @Test
    void unindentedSubtestsCloseWhenTheirPlanIsSatisfied() {
        TestResults r = ktap.parse(Fixtures.text("ktap/unindented.ktap"));

        assertThat(r.results()).extracting(TestResult::path, TestResult::status).containsExactly(
                tuple("first_suite.case_a", TestStatus.PASS),
                tuple("first_suite.case_b", TestStatus.FAIL),
                tuple("second_suite.case_c", TestStatus.PASS));
    }

    @Test
    void aSecondTopLevelDocumentAddsItsResults() {
        TestResults r = ktap.parse(Fixtures.text("ktap/two-documents.ktap"));

        assertThat(r.results()).extracting(TestResult::path, TestResult::status).containsExactly(
                tuple("builtin_suite.builtin_case", TestStatus.PASS),
                tuple("module_suite.module_case_1", TestStatus.PASS),
                tuple("module_suite.module_case_2", TestStatus.FAIL));
    }

    @Test
    void outputEndingInsideASuiteReportsEveryPlannedTestThatNeverRan() {
        TestResults r = ktap.parse(Fixtures.text("ktap/truncated-plan.ktap"));

        assertThat(r.results()).extracting(TestResult::path, TestResult::status).containsExactly(
                tuple("stalls.first", TestStatus.PASS),
                tuple("stalls.second", TestStatus.PASS),
                tuple("stalls.missing_3", TestStatus.ERROR),
                tuple("stalls.missing_4", TestStatus.ERROR),
                tuple("missing_2", TestStatus.ERROR),
                tuple("missing_3", TestStatus.ERROR));
    }

    @Test
    void bailOutStopsReadingAndMarksTheRestOfThePlanMissing() {
        TestResults r = ktap.parse(Fixtures.text("ktap/bailout.tap"));

        assertThat(r.results()).extracting(TestResult::path, TestResult::status).containsExactly(
                tuple("config loaded", TestStatus.PASS),
                tuple("device probe", TestStatus.FAIL),
                tuple("missing_3", TestStatus.ERROR),
                tuple("missing_4", TestStatus.ERROR));
        assertThat(Fixtures.find(r, "missing_3").message()).contains("missing from plan (bail out: board lost power)");
    }

    @Test
    void directivesMapToStatuses() {
        TestResults r = ktap.parse("""
                KTAP version 1
                1..9
                ok 1 plain
                not ok 2 broken
                ok 3 skipped_ok # SKIP no hardware
                not ok 4 skipped_not_ok # skip no hardware either
                not ok 5 todo_failing # TODO not written
                ok 6 todo_passing # TODO surprise
                ok 7 expected_failure # XFAIL known bug
                not ok 8 hung # TIMEOUT 30 seconds
                not ok 9 broken_setup # ERROR could not open /dev/foo
                """);

        assertThat(r.results()).extracting(TestResult::status).containsExactly(TestStatus.PASS, TestStatus.FAIL,
                TestStatus.SKIP, TestStatus.SKIP, TestStatus.SKIP, TestStatus.PASS, TestStatus.PASS, TestStatus.ERROR,
                TestStatus.ERROR);
        assertThat(Fixtures.find(r, "broken_setup").message()).contains("could not open /dev/foo");
        assertThat(Fixtures.find(r, "todo_failing").attributes()).containsEntry("directive", "TODO");
    }

    @Test
    void resultLinesWithoutDescriptionAreNamedByTheirNumberAndHyphensAreDropped() {
        TestResults r = ktap.parse("KTAP version 1\n1..3\nok 1\nok 2 - with hyphen\nnot ok 3 -\n");

        assertThat(r.results()).extracting(TestResult::path).containsExactly("1", "with hyphen", "3");
    }

    @Test
    void consoleNoiseBetweenResultsChangesNoStatus() {
        TestResults r = ktap.parse("""
                [    2.000000] KTAP version 1
                [    2.000001] 1..2
                [    2.000002] okay, this is not a result
                [    2.000003][    T1] ok 1 first
                [    2.000004] random: crng init done
                [    2.000005] not okay either
                [    2.000006][    C0] ok 2 second
                """);

        assertThat(r.results()).extracting(TestResult::path, TestResult::status)
                .containsExactly(tuple("first", TestStatus.PASS), tuple("second", TestStatus.PASS));
        assertThat(Fixtures.find(r, "second").message().orElseThrow()).contains("random: crng init done");
    }

    @Test
    void crlfLineEndingsAreTolerated() {
        TestResults r = ktap.parse("KTAP version 1\r\n1..1\r\n    KTAP version 1\r\n    1..1\r\n    ok 1 a\r\nok 1 s\r\n");

        assertThat(r.results()).extracting(TestResult::path).containsExactly("s.a");
    }

    @Test
    void emptyOrResultlessInputGivesNoResults() {
        assertThat(ktap.parse("").results()).isEmpty();
        assertThat(ktap.parse("just a console\nwith nothing in it\n").results()).isEmpty();
    }

    @Test
    void deepNestingIsFoldedAtTheDepthLimitWithoutOverflowingTheStack() {
        StringBuilder sb = new StringBuilder("KTAP version 1\n1..1\n");
        int depth = 5_000;
        for (int i = 1; i <= depth; i++) {
            sb.append(" ".repeat(i * 2)).append("KTAP version 1\n");
        }
        sb.append(" ".repeat(depth * 2)).append("1..1\n").append(" ".repeat(depth * 2)).append("ok 1 leaf\n");
        for (int i = depth; i >= 1; i--) {
            sb.append(" ".repeat((i - 1) * 2)).append("ok 1 level").append(i).append('\n');
        }

        TestResults r = ktap.parse(sb.toString());

        assertThat(r.results()).isNotEmpty();
        assertThat(r.results()).allSatisfy(t -> assertThat(t.path().split("\\.")).hasSizeLessThanOrEqualTo(
                ResultLimits.DEFAULT.maxDepth() + 1));
        assertThat(r.results().stream().map(TestResult::path)).anyMatch(p -> p.endsWith("leaf"));
    }

    @Test
    void deepSubtestHeadersWithoutIndentationAreAlsoBounded() {
        StringBuilder sb = new StringBuilder("TAP version 14\n");
        for (int i = 0; i < 50_000; i++) {
            sb.append("# Subtest: s").append(i).append('\n');
        }
        sb.append("ok 1 deepest\n");

        TestResults r = ResultParser.tap().parse(sb.toString());

        assertThat(r.results()).isNotEmpty();
        assertThat(r.results()).allSatisfy(t -> assertThat(t.path().split("\\.").length).isLessThanOrEqualTo(40));
    }

    @Test
    void aHugePlanMakesABoundedNumberOfMissingEntries() {
        TestResults r = ktap.parse("KTAP version 1\n1..2000000000\nok 1 only\n");

        assertThat(r.results()).hasSize(1 + ResultLimits.DEFAULT.maxMissingPerPlan() + 1);
        TestResult last = r.results().get(r.results().size() - 1);
        assertThat(last.path()).isEqualTo("missing_1002_to_2000000000");
        assertThat(last.message().orElseThrow()).startsWith("1999998999 results missing from plan");
    }

    @Test
    void limitsStopReadingAndSayTheResultsAreTruncated() {
        String many = "KTAP version 1\n" + "ok 1 t\n".repeat(1000);
        ResultLimits fewLines = new ResultLimits(1 << 20, 100, 1024, 10_000, 8, 1024, 10);
        ResultLimits fewBytes = new ResultLimits(700, 1_000_000, 1024, 10_000, 8, 1024, 10);
        ResultLimits fewResults = new ResultLimits(1 << 20, 1_000_000, 1024, 50, 8, 1024, 10);

        TestResults byLines = ResultParser.of(ResultFormat.KTAP, fewLines).parse(many);
        TestResults byBytes = ResultParser.of(ResultFormat.KTAP, fewBytes).parse(many);
        TestResults byResults = ResultParser.of(ResultFormat.KTAP, fewResults).parse(many);

        assertThat(byLines.truncated()).isTrue();
        assertThat(byLines.results()).hasSize(99);
        assertThat(byBytes.truncated()).isTrue();
        assertThat(byBytes.results()).hasSizeLessThan(101);
        assertThat(byResults.truncated()).isTrue();
        assertThat(byResults.results()).hasSize(50);
        assertThat(ktap.parse(many).truncated()).isFalse();
    }

    @Test
    void anOverlongLineIsCutInsteadOfBuffered() {
        byte[] head = "KTAP version 1\n1..2\nok 1 ".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\nok 2 after\n".getBytes(StandardCharsets.UTF_8);
        long filler = 50L * 1024 * 1024;
        InputStream in = new java.io.SequenceInputStream(new ByteArrayInputStream(head),
                new java.io.SequenceInputStream(new RepeatingStream('x', filler), new ByteArrayInputStream(tail)));

        TestResults r = ResultParser.of(ResultFormat.KTAP, new ResultLimits(Long.MAX_VALUE, 1000, 64, 100, 8, 64, 10))
                .parse(in);

        assertThat(r.results()).hasSize(2);
        assertThat(r.results().get(0).path()).hasSizeLessThanOrEqualTo(64).startsWith("xxx");
        assertThat(r.results().get(1).path()).isEqualTo("after");
    }

    @Test
    void longDiagnosticsAreBoundedKeepingTheNewestLines() {
        StringBuilder sb = new StringBuilder("KTAP version 1\n1..1\n");
        for (int i = 0; i < 10_000; i++) {
            sb.append("# line ").append(i).append('\n');
        }
        sb.append("not ok 1 chatty # the reason\n");

        TestResult r = ktap.parse(sb.toString()).results().get(0);

        assertThat(r.message().orElseThrow()).hasSizeLessThanOrEqualTo(ResultLimits.DEFAULT.maxMessageChars())
                .contains("# line 9999".substring(2)).endsWith("the reason").doesNotContain("line 1\n");
    }

    @Test
    void pathPrefixNamesTheWholeRun() {
        TestResults r = ktap.parse(Fixtures.text("ktap/unindented.ktap")).withPathPrefix("kunit");

        assertThat(r.results()).extracting(TestResult::path).first().isEqualTo("kunit.first_suite.case_a");
    }

    /** An input stream of one byte repeated, so tests can feed huge inputs without holding them in memory. */
    static final class RepeatingStream extends InputStream {
        private final int b;
        private long left;

        RepeatingStream(char c, long count) {
            this.b = c;
            this.left = count;
        }

        @Override
        public int read() {
            return left-- > 0 ? b : -1;
        }

        @Override
        public int read(byte[] buf, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(buf, off, off + n, (byte) b);
            left -= n;
            return n;
        }
    }
}
