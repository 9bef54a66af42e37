package io.retailseg.bench;

import io.retailseg.clv.BgNbd;
import io.retailseg.clv.CustomerValue;
import io.retailseg.clv.GammaGamma;
import io.retailseg.clv.RepeatHistory;
import io.retailseg.clv.SimulatedHistories;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fitting the customer-value models (issue 16's target: BG/NBD on 1 M customers in under 30 s): customers
 * simulated from BG/NBD with the real file's parameters (r = 0.82, alpha = 69 days, a = 0.5, b = 5, so that
 * drop-outs are seen) and Gamma-Gamma (p = 2.28, q = 3.40, gamma = 432), joining over two years and
 * observed to the end of the second, in whole days as purchase days are counted. Each fit is timed whole
 * (single shot): the maximum-likelihood search with its restarts and the standard errors.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class CustomerValueBenchmark {
    @Param("1000000")
    int customers;

    List<RepeatHistory> histories;

    @Setup
    public void setUp() {
        histories = SimulatedHistories.of(new BgNbd(0.82, 69, 0.5, 5), new GammaGamma(2.28, 3.40, 432), customers,
                730, 730, true, Inputs.SEED);
    }

    @Benchmark
    public CustomerValue.Fit<BgNbd> fitBgNbd() {
        return CustomerValue.fitBgNbd(histories);
    }

    @Benchmark
    public CustomerValue.Fit<GammaGamma> fitGammaGamma() {
        return CustomerValue.fitGammaGamma(histories);
    }
}
