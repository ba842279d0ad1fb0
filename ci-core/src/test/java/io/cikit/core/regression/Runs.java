package io.cikit.core.regression;

import java.time.Instant;

/** Small builders for run records in tests. */
final class Runs {
    static final RunContext RPI4 = RunContext.builder().repository("acme/linux").branch("main").boardType("rpi4")
            .arch("arm64").kernelConfig("defconfig").compiler("gcc-13").build();
    static final RunContext QEMU = RunContext.builder().repository("acme/linux").branch("main").boardType("qemu-x86_64")
            .arch("x86_64").kernelConfig("defconfig").compiler("clang-18").build();

    private Runs() {
    }

    /** A run on {@code context} at commit {@code c<n>} with the given tests ("name=PASS" pairs). */
    static RunRecord run(RunContext context, int n, String... tests) {
        RunRecord.Builder b = RunRecord.builder(context, "c" + n).buildId("build-" + n)
                .commitTime(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * n));
        for (String t : tests) {
            int eq = t.indexOf('=');
            b.test(t.substring(0, eq), Outcome.parse(t.substring(eq + 1)));
        }
        return b.build();
    }

    /** A run with one metric {@code boot#time} of the given value. */
    static RunRecord timed(RunContext context, int n, double value) {
        return RunRecord.builder(context, "c" + n).buildId("build-" + n).test("boot", Outcome.PASS)
                .metric("boot", "time", value, "s", Direction.LOWER_IS_BETTER).build();
    }
}
