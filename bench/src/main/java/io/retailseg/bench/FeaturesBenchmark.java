package io.retailseg.bench;

import io.retailseg.clean.Cleaner;
import io.retailseg.clv.RepeatHistories;
import io.retailseg.config.Compat;
import io.retailseg.domain.CustomerTable;
import io.retailseg.domain.Transactions;
import io.retailseg.domain.WorkProgress;
import io.retailseg.features.CustomerGroups;
import io.retailseg.features.FeatureExtractor;
import io.retailseg.io.TransactionReader;
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

/** Cleaning, the per-customer feature aggregation (15 features) and the customer-value histories of a generated file's lines. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class FeaturesBenchmark {
    @Param("1000000")
    int lines;

    Transactions raw;
    Transactions clean;
    CustomerGroups groups;
    long lastDay;

    @Setup
    public void setUp() {
        raw = TransactionReader.read(Inputs.generatedFile(lines));
        clean = Cleaner.clean(raw).lines();
        groups = CustomerGroups.of(clean);
        lastDay = FeatureExtractor.lastDay(clean);
    }

    /** The customer-value models' input: each customer's purchase days and spend, on all threads. */
    @Benchmark
    public RepeatHistories.Result histories() {
        return RepeatHistories.of(clean, groups, lastDay, Inputs.THREADS);
    }

    /** As {@link #histories()}, on one thread. */
    @Benchmark
    public RepeatHistories.Result historiesOneThread() {
        return RepeatHistories.of(clean, groups, lastDay, 1);
    }

    /** Cleaning as a run does it, on all threads (the duplicates' parts are shared among them). */
    @Benchmark
    public Cleaner.Result clean() {
        return Cleaner.clean(raw, Inputs.THREADS, WorkProgress.NONE);
    }

    /** Cleaning on one thread, as before issue 15 shared the duplicates' parts. */
    @Benchmark
    public Cleaner.Result cleanOneThread() {
        return Cleaner.clean(raw, 1, WorkProgress.NONE);
    }

    @Benchmark
    public CustomerTable features() {
        return FeatureExtractor.extract(clean, Compat.SPEC);
    }
}
