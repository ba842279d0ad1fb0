package io.cikit.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What hosts see of ci-core: no public signature shows an {@code internal} type or the JDK HTTP client, some
 * packages also keep other transport and parser types out, and an area's internals are used by that area only.
 */
class ApiSurfaceTest {
    private static final JavaClasses CORE = importCore();

    /** Types a package's public API must not show beyond the rules for every package. */
    private static final Map<String, List<String>> ALSO_HIDDEN = Map.of(
            "io.cikit.core.notify", List.of("java.nio.channels", "com.fasterxml.jackson"));

    private static JavaClasses importCore() {
        // resolving every referenced library class is what makes imports slow; names are all these rules need
        ArchConfiguration config = ArchConfiguration.get();
        boolean resolve = config.resolveMissingDependenciesFromClassPath();
        config.setResolveMissingDependenciesFromClassPath(false);
        try {
            return new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("io.cikit.core");
        } finally {
            config.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }

    static Stream<String> publicPackages() {
        return packages(p -> !isInternal(p));
    }

    static Stream<String> areaInternals() {
        return packages(p -> p.endsWith(".internal") && !p.equals("io.cikit.core.internal"));
    }

    private static Stream<String> packages(Predicate<String> which) {
        Set<String> names = new TreeSet<>();
        CORE.forEach(c -> names.add(c.getPackageName()));
        return names.stream().filter(which);
    }

    @Test
    void theRulesSeeTheWholeCore() {
        assertThat(publicPackages()).contains("io.cikit.core.http", "io.cikit.core.notify", "io.cikit.core.webhook");
        assertThat(areaInternals()).contains("io.cikit.core.http.internal", "io.cikit.core.notify.internal");
    }

    @ParameterizedTest
    @MethodSource("publicPackages")
    void noPublicSignatureShowsAHiddenType(String pkg) {
        Predicate<JavaClass> hidden = hiddenIn(pkg);
        codeUnits().that().arePublic()
                .and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideInAPackage(pkg)
                .should(new ArchCondition<JavaCodeUnit>("show no internal or transport type") {
                    @Override
                    public void check(JavaCodeUnit unit, ConditionEvents events) {
                        boolean leaks = hidden.test(unit.getRawReturnType())
                                || unit.getRawParameterTypes().stream().anyMatch(hidden);
                        events.add(new SimpleConditionEvent(unit, !leaks, unit.getFullName()));
                    }
                })
                .allowEmptyShould(true)
                .check(CORE);
        fields().that().arePublic()
                .and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideInAPackage(pkg)
                .should(new ArchCondition<JavaField>("not be of an internal or transport type") {
                    @Override
                    public void check(JavaField field, ConditionEvents events) {
                        events.add(new SimpleConditionEvent(field, !hidden.test(field.getRawType()), field.getFullName()));
                    }
                })
                .allowEmptyShould(true)
                .check(CORE);
    }

    @ParameterizedTest
    @MethodSource("areaInternals")
    void onlyItsOwnAreaUsesAnInternalPackage(String internal) {
        String area = internal.substring(0, internal.length() - ".internal".length());
        noClasses().that().resideOutsideOfPackages(area, internal + "..")
                .should().dependOnClassesThat().resideInAPackage(internal)
                .allowEmptyShould(true)
                .check(CORE);
    }

    private static Predicate<JavaClass> hiddenIn(String pkg) {
        List<String> extra = ALSO_HIDDEN.getOrDefault(pkg, List.of());
        return type -> {
            String p = type.getPackageName();
            return isInternal(p) || p.startsWith("java.net.http") || extra.stream().anyMatch(p::startsWith);
        };
    }

    private static boolean isInternal(String pkg) {
        return pkg.endsWith(".internal") || pkg.contains(".internal.");
    }
}
