package dev.seedforge.support.persistence;

import java.util.Collection;
import java.util.List;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

/**
 * The rows whose key is one of many, as one statement whose text never changes: the keys go to PostgreSQL as one array
 * ({@code = any(?)}, which the key's index serves). An HQL {@code in} list binds one parameter per key, and Hibernate
 * translates such a query again on every execution (a query with multi-valued parameters is never kept in its plan
 * cache): 6 to 12% of the generator's, the validator's and the exporter's Java samples in a profile of bench/pipeline.
 * The table is named as mapped, without its schema: Hibernate puts the service's default schema before it.
 */
public final class KeyedRows {

    private KeyedRows() {
    }

    /** The {@code entity} rows of {@code table} whose {@code column} is one of {@code keys} (none for no keys). */
    public static <T> Uni<List<T>> find(Mutiny.Session session, Class<T> entity, String table, String column,
            Collection<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return session.createNativeQuery("select * from {h-schema}" + table + " where " + column + " = any(:keys)", entity)
                .setParameter("keys", keys.toArray(String[]::new)).getResultList();
    }
}
