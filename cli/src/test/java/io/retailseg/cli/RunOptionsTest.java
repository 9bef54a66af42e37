package io.retailseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.retailseg.config.RunConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The pipeline options take their defaults from {@link RunConfig#defaults()}, and {@code --help} shows them. */
class RunOptionsTest {
    private static final List<List<String>> COMMANDS = List.of(
            List.of("run", "--input", "in.csv", "--out", "out"),
            List.of("demo"),
            List.of("evaluate", "--input", "in.csv", "--out", "out"));

    @Test
    void withNoOptionGivenTheConfigurationIsRunConfigDefaults() {
        for (List<String> args : COMMANDS) {
            CommandLine cl = Main.commandLine();
            List<CommandLine> parsed = cl.parseArgs(args.toArray(String[]::new)).asCommandLineList();
            CommandLine sub = parsed.get(parsed.size() - 1);
            RunOptions options = (RunOptions) sub.getCommandSpec().mixins().get("options").userObject();
            assertThat(options.config()).as(args.get(0)).isEqualTo(RunConfig.defaults());
        }
    }

    @Test
    void everyPipelineOptionHasItsDefaultFromRunConfig() {
        CommandLine run = Main.commandLine().getSubcommands().get("run");
        Set<String> withDefaults = run.getCommandSpec().mixins().get("options").options().stream()
                .map(OptionSpec::longestName)
                // --recommender's default depends on --compat (hybrid, or segment-best-sellers with notebook):
                // a fixed default value would override that, so its description states it instead
                .filter(name -> !Set.of("--threads", "--quiet", "--verbose", "--recommender").contains(name))
                .collect(Collectors.toSet());
        assertThat(RunOptions.Defaults.VALUES.keySet()).isEqualTo(withDefaults);
    }

    @Test
    void helpShowsTheDefaults() {
        for (String command : List.of("run", "demo", "evaluate")) {
            StringWriter out = new StringWriter();
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out, true));
            assertThat(cl.execute(command, "--help")).isZero();
            String help = out.toString().replaceAll("\\s+", " ");
            RunConfig d = RunConfig.defaults();
            assertThat(help).as(command).contains(
                    "(default: auto)", "(default: " + d.kMin() + ")", "(default: " + d.kMax() + ")",
                    "(default: " + d.seed() + ")", "(default: spec)", "(default: " + d.contamination() + ")",
                    "(default: " + d.pcaComponents() + ")", "(default: " + d.kmeansRestarts() + ")",
                    "(default: " + d.topProducts() + ")", "(default: " + d.recommendationsPerCustomer() + ")",
                    "(default: quantity)", "(default: " + d.silhouetteSampleSize() + ")",
                    "(default: " + d.horizonDays() + ")", "10% a year (default: " + d.discountRate() + ")");
            assertThat(help).doesNotContain("(default: null)");
        }
    }

    @Test
    void theCustomerValueOptionsAreCheckedWithTheirNames() {
        CliTest.Outcome zero = CliTest.execute("run", "--input", "x.csv", "--out", "o", "--horizon-days", "0");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("horizonDays must be in 1..3650, was 0").doesNotContain("Exception");
        CliTest.Outcome negative = CliTest.execute("run", "--input", "x.csv", "--out", "o", "--discount-rate", "-0.1");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).contains("discountRate must be in [0, 10), was -0.1");
        CliTest.Outcome text = CliTest.execute("run", "--input", "x.csv", "--out", "o", "--horizon-days", "soon");
        assertThat(text.exitCode()).isEqualTo(2);
        assertThat(text.err()).contains("--horizon-days");
    }
}
