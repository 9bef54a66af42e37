package io.retailseg.io;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The hand-written decimal fast path of {@link NumberParsing#parseFiniteDouble} against
 * {@link Double#parseDouble}, on unit prices as the files write them ("2.55", "0.85", "12.75"):
 * nanoseconds per value. (In the same package as {@link NumberParsing}, which is package-private.)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NumberParsingBenchmark {
    private static final int VALUES = 4096;
    private final String[] prices = new String[VALUES];
    private final char[][] priceChars = new char[VALUES][];

    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < VALUES; i++) {
            int cents = 1 + r.nextInt(r.nextInt(10) == 0 ? 100_000 : 2_000);
            prices[i] = cents % 100 == 0 ? Integer.toString(cents / 100)
                    : cents % 10 == 0 ? (cents / 100) + "." + (cents % 100 / 10)
                    : String.format(java.util.Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
            priceChars[i] = prices[i].toCharArray();
        }
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void numbersFastPath(Blackhole bh) {
        for (String p : prices) {
            bh.consume(NumberParsing.parseFiniteDouble(p));
        }
    }

    /** The same prices as characters, as CSV ingest parses them from FastCSV's buffer. */
    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void numbersFastPathFromChars(Blackhole bh) {
        for (char[] p : priceChars) {
            bh.consume(NumberParsing.parseFiniteDouble(p, 0, p.length));
        }
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void doubleParseDouble(Blackhole bh) {
        for (String p : prices) {
            bh.consume(Double.parseDouble(p));
        }
    }
}
