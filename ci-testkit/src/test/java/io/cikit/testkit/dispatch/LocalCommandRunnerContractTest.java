package io.cikit.testkit.dispatch;

import io.cikit.core.dispatch.Board;
import io.cikit.core.dispatch.HardwareRunner;
import io.cikit.core.dispatch.LocalCommandRunner;
import io.cikit.core.dispatch.TestJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/** The built-in local runner meets the contract, driving a lab script whose behaviour the job's parameters pick. */
class LocalCommandRunnerContractTest extends HardwareRunnerContract {

    @Override
    protected HardwareRunner runner() {
        try {
            Path script = work.resolve("lab.sh");
            Files.writeString(script, """
                    #!/bin/sh
                    echo "[    0.000000] Booting Linux on $CIKIT_BOARD"
                    case "$CIKIT_PARAM_BEHAVIOUR" in
                      pass) printf 'KTAP version 1\\n1..1\\nok 1 smoke\\n' > smoke.ktap ;;
                      fail) printf 'KTAP version 1\\n1..1\\nnot ok 1 smoke\\n' > smoke.ktap; exit 1 ;;
                      hang) while :; do echo tick; sleep 0.2; done ;;
                    esac
                    """);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            return LocalCommandRunner.builder(List.of(script.toString())).killGrace(Duration.ofSeconds(1)).build();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    protected Board board() {
        return Board.builder("bbb-1", "beaglebone").arch("arm").build();
    }

    private static TestJob job(Path work, String behaviour) throws IOException {
        Path kernel = work.resolve("zImage");
        Files.write(kernel, new byte[] {1});
        return TestJob.builder(kernel).id("job-" + behaviour).parameter("behaviour", behaviour).build();
    }

    @Override
    protected TestJob passingJob(Path work) throws IOException {
        return job(work, "pass");
    }

    @Override
    protected TestJob failingJob(Path work) throws IOException {
        return job(work, "fail");
    }

    @Override
    protected TestJob hangingJob(Path work) throws IOException {
        return job(work, "hang");
    }
}
