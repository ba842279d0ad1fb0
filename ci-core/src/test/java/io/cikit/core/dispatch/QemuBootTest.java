package io.cikit.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cikit.core.result.BootStage;
import io.cikit.core.result.IncidentKind;
import io.cikit.core.result.TestResult;
import io.cikit.core.result.TestStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boots a real kernel under a real QEMU: Debian's {@code linux-image-*-cloud-amd64} (fetched with {@code apt-get
 * download} into {@code target/qemu-kernel}, never committed) on {@code qemu-system-x86_64 -machine q35} with TCG,
 * through a {@link Dispatcher}. With a tiny initramfs (a static {@code /init} compiled here with gcc, or a static
 * busybox when the host has one) the boot must reach the prompt and the init's KTAP must be collected; without one
 * the kernel must panic with "VFS: Unable to mount root fs". Either way the console analysis must say which.
 *
 * <p>Skipped, not failed, when QEMU is not installed or the kernel cannot be fetched. Bounded to 90 s.
 */
class QemuBootTest {
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(88);
    private static final String INIT_C = """
            #include <string.h>
            #include <unistd.h>
            static void say(const char *s) { write(1, s, strlen(s)); }
            int main(void) {
                char c;
                say("cikit-init: started\\n");
                say("KTAP version 1\\n1..2\\nok 1 cikit_init_alive\\nok 2 cikit_init_console # SKIP no tty\\n");
                say("/ # ");
                /* like a shell: Enter brings a fresh prompt */
                while (read(0, &c, 1) == 1) {
                    if (c == '\\n' || c == '\\r') say("/ # ");
                }
                for (;;) pause();
            }
            """;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aDebianKernelBootsUnderQemuToThePromptOrPanicsAndTheConsoleSaysWhich() throws Exception {
        long start = System.nanoTime();
        assumeTrue(QemuRunner.findBinary("qemu-system-x86_64", Optional.empty()).isPresent(),
                "qemu-system-x86_64 is not installed");
        Path kernel = debianKernel(Path.of(System.getProperty("basedir", ".")).resolve("target/qemu-kernel"));
        Optional<Path> initramfs = initramfs();
        long left = BUDGET_NANOS - (System.nanoTime() - start);
        assumeTrue(left > TimeUnit.SECONDS.toNanos(45), "fetching the kernel left too little time to boot it");

        Board board = Board.builder("qemu-x86-1", "qemu-x86_64").arch("x86_64").runner("qemu").build();
        QemuRunner runner = QemuRunner.builder().accel("tcg").memory("256M")
                .bootTimeout(Duration.ofNanos(left - TimeUnit.SECONDS.toNanos(8))).build();
        TestJob.Builder job = TestJob.builder(kernel).id("debian-boot").timeout(Duration.ofSeconds(85)).maxAttempts(1);
        initramfs.ifPresent(job::rootfs);
        JobResult r;
        try (Dispatcher d = Dispatcher.builder(BoardPool.of(List.of(board))).runner(runner)
                .workDirectory(dir.resolve("work")).meterRegistry(new SimpleMeterRegistry()).build()) {
            r = d.submit(job.build()).result().get(88, TimeUnit.SECONDS);
        }

        String console = Files.readString(r.consoleLog().orElseThrow(), StandardCharsets.ISO_8859_1);
        String end = console.substring(Math.max(0, console.length() - 3000));
        assertThat(console).contains("Linux version");
        TestResult boot = r.tests().get(0);
        assertThat(boot.path()).isEqualTo("boot");
        if (initramfs.isPresent()) {
            assertThat(r.outcome()).as("%s; the console ended with:%n%s", r.reason().orElse(""), end)
                    .isEqualTo(JobOutcome.COMPLETE);
            assertThat(boot.status()).isEqualTo(TestStatus.PASS);
            assertThat(r.lastStage()).contains(BootStage.LOGIN_PROMPT);
            assertThat(r.incidents()).noneMatch(i -> i.fatal());
            assertThat(r.tests()).extracting(TestResult::path).contains("cikit_init_alive", "cikit_init_console");
        } else {
            assertThat(r.outcome()).as("%s; the console ended with:%n%s", r.reason().orElse(""), end)
                    .isEqualTo(JobOutcome.TEST_FAILURES);
            assertThat(boot.status()).isEqualTo(TestStatus.FAIL);
            assertThat(r.lastStage()).contains(BootStage.KERNEL_STARTED);
            assertThat(r.incidents()).anySatisfy(i -> {
                assertThat(i.kind()).isEqualTo(IncidentKind.KERNEL_PANIC);
                assertThat(i.summary()).contains("VFS: Unable to mount root fs");
            });
        }
    }

    /** The cloud kernel's bzImage, fetched once into {@code cache}; skips the test when it cannot be had. */
    private static Path debianKernel(Path cache) throws Exception {
        Files.createDirectories(cache);
        Optional<Path> cached = find(cache);
        if (cached.isPresent()) {
            return cached.get();
        }
        assumeTrue(onPath("apt-get") && onPath("apt-cache") && onPath("dpkg-deb") && onPath("tar"),
                "no apt-get, dpkg-deb or tar to fetch a Debian kernel with");
        String depends = run(cache, 20, "apt-cache", "depends", "linux-image-cloud-amd64").output();
        String pkg = depends.lines().map(String::strip).filter(l -> l.startsWith("Depends: linux-image-"))
                .map(l -> l.substring("Depends: ".length())).findFirst().orElse("");
        assumeTrue(!pkg.isEmpty(), "apt knows no linux-image-cloud-amd64 package (apt-get update not run?)");
        Result download = run(cache, 40, "apt-get", "download", pkg);
        assumeTrue(download.ok(), "apt-get download " + pkg + " failed: " + download.output());
        Path deb;
        try (Stream<Path> s = Files.list(cache)) {
            deb = s.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst().orElse(null);
        }
        assumeTrue(deb != null, "apt-get download left no .deb");
        Result extract = run(cache, 30, "sh", "-c",
                "dpkg-deb --fsys-tarfile \"$1\" | tar -x -C \"$2\" --wildcards './boot/vmlinuz-*'", "sh",
                deb.toString(), cache.toString());
        Files.deleteIfExists(deb);
        Optional<Path> found = find(cache);
        assumeTrue(extract.ok() && found.isPresent(), "could not unpack the kernel: " + extract.output());
        return found.get();
    }

    private static Optional<Path> find(Path cache) throws IOException {
        Path boot = cache.resolve("boot");
        if (!Files.isDirectory(boot)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(boot)) {
            return s.filter(p -> p.getFileName().toString().startsWith("vmlinuz-")).findFirst();
        }
    }

    /** An initramfs whose /init prints KTAP and a shell prompt, when gcc or a static busybox can make one. */
    private Optional<Path> initramfs() throws Exception {
        CpioWriter cpio = new CpioWriter();
        cpio.directory("dev");
        cpio.charDevice("dev/console", 5, 1);
        if (onPath("gcc")) {
            Path c = dir.resolve("init.c");
            Files.writeString(c, INIT_C);
            Path bin = dir.resolve("init");
            if (run(dir, 30, "gcc", "-static", "-Os", "-o", bin.toString(), c.toString()).ok()) {
                cpio.file("init", 0755, Files.readAllBytes(bin));
                return Optional.of(cpio.writeTo(dir.resolve("initramfs.cpio")));
            }
        }
        Path busybox = Path.of("/bin/busybox");
        if (Files.isExecutable(busybox) && isStatic(busybox)) {
            cpio.directory("bin");
            cpio.file("bin/busybox", 0755, Files.readAllBytes(busybox));
            cpio.file("init", 0755, ("#!/bin/busybox sh\n/bin/busybox echo 'KTAP version 1'\n/bin/busybox echo '1..2'\n"
                    + "/bin/busybox echo 'ok 1 cikit_init_alive'\n/bin/busybox echo 'ok 2 cikit_init_console # SKIP no tty'\n"
                    + "exec /bin/busybox sh\n").getBytes(StandardCharsets.US_ASCII));
            return Optional.of(cpio.writeTo(dir.resolve("initramfs.cpio")));
        }
        return Optional.empty();
    }

    private static boolean isStatic(Path elf) throws IOException {
        byte[] head = Files.readAllBytes(elf);
        String text = new String(head, 0, Math.min(head.length, 4096), StandardCharsets.ISO_8859_1);
        return !text.contains("ld-linux");
    }

    private static boolean onPath(String program) {
        return QemuRunner.findBinary(program, Optional.empty()).isPresent();
    }

    record Result(boolean ok, String output) {
    }

    private static Result run(Path cwd, int seconds, String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).directory(cwd.toFile()).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try {
                p.getInputStream().transferTo(out);
            } catch (IOException e) {
                // the process went away
            }
        });
        reader.start();
        boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        reader.join(2000);
        return new Result(done && p.exitValue() == 0, out.toString(StandardCharsets.UTF_8));
    }

    /** The newc cpio format the kernel unpacks an initramfs from. */
    static final class CpioWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int inode = 1;

        void directory(String name) {
            entry(name, 0040755, new byte[0], 0, 0);
        }

        void charDevice(String name, int major, int minor) {
            entry(name, 0020600, new byte[0], major, minor);
        }

        void file(String name, int mode, byte[] data) {
            entry(name, 0100000 | mode, data, 0, 0);
        }

        Path writeTo(Path file) throws IOException {
            entry("TRAILER!!!", 0, new byte[0], 0, 0);
            Files.write(file, out.toByteArray());
            return file;
        }

        private void entry(String name, int mode, byte[] data, int rdevMajor, int rdevMinor) {
            byte[] n = (name + "\0").getBytes(StandardCharsets.US_ASCII);
            int[] fields = {inode++, mode, 0, 0, 1, 0, data.length, 0, 0, rdevMajor, rdevMinor, n.length, 0};
            StringBuilder h = new StringBuilder("070701");
            for (int f : fields) {
                h.append(String.format("%08X", f));
            }
            out.writeBytes(h.toString().getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(n);
            pad();
            out.writeBytes(data);
            pad();
        }

        private void pad() {
            while (out.size() % 4 != 0) {
                out.write(0);
            }
        }
    }
}
