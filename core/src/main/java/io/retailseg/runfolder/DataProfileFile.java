package io.retailseg.runfolder;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.retailseg.domain.Column;
import io.retailseg.explore.DataProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code data_profile.json}: the {@link DataProfile} of a run as the file lays it out (missing values as
 * a map by column, amounts in GBP).
 *
 * @param runId the run's id when the writer knew it
 * @param missingValues lines with the field missing, per input column, in {@link Column} order
 */
public record DataProfileFile(String format, int formatVersion,
                              @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> runId,
                              long rowsRead, Map<String, Long> missingValues, long cleanedLines, String firstDay,
                              String lastDay, DataProfile.Cancellations cancellations,
                              List<DataProfile.CountryCount> countries, List<DataProfile.StockCodeCount> topStockCodes,
                              List<DataProfile.MonthRevenue> monthlyRevenue) {
    public static final String FORMAT = "retailseg-data-profile";
    public static final int FORMAT_VERSION = 1;

    public DataProfileFile {
        missingValues = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(missingValues));
        countries = List.copyOf(countries);
        topStockCodes = List.copyOf(topStockCodes);
        monthlyRevenue = List.copyOf(monthlyRevenue);
    }

    /** The file of {@code p}. */
    public static DataProfileFile of(Optional<String> runId, DataProfile p) {
        Map<String, Long> missing = new LinkedHashMap<>();
        p.missing().forEach(m -> missing.put(m.column(), m.missing()));
        return new DataProfileFile(FORMAT, FORMAT_VERSION, runId, p.rowsRead(), missing, p.cleanedLines(),
                p.firstDay(), p.lastDay(), p.cancellations(), p.countries(), p.stockCodes(), p.months());
    }

    /** Reads {@code file}; errors name it as {@code name}. */
    public static DataProfileFile read(Path file, String name) {
        DataProfileFile f = RunJson.read(file, name, DataProfileFile.class, FORMAT, FORMAT_VERSION);
        for (Column c : Column.values()) {
            if (f.missingValues.get(c.canonicalName()) == null) {
                throw new io.retailseg.InputException(name, 0, "missing_values." + c.canonicalName(),
                        "expected a value, found none");
            }
        }
        return f;
    }

    /** The profile, one missing-values entry per {@link Column}. */
    public DataProfile profile() {
        List<DataProfile.ColumnMissing> missing = new ArrayList<>();
        for (Column c : Column.values()) {
            missing.add(new DataProfile.ColumnMissing(c.canonicalName(), missingValues.get(c.canonicalName())));
        }
        return new DataProfile(rowsRead, missing, cleanedLines, firstDay, lastDay, cancellations, countries,
                topStockCodes, monthlyRevenue);
    }
}
