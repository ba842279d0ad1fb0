package io.cikit.core.notify;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/** The notify API shows neither its internals nor transport types, and nobody else reaches into its internals. */
class NotifyApiSurfaceTest {
    private static final JavaClasses CORE = importCore();

    private static JavaClasses importCore() {
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

    @Test
    void noPublicSignatureMentionsAnInternalOrTransportType() {
        codeUnits().that().arePublic()
                .and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideInAPackage("io.cikit.core.notify")
                .should(new ArchCondition<JavaCodeUnit>("mention no internal, java.net.http, java.nio.channels or Jackson type") {
                    @Override
                    public void check(JavaCodeUnit unit, ConditionEvents events) {
                        boolean leaks = hidden(unit.getRawReturnType())
                                || unit.getRawParameterTypes().stream().anyMatch(NotifyApiSurfaceTest::hidden);
                        events.add(new SimpleConditionEvent(unit, !leaks, unit.getFullName()));
                    }
                })
                .check(CORE);
    }

    @Test
    void onlyTheNotifyPackageUsesItsInternals() {
        noClasses().that().resideOutsideOfPackages("io.cikit.core.notify", "io.cikit.core.notify.internal")
                .should().dependOnClassesThat().resideInAPackage("io.cikit.core.notify.internal")
                .allowEmptyShould(true)
                .check(CORE);
    }

    private static boolean hidden(JavaClass type) {
        String p = type.getPackageName();
        return p.equals("io.cikit.core.notify.internal") || p.startsWith("java.net.http") || p.startsWith("java.nio.channels")
                || p.startsWith("com.fasterxml.jackson");
    }
}
