package io.retailseg.domain;

import java.util.List;

/** The eight columns of a transaction line, with the names the two UCI data sets give them. */
public enum Column {
    INVOICE_NO("InvoiceNo", "Invoice"),
    STOCK_CODE("StockCode", "StockCode"),
    DESCRIPTION("Description", "Description"),
    QUANTITY("Quantity", "Quantity"),
    INVOICE_DATE("InvoiceDate", "InvoiceDate"),
    UNIT_PRICE("UnitPrice", "Price"),
    CUSTOMER_ID("CustomerID", "Customer ID"),
    COUNTRY("Country", "Country");

    private final String onlineRetailName;
    private final String onlineRetailIIName;

    Column(String onlineRetailName, String onlineRetailIIName) {
        this.onlineRetailName = onlineRetailName;
        this.onlineRetailIIName = onlineRetailIIName;
    }

    /** The column's name in UCI "Online Retail" (id 352), also the name used in {@code --columns}. */
    public String canonicalName() {
        return onlineRetailName;
    }

    /** Header names recognised without a mapping: Online Retail and Online Retail II. */
    public List<String> knownHeaderNames() {
        return onlineRetailName.equals(onlineRetailIIName)
                ? List.of(onlineRetailName)
                : List.of(onlineRetailName, onlineRetailIIName);
    }

    /** The column whose canonical name is {@code name} (case-insensitive). */
    public static Column byCanonicalName(String name) {
        for (Column c : values()) {
            if (c.onlineRetailName.equalsIgnoreCase(name.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown column '" + name + "', expected one of InvoiceNo, StockCode,"
                + " Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country");
    }
}
