package io.cikit.core.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
import org.junit.jupiter.api.Test;

/** The public HTTP API must not expose the JDK client's types, and the rest of cikit must not reach into internals. */
class HttpApiSurfaceTest {
    private static final JavaClasses CORE = importCore();

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

    @Test
    void noPublicSignatureMentionsJavaNetHttp() {
        codeUnits().that().arePublic()
                .and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideInAPackage("io.cikit.core.http")
                .should(new ArchCondition<JavaCodeUnit>("not mention java.net.http types") {
                    @Override
                    public void check(JavaCodeUnit unit, ConditionEvents events) {
                        boolean leaks = isJdkHttp(unit.getRawReturnType())
                                || unit.getRawParameterTypes().stream().anyMatch(HttpApiSurfaceTest::isJdkHttp);
                        events.add(new SimpleConditionEvent(unit, !leaks, unit.getFullName()));
                    }
                })
                .check(CORE);
        fields().that().arePublic().and().areDeclaredInClassesThat().resideInAPackage("io.cikit.core.http")
                .should(new ArchCondition<JavaField>("not be of a java.net.http type") {
                    @Override
                    public void check(JavaField field, ConditionEvents events) {
                        events.add(new SimpleConditionEvent(field, !isJdkHttp(field.getRawType()), field.getFullName()));
                    }
                })
                .check(CORE);
    }

    @Test
    void onlyTheHttpPackageUsesItsInternals() {
        noClasses().that().resideOutsideOfPackages("io.cikit.core.http", "io.cikit.core.http.internal")
                .should().dependOnClassesThat().resideInAPackage("io.cikit.core.http.internal")
                .allowEmptyShould(true)
                .check(CORE);
    }

    private static boolean isJdkHttp(JavaClass type) {
        return type.getPackageName().startsWith("java.net.http");
    }
}
