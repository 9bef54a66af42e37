package io.retailseg.report;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * One way to a report: it is drawn from a run folder's files only, never from a {@code RunResult} in
 * memory, so {@code retailseg run} and {@code retailseg report --run} cannot draw different reports.
 */
class ReportArchitectureTest {
    private static final JavaClasses REPORT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.retailseg.report");

    @Test
    void theReportReadsRunFilesNotThePipeline() {
        noClasses().that().resideInAPackage("io.retailseg.report..")
                .should().dependOnClassesThat().resideInAnyPackage("io.retailseg.pipeline..", "io.retailseg.clean..",
                        "io.retailseg.features..", "io.retailseg.io..", "io.retailseg.model..")
                .check(REPORT);
    }

    /** The run's files are read through the run-folder codec only ({@code runfolder.RunJson}, {@code RunCsv}). */
    @Test
    void theReportReadsRunFilesThroughTheCodecOnly() {
        noClasses().that().resideInAPackage("io.retailseg.report..")
                .should().dependOnClassesThat().resideInAPackage("de.siegmar.fastcsv..")
                .orShould().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching("read(Value|Tree)")))
                .check(REPORT);
    }
}
