package io.cikit.core.artifact.internal;

import io.cikit.core.artifact.Arch;
import io.cikit.core.artifact.ArtifactKind;
import io.cikit.core.artifact.ArtifactReport;
import io.cikit.core.artifact.ImageFormat;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code System.map} (symbol count, address width, arch only from syscall wrapper prefixes) and Yocto image
 * manifests ({@code <package> <arch> <version>} lines: packages into details, the most common package arch).
 */
final class SymbolListReaders {
    static final Pattern MAP_LINE = Pattern.compile("([0-9a-fA-F]{8}|[0-9a-fA-F]{16}) [A-Za-z?] \\S+");
    static final Pattern MANIFEST_LINE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9+._-]* [A-Za-z0-9_.-]+ \\S*\\d\\S*");

    private SymbolListReaders() {
    }

    static void readSystemMap(Inspection ctx, ForwardInput in, ArtifactReport.Builder b) throws IOException {
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

    static void readManifest(Inspection ctx, ForwardInput in, ArtifactReport.Builder b) throws IOException {
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
