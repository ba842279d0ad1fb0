package io.cikit.core.artifact;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A CPU architecture as Linux names it. {@link #UNKNOWN} whenever the evidence does not settle it: cikit never
 * guesses an architecture.
 */
public enum Arch {
    X86_64("x86_64"),
    I386("i386"),
    ARM64("arm64"),
    ARM("arm"),
    RISCV64("riscv64"),
    RISCV32("riscv32"),
    MIPS("mips"),
    MIPS64("mips64"),
    POWERPC("powerpc"),
    POWERPC64("powerpc64"),
    S390("s390"),
    LOONGARCH64("loongarch64"),
    ARC("arc"),
    UNKNOWN("unknown");

    private static final Map<String, Arch> ALIASES = Map.ofEntries(
            Map.entry("x86_64", X86_64), Map.entry("x86-64", X86_64), Map.entry("amd64", X86_64), Map.entry("x64", X86_64),
            Map.entry("i386", I386), Map.entry("i486", I386), Map.entry("i586", I386), Map.entry("i686", I386),
            Map.entry("x86_32", I386), Map.entry("ia32", I386),
            Map.entry("arm64", ARM64), Map.entry("aarch64", ARM64), Map.entry("armv8a", ARM64),
            Map.entry("arm", ARM), Map.entry("armhf", ARM), Map.entry("armel", ARM), Map.entry("armv7", ARM),
            Map.entry("armv7a", ARM), Map.entry("armv7l", ARM), Map.entry("armv6", ARM), Map.entry("armv5", ARM),
            Map.entry("riscv64", RISCV64), Map.entry("rv64", RISCV64), Map.entry("riscv32", RISCV32), Map.entry("rv32", RISCV32),
            Map.entry("mips", MIPS), Map.entry("mipsel", MIPS), Map.entry("mips32", MIPS),
            Map.entry("mips64", MIPS64), Map.entry("mips64el", MIPS64),
            Map.entry("powerpc", POWERPC), Map.entry("ppc", POWERPC),
            Map.entry("powerpc64", POWERPC64), Map.entry("ppc64", POWERPC64), Map.entry("ppc64le", POWERPC64),
            Map.entry("powerpc64le", POWERPC64),
            Map.entry("s390", S390), Map.entry("s390x", S390),
            Map.entry("loongarch64", LOONGARCH64), Map.entry("loongarch", LOONGARCH64),
            Map.entry("arc", ARC));

    private final String wireName;

    Arch(String wireName) {
        this.wireName = wireName;
    }

    /** The name used on the command line and in JSON ({@code x86_64}, {@code arm64}, …, {@code unknown}). */
    public String wireName() {
        return wireName;
    }

    /**
     * The architecture a name denotes: Linux {@code ARCH} values, GNU triplet CPUs ({@code aarch64}), Debian names
     * ({@code amd64}) and the wire names. Names that leave the word size open (plain {@code riscv}, {@code x86})
     * and anything unknown give {@link #UNKNOWN}; never throws.
     */
    public static Arch fromName(String name) {
        if (name == null) {
            return UNKNOWN;
        }
        Arch a = ALIASES.get(name.trim().toLowerCase(Locale.ROOT));
        return a == null ? UNKNOWN : a;
    }

    /** {@link #fromName} as an Optional, empty for {@link #UNKNOWN}. */
    public static Optional<Arch> parse(String name) {
        Arch a = fromName(name);
        return a == UNKNOWN ? Optional.empty() : Optional.of(a);
    }
}
