package io.nemobot.discord;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The adapter stays thin: it talks to the core only through the chat ports and the settings. */
class LayeringTest {
    static final JavaClasses ADAPTER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.nemobot.discord");

    @Test
    void theAdapterUsesOnlyTheCoresPortsAndSettings() {
        noClasses().should().dependOnClassesThat(resideInAPackage("io.nemobot..")
                .and(resideOutsideOfPackages("io.nemobot.chat..", "io.nemobot.config..", "io.nemobot.discord..")))
                .check(ADAPTER);
    }

    @Test
    void jdaInternalsAreNotUsed() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("net.dv8tion.jda.internal..").check(ADAPTER);
    }
}
