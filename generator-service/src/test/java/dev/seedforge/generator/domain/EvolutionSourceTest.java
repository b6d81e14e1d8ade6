package dev.seedforge.generator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Json;

class EvolutionSourceTest {

    private static Candidate candidate(String id, String json) throws Exception {
        return new Candidate(1, id, "job", "op=complete|complexity=simple", ExampleFormat.OPENAI,
                Json.MAPPER.readTree(json), null);
    }

    private static Candidate good(String id) throws Exception {
        return candidate(id, "{\"messages\":[{\"role\":\"user\",\"content\":\"Close task " + id
                + "\"},{\"role\":\"assistant\",\"content\":\"Completed task " + id + "\"}]}");
    }

    @Test
    void aMalformedCandidateIsNeverEvolved() throws Exception {
        Candidate twoUsers = candidate("bad", "{\"messages\":[{\"role\":\"user\",\"content\":\"Close it\"},"
                + "{\"role\":\"assistant\",\"content\":\"Done\"},{\"role\":\"user\",\"content\":\"Thanks\"}]}");
        List<Candidate> pool = List.of(twoUsers, good("a"), good("b"));
        for (long call = 0; call < 20; call++) {
            Candidate chosen = EvolutionSource.choose(pool, "op=complete|complexity=edge_case", call);
            assertTrue(chosen.candidateId().equals("a") || chosen.candidateId().equals("b"), chosen.candidateId());
        }
        assertNull(EvolutionSource.choose(List.of(twoUsers), "cell", 3), "nothing well-formed, nothing to evolve");
    }

    @Test
    void successiveCallsEvolveDifferentExamples() throws Exception {
        List<Candidate> pool = List.of(good("a"), good("b"), good("c"));
        Set<String> chosen = new HashSet<>();
        for (long call = 10; call < 13; call++) {
            chosen.add(EvolutionSource.choose(pool, "cell", call).candidateId());
        }
        assertEquals(Set.of("a", "b", "c"), chosen);
    }
}
