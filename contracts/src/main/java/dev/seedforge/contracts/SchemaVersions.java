package dev.seedforge.contracts;

/** The version every record on a topic carries, so a consumer can refuse what it does not understand. */
public final class SchemaVersions {

    public static final int CURRENT = 1;

    private SchemaVersions() {
    }

    /** Throws when a record was written by a producer speaking another version of the contracts. */
    public static void requireSupported(int version, String record) {
        if (version != CURRENT) {
            throw new UnsupportedSchemaVersionException(
                    record + ": unsupported schemaVersion " + version + " (this service reads " + CURRENT + ")");
        }
    }

    public static final class UnsupportedSchemaVersionException extends IllegalArgumentException {
        public UnsupportedSchemaVersionException(String message) {
            super(message);
        }
    }
}
