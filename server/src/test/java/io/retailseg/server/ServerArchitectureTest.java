package io.retailseg.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The server reads a run folder through the run-folder codec only ({@code runfolder.RunFolderReader},
 * {@code RunJson}, {@code RunCsv}, {@code model.ModelCodec}): no CSV parsing and no file reading of its own,
 * so it cannot read a file differently from the report or the command line.
 */
class ServerArchitectureTest {
    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.retailseg.server");

    @Test
    void theServerReadsRunFilesThroughTheCodecOnly() {
        // OpenApiFile writes the build's copy of /openapi.json (for the generated client) and reads nothing
        noClasses().that().resideInAPackage("io.retailseg.server..")
                .and().doNotHaveFullyQualifiedName(OpenApiFile.class.getName())
                .should().dependOnClassesThat().resideInAPackage("de.siegmar.fastcsv..")
                .orShould().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                                com.tngtech.archunit.core.domain.properties.HasName.Predicates.name(
                                        "java.nio.file.Files"))))
                .check(SERVER);
    }
}
