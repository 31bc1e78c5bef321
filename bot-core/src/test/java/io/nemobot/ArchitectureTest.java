package io.nemobot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.nemobot.core.BotCore;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layering honest: the core knows no chat SDK, only the backend client speaks OkHttp, the
 * backend's wire format (Gson trees, OkHttp types) stays inside {@code io.nemobot.nemo}, and no two
 * packages depend on each other.
 */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.nemobot");
    /** This module's main classes only (the simulator on the test classpath also lives under io.nemobot). */
    private static final JavaClasses BOT_CORE = new ClassFileImporter()
            .importUrl(BotCore.class.getProtectionDomain().getCodeSource().getLocation());

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
    void onlyTheBackendClientReadsJson() {
        noClasses().that().resideOutsideOfPackage("io.nemobot.nemo..")
                .should().dependOnClassesThat().resideInAPackage("com.google.gson..").check(BOT_CORE);
    }

    @Test
    void theBackendClientsPublicApiShowsNoWireTypes() {
        codeUnits().that().arePublic().and().areDeclaredInClassesThat().resideInAPackage("io.nemobot.nemo..")
                .and().areDeclaredInClassesThat().arePublic()
                .should(exposeNoTypeFrom("okhttp3.", "okio.", "com.google.gson."))
                .check(BOT_CORE);
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

    /**
     * The packages form layers, each findable by its name: conversation (the flow) over recovery, render,
     * upload, session, reply and words, over the ports and the backend client. A cycle would make two
     * packages one in all but name.
     */
    @Test
    void thePackagesHaveNoCycles() {
        slices().matching("io.nemobot.(*)..").should().beFreeOfCycles().check(BOT_CORE);
    }

    /** No parameter, return, thrown or type-argument type from the given packages. */
    private static ArchCondition<JavaCodeUnit> exposeNoTypeFrom(String... packagePrefixes) {
        return new ArchCondition<>("expose no type from " + String.join(", ", packagePrefixes)) {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                for (JavaClass type : unit.getAllInvolvedRawTypes()) {
                    for (String prefix : packagePrefixes) {
                        if (type.getName().startsWith(prefix)) {
                            events.add(SimpleConditionEvent.violated(unit,
                                    unit.getFullName() + " exposes " + type.getName()));
                        }
                    }
                }
            }
        };
    }
}
