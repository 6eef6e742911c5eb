package dev.esl.tagmanager.task;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a price-change CSV: a header naming the columns {@code sku}, {@code price} and optionally
 * {@code unitPrice} and {@code promo} (any order, any case; other columns are ignored), then one row per
 * product, prices with a dot as decimal separator. A row that cannot be read is reported with its line number
 * (the header is line 1) and the rest are still read.
 */
public final class PriceChangeCsv {

    /** The rows that could be read, and the problems of those that could not. */
    public record Parsed(List<PriceChangeRow> rows, List<RowError> errors) {
    }

    private PriceChangeCsv() {
    }

    public static Parsed parse(Reader csv) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).get();
        List<PriceChangeRow> rows = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(csv, format)) {
            Map<String, String> columns = columns(parser.getHeaderNames());
            for (String required : List.of("sku", "price")) {
                if (!columns.containsKey(required)) {
                    errors.add(new RowError(1, null, List.of("header: no '" + required + "' column (found "
                            + parser.getHeaderNames() + ")")));
                    return new Parsed(List.of(), errors);
                }
            }
            for (CSVRecord record : parser) {
                read(record, columns, rows, errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // A broken quote or similar: Commons CSV stops there; what was read before still counts.
            errors.add(new RowError(rows.size() + errors.size() + 2, null, List.of("unreadable CSV: " + e.getMessage())));
        }
        return new Parsed(rows, errors);
    }

    private static void read(CSVRecord record, Map<String, String> columns, List<PriceChangeRow> rows,
            List<RowError> errors) {
        int line = (int) record.getRecordNumber() + 1;
        List<String> problems = new ArrayList<>();
        String sku = value(record, columns.get("sku"));
        BigDecimal price = amount(record, columns.get("price"), "price", problems);
        BigDecimal unitPrice = amount(record, columns.get("unitprice"), "unitPrice", problems);
        String promo = value(record, columns.get("promo"));
        if (!record.isConsistent()) {
            problems.add("expected " + record.getParser().getHeaderNames().size() + " columns, found " + record.size());
        }
        if (problems.isEmpty()) {
            rows.add(new PriceChangeRow(line, sku, price, unitPrice, promo == null || promo.isEmpty() ? null : promo));
        } else {
            errors.add(new RowError(line, sku, problems));
        }
    }

    private static Map<String, String> columns(List<String> headerNames) {
        Map<String, String> columns = new TreeMap<>();
        for (String name : headerNames) {
            columns.putIfAbsent(name.trim().toLowerCase(Locale.ROOT).replace("_", ""), name);
        }
        return columns;
    }

    private static String value(CSVRecord record, String column) {
        if (column == null || !record.isMapped(column) || !record.isSet(column)) {
            return null;
        }
        return record.get(column);
    }

    private static BigDecimal amount(CSVRecord record, String column, String field, List<String> problems) {
        String v = value(record, column);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            problems.add(field + ": not a number: '" + v + "'");
            return null;
        }
    }
}
