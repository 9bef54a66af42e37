package io.retailseg.bench;

import io.retailseg.clean.Cleaner;
import io.retailseg.domain.Transactions;
import io.retailseg.evaluate.Ease;
import io.retailseg.evaluate.ImplicitAls;
import io.retailseg.evaluate.PurchaseHistory;
import io.retailseg.evaluate.Recommender;
import io.retailseg.evaluate.RecommenderEvaluation;
import io.retailseg.evaluate.Recommenders;
import io.retailseg.io.TransactionReader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Chooses the defaults of {@link Ease} and {@link ImplicitAls} on a split inside the training period,
 * never on the hold-out: trains on the cleaned lines before {@code 2011-07-01}, validates on
 * {@code 2011-07-01..2011-08-31}, and prints hit rate@10 (NEW_ONLY, then ANY) of every setting over every
 * training customer who bought a new product in the validation window (no segmentation: every customer).
 *
 * <pre>java -cp cli/target/retailseg.jar bench/src/main/java/io/retailseg/bench/RecommenderSweep.java \
 *     /work/shared/data/online_retail.csv.gz</pre>
 */
public final class RecommenderSweep {
    private RecommenderSweep() {
    }

    public static void main(String[] args) {
        Transactions lines = Cleaner.clean(TransactionReader.read(Path.of(args[0]))).lines();
        long trainEnd = LocalDate.parse("2011-07-01").toEpochDay();
        long validationEnd = LocalDate.parse("2011-09-01").toEpochDay();
        Transactions train = lines.select(IntStream.range(0, lines.size())
                .filter(r -> lines.epochDay(r) < trainEnd).toArray());
        Transactions validation = lines.select(IntStream.range(0, lines.size())
                .filter(r -> lines.epochDay(r) >= trainEnd && lines.epochDay(r) < validationEnd).toArray());
        PurchaseHistory history = PurchaseHistory.of(train);
        PurchaseHistory after = PurchaseHistory.of(validation);
        int[] codeRank = train.stockCodes().sortRanks();
        int[] everyone = IntStream.range(0, history.size()).toArray();
        System.out.printf("train %d lines, %d customers, %d products; validation %d lines%n", train.size(),
                history.size(), history.catalogue().length, validation.size());
        report("co_purchase", Recommenders.coPurchase(history, codeRank), history, after, everyone, 0);
        for (double lambda : new double[] {5, 20, 50, 100, 200, 500, 1000}) {
            long t = System.nanoTime();
            Recommender r = Ease.recommender(history, codeRank, lambda);
            report("ease lambda=" + lambda, r, history, after, everyone, t);
        }
        for (int factors : new int[] {32, 64}) {
            for (double alpha : new double[] {1, 5, 20}) {
                for (double lambda : new double[] {1, 10, 100}) {
                    long t = System.nanoTime();
                    Recommender r = ImplicitAls.recommender(history, codeRank,
                            new ImplicitAls.Settings(factors, lambda, alpha, 10), 42, 2);
                    report("als factors=" + factors + " alpha=" + alpha + " lambda=" + lambda, r, history, after,
                            everyone, t);
                }
            }
        }
    }

    private static void report(String setting, Recommender r, PurchaseHistory history, PurchaseHistory after,
                               int[] everyone, long started) {
        long trainMillis = started == 0 ? 0 : (System.nanoTime() - started) / 1_000_000;
        RecommenderEvaluation.Result result = RecommenderEvaluation.evaluate(List.of(r), history, after, everyone,
                new int[] {10});
        RecommenderEvaluation.Score newOnly = result.scores().stream()
                .filter(s -> s.mode() == Recommender.Mode.NEW_ONLY).findFirst().orElseThrow();
        RecommenderEvaluation.Score any = result.scores().stream()
                .filter(s -> s.mode() == Recommender.Mode.ANY).findFirst().orElseThrow();
        System.out.printf("%-40s HR@10 new_only %.4f (%d customers)  any %.4f (%d)  train %d ms%n", setting,
                newOnly.at(10).hitRate(), newOnly.customersEvaluated(), any.at(10).hitRate(),
                any.customersEvaluated(), trainMillis);
    }
}
