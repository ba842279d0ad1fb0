package io.cikit.testkit.dispatch;

import io.cikit.core.dispatch.Board;
import io.cikit.core.dispatch.HardwareRunner;
import io.cikit.core.dispatch.QemuRunner;
import io.cikit.core.dispatch.TestJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * The built-in QEMU runner meets the contract, with a stand-in {@code qemu-system-x86_64} whose console depends on the
 * kernel it is given: a boot to a shell prompt, a panic, or a boot that never gets anywhere.
 */
class QemuRunnerContractTest extends HardwareRunnerContract {

    @Override
    protected HardwareRunner runner() {
        try {
            Path bin = Files.createDirectories(work.resolve("bin"));
            Path qemu = bin.resolve("qemu-system-x86_64");
            Files.writeString(qemu, """
                    #!/bin/sh
                    while [ "$1" != "-kernel" ]; do shift; done
                    kernel=$(cat "$2")
                    echo '[    0.000000] Linux version 6.1.0-test (gcc) #1 SMP'
                    case "$kernel" in
                      good) echo '[    1.000000] Run /init as init process'
                            printf 'KTAP version 1\\n1..1\\nok 1 example\\n'
                            printf '/ # '
                            while read -r line; do eval "$line"; printf '/ # '; done ;;
                      panic) echo '[    1.000000] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)'
                             exit 0 ;;
                      *) while :; do echo '[    2.000000] random: crng init waiting'; sleep 0.2; done ;;
                    esac
                    """);
            Files.setPosixFilePermissions(qemu, PosixFilePermissions.fromString("rwxr-xr-x"));
            return QemuRunner.builder().binaryDirectory(bin).bootTimeout(Duration.ofSeconds(30)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Board board() {
        return Board.builder("qemu-1", "qemu-x86_64").arch("x86_64").runner("qemu").build();
    }

    private static TestJob job(Path work, String kernel) throws IOException {
        Path image = work.resolve(kernel + ".bzImage");
        Files.writeString(image, kernel);
        return TestJob.builder(image).id("boot-" + kernel).build();
    }

    @Override
    protected TestJob passingJob(Path work) throws IOException {
        return job(work, "good");
    }

    @Override
    protected TestJob failingJob(Path work) throws IOException {
        return job(work, "panic");
    }

    @Override
    protected TestJob hangingJob(Path work) throws IOException {
        return job(work, "silent");
    }
}
