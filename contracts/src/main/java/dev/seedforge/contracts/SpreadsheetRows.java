package dev.seedforge.contracts;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * Seeds written in a spreadsheet and saved as CSV or TSV: a header row names the columns (Alpaca's, or a request and
 * a reply under the names {@link RequestReplyRecords} reads), and each further row is one record. Excel's CSV in
 * locales whose decimal mark is a comma separates by semicolons; the header row tells which.
 */
final class SpreadsheetRows {

    private static final CsvMapper CSV = new CsvMapper();

    private SpreadsheetRows() {
    }

    /** A file a spreadsheet saved, by its name. */
    static boolean isOne(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".csv") || lower.endsWith(".tsv");
    }

    /** The rows as records of text; an empty cell is left out, as if the column were not there. */
    static List<JsonNode> read(String text, String name, String field) {
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnSeparator(separator(text, name));
        List<JsonNode> records = new ArrayList<>();
        try (MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class).with(schema)
                .readValues(text)) {
            while (rows.hasNextValue()) {
                ObjectNode record = Json.MAPPER.createObjectNode();
                rows.nextValue().forEach((column, value) -> {
                    if (value != null && !value.isEmpty()) {
                        record.put(column.strip(), value);
                    }
                });
                records.add(record);
            }
        } catch (JsonProcessingException e) {
            throw new InvalidJobSpecException(field, name + " line " + e.getLocation().getLineNr()
                    + " is not a row of the header's columns: " + e.getOriginalMessage());
        } catch (RuntimeException | IOException e) {
            throw new InvalidJobSpecException(field, name + " cannot be read as " + kind(name) + ": " + e.getMessage());
        }
        if (records.isEmpty()) {
            throw new InvalidJobSpecException(field, name + " has a header row and no rows under it");
        }
        return records;
    }

    /** A tab for TSV; for CSV, whichever of comma, semicolon and tab the header row has most of. */
    private static char separator(String text, String name) {
        if (name.toLowerCase(Locale.ROOT).endsWith(".tsv")) {
            return '\t';
        }
        int end = text.indexOf('\n');
        String header = end < 0 ? text : text.substring(0, end);
        char best = ',';
        long most = header.chars().filter(c -> c == ',').count();
        for (char candidate : new char[] { ';', '\t' }) {
            long count = header.chars().filter(c -> c == candidate).count();
            if (count > most) {
                best = candidate;
                most = count;
            }
        }
        return best;
    }

    private static String kind(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".tsv") ? "TSV" : "CSV";
    }
}
