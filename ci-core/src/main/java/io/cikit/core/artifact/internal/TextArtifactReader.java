package io.cikit.core.artifact.internal;

import io.cikit.core.artifact.Arch;
import io.cikit.core.artifact.ArtifactKind;
import io.cikit.core.artifact.ArtifactReport;
import io.cikit.core.artifact.Endianness;
import io.cikit.core.artifact.ImageFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text artifacts: kernel {@code .config}, {@code System.map}, Yocto image manifests, and JSON documents (handed to
 * {@link JsonArtifactReader}). Each is recognised from its first lines only when every complete line fits the
 * format; the rest is then streamed line by line.
 */
final class TextArtifactReader {
    private static final Pattern CONFIG_LINE = Pattern.compile("CONFIG_[A-Za-z0-9_]+=.*");
    private static final Pattern CONFIG_UNSET = Pattern.compile("# CONFIG_[A-Za-z0-9_]+ is not set");
    private static final Pattern CONFIG_HEADER = Pattern.compile("# Linux/(\\S+) (\\S+) Kernel Configuration");
    private static final Pattern MAP_LINE = Pattern.compile("([0-9a-fA-F]{8}|[0-9a-fA-F]{16}) [A-Za-z?] \\S+");
    private static final Pattern MANIFEST_LINE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9+._-]* [A-Za-z0-9_.-]+ \\S*\\d\\S*");
    private static final int SAMPLE = 64 * 1024;

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

    private TextArtifactReader() {
    }

    /** No NUL bytes and almost no control characters in the first bytes. */
    static boolean looksLikeText(byte[] h, int n) {
        int sample = Math.min(n, SAMPLE);
        int control = 0;
        for (int i = 0; i < sample; i++) {
            int c = h[i] & 0xFF;
            if (c == 0) {
                return false;
            }
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != 0x0C && c != 0x1B) {
                control++;
            }
        }
        return sample > 0 && control * 100 <= sample;
    }

    static void read(Inspection ctx, ForwardInput in, ArtifactReport.Builder b) throws IOException {
        List<String> lines = sampleLines(in);
        String first = firstNonBlank(lines);
        if (first.startsWith("{") || first.startsWith("\uFEFF{")) {
            JsonArtifactReader.read(ctx, in, b);
        } else if (isConfig(lines)) {
            readConfig(ctx, in, b);
        } else if (allMatch(lines, MAP_LINE, 3)) {
            readSystemMap(ctx, in, b);
        } else if (allMatch(lines, MANIFEST_LINE, 1)) {
            readManifest(ctx, in, b);
        } else {
            b.unknown("text of no known kind");
        }
    }

    /** The complete lines in the head (the last, possibly cut, line only when the head holds everything). */
    private static List<String> sampleLines(ForwardInput in) {
        int n = Math.min(in.headLen(), SAMPLE);
        String text = new String(in.head(), 0, n, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!(in.headIsAll() && n == in.headLen()) || lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        lines.replaceAll(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
        return lines;
    }

    private static String firstNonBlank(List<String> lines) {
        for (String l : lines) {
            if (!l.isBlank()) {
                return l.strip();
            }
        }
        return "";
    }

    private static boolean isConfig(List<String> lines) {
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

    private static boolean allMatch(List<String> lines, Pattern p, int atLeast) {
        int matched = 0;
        for (String l : lines) {
            if (l.isEmpty()) {
                continue;
            }
            if (!p.matcher(l).matches()) {
                return false;
            }
            matched++;
        }
        return matched >= atLeast;
    }

    private static void readConfig(Inspection ctx, ForwardInput in, ArtifactReport.Builder b) throws IOException {
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
        new java.util.TreeMap<>(options).forEach((k, v) -> {
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

    private static void readSystemMap(Inspection ctx, ForwardInput in, ArtifactReport.Builder b) throws IOException {
        LineReader r = new LineReader(in.from(0), ctx.limits.maxLineBytes());
        long symbols = 0;
        int width = 0;
        boolean x64 = false;
        boolean ia32 = false;
        boolean arm64 = false;
        boolean riscv = false;
        boolean s390 = false;
        boolean banner = false;
        String line;
        while ((line = r.next()) != null) {
            Matcher m = MAP_LINE.matcher(line);
            if (!m.lookingAt()) {
                continue;
            }
            symbols++;
            if (width == 0) {
                width = m.group(1).length();
            }
            int sp = line.indexOf(' ', line.indexOf(' ') + 1);
            String sym = sp < 0 ? "" : line.substring(sp + 1);
            x64 |= sym.startsWith("__x64_sys_");
            ia32 |= sym.startsWith("__ia32_sys_");
            arm64 |= sym.startsWith("__arm64_sys_");
            riscv |= sym.startsWith("__riscv_sys_");
            s390 |= sym.startsWith("__s390x_sys_") || sym.startsWith("__s390_sys_");
            banner |= sym.equals("linux_banner");
        }
        b.kind(ArtifactKind.SYSTEM_MAP).format(ImageFormat.SYSTEM_MAP).detail("symbols", Long.toString(symbols))
                .detail("addressBits", Integer.toString(width * 4)).detail("hasLinuxBanner", Boolean.toString(banner));
        // syscall wrapper prefixes name the architecture without doubt; anything else stays unknown
        if (x64) {
            b.arch(Arch.X86_64);
        } else if (ia32 && width == 8) {
            b.arch(Arch.I386);
        } else if (arm64) {
            b.arch(Arch.ARM64);
        } else if (riscv) {
            b.arch(width == 16 ? Arch.RISCV64 : Arch.RISCV32);
        } else if (s390) {
            b.arch(Arch.S390);
        }
    }

    private static void readManifest(Inspection ctx, ForwardInput in, ArtifactReport.Builder b) throws IOException {
        LineReader r = new LineReader(in.from(0), ctx.limits.maxLineBytes());
        Map<String, Integer> archCounts = new HashMap<>();
        long packages = 0;
        int kept = 0;
        String line;
        while ((line = r.next()) != null) {
            String[] f = line.strip().split(" ");
            if (f.length != 3) {
                continue;
            }
            packages++;
            archCounts.merge(f[1], 1, Integer::sum);
            if (kept < ctx.limits.maxManifestPackages()) {
                b.detail("package." + f[0], f[2]);
                kept++;
            }
        }
        b.kind(ArtifactKind.BSP_MANIFEST).format(ImageFormat.YOCTO_MANIFEST).detail("packages", Long.toString(packages));
        if (packages > kept) {
            b.detail("packagesTruncated", "true");
        }
        String top = archCounts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
        b.arch(YoctoArch.fromPackageArch(top));
        b.detail("packageArch", top);
    }

    /** Yocto names for package architectures, mapped only where they settle the CPU architecture. */
    static final class YoctoArch {
        private static final Map<String, Arch> EXACT = new LinkedHashMap<>();

        static {
            EXACT.put("core2-64", Arch.X86_64);
            EXACT.put("corei7-64", Arch.X86_64);
            EXACT.put("x86-64-v3", Arch.X86_64);
            EXACT.put("core2-32", Arch.I386);
            EXACT.put("i586", Arch.I386);
            EXACT.put("i686", Arch.I386);
            EXACT.put("armv8a", Arch.ARM64);
            EXACT.put("armv8-2a", Arch.ARM64);
            EXACT.put("riscv64", Arch.RISCV64);
            EXACT.put("riscv32", Arch.RISCV32);
        }

        private YoctoArch() {
        }

        static Arch fromPackageArch(String packageArch) {
            Arch exact = EXACT.get(packageArch);
            if (exact != null) {
                return exact;
            }
            if (packageArch.startsWith("armv8") || packageArch.startsWith("aarch64")) {
                return Arch.ARM64;
            }
            if (packageArch.startsWith("armv7") || packageArch.startsWith("armv6") || packageArch.startsWith("armv5")) {
                return Arch.ARM;
            }
            return Arch.fromName(packageArch);
        }
    }
}
