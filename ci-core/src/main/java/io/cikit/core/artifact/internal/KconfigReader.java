package io.cikit.core.artifact.internal;

import io.cikit.core.artifact.Arch;
import io.cikit.core.artifact.ArtifactKind;
import io.cikit.core.artifact.ArtifactReport;
import io.cikit.core.artifact.Endianness;
import io.cikit.core.artifact.ImageFormat;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kernel {@code .config}: arch from the {@code CONFIG_} arch symbols (word size from {@code CONFIG_64BIT}), version
 * from the {@code # Linux/<arch> <version> Kernel Configuration} header, endianness, page size and key options.
 */
final class KconfigReader {
    private static final Pattern CONFIG_LINE = Pattern.compile("CONFIG_[A-Za-z0-9_]+=.*");
    private static final Pattern CONFIG_UNSET = Pattern.compile("# CONFIG_[A-Za-z0-9_]+ is not set");
    private static final Pattern CONFIG_HEADER = Pattern.compile("# Linux/(\\S+) (\\S+) Kernel Configuration");

    /** Options worth showing beside a config's arch and version. */
    private static final Set<String> KEY_OPTIONS = Set.of("CONFIG_LOCALVERSION", "CONFIG_LOCALVERSION_AUTO",
            "CONFIG_CC_VERSION_TEXT", "CONFIG_SMP", "CONFIG_NR_CPUS", "CONFIG_PREEMPT", "CONFIG_PREEMPT_RT",
            "CONFIG_PREEMPT_DYNAMIC", "CONFIG_MODULES", "CONFIG_MODULE_SIG", "CONFIG_DEBUG_INFO",
            "CONFIG_DEBUG_INFO_BTF", "CONFIG_KASAN", "CONFIG_KCSAN", "CONFIG_KFENCE", "CONFIG_UBSAN",
            "CONFIG_PROVE_LOCKING", "CONFIG_LOCKDEP", "CONFIG_KALLSYMS", "CONFIG_IKCONFIG", "CONFIG_EFI",
            "CONFIG_64BIT", "CONFIG_CPU_BIG_ENDIAN", "CONFIG_CPU_LITTLE_ENDIAN", "CONFIG_HZ", "CONFIG_KVM",
            "CONFIG_SECURITY_SELINUX", "CONFIG_RANDOMIZE_BASE", "CONFIG_KERNEL_GZIP", "CONFIG_KERNEL_XZ",
            "CONFIG_KERNEL_ZSTD", "CONFIG_KERNEL_LZ4", "CONFIG_KERNEL_LZMA", "CONFIG_KERNEL_LZO",
            "CONFIG_KERNEL_BZIP2", "CONFIG_DEFAULT_HOSTNAME", "CONFIG_ARM64_4K_PAGES", "CONFIG_ARM64_16K_PAGES",
            "CONFIG_ARM64_64K_PAGES", "CONFIG_PAGE_SIZE_4KB", "CONFIG_PAGE_SIZE_16KB", "CONFIG_PAGE_SIZE_64KB");

    private KconfigReader() {
    }

    /** Every complete line is a config line, a comment or blank, with at least two options or the header. */
    static boolean matches(List<String> lines) {
        int config = 0;
        boolean header = false;
        for (String raw : lines) {
            String l = raw.strip();
            if (l.isEmpty()) {
                continue;
            }
            if (CONFIG_UNSET.matcher(l).matches() || CONFIG_LINE.matcher(l).matches()) {
                config++;
            } else if (l.startsWith("#")) {
                header |= CONFIG_HEADER.matcher(l).matches();
            } else {
                return false;
            }
        }
        return config >= 2 || header && config >= 1;
    }

    static void read(Inspection ctx, ForwardInput in, ArtifactReport.Builder b) throws IOException {
        LineReader r = new LineReader(in.from(0), ctx.limits.maxLineBytes());
        Map<String, String> options = new HashMap<>();
        String headerArch = null;
        String headerVersion = null;
        int count = 0;
        String line;
        while ((line = r.next()) != null) {
            String l = line.strip();
            if (l.startsWith("CONFIG_")) {
                int eq = l.indexOf('=');
                if (eq > 0) {
                    count++;
                    String key = l.substring(0, eq);
                    if (KEY_OPTIONS.contains(key) || ARCH_SYMBOLS.containsKey(key) || key.equals("CONFIG_X86_32") || key.equals("CONFIG_32BIT")) {
                        options.put(key, unquote(l.substring(eq + 1)));
                    }
                }
            } else if (headerVersion == null) {
                Matcher m = CONFIG_HEADER.matcher(l);
                if (m.matches()) {
                    headerArch = m.group(1);
                    headerVersion = m.group(2);
                }
            }
        }
        b.kind(ArtifactKind.KERNEL_CONFIG).format(ImageFormat.KERNEL_CONFIG).detail("options", Integer.toString(count));
        Arch arch = configArch(options);
        if (arch == Arch.UNKNOWN && headerArch != null) {
            arch = Arch.fromName(headerArch);
        }
        b.arch(arch);
        if (headerVersion != null && BannerScanner.isRelease(headerVersion)) {
            b.version(headerVersion);
        }
        if (headerArch != null) {
            b.detail("headerArch", headerArch);
        }
        b.endianness(configEndianness(options, arch));
        if ("y".equals(options.get("CONFIG_ARM64_4K_PAGES")) || "y".equals(options.get("CONFIG_PAGE_SIZE_4KB"))) {
            b.pageSize(4096);
        } else if ("y".equals(options.get("CONFIG_ARM64_16K_PAGES")) || "y".equals(options.get("CONFIG_PAGE_SIZE_16KB"))) {
            b.pageSize(16384);
        } else if ("y".equals(options.get("CONFIG_ARM64_64K_PAGES")) || "y".equals(options.get("CONFIG_PAGE_SIZE_64KB"))) {
            b.pageSize(65536);
        }
        new TreeMap<>(options).forEach((k, v) -> {
            if (KEY_OPTIONS.contains(k)) {
                b.detail(k, v);
            }
        });
    }

    private static final Map<String, Arch> ARCH_SYMBOLS = Map.ofEntries(Map.entry("CONFIG_X86_64", Arch.X86_64),
            Map.entry("CONFIG_X86", Arch.UNKNOWN), Map.entry("CONFIG_ARM64", Arch.ARM64), Map.entry("CONFIG_ARM", Arch.ARM),
            Map.entry("CONFIG_RISCV", Arch.UNKNOWN), Map.entry("CONFIG_MIPS", Arch.UNKNOWN),
            Map.entry("CONFIG_PPC", Arch.UNKNOWN), Map.entry("CONFIG_PPC64", Arch.POWERPC64), Map.entry("CONFIG_S390", Arch.S390),
            Map.entry("CONFIG_LOONGARCH", Arch.LOONGARCH64), Map.entry("CONFIG_ARC", Arch.ARC));

    /** The architecture the arch symbols settle; word size from {@code CONFIG_64BIT} where the family has both. */
    private static Arch configArch(Map<String, String> o) {
        boolean is64 = "y".equals(o.get("CONFIG_64BIT"));
        if (y(o, "CONFIG_X86_64")) {
            return Arch.X86_64;
        }
        if (y(o, "CONFIG_X86_32") || y(o, "CONFIG_X86") && o.containsKey("CONFIG_64BIT") && !is64) {
            return Arch.I386;
        }
        if (y(o, "CONFIG_X86") && !o.containsKey("CONFIG_X86_32") && is64) {
            return Arch.X86_64;
        }
        if (y(o, "CONFIG_ARM64")) {
            return Arch.ARM64;
        }
        if (y(o, "CONFIG_ARM")) {
            return Arch.ARM;
        }
        if (y(o, "CONFIG_RISCV")) {
            return is64 ? Arch.RISCV64 : y(o, "CONFIG_32BIT") || o.containsKey("CONFIG_64BIT") ? Arch.RISCV32 : Arch.UNKNOWN;
        }
        if (y(o, "CONFIG_MIPS")) {
            return is64 ? Arch.MIPS64 : Arch.MIPS;
        }
        if (y(o, "CONFIG_PPC64")) {
            return Arch.POWERPC64;
        }
        if (y(o, "CONFIG_PPC")) {
            return Arch.POWERPC;
        }
        if (y(o, "CONFIG_S390")) {
            return Arch.S390;
        }
        if (y(o, "CONFIG_LOONGARCH") && is64) {
            return Arch.LOONGARCH64;
        }
        if (y(o, "CONFIG_ARC")) {
            return Arch.ARC;
        }
        return Arch.UNKNOWN;
    }

    /** Explicit endianness symbols first; then the architectures whose byte order is fixed or defaults to little. */
    private static Endianness configEndianness(Map<String, String> o, Arch arch) {
        if (y(o, "CONFIG_CPU_BIG_ENDIAN")) {
            return Endianness.BIG;
        }
        if (y(o, "CONFIG_CPU_LITTLE_ENDIAN")) {
            return Endianness.LITTLE;
        }
        return switch (arch) {
            case X86_64, I386, RISCV64, RISCV32, LOONGARCH64, ARM64, ARM -> Endianness.LITTLE;
            case S390, POWERPC -> Endianness.BIG;
            default -> Endianness.UNKNOWN;
        };
    }

    private static boolean y(Map<String, String> o, String key) {
        return "y".equals(o.get(key));
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
