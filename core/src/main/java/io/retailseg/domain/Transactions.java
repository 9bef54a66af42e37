package io.retailseg.domain;

import io.retailseg.Interleaved;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Objects;

/**
 * Transaction lines held column by column in primitive arrays, strings dictionary-encoded.
 *
 * <p>Times are local date-times of the source (no time zone) stored as seconds since
 * 1970-01-01T00:00 read as UTC. A missing CustomerID is {@link #MISSING_CUSTOMER}; a missing
 * Description is the code {@link #MISSING_DESCRIPTION}.
 *
 * <p>Memory: {@value #BYTES_PER_LINE} bytes a line plus the dictionaries (up to 30 when stock codes,
 * descriptions or prices have more than 65,534 distinct values). Invoice, stock code and description are
 * codes into string dictionaries, the unit price a code into the distinct prices (these three codes take 2
 * bytes while their dictionaries are that small, else 4), the customer a code into the
 * distinct customer ids, the time seconds from 2000-01-01T00:00 as an int (so every line must lie
 * from {@link #FIRST_DAY} to {@link #LAST_DAY}, a fixed window: a refused date is the line's own fault). Columns are stored in chunks of 2^{@value #CHUNK_SHIFT} lines, so growing
 * never copies the lines read so far (no 2x peak) and nothing is trimmed at the end.
 *
 * <p>A table read for a run may hold only the lines cleaning's first step keeps: those without CustomerID or
 * Description are then counted, not stored ({@link #incomplete()}, {@link Builder#Builder(boolean)}), their
 * values still encoded into the dictionaries so that every code is the same.
 *
 * <p>Instances are immutable once built: the storage is owned by the instance and never exposed for
 * writing. Build with {@link Builder}; {@link #select(int[])} derives a subset as a view (the line
 * indices only, 4 bytes a selected line), sharing the storage instead of copying it.
 */
public final class Transactions {
    /** Earliest InvoiceDate accepted (the window's width is what an int of seconds holds around 2000). */
    public static final java.time.LocalDate FIRST_DAY = java.time.LocalDate.of(1932, 1, 1);
    /** Latest InvoiceDate accepted (the whole day). */
    public static final java.time.LocalDate LAST_DAY = java.time.LocalDate.of(2067, 12, 31);
    private static final long TIME_BASE = LocalDateTime.of(2000, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long FIRST_TIME = FIRST_DAY.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    private static final long LAST_TIME = LAST_DAY.plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC) - 1;

    /** CustomerID value of a line without customer. */
    public static final long MISSING_CUSTOMER = Long.MIN_VALUE;
    /** Description code of a line without description. */
    public static final int MISSING_DESCRIPTION = -1;
    /** Customer code of a line without customer (see {@link #customerCode(int)}). */
    public static final int MISSING_CUSTOMER_CODE = -1;
    /**
     * Bytes of storage per line: four 4-byte columns (invoice, quantity, time, customer), three codes of 2 bytes
     * (stock code, description, price; 4 bytes once their dictionaries pass 65,534 values) and a 2-byte
     * country code.
     */
    public static final int BYTES_PER_LINE = 4 * Integer.BYTES + 3 * Character.BYTES + Short.BYTES;

    /**
     * 2^16 lines a chunk: a chunk of ints is 256 KB, below half of G1's smallest region (1 MB), so
     * no chunk is a "humongous" object (those take whole regions: a 4 MB chunk took two 4 MB regions,
     * doubling the heap the columns need).
     */
    static final int CHUNK_SHIFT = 16;
    private static final int CHUNK = 1 << CHUNK_SHIFT;
    private static final int MASK = CHUNK - 1;
    private static final int FIRST_CHUNK = 16;

    private final int size;
    /** Storage index of each line, or null when line i is storage index i. */
    private final int[] rows;
    /** New description code of each stored code, or null when unchanged. */
    private final int[] descriptionRecode;
    private final Storage storage;
    private final StringDictionary descriptions;
    /** The lines read but not stored (a table as read only; views and compacted tables have none). */
    private final IncompleteLines incomplete;

    private Transactions(int size, int[] rows, int[] descriptionRecode, Storage storage,
                         StringDictionary descriptions, IncompleteLines incomplete) {
        this.size = size;
        this.rows = rows;
        this.descriptionRecode = descriptionRecode;
        this.storage = storage;
        this.descriptions = descriptions;
        this.incomplete = incomplete;
    }

    private int at(int row) {
        Objects.checkIndex(row, size);
        return rows == null ? row : rows[row];
    }

    /** Lines stored (those {@link #incomplete()} counts aside). */
    public int size() { return size; }

    /**
     * The lines read without CustomerID or Description that were counted, not stored
     * ({@link Builder#Builder(boolean)}); {@link IncompleteLines#NONE} for a table storing every line, and for
     * every view or compacted table (they hold stored lines only).
     */
    public IncompleteLines incomplete() { return incomplete; }

    /** The code of row {@code row}'s UnitPrice in the table's prices (first appearance order), for tests. */
    int priceCode(int row) { return storage.price.get(at(row)); }

    /** Bits a line of the stock code, description and price codes (16 or 32 each), for tests and memory notes. */
    int[] codeBits() {
        return new int[] {storage.stockCode.isNarrow() ? 16 : 32, storage.description.isNarrow() ? 16 : 32,
                storage.price.isNarrow() ? 16 : 32};
    }

    /** Lines read: those stored and those {@link #incomplete()} counted. */
    public long linesRead() { return size + incomplete.lines(); }

    public int invoice(int row) { return Storage.get(storage.invoice, at(row)); }

    public int stockCode(int row) { return storage.stockCode.get(at(row)); }

    public int description(int row) {
        int code = storage.description.get(at(row));
        return descriptionRecode == null || code == MISSING_DESCRIPTION ? code : descriptionRecode[code];
    }

    public int quantity(int row) { return Storage.get(storage.quantity, at(row)); }

    public long epochSecond(int row) { return storage.timeBase + Storage.get(storage.time, at(row)); }

    public double unitPrice(int row) { return storage.prices.value(storage.price.get(at(row))); }

    public long customerId(int row) {
        int code = customerCode(row);
        return code == MISSING_CUSTOMER_CODE ? MISSING_CUSTOMER : storage.customers.value(code);
    }

    /**
     * The line's customer as a dense code (0 .. {@link #customerCodeCount()} - 1, in order of first
     * appearance in the file), or {@link #MISSING_CUSTOMER_CODE}: lets per-customer work use arrays
     * instead of maps.
     */
    public int customerCode(int row) { return Storage.get(storage.customer, at(row)); }

    /** Number of distinct customer codes of the storage (a subset may use fewer of them). */
    public int customerCodeCount() { return storage.customers.size(); }

    /** The CustomerID behind a customer code. */
    public long customerIdOfCode(int code) { return storage.customers.value(code); }

    public int country(int row) {
        int i = at(row);
        return storage.country[i >>> CHUNK_SHIFT][i & MASK];
    }

    public StringDictionary invoices() { return storage.invoices; }

    public StringDictionary stockCodes() { return storage.stockCodes; }

    public StringDictionary descriptions() { return descriptions; }

    public StringDictionary countries() { return storage.countries; }

    /** The lines of the source skipped while reading ({@code --on-bad-lines skip}); the same for every view. */
    public BadLines badLines() { return storage.badLines; }

    public String invoiceText(int row) { return storage.invoices.decode(invoice(row)); }

    public String stockCodeText(int row) { return storage.stockCodes.decode(stockCode(row)); }

    /** The description, or {@code null} when the line has none. */
    public String descriptionText(int row) {
        int code = description(row);
        return code == MISSING_DESCRIPTION ? null : descriptions.decode(code);
    }

    public String countryText(int row) { return storage.countries.decode(country(row)); }

    public LocalDateTime invoiceDate(int row) {
        return LocalDateTime.ofEpochSecond(epochSecond(row), 0, ZoneOffset.UTC);
    }

    /** Epoch day (days since 1970-01-01) of the line's calendar date. */
    public long epochDay(int row) {
        return Math.floorDiv(epochSecond(row), 86_400L);
    }

    /**
     * The lines at {@code rows} (in that order), sharing this instance's storage and dictionaries,
     * with descriptions re-coded through {@code descriptionRecode} when not null (code to new code in
     * {@code newDescriptions}). A view: costs the array of indices, not a copy of the lines. The
     * view takes {@code rows} over (no copy, to keep the peak low on 100 M lines): the caller must
     * not change it afterwards.
     */
    public Transactions select(int[] rows, int[] descriptionRecode, StringDictionary newDescriptions) {
        return select(rows, rows.length, descriptionRecode, newDescriptions);
    }

    /**
     * As {@link #select(int[], int[], StringDictionary)}, the lines at {@code rows[0..count)}: a caller that
     * compacted its row list in place hands it over as it is, without a trimmed copy (at 100 M generated
     * lines such a copy was 292 MB beside the list, at the cleaning's peak of memory).
     */
    public Transactions select(int[] rows, int count, int[] descriptionRecode, StringDictionary newDescriptions) {
        Objects.checkFromIndexSize(0, count, rows.length);
        int[] stored = this.rows == null ? rows : new int[count];
        for (int i = 0; i < count; i++) {
            stored[i] = at(rows[i]);
        }
        int[] recode = this.descriptionRecode;
        StringDictionary dictionary = descriptions;
        if (descriptionRecode != null) {
            if (recode == null) {
                recode = descriptionRecode.clone();
            } else {
                int[] composed = new int[recode.length];
                for (int c = 0; c < recode.length; c++) {
                    composed[c] = descriptionRecode[recode[c]];
                }
                recode = composed;
            }
            dictionary = newDescriptions;
        }
        return new Transactions(count, stored, recode, storage, dictionary, IncompleteLines.NONE);
    }

    /** The lines at {@code rows}, in that order, sharing this instance's storage and dictionaries. */
    public Transactions select(int[] rows) {
        return select(rows, null, null);
    }

    /**
     * The same lines, in order, in storage of their own (dictionaries shared, descriptions re-coded once),
     * <em>giving up the storage this view was selected from</em>. Afterwards the table this view came from
     * and every view of it, this one included, must not be used: their columns are gone (an access fails
     * with a {@link NullPointerException}). When the view's lines come in storage order (as
     * {@link io.retailseg.clean.Cleaner}'s do), each line moves down within the same chunks (a line never
     * moves up, so none is overwritten before it moves) and the chunks past the last line are dropped: no
     * column is allocated. Otherwise the lines are copied and the old chunks dropped at the end. Not a
     * view: this instance itself.
     *
     * <p>At 100 M generated lines the cleaned lines are 73 M: they hold 2.2 GB where the storage and the
     * view's index held 3.3 GB, and every later pass reads the columns in order, without the index.
     */
    public Transactions compactReleasing() {
        return compactReleasing(1);
    }

    /**
     * As {@link #compactReleasing()}, the columns moved on up to {@code threads} threads: each column is moved
     * whole by one thread, in line order, so the result is the same for any thread count. At 100 M generated
     * lines the move took 1 to 1.7 s on one core.
     */
    public Transactions compactReleasing(int threads) {
        if (rows == null && descriptionRecode == null) {
            return this;
        }
        boolean ordered = true;
        for (int i = 1; i < size && ordered; i++) {
            ordered = at(i - 1) < at(i);
        }
        Storage target = ordered ? storage : new Storage(storage);
        if (!ordered) {
            for (int i = 0; i < size; i++) {
                target.ensure(i); // the chunks first: the columns are then filled at the same time
            }
        }
        // on two threads: the stock codes, descriptions, times and customers on one, the rest on the other
        Interleaved.forEach(COLUMNS_MOVED, threads, () -> null, (none, column) -> {
            switch (column) {
                case 0 -> moveCodes(storage.stockCode, target.stockCode, null);
                case 1 -> moveInts(storage.invoice, target.invoice);
                case 2 -> moveCodes(storage.description, target.description, descriptionRecode);
                case 3 -> moveInts(storage.quantity, target.quantity);
                case 4 -> moveInts(storage.time, target.time);
                case 5 -> moveCodes(storage.price, target.price, null);
                case 6 -> moveInts(storage.customer, target.customer);
                default -> {
                    for (int i = 0; i < size; i++) {
                        int from = at(i);
                        target.country[i >>> CHUNK_SHIFT][i & MASK] =
                                storage.country[from >>> CHUNK_SHIFT][from & MASK];
                    }
                }
            }
        });
        Storage kept = ordered ? storage.handOver((size + CHUNK - 1) >>> CHUNK_SHIFT) : target;
        storage.drop();
        return new Transactions(size, null, null, kept, descriptions, IncompleteLines.NONE);
    }

    /** The eight columns of a line. */
    private static final int COLUMNS_MOVED = 8;

    /** Line i of {@code to} = this view's line i of {@code from}, for i ascending. */
    private void moveInts(int[][] from, int[][] to) {
        for (int i = 0; i < size; i++) {
            int row = at(i);
            to[i >>> CHUNK_SHIFT][i & MASK] = from[row >>> CHUNK_SHIFT][row & MASK];
        }
    }

    /** As {@link #moveInts}, each code through {@code recode} when given (the missing description kept). */
    private void moveCodes(CodeColumn from, CodeColumn to, int[] recode) {
        for (int i = 0; i < size; i++) {
            int code = from.get(at(i));
            to.set(i, recode == null || code == MISSING_DESCRIPTION ? code : recode[code]);
        }
    }

    /** The columns in chunks, shared by a table and the views selected from it. */
    private static final class Storage {
        int chunks;
        int[][] invoice = new int[1][];
        CodeColumn stockCode = new CodeColumn();
        CodeColumn description = new CodeColumn();
        int[][] quantity = new int[1][];
        int[][] time = new int[1][];
        CodeColumn price = new CodeColumn();
        int[][] customer = new int[1][];
        short[][] country = new short[1][];
        long timeBase = TIME_BASE;
        /** The source's lines that were skipped while reading (shared by every view). */
        BadLines badLines = BadLines.NONE;
        final StringDictionary invoices;
        final StringDictionary stockCodes;
        final StringDictionary countries;
        final PrimitiveDictionaries.Doubles prices;
        final PrimitiveDictionaries.Longs customers;

        Storage() {
            invoices = new StringDictionary();
            stockCodes = new StringDictionary();
            countries = new StringDictionary();
            prices = new PrimitiveDictionaries.Doubles();
            customers = new PrimitiveDictionaries.Longs();
        }

        /** Empty columns sharing {@code other}'s dictionaries, time base and skipped lines. */
        Storage(Storage other) {
            invoices = other.invoices;
            stockCodes = other.stockCodes;
            countries = other.countries;
            prices = other.prices;
            customers = other.customers;
            timeBase = other.timeBase;
            badLines = other.badLines;
        }

        /**
         * A storage holding this one's first {@code chunks} chunks (and its dictionaries): what a table
         * of fewer lines, moved down into them, needs. This one's later chunks are left to be dropped.
         */
        Storage handOver(int chunks) {
            Storage kept = new Storage(this);
            if (chunks > 0) {
                kept.invoice = Arrays.copyOf(invoice, chunks);
                kept.stockCode = stockCode.firstChunks(chunks);
                kept.description = description.firstChunks(chunks);
                kept.quantity = Arrays.copyOf(quantity, chunks);
                kept.time = Arrays.copyOf(time, chunks);
                kept.price = price.firstChunks(chunks);
                kept.customer = Arrays.copyOf(customer, chunks);
                kept.country = Arrays.copyOf(country, chunks);
                kept.chunks = chunks;
            }
            return kept;
        }

        /** Forgets every column: a table still using this storage fails on its next access. */
        void drop() {
            invoice = null;
            stockCode = null;
            description = null;
            quantity = null;
            time = null;
            price = null;
            customer = null;
            country = null;
            chunks = 0;
        }

        static int get(int[][] column, int index) {
            return column[index >>> CHUNK_SHIFT][index & MASK];
        }

        /** Makes room for the line at {@code index}: grows the first chunk by doubling, then adds chunks. */
        void ensure(int index) {
            int chunk = index >>> CHUNK_SHIFT;
            if (chunk == 0) {
                if (chunks == 0 || invoice[0].length <= index) {
                    int length = chunks == 0 ? FIRST_CHUNK : Math.min(CHUNK, invoice[0].length * 2);
                    invoice[0] = resize(invoice[0], length);
                    stockCode.resizeFirst(length);
                    description.resizeFirst(length);
                    quantity[0] = resize(quantity[0], length);
                    time[0] = resize(time[0], length);
                    price.resizeFirst(length);
                    customer[0] = resize(customer[0], length);
                    country[0] = country[0] == null ? new short[length] : Arrays.copyOf(country[0], length);
                    chunks = 1;
                }
                return;
            }
            if (chunk < chunks) {
                return;
            }
            if (chunk >= invoice.length) {
                int length = invoice.length * 2;
                invoice = Arrays.copyOf(invoice, length);
                stockCode.growSlots(length);
                description.growSlots(length);
                quantity = Arrays.copyOf(quantity, length);
                time = Arrays.copyOf(time, length);
                price.growSlots(length);
                customer = Arrays.copyOf(customer, length);
                country = Arrays.copyOf(country, length);
            }
            invoice[chunk] = new int[CHUNK];
            stockCode.addChunk(chunk);
            description.addChunk(chunk);
            quantity[chunk] = new int[CHUNK];
            time[chunk] = new int[CHUNK];
            price.addChunk(chunk);
            customer[chunk] = new int[CHUNK];
            country[chunk] = new short[CHUNK];
            chunks = chunk + 1;
        }

        private static int[] resize(int[] a, int length) {
            return a == null ? new int[length] : Arrays.copyOf(a, length);
        }
    }

    /**
     * A column of codes from {@code -1} (a missing description) up, in the same chunks as the other columns:
     * 16 bits a line (the code + 1 in a {@code char}) while every code stored is below {@value #NARROW_LIMIT},
     * else 32 bits. Stock codes, descriptions and prices have a few thousand distinct values in a retailer's
     * history (3,600 stock codes in the UCI file, 4,000 in the generator's), so their codes take 2 bytes a
     * line instead of 4: 6 bytes a line less, 0.44 GB at 100 M generated lines. The first larger code
     * widens the column once, copying the lines held so far.
     */
    private static final class CodeColumn {
        /** Codes below this are held in 16 bits (code + 1 up to {@code Character.MAX_VALUE}). */
        static final int NARROW_LIMIT = Character.MAX_VALUE;
        /** The chunks while narrow; null once widened. */
        private char[][] narrow = new char[1][];
        /** The chunks once widened; null while narrow. */
        private int[][] wide;

        int get(int index) {
            char[][] n = narrow;
            return n != null ? n[index >>> CHUNK_SHIFT][index & MASK] - 1 : wide[index >>> CHUNK_SHIFT][index & MASK];
        }

        void set(int index, int code) {
            if (narrow != null) {
                if (code < NARROW_LIMIT) {
                    narrow[index >>> CHUNK_SHIFT][index & MASK] = (char) (code + 1);
                    return;
                }
                widen();
            }
            wide[index >>> CHUNK_SHIFT][index & MASK] = code;
        }

        /** Whether codes are held in 16 bits. */
        boolean isNarrow() {
            return narrow != null;
        }

        private void widen() {
            int[][] w = new int[narrow.length][];
            for (int c = 0; c < narrow.length; c++) {
                char[] chunk = narrow[c];
                if (chunk != null) {
                    int[] codes = new int[chunk.length];
                    for (int i = 0; i < chunk.length; i++) {
                        codes[i] = chunk[i] - 1;
                    }
                    w[c] = codes;
                }
            }
            wide = w;
            narrow = null;
        }

        /** Resizes the first chunk to {@code length} slots, keeping its codes. */
        void resizeFirst(int length) {
            if (narrow != null) {
                narrow[0] = narrow[0] == null ? new char[length] : Arrays.copyOf(narrow[0], length);
            } else {
                wide[0] = wide[0] == null ? new int[length] : Arrays.copyOf(wide[0], length);
            }
        }

        /** Room for {@code length} chunks. */
        void growSlots(int length) {
            if (narrow != null) {
                narrow = Arrays.copyOf(narrow, length);
            } else {
                wide = Arrays.copyOf(wide, length);
            }
        }

        /** A full chunk at {@code chunk}. */
        void addChunk(int chunk) {
            if (narrow != null) {
                narrow[chunk] = new char[CHUNK];
            } else {
                wide[chunk] = new int[CHUNK];
            }
        }

        /** A column holding this one's first {@code chunks} chunks (the same arrays). */
        CodeColumn firstChunks(int chunks) {
            CodeColumn kept = new CodeColumn();
            kept.narrow = narrow == null ? null : Arrays.copyOf(narrow, chunks);
            kept.wide = wide == null ? null : Arrays.copyOf(wide, chunks);
            return kept;
        }
    }

    /**
     * A line the {@link Builder} cannot hold, for a reason of its own (a date too far from the first
     * line's, a country too many): the reader turns it into an error naming the line and field, or
     * skips the line.
     */
    public static final class Refused extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final transient BadLines.Reason reason;

        Refused(BadLines.Reason reason, String expected) {
            super(expected);
            this.reason = reason;
        }

        /** Why the line was refused. */
        public BadLines.Reason reason() {
            return reason;
        }
    }

    /** Builds {@link Transactions} line by line; storage grows by chunks, never copying what it holds. */
    public static final class Builder {
        private static final int MAX_LINES = Integer.MAX_VALUE - CHUNK;
        private static final int MAX_COUNTRIES = Short.MAX_VALUE + 1;

        private int size;
        private final Storage storage = new Storage();
        private final StringDictionary descriptions = new StringDictionary();
        private long lastCustomerId = MISSING_CUSTOMER;
        /**
         * By StockCode code, the UnitPrice code last stored or counted with it (-1: none yet): a product's lines
         * mostly repeat its price, so that code is tried before a look-up in the prices' table.
         */
        private int[] priceOfStockCode = new int[0];
        private int lastCustomerCode = MISSING_CUSTOMER_CODE;
        private final boolean storeIncomplete;
        private final IncompleteLines.Counter incomplete = new IncompleteLines.Counter();

        /** A builder storing every line. */
        public Builder() {
            this(true);
        }

        /**
         * @param storeIncomplete false to count, not store, the lines without CustomerID or Description
         *     ({@link Transactions#incomplete()}): their values still go into the dictionaries, in order,
         *     and they are checked as every other line
         */
        public Builder(boolean storeIncomplete) {
            this.storeIncomplete = storeIncomplete;
        }

        /**
         * Appends one line.
         *
         * @param description the description, or {@code null} when missing
         * @param customerId the customer, or {@link #MISSING_CUSTOMER}
         */
        public Builder add(String invoiceNo, String stockCode, String description, int quantity,
                           LocalDateTime invoiceDate, double unitPrice, long customerId, String country) {
            return add(invoiceNo, stockCode, description, quantity, invoiceDate.toEpochSecond(ZoneOffset.UTC),
                    unitPrice, customerId, country);
        }

        /**
         * Appends one line with its time as epoch seconds (local time read as UTC).
         *
         * @throws Refused when the time is outside {@link #FIRST_DAY} to {@link #LAST_DAY}, or the country would be a 32,769-th
         * @throws IllegalArgumentException when the line would be the 2^31-th
         */
        public Builder add(String invoiceNo, String stockCode, String description, int quantity,
                           long epochSecond, double unitPrice, long customerId, String country) {
            checkRoom();
            int offset = timeOffset(epochSecond);
            int countryCode = checkCountry(storage.countries.encode(country));
            return store(storage.invoices.encode(invoiceNo), storage.stockCodes.encode(stockCode),
                    description == null ? MISSING_DESCRIPTION : descriptions.encode(description), quantity, offset,
                    unitPrice, customerId, countryCode);
        }

        /**
         * Appends one line whose strings are already codes of {@link #invoices()}, {@link #stockCodes()},
         * {@link #descriptions()} ({@link #MISSING_DESCRIPTION} when missing) and {@link #countries()}:
         * lets a reader encode text straight from its buffer. Same checks, in the same order, as
         * {@link #add(String, String, String, int, long, double, long, String)}.
         */
        public Builder addEncoded(int invoiceCode, int stockCodeCode, int descriptionCode, int quantity,
                                  long epochSecond, double unitPrice, long customerId, int countryCode) {
            checkRoom();
            int offset = timeOffset(epochSecond);
            return store(invoiceCode, stockCodeCode, descriptionCode, quantity, offset, unitPrice, customerId,
                    checkCountry(countryCode));
        }

        /**
         * Throws what {@link #addEncoded} would for the time alone, before the caller encodes the
         * line's strings: a line refused for its date then adds nothing to the dictionaries.
         *
         * @throws Refused when the time is outside {@link #FIRST_DAY} to {@link #LAST_DAY}
         */
        public void checkTime(long epochSecond) {
            timeOffset(epochSecond);
        }

        /** Records the lines of the source skipped while reading. */
        public Builder badLines(BadLines skipped) {
            storage.badLines = Objects.requireNonNull(skipped, "skipped");
            return this;
        }

        /** The dictionary the invoice codes of {@link #addEncoded} refer to. */
        public StringDictionary invoices() {
            return storage.invoices;
        }

        /** The dictionary the stock code codes of {@link #addEncoded} refer to. */
        public StringDictionary stockCodes() {
            return storage.stockCodes;
        }

        /** The dictionary the description codes of {@link #addEncoded} refer to. */
        public StringDictionary descriptions() {
            return descriptions;
        }

        /** The dictionary the country codes of {@link #addEncoded} refer to. */
        public StringDictionary countries() {
            return storage.countries;
        }

        private void checkRoom() {
            if (size >= MAX_LINES) {
                throw new IllegalArgumentException("more than " + MAX_LINES + " lines do not fit in one table");
            }
        }

        private int timeOffset(long epochSecond) {
            if (epochSecond < FIRST_TIME || epochSecond > LAST_TIME) {
                // a fixed window, not one around the first line's time: the line at fault is the one named
                throw new Refused(BadLines.Reason.DATE, "expected a date from " + FIRST_DAY + " to " + LAST_DAY);
            }
            return (int) (epochSecond - storage.timeBase);
        }

        private static int checkCountry(int countryCode) {
            if (countryCode >= MAX_COUNTRIES) {
                throw new Refused(BadLines.Reason.COUNTRY, "more than " + MAX_COUNTRIES + " distinct countries");
            }
            return countryCode;
        }

        private Builder store(int invoiceCode, int stockCodeCode, int descriptionCode, int quantity, int offset,
                              double unitPrice, long customerId, int countryCode) {
            if (!storeIncomplete && (customerId == MISSING_CUSTOMER || descriptionCode == MISSING_DESCRIPTION)) {
                countIncomplete(invoiceCode, stockCodeCode, descriptionCode, unitPrice, customerId, countryCode);
                return this;
            }
            int i = size;
            storage.ensure(i);
            int chunk = i >>> CHUNK_SHIFT;
            int at = i & MASK;
            storage.invoice[chunk][at] = invoiceCode;
            storage.stockCode.set(i, stockCodeCode);
            storage.description.set(i, descriptionCode);
            storage.quantity[chunk][at] = quantity;
            storage.time[chunk][at] = offset;
            storage.price.set(i, priceCode(stockCodeCode, unitPrice));
            storage.customer[chunk][at] = customerCode(customerId);
            storage.country[chunk][at] = (short) countryCode;
            size = i + 1;
            return this;
        }

        /** The code of {@code unitPrice}, the one last given with the same StockCode tried first. */
        private int priceCode(int stockCodeCode, double unitPrice) {
            if (stockCodeCode >= priceOfStockCode.length) {
                int old = priceOfStockCode.length;
                priceOfStockCode = Arrays.copyOf(priceOfStockCode, Math.max(stockCodeCode + 1, old * 2));
                Arrays.fill(priceOfStockCode, old, priceOfStockCode.length, -1);
            }
            int code = storage.prices.encode(unitPrice, priceOfStockCode[stockCodeCode]);
            priceOfStockCode[stockCodeCode] = code;
            return code;
        }

        /** The code of {@code customerId} (one look-up for the lines of an invoice, which come together). */
        private int customerCode(long customerId) {
            if (customerId != lastCustomerId) {
                lastCustomerId = customerId;
                lastCustomerCode = customerId == MISSING_CUSTOMER
                        ? MISSING_CUSTOMER_CODE : storage.customers.encode(customerId);
            }
            return lastCustomerCode;
        }

        /** Counts a line not stored; its price and customer take their codes as if it were. */
        private void countIncomplete(int invoiceCode, int stockCodeCode, int descriptionCode, double unitPrice,
                                     long customerId, int countryCode) {
            priceCode(stockCodeCode, unitPrice);
            customerCode(customerId);
            incomplete.add(storage.invoices.decode(invoiceCode).isBlank(),
                    storage.stockCodes.decode(stockCodeCode).isBlank(), descriptionCode == MISSING_DESCRIPTION,
                    customerId == MISSING_CUSTOMER, storage.countries.decode(countryCode).isBlank());
        }

        /** Lines stored so far. */
        public int size() {
            return size;
        }

        /** The lines added so far, sharing the builder's storage; the builder must not be used afterwards. */
        public Transactions build() {
            return new Transactions(size, null, null, storage, descriptions, incomplete.result());
        }
    }
}
