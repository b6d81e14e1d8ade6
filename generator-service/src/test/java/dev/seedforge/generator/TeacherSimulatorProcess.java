package dev.seedforge.generator;

import java.util.Map;

import dev.seedforge.testsupport.SimulatorProcess;

/** The packaged simulator as the generator's configured teacher: the batch mode's tests talk to it through that. */
public class TeacherSimulatorProcess extends SimulatorProcess {

    @Override
    protected Map<String, String> configFor(String url) {
        return Map.of("quarkus.langchain4j.openai.teacher.base-url", url + "/v1");
    }
}
