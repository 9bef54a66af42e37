package io.retailseg.pipeline;

import io.retailseg.domain.Transactions;
import io.retailseg.features.CustomerGroups;
import java.util.function.Supplier;

/**
 * The cleaned lines' customer groups, made once by whichever stage asks first and shared by the others
 * (features, customer value, the recommender's fit, the best sellers): usually the recommender's fit
 * thread, while the main thread profiles the data. At 100 M generated lines one grouping took about
 * 1.2 s of CPU, and each of the four stages made its own.
 */
final class SharedGroups implements Supplier<CustomerGroups> {
    private final Transactions lines;
    private CustomerGroups groups;

    SharedGroups(Transactions lines) {
        this.lines = lines;
    }

    /** The groups; a caller that comes while another thread makes them waits for them. */
    @Override
    public synchronized CustomerGroups get() {
        if (groups == null) {
            groups = CustomerGroups.of(lines);
        }
        return groups;
    }
}
