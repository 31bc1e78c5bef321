package io.nemobot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the layering honest: the core knows no chat SDK, and only the backend client speaks OkHttp. */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.nemobot");

    @Test
    void theCoreNeverImportsAChatSdkOrAnAdapter() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("net.dv8tion..", "com.slack..",
                "io.nemobot.discord..", "io.nemobot.slack..", "io.nemobot.app..").check(CORE);
    }

    @Test
    void onlyTheBackendClientAndTheWiringUseOkHttp() {
        noClasses().that().resideOutsideOfPackages("io.nemobot.nemo..", "io.nemobot.core..")
                .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "okio..").check(CORE);
    }

    @Test
    void onlyTheMetricsPackageKnowsMicrometer() {
        noClasses().that().resideOutsideOfPackages("io.nemobot.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..", "io.prometheus..").check(CORE);
    }

    @Test
    void theChatPortsDependOnNothingButTheJdk() {
        noClasses().that().resideInAPackage("io.nemobot.chat..").should().dependOnClassesThat()
                .resideOutsideOfPackages("io.nemobot.chat..", "java..").check(CORE);
    }
}
