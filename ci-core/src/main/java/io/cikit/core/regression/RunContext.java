package io.cikit.core.regression;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a run happened: the part of a series key shared by every test of the run. Two runs are comparable when
 * their contexts are equal. Empty strings stand for "not known"; they compare like any other value.
 *
 * @param repository the repository under test ({@code torvalds/linux})
 * @param branch the branch the commit is on
 * @param boardType the board type or platform ({@code rpi4}, {@code qemu-x86_64})
 * @param arch the CPU architecture ({@code arm64})
 * @param kernelConfig the kernel configuration ({@code defconfig}, {@code defconfig+kselftest})
 * @param compiler the toolchain ({@code gcc-13}, {@code clang-18})
 */
public record RunContext(String repository, String branch, String boardType, String arch, String kernelConfig,
        String compiler) {

    public RunContext {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(boardType, "boardType");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(kernelConfig, "kernelConfig");
        Objects.requireNonNull(compiler, "compiler");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The non-empty parts from board type on, joined with {@code " · "}, for headings; {@code "(unnamed)"} if none. */
    public String label() {
        List<String> parts = new ArrayList<>();
        for (String s : List.of(boardType, arch, kernelConfig, compiler)) {
            if (!s.isEmpty()) {
                parts.add(s);
            }
        }
        return parts.isEmpty() ? "(unnamed)" : String.join(" · ", parts);
    }

    /** Builds a {@link RunContext}; every field defaults to the empty string. Not thread-safe. */
    public static final class Builder {
        private String repository = "";
        private String branch = "";
        private String boardType = "";
        private String arch = "";
        private String kernelConfig = "";
        private String compiler = "";

        private Builder() {
        }

        public Builder repository(String v) { this.repository = Objects.requireNonNull(v, "repository"); return this; }
        public Builder branch(String v) { this.branch = Objects.requireNonNull(v, "branch"); return this; }
        public Builder boardType(String v) { this.boardType = Objects.requireNonNull(v, "boardType"); return this; }
        public Builder arch(String v) { this.arch = Objects.requireNonNull(v, "arch"); return this; }
        public Builder kernelConfig(String v) { this.kernelConfig = Objects.requireNonNull(v, "kernelConfig"); return this; }
        public Builder compiler(String v) { this.compiler = Objects.requireNonNull(v, "compiler"); return this; }

        public RunContext build() {
            return new RunContext(repository, branch, boardType, arch, kernelConfig, compiler);
        }
    }
}
