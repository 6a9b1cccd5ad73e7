package io.paddock;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The shape of Paddock's code, as the README's Architecture section draws it, checked on the compiled main
 * classes: dependencies between top-level packages point one way, the provisioning layer knows no feature,
 * the environment core knows none of the features built on it, and no class grows past what one reader holds.
 */
class ArchitectureTest {

    /** The packages that are an API feature or the work done for one. */
    private static final String[] FEATURES = { "io.paddock.environments..", "io.paddock.cron..", "io.paddock.scaling..",
            "io.paddock.containers..", "io.paddock.volumes..", "io.paddock.reconcile..", "io.paddock.catalog..",
            "io.paddock.auth..", "io.paddock.audit..", "io.paddock.events..", "io.paddock.operations..",
            "io.paddock.variables..", "io.paddock.operate.." };

    private static final int MOST_LINES = 450;

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.paddock");

    @Test
    void topLevelPackagesHaveNoCycles() {
        slices().matching("io.paddock.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void provisioningImportsNoFeature() {
        noClasses().that().resideInAPackage("io.paddock.provisioning..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .because("the ports take provisioning's own description of what to run, mapped in ProvisioningPlans")
                .check(MAIN);
    }

    @Test
    void theEnvironmentCoreImportsNoFeatureBuiltOnIt() {
        noClasses().that().resideInAPackage("io.paddock.environments..")
                .should().dependOnClassesThat().resideInAnyPackage("io.paddock.cron..", "io.paddock.scaling..",
                        "io.paddock.containers..", "io.paddock.volumes..", "io.paddock.reconcile..", "io.paddock.operations..")
                .because("features change an environment through the core; the core reaches them through interfaces")
                .check(MAIN);
    }

    @Test
    void thePlumbingBelowTheFeaturesImportsNoneOfThem() {
        noClasses().that().resideInAnyPackage("io.paddock.web..", "io.paddock.errors..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .check(MAIN);
        noClasses().that().resideInAPackage("io.paddock.errors..")
                .should().dependOnClassesThat().resideInAPackage("io.paddock.web..")
                .check(MAIN);
    }

    @Test
    void noMainClassIsLongerThan450Lines() throws IOException {
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            List<String> tooLong = sources
                    .filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> lines(path) > MOST_LINES)
                    .map(path -> path + " (" + lines(path) + " lines)")
                    .toList();
            assertThat(tooLong).as("main classes over " + MOST_LINES + " lines").isEmpty();
        }
    }

    private static long lines(Path path) {
        try (Stream<String> lines = Files.lines(path)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
